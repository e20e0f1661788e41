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


def _at(top: float, text: str, x0: float) -> Word:
    return Word(text, BBox(x0, top, x0 + 4 * len(text), top + 7.5), 7.5, False)


def _run_together(top: float, label: str, numbers: list[tuple[str, float]]) -> list[Word]:
    return _words(top, (label, 40)) + [_at(top, text, x0) for text, x0 in numbers]


def test_numbers_run_together_are_cut_where_other_rows_end_their_columns():
    """Cells set with less than a word's gap between them read as one number ("308 896 263
    759 308 865"); a thousands group ends on no other row's column edge, a cell does, and
    the gap between two cells is the wider one."""
    words = (_words(60, ("2016", 204), ("2017", 234), ("2018", 264))
             + _run_together(70, "Utlån", [("308", 194), ("896", 208), ("263", 224),
                                           ("759", 238), ("308", 254), ("865", 268)])
             + _run_together(80, "Platser", [("391", 208), ("421", 238), ("351", 268)]))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["308 896", "263 759", "308 865"], ["391", "421", "351"]]
    assert table.column_labels == ("2016", "2017", "2018")


def test_a_number_whose_groups_are_set_as_wide_as_the_columns_is_not_cut():
    """The same rows with every gap alike: nothing says which gap parts two cells, so the
    run stays one cell rather than being cut at a guess."""
    words = (_run_together(70, "Utlån", [("308", 194), ("896", 209), ("263", 224),
                                         ("759", 239), ("308", 254), ("865", 269)])
             + _run_together(80, "Platser", [("391", 209), ("421", 239), ("351", 269)]))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["308 896 263 759 308 865"], ["391", "421", "351"]]
