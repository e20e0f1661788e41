"""A generated report as every producer lays it out: pages of headings, paragraphs and tables.

Each page is forced (a producer breaks the page after it), so the generator knows the page of
every cell it prints; each value cell carries its truth (the row and column label a reader
gives it, the text as printed, the value, and the typed row it must become).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Typed:
    """The contract row a value cell must become: its dataset and the fields that key it."""

    dataset: str  # measures, finances, volumes, key_figures
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Truth:
    row_label: str
    column_label: str
    typed: Typed | None = None


@dataclass(frozen=True)
class Cell:
    text: str  # as printed ("" for an empty cell)
    value: float | None = None
    truth: Truth | None = None


@dataclass(frozen=True)
class HeaderCell:
    text: str  # "\n" where the header breaks its line
    span: int = 1  # columns
    rows: int = 1  # header rows (a cell of the top row standing over the rows below it)


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    role: str = "item"  # item, category, subtotal, total
    indent: bool = False


@dataclass(frozen=True)
class Table:
    title: str  # printed above the table ("" for none)
    label_header: str  # the header above the label column
    header: tuple[tuple[HeaderCell, ...], ...]  # rows of header cells over the value columns
    rows: tuple[Row, ...]
    unit_line: str = ""  # a line of its own above the table ("Belopp i tkr")
    note: str = ""  # a footnote below
    caption: str = ""  # a caption line that ties the table to what is above it
    width: str = "full"  # full, column (in a two-column page: one column's width)
    label_share: float = 0.4
    continued: bool = False  # the rest of a table from the page before
    heading_title: bool = False  # the title is printed as a heading, not a table caption

    @property
    def n_columns(self) -> int:
        return sum(c.span for c in self.header[0]) if self.header else (
            len(self.rows[0].cells) if self.rows else 0)


def header_grid(header: tuple[tuple[HeaderCell, ...], ...]) -> list[list[str]]:
    """The header as a grid of texts, one per header row and value column: a cell that
    spans columns or rows fills each slot it covers."""
    width = sum(c.span for c in header[0]) if header else 0
    grid: list[list[str | None]] = [[None] * width for _ in header]
    for r, row in enumerate(header):
        slots = iter([c for c in range(width) if grid[r][c] is None])
        for cell in row:
            start = next(slots)
            for _ in range(cell.span - 1):
                next(slots)
            for dr in range(cell.rows):
                for dc in range(cell.span):
                    # the text counts once: in the top row of a cell that stands over rows
                    grid[r + dr][start + dc] = cell.text if dr == 0 else ""
    return [[t or "" for t in row] for row in grid]


def column_labels(header: tuple[tuple[HeaderCell, ...], ...]) -> list[str]:
    """Each value column's label as a reader gives it: its header lines, top to bottom."""
    grid = header_grid(header)
    return [" ".join(" ".join(t.split()) for t in texts if t.strip())
            for texts in zip(*grid, strict=True)]


@dataclass(frozen=True)
class Text:
    kind: str  # title, subtitle, h1, h2, h3, p, small
    text: str


Block = Text | Table


@dataclass(frozen=True)
class Page:
    blocks: tuple[Block, ...]
    landscape: bool = False
    columns: int = 1  # 2: the page's text is set in two columns (tables marked "full" span)


@dataclass(frozen=True)
class GoalTruth:
    """A goal the report states and the verdict it gives it, on the goal's page, with the
    sentence that says it."""

    page: int
    goal: str
    verdict: str  # met, partly_met, not_met
    evidence: str


@dataclass(frozen=True)
class Document:
    name: str  # the file name without extension
    title: str  # the document's title (metadata, running header)
    running_header: str
    pages: tuple[Page, ...] = field(default=())
    goals: tuple[GoalTruth, ...] = field(default=())

    def cells(self) -> list[tuple[int, Table, Row, Cell]]:
        """Every value cell with its page (1-based), table and row."""
        return [(n, block, row, cell)
                for n, page in enumerate(self.pages, start=1)
                for block in page.blocks if isinstance(block, Table)
                for row in block.rows for cell in row.cells if cell.truth is not None]
