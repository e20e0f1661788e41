"""Tables in ruled grids: where the grid's cells, not the text's spacing, say what is a row
and which header names a column."""

from __future__ import annotations

from pipeline.core.records import BBox, Rule, Word
from pipeline.read.layout import words_to_lines
from pipeline.tables.ruled import find_ruled_tables


def _cell_words(box: BBox, text: str, top: float, right: bool = False) -> list[Word]:
    width = 4 * len(text) + 2 * (text.count(" "))
    x = box.x1 - 3 - width if right else box.x0 + 3
    out = []
    for piece in text.split():
        out.append(Word(piece, BBox(x, top, x + 4 * len(piece), top + 7.5), 7.5, False))
        x += 4 * len(piece) + 2
    return out


# Columns: Prio | Status | Investering | Budget 2027 | Plan 2028 | Total. The header's last
# two cells are cut at 260, the body's at 240: two grids drawn over each other.
_BODY_X = (40, 60, 80, 180, 220, 240, 300)
_HEADER_X = (40, 60, 80, 180, 220, 260, 300)


def _investment_grid() -> tuple[list[BBox], list[Word]]:
    cells, words = [], []
    header = ("Prio", "Status", "Investeringar (tkr)", "Budget 2027", "Plan 2028", "Total")
    for c, text in enumerate(header):
        box = BBox(_HEADER_X[c], 50, _HEADER_X[c + 1], 62)
        cells.append(box)
        words += _cell_words(box, text, 52)
    projects = [("1", "P", ("Utrustning uppstart", "Korsavadsanläggningen"), "1 000", "500",
                 "1 500"),
                ("2", "N", ("Valfisken inklusive", "gamingrum"), "1 450", "750", "2 200"),
                ("3", "P", ("Ombyggnad av", "Hafreborg"), "400", "100", "500")]
    for n, (prio, status, name, budget, plan, total) in enumerate(projects):
        top = 62 + 24 * n
        # The name is drawn in two cells, one per line; the other cells span both.
        for c, text in ((0, prio), (1, status), (3, budget), (4, plan), (5, total)):
            box = BBox(_BODY_X[c], top, _BODY_X[c + 1], top + 24)
            cells.append(box)
            words += _cell_words(box, text, top + 2, right=c >= 3)
        for line, text in enumerate(name):
            box = BBox(_BODY_X[2], top + 12 * line, _BODY_X[3], top + 12 * (line + 1))
            cells.append(box)
            words += _cell_words(box, text, top + 2 + 12 * line)
    return cells, words


def test_a_grid_whose_rows_span_two_label_lines_is_read_from_its_cells():
    """Row numbers in the first column start every line with a value, so the text alone
    breaks the table at each wrapped name. The grid holds the rows together: a name's second
    line is drawn in a cell of its own, under cells of the row that span both lines. The
    status letters are codes, not the row labels; and a body column is named by the header
    cell that covers most of it, where the two grids are cut apart."""
    cells, words = _investment_grid()
    lines = words_to_lines(words)
    rules = [Rule(BBox(40, y, 300, y)) for y in (50, 62, 86, 110, 134)]
    [table] = find_ruled_tables([cells], words, lines, rules, page=4).tables
    assert [r.label for r in table.rows] == [
        "Utrustning uppstart Korsavadsanläggningen", "Valfisken inklusive gamingrum",
        "Ombyggnad av Hafreborg"]
    labels = table.column_labels
    assert [[(labels[c.column], c.text) for c in r.cells] for r in table.rows][0] == [
        ("Prio", "1"), ("Budget 2027", "1 000"), ("Plan 2028", "500"), ("Total", "1 500")]
