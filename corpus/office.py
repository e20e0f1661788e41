"""What the office-suite producers share (Word's .docx by python-docx, OpenDocument's .odt by
odfpy): the page geometry, where each header cell of a table sits, the rules and fill each
cell gets from its table style (drawn as render_html's CSS draws them), and column widths
that keep every value and word whole.

Functions of the document and style (the widths also of the font files fontconfig finds), so
both writers print a table alike and only their file formats differ.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass

from corpus.document import Block, HeaderCell, Page, Row, Table, Text
from corpus.style import TableStyle

GRID_RULE = (0.6, "444444")  # (width in pt, colour as hex)
HEAD_RULE = (1.2, "000000")
TOTAL_RULE = (0.8, "000000")
DARK_FILL = "1f4e79"  # the one header fill that takes white text
ZEBRA_FILL = "f0f0f0"
MM_PER_PT = 25.4 / 72
MEASURE_SIZE = 100  # pt: the size texts are measured at, scaled to the size they print at
MEASURE_SLACK = 1.05  # LibreOffice's layout runs a little wider than the font's advances
# Where no font file is found: average character width in em (regular, bold) of each report
# font, measured on the widest of the texts tables print and rounded up by some 5 %.
EM_WIDTHS = {"DejaVu Sans": (0.65, 0.71), "Liberation Sans": (0.56, 0.61),
             "Carlito": (0.5, 0.52), "Liberation Serif": (0.5, 0.55),
             "Caladea": (0.5, 0.56)}

Rule = tuple[float, str]


@dataclass(frozen=True)
class Geometry:
    """A page and its margins in mm, as a municipal Word template sets them."""

    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float
    header: float = 8.0  # from the page edge to the running header
    footer: float = 8.0
    gap: float = 9.0  # between the columns of a two-column page

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def column_width(self) -> float:
        return (self.text_width - self.gap) / 2


PORTRAIT = Geometry(210, 297, top=20, right=16, bottom=20, left=18)
LANDSCAPE = Geometry(297, 210, top=18, right=18, bottom=16, left=18)


def geometry(landscape: bool) -> Geometry:
    return LANDSCAPE if landscape else PORTRAIT


@dataclass(frozen=True)
class Borders:
    top: Rule | None = None
    bottom: Rule | None = None
    left: Rule | None = None
    right: Rule | None = None


@dataclass(frozen=True)
class PlacedHeader:
    """A header cell at its place: header row and first value column (0-based)."""

    row: int
    column: int
    cell: HeaderCell


def placed_header(header: tuple[tuple[HeaderCell, ...], ...]) -> list[PlacedHeader]:
    """Each header cell with its row and column: a cell takes the first slot of its row that
    no cell from a row above stands over (as corpus.document.header_grid counts them)."""
    width = sum(c.span for c in header[0]) if header else 0
    taken = [[False] * width for _ in header]
    placed = []
    for r, row in enumerate(header):
        slots = iter([c for c in range(width) if not taken[r][c]])
        for cell in row:
            start = next(slots)
            for _ in range(cell.span - 1):
                next(slots)
            for dr in range(cell.rows):
                for dc in range(cell.span):
                    taken[r + dr][start + dc] = True
            placed.append(PlacedHeader(r, start, cell))
    return placed


def header_borders(style: TableStyle, last_row: bool) -> Borders:
    """A header cell's rules; `last_row`: the cell reaches down to the body."""
    if style.rules == "grid":
        return Borders(GRID_RULE, GRID_RULE, GRID_RULE, GRID_RULE)
    if style.rules in ("horizontal", "header"):
        under = HEAD_RULE if last_row else (GRID_RULE if style.rules == "horizontal" else None)
        return Borders(bottom=under)
    return Borders()


def body_borders(style: TableStyle, row: Row) -> Borders:
    over = TOTAL_RULE if row.role in ("total", "subtotal") and style.rules != "none" else None
    if style.rules == "grid":
        return Borders(over or GRID_RULE, GRID_RULE, GRID_RULE, GRID_RULE)
    if style.rules == "horizontal":
        return Borders(over, GRID_RULE)
    return Borders(top=over)


def header_fill(style: TableStyle) -> str:
    return style.header_fill.lstrip("#").lower()


def header_text_colour(style: TableStyle) -> str:
    return "ffffff" if header_fill(style) == DARK_FILL else "000000"


def body_fill(style: TableStyle, index: int) -> str:
    """Zebra rows shade every second body row, the second first (CSS nth-child(even))."""
    return ZEBRA_FILL if style.zebra and index % 2 == 1 else ""


def label_bold(row: Row) -> bool:
    return row.role in ("category", "subtotal", "total")


def value_bold(row: Row) -> bool:
    return row.role in ("subtotal", "total")


@dataclass(frozen=True)
class TableLayout:
    widths: tuple[float, ...]  # mm: the label column, then each value column
    font_size: float
    padding: float


def table_layout(table: Table, style: TableStyle, font: str, width: float) -> TableLayout:
    """Column widths from the table's label share, moved where a value, a header word or a
    label's word would not fit its column: LibreOffice breaks "Kvinnor" into "Kvinno/r" and
    "263 666" over two lines rather than let them run over. Where they cannot all fit, the
    padding and then the font give way."""
    size, padding = style.font_size, style.padding
    for pad in sorted({padding, min(padding, 3.0), 1.5}, reverse=True):
        widths = _fit(table, width, font, size, pad)
        if widths:
            return TableLayout(widths, size, pad)
    while size > 6.0:
        size -= 0.25
        widths = _fit(table, width, font, size, 1.5)
        if widths:
            return TableLayout(widths, size, 1.5)
    label = width * table.label_share
    n = max(1, table.n_columns)
    return TableLayout((label, *([(width - label) / n] * n)), size, 1.5)


def _fit(table: Table, width: float, font: str, size: float, pad: float
         ) -> tuple[float, ...] | None:
    n = max(1, table.n_columns)
    spare = 2 * pad + 2.0  # pt: the cell's padding and a little air
    column_need = max(_value_needs(table, font, size), default=0.0)
    indent = 8.0 if any(row.indent for row in table.rows) else 0.0
    label_need = (_label_need(table, font, size) + spare + indent) * MM_PER_PT
    most = width - n * (column_need + spare) * MM_PER_PT  # the label's room
    if label_need > most:
        return None
    label = min(max(width * table.label_share, label_need), most)
    return (label, *([(width - label) / n] * n))


def _value_needs(table: Table, font: str, size: float) -> list[float]:
    """Each value column's widest line in pt: a value is never broken, a header only
    between its words."""
    needs = [0.0] * table.n_columns
    for placed in placed_header(table.header):
        words = _words(placed.cell.text)
        need = max((text_width(w, font, size, True) for w in words), default=0.0)
        for c in range(placed.column, placed.column + placed.cell.span):
            needs[c] = max(needs[c], need / placed.cell.span)
    for row in table.rows:
        for c, cell in enumerate(row.cells):
            needs[c] = max(needs[c], text_width(cell.text, font, size, value_bold(row)))
    return needs


def _label_need(table: Table, font: str, size: float) -> float:
    """The widest word of the label column in pt (a label wraps only between words)."""
    words = [(w, label_bold(row)) for row in table.rows for w in _words(row.label)]
    words += [(w, True) for w in _words(table.label_header)]
    return max((text_width(w, font, size, bold) for w, bold in words), default=0.0)


def _words(text: str) -> list[str]:
    # a thin space (U+2009) may break a line; a no-break space (U+00A0, U+202F) may not
    return [w for w in re.split(r"[ \n\u2009]+", text) if w]


def text_width(text: str, font: str, size: float, bold: bool) -> float:
    """A text's width in pt, measured in the font LibreOffice will set it in (as fontconfig
    finds it), a little over; where no font file is found, a generous estimate."""
    face = _face(font, bold)
    if face is None:
        regular, heavy = EM_WIDTHS.get(font, EM_WIDTHS["DejaVu Sans"])
        return len(text) * size * (heavy if bold else regular)
    return face.getlength(text) / MEASURE_SIZE * size * MEASURE_SLACK


@functools.cache
def _face(font: str, bold: bool):  # -> PIL.ImageFont.FreeTypeFont | None
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    found = subprocess.run([fc_match, "-f", "%{file}", f"{font}:bold" if bold else font],
                           capture_output=True, text=True, check=False).stdout.strip()
    if not found:
        return None
    from PIL import ImageFont

    return ImageFont.truetype(found, MEASURE_SIZE)


@dataclass(frozen=True)
class Segment:
    """A run of a page's blocks set in one or two columns."""

    columns: int
    blocks: tuple[Block, ...]


def segments(page: Page) -> list[Segment]:
    """A two-column page as Word sets one: headings and full-width tables across the page,
    the text between them in two columns."""
    if page.columns != 2:
        return [Segment(1, page.blocks)]
    runs: list[Segment] = []
    for block in page.blocks:
        columns = 1 if _spans(block) else 2
        if runs and runs[-1].columns == columns:
            runs[-1] = Segment(columns, (*runs[-1].blocks, block))
        else:
            runs.append(Segment(columns, (block,)))
    return runs


def _spans(block: Block) -> bool:
    if isinstance(block, Text):
        return block.kind in ("title", "h1")
    return block.width == "full"
