"""The whitespace table finder on lines built from words: captions, headers, rows."""

from __future__ import annotations

from pipeline.layout import words_to_lines
from pipeline.records import BBox, Word
from pipeline.tables import find_whitespace_tables


def _words(top: float, *cells: tuple[str, float], bold: bool = False) -> list[Word]:
    out = []
    for text, x0 in cells:
        x = x0
        for piece in text.split():
            out.append(Word(piece, BBox(x, top, x + 4 * len(piece), top + 7.5), 7.5, bold))
            x += 4 * len(piece) + 2  # a word space

    return out


def test_a_caption_is_the_title_and_years_beside_a_budget_word_are_the_header():
    """Försäkringskassan's Tabell 46: "2010 2011 2012 Budget" over "2012"; the caption line
    above is the table's title, never a header line."""
    words = (_words(65, ("Tabell 46", 57), ("Administration, tusental kronor", 113),
                     bold=True)
             + _words(82, ("2010", 161), ("2011", 200), ("2012", 239), ("Budget", 269))
             + _words(91, ("2012", 278))
             + _words(113, ("Avgiftsintäkter", 57), ("6 889", 159), ("7 442", 198),
                      ("8 907", 237), ("7 500", 276))
             + _words(124, ("Kostnader", 57), ("–6 889", 155), ("–7 442", 194),
                      ("–8 907", 233), ("–7 500", 272)))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=131)
    assert table.column_labels == ("2010", "2011", "2012", "Budget 2012")
    assert table.title.startswith("Tabell 46")
    assert [r.label for r in table.rows] == ["Avgiftsintäkter", "Kostnader"]
