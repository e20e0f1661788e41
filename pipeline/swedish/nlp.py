"""Swedish language tools built on spacy.blank("sv"): tokens and lookup lemmas.

No trained Swedish pipeline can be installed, so lemmas come from spacy-lookups-data's
Swedish lookup table (shipped with the package, nothing is downloaded), with fixes where that
table maps a common word to a wrong lemma ("med" -> "mede", "företag" -> "företa").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

import spacy
import srsly
from spacy.language import Language

# Where the lookup table is wrong for the words reports use, the right lemma.
# Kön as tables print it: the groups a measure is split by (its breakdown, as printed), and
# the words a personnel table's rows may name the sexes with.
SEX_GROUPS = frozenset({"män", "kvinnor", "pojkar", "flickor"})
SEX_WORDS = SEX_GROUPS | {"man", "kvinna"}


LEMMA_FIXES = {
    "med": "med", "kurs": "kurs", "kurser": "kurs", "företag": "företag",
    "företagen": "företag", "företagens": "företag", "sin": "sin", "sina": "sin", "sitt": "sin",
    "deltagare": "deltagare", "deltagaren": "deltagare", "deltagarna": "deltagare",
    "medarbetare": "medarbetare", "medarbetarna": "medarbetare", "studerande": "studerande",
    "andelen": "andel", "antalet": "antal", "vid": "vid", "om": "om", "var": "var",
    "in": "in", "minska": "minska", "minskar": "minska", "minskat": "minska",
    "en": "en", "ett": "en", "för": "för", "god": "god", "goda": "god", "gott": "god",
    "har": "ha", "hade": "ha", "måluppfyllelsen": "måluppfyllelse",
    "måluppfyllnaden": "måluppfyllnad", "mål": "mål", "målet": "mål", "målen": "mål",
    "målens": "mål", "får": "få", "fick": "få", "svenska": "svensk",
}
# Compound nouns the table lacks still inflect like their last part: "-omsättningen".
SUFFIX_LEMMAS = (("ningarna", "ning"), ("ningar", "ning"), ("ningen", "ning"), ("elsen", "else"),
                 ("heterna", "het"), ("heten", "het"), ("heter", "het"))
# Words that say which way a measure should go, not what it measures: "ökar", "ska minska".
# Lemmas, as lemma() gives them: "bör" is "böra" in the lookup table.
TREND_LEMMAS = frozenset({"öka", "minska", "förbättra", "försämra", "ska", "bör", "böra",
                          "skola"})


@cache
def swedish() -> Language:
    """The blank Swedish pipeline with a sentencizer; built once per process."""
    nlp = spacy.blank("sv")
    nlp.add_pipe("sentencizer")
    nlp.initialize()
    return nlp


@cache
def lemma_table() -> dict[str, str]:
    """spacy-lookups-data's Swedish lookup table (what spaCy's lookup lemmatizer reads),
    read as a plain dict: a third of a second, where building spaCy's table of it takes
    nearly two."""
    data = resources.files("spacy_lookups_data") / "data" / "sv_lemma_lookup.json.gz"
    with resources.as_file(data) as path:
        table = srsly.read_gzip_json(path)
    return dict(table)


# A document's prose is asked about by several stages (tags, verdicts, the legend, the
# scale), each splitting and lemmatising the same sentences; spaCy's tokenizer is most of
# that time, and both answers are pure functions of the text, so each is computed once.
TEXT_CACHE = 1 << 15


def sentences(text: str) -> list[str]:
    """The sentences of a text; a line break (after a heading) ends one too."""
    return list(_sentences(text))


@lru_cache(maxsize=TEXT_CACHE)
def _sentences(text: str) -> tuple[str, ...]:
    sentencizer = swedish().get_pipe("sentencizer")
    return tuple(s.text.strip() for part in text.split("\n")
                 for s in sentencizer(swedish().make_doc(part)).sents if s.text.strip())


@cache
def lemma(word: str) -> str:
    low = word.lower()
    if low in LEMMA_FIXES:
        return LEMMA_FIXES[low]
    found = lemma_table().get(low)
    if found:
        return str(found).lower()  # the table has "er" -> "Ni"
    for ending, base in SUFFIX_LEMMAS:
        if low.endswith(ending) and len(low) > len(ending) + 3:
            return low[: -len(ending)] + base
    return low


def lemmas(text: str) -> list[str]:
    """Lemmas of the words in `text`, lower case, without punctuation."""
    return list(_lemmas(text))


@lru_cache(maxsize=TEXT_CACHE)
def _lemmas(text: str) -> tuple[str, ...]:
    return tuple(lemma(t.text) for t in swedish().make_doc(text) if _WORDLIKE.search(t.text))


_WORDLIKE = re.compile(r"\w")


def measure_key(name: str) -> str:
    """One key for one measure across reports: lemmas in order, without the trend words, so
    that "Andelen elever ... ökar" and "Andel elever ..." and "Antalet X ökar" / "Antal X"
    meet."""
    return " ".join(w for w in lemmas(name) if w not in TREND_LEMMAS)
