"""The Swedish language as reports print it: numbers (typography: minus signs, spaces
between thousands, decimal commas, units) and words (tokens, lemmas, sentences, measure keys
on spacy.blank("sv")). Takes text, gives values and lemmas; knows nothing of PDFs."""
