"""Typed records that flow between stages. Every one of them knows where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """One input file: its path relative to RAW_DIR and its content hash."""

    file: str
    sha256: str


@dataclass(frozen=True)
class BBox:
    """A box in PDF points, origin at the top-left corner of the page."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def x_mid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def y_mid(self) -> float:
        return (self.top + self.bottom) / 2

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def x_overlap(self, other: BBox) -> float:
        return max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))

    def contains_point(self, x: float, y: float, slack: float = 0.0) -> bool:
        return (
            self.x0 - slack <= x <= self.x1 + slack and self.top - slack <= y <= self.bottom + slack
        )

    def holds_centre_of(self, other: BBox, slack: float = 0.0) -> bool:
        """The middle of `other` lies in this box: a word in a cell, a line in a region."""
        return self.contains_point(other.x_mid, other.y_mid, slack)


    def holds_line(self, line: BBox, slack: float = 1.0, overrun: float = 4.0) -> bool:
        """A text line lies in this region: its middle, and both its ends, which may overrun
        the border by a few points (bold "Målvärde" in a narrow last cell). (A shaded column
        band holds the middle of a row that starts at the table's label column.)"""
        return (self.holds_centre_of(line, slack) and line.x0 >= self.x0 - overrun
                and line.x1 <= self.x1 + overrun)


def bbox_union(boxes: list[BBox]) -> BBox:
    out = boxes[0]
    for box in boxes[1:]:
        out = out.union(box)
    return out


@dataclass(frozen=True)
class Word:
    """A word as pdfplumber reads it, with its font so that headings can be told apart."""

    text: str
    bbox: BBox
    size: float
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    """A ruling line (or a thin rectangle drawn as one)."""

    bbox: BBox

    @property
    def horizontal(self) -> bool:
        return self.bbox.height <= 2.0 and self.bbox.width > self.bbox.height

    @property
    def vertical(self) -> bool:
        return self.bbox.width <= 2.0 and self.bbox.height > self.bbox.width


@dataclass(frozen=True)
class Mark:
    """A small filled shape, such as a coloured goal-status circle."""

    bbox: BBox
    fill: tuple[float, ...]


@dataclass(frozen=True)
class PageLayout:
    """Everything the table finder needs from one page, read once."""

    source: Source
    page: int
    width: float
    height: float
    words: tuple[Word, ...]
    rules: tuple[Rule, ...] = ()
    ruled_cells: tuple[tuple[BBox, ...], ...] = ()
    marks: tuple[Mark, ...] = ()
    shaded: tuple[BBox, ...] = ()  # filled cell-sized rectangles: a header's shaded cells
    spaces: tuple[Word, ...] = ()  # non-breaking and narrow spaces, kept for raw_text
    rotated_words: int = 0  # words set vertically, left out of the words above
    turned: int = 0  # degrees the page was turned to read its text upright (90, -90)
    drawn_objects: int = 0  # lines and rectangles on the page
    ocr: bool = False  # words recognised by OCR from the page's image
    chars: int = 0  # characters of the text layer
    garbled_chars: int = 0  # of them, without a font, a character map or a width


@dataclass(frozen=True)
class Segment:
    """Words on one line close enough to be one cell: "−15 233", "Utfall 2019", "85 %"."""

    text: str
    bbox: BBox
    size: float
    bold: bool = False
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class TextLine:
    segments: tuple[Segment, ...]
    bbox: BBox
    column: int = 0  # on a page of two text columns: 1 left, 2 right; 0 across, or one column

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @property
    def size(self) -> float:
        return max(s.size for s in self.segments)

    @property
    def bold(self) -> bool:
        return all(s.bold for s in self.segments)


@dataclass(frozen=True)
class Column:
    index: int
    bbox: BBox
    label: str


@dataclass(frozen=True)
class Cell:
    column: int
    text: str
    bbox: BBox


@dataclass(frozen=True)
class Row:
    label: str
    bbox: BBox
    cells: tuple[Cell, ...] = ()
    page: int = 0


@dataclass(frozen=True)
class Table:
    """A table as found on one page (or joined across pages), before typing."""

    source: Source
    page: int
    table_id: str
    title: str
    bbox: BBox
    method: str  # "ruled" or "whitespace"
    label_header: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    pages: tuple[int, ...] = field(default=())
    unit_note: str = ""  # a line above the table that says its unit ("Belopp i tkr")
    caption: str = ""  # a line above it that says what it belongs to ("Utfall per kön: ...")

    @property
    def n_values(self) -> int:
        return sum(len(r.cells) for r in self.rows)


@dataclass(frozen=True)
class Observation:
    source: Source
    page: int
    table_id: str
    table_title: str
    row_label: str
    column_label: str
    raw_text: str
    value: float | None
    unit: str
    bbox: BBox
    footnote: str = ""
    method: str = ""


@dataclass(frozen=True)
class Problem:
    """Something that could not be used, said so that a person can find it and fix it."""

    source_file: str
    source_sha256: str
    page: int | None
    stage: str
    code: str
    message: str
    raw_text: str = ""


@dataclass(frozen=True)
class Cited:
    """Where a typed value was read: the table cell it came from."""

    source: Source
    page: int
    table_id: str
    table_title: str
    row_label: str
    column_label: str
    raw_text: str
    bbox: BBox


@dataclass(frozen=True)
class MeasureValue:
    """One målsatt mått x breakdown x year x kind, as one report states it."""

    at: Cited
    municipality: str
    committee: str
    report_year: int | None
    goal_area: str
    goal: str
    measure: str
    measure_key: str
    breakdown: str
    year: int | None
    kind: str  # "outcome", "target", "" when the header does not say
    value: float | None
    unit: str


@dataclass(frozen=True)
class FinanceValue:
    at: Cited
    statement: str
    line: str
    line_role: str  # "item", "of_which" (a "varav" part of `parent`), "subtotal", "total"
    parent: str  # category the line stands under
    sums: tuple[str, ...]  # lines a total adds up
    year: int | None
    kind: str  # "actual", "budget", "deviation", "forecast", "" when unknown
    period: str
    facet: str
    value: float | None
    unit: str
    value_sek: float | None
    unit_source: str = "table"  # "table" (title, header or row), "document", "" (none found)
    sums_confirmed: bool = False  # a total whose rows the page's own figures confirm


@dataclass(frozen=True)
class CountValue:
    """A volume or a key figure (the contract's `volumes` and `key_figures`)."""

    at: Cited
    item: str
    unit: str
    category: str
    year: int | None
    kind: str
    value: float | None
    approximate: bool = False


@dataclass(frozen=True)
class PersonnelValue:
    at: Cited
    metric: str
    breakdown: str
    year: int | None
    kind: str
    value: float | None
    unit: str
