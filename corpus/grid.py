"""Where a table's cells stand on a grid of rows and columns, for the producers that place
cells themselves (spreadsheets, reportlab): the label column is column 0, header rows come
first, and a header cell that spans columns or rows is placed at its top left slot."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.document import HeaderCell, Table


@dataclass(frozen=True)
class Placed:
    row: int  # 0-based, header rows first
    column: int  # 0 is the label column
    text: str
    span: int = 1
    rows: int = 1


def header_places(table: Table) -> list[Placed]:
    """The label header over all header rows, then each header cell at its slot."""
    if not table.header:
        return []
    places = [Placed(0, 0, table.label_header, rows=len(table.header))]
    taken = [[False] * table.n_columns for _ in table.header]
    for r, header_row in enumerate(table.header):
        free = (c for c in range(table.n_columns) if not taken[r][c])
        for cell in header_row:
            start = next(free)
            for _ in range(cell.span - 1):
                next(free)
            _take(taken, r, start, cell)
            places.append(Placed(r, start + 1, cell.text, cell.span, cell.rows))
    return places


def _take(taken: list[list[bool]], row: int, start: int, cell: HeaderCell) -> None:
    for dr in range(cell.rows):
        for dc in range(cell.span):
            taken[row + dr][start + dc] = True


def covered(places: list[Placed]) -> set[tuple[int, int]]:
    """The slots that a spanning cell covers besides its own."""
    return {(p.row + dr, p.column + dc) for p in places
            for dr in range(p.rows) for dc in range(p.span) if dr or dc}
