"""A small page-flow engine on the reportlab canvas that records where every value lands.

The generator lays out headings, paragraphs and tables itself (not with platypus) so that it
knows, for each printed table value, the page, table title, row label and column label: the
truth file is written from the same calls that draw the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE_W, PAGE_H = 595.28, 841.89
LEFT, RIGHT = 62.0, 62.0
TOP, BOTTOM = 78.0, 84.0
TEXT_W = PAGE_W - LEFT - RIGHT

STATUS_COLOURS = {
    "met": (0.18, 0.62, 0.25),
    "partly_met": (0.98, 0.76, 0.12),
    "not_met": (0.85, 0.18, 0.15),
}


class KeepNbspTTFont(TTFont):
    """A TTFont that writes U+00A0 as itself.

    reportlab's splitString turns every no-break space into a plain space before subsetting,
    but real report exports carry U+00A0 in their text layer as the thousands separator, and
    the samples must too. The method is rebuilt from reportlab's own source without that one
    line; if the line is ever gone, generation stops instead of silently writing spaces.
    """


def _keep_nbsp() -> None:
    import inspect
    import textwrap

    source = textwrap.dedent(inspect.getsource(TTFont.splitString))
    line = "if code==0xa0: code = 32"
    if line not in source:
        raise RuntimeError("reportlab changed TTFont.splitString; update samples/layout.py")
    namespace: dict[str, object] = {}
    module = inspect.getmodule(TTFont)
    exec(compile(source.replace(line, "pass"), "<splitString>", "exec"),  # noqa: S102
         vars(module), namespace)
    KeepNbspTTFont.splitString = namespace["splitString"]  # type: ignore[method-assign]


def register_fonts() -> None:
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        _keep_nbsp()
        pdfmetrics.registerFont(KeepNbspTTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(KeepNbspTTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


@dataclass(frozen=True)
class Value:
    """A printed table cell and what it means."""

    raw_text: str
    value: float | None
    kind: str  # "number", "missing", "text"
    meaning: Meaning | None = None  # the contract row this cell becomes, when it becomes one


@dataclass(frozen=True)
class Meaning:
    """What a cell means: the contract table it belongs to and that row's fields."""

    dataset: str  # "measures", "finances", "volumes", "key_figures", "personnel"
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TableRow:
    label: str
    values: tuple[Value | None, ...]
    bold: bool = False


@dataclass(frozen=True)
class TableSpec:
    title: str | None  # bold heading printed above the table
    label_header: str  # header of the label column ("" for none)
    column_headers: tuple[tuple[str, ...], ...]  # each column's header, line by line
    rows: tuple[TableRow, ...]
    label_width: float
    column_width: float
    style: str = "hlines"  # "grid", "hlines" or "none"
    x_offset: float = 0.0
    size: float = 8.5
    break_after_row: int | None = None  # force a page break (the header is repeated)
    show_header: bool = True
    truth_title: str | None = None  # title the truth file gives (default: title or header)


@dataclass(frozen=True)
class TruthRow:
    page: int
    table_title: str
    row_label: str
    column_label: str
    raw_text: str
    value: float | None
    kind: str
    meaning: Meaning | None = None


def text_width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


def wrap(text: str, width: float, font: str, size: float, hyphenate: bool = False) -> list[str]:
    """Greedy line breaking; long words may be hyphenated, and "a/b" may break after "/"."""
    lines: list[str] = []
    line = ""
    for word, glued in (piece for w in text.split(" ") for piece in _slash_pieces(w)):
        glue = "" if glued or not line else " "
        if text_width(line + glue + word, font, size) <= width:
            line += glue + word
            continue
        if hyphenate and line:
            head, tail = _hyphen_split(line + glue, word, width, font, size)
            if head:
                lines.append(line + glue + head + "-")
                line = tail
                continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def _slash_pieces(word: str) -> list[tuple[str, bool]]:
    """Split "Sommarjobb/feriepraktik" into pieces; True marks a piece glued to the one before."""
    if "/" in word.strip("/") and not any(ch.isdigit() for ch in word):
        head, tail = word.split("/", 1)
        return [(head + "/", False), (tail, True)]
    return [(word, False)]


def _hyphen_split(
    prefix: str, word: str, width: float, font: str, size: float
) -> tuple[str, str]:
    """Split a long lower-case word so that its head fits after `prefix`."""
    if len(word) < 10 or not word.isalpha():
        return "", word
    vowels = "aeiouyåäö"
    for cut in range(len(word) - 4, 3, -1):
        head = word[:cut]
        # Swedish syllables break before a consonant that a vowel follows: "avvi-kelsen".
        syllable = word[cut] not in vowels and word[cut + 1] in vowels
        if syllable and text_width(prefix + head + "-", font, size) <= width:
            return head, word[cut:]
    return "", word


@dataclass
class Writer:
    """Lays content out page by page and records the truth for every table value."""

    path: Path
    running_header: str
    footer_left: str
    total_pages: int = 0
    page: int = 0
    y: float = TOP
    truth: list[TruthRow] = field(default_factory=list)

    def __post_init__(self) -> None:
        register_fonts()
        self.canvas = canvas.Canvas(str(self.path), pagesize=(PAGE_W, PAGE_H), invariant=1)
        self.canvas.setTitle(self.running_header)
        self.canvas.setAuthor("pipeline samples")
        self._start_page()

    # -- pages ---------------------------------------------------------------------------
    def _start_page(self) -> None:
        self.page += 1
        self.y = TOP
        c = self.canvas
        c.setFont(REGULAR, 7.5)
        c.setFillColorRGB(0.35, 0.35, 0.35)
        if self.page > 1:
            c.drawString(LEFT, PAGE_H - 40, self.running_header)
        c.drawString(LEFT, 44, self.footer_left)
        mark = f"{self.page}({self.total_pages or '?'})"
        c.drawRightString(PAGE_W - RIGHT, 44, mark)
        c.setFillColorRGB(0, 0, 0)

    def new_page(self) -> None:
        self.canvas.showPage()
        self._start_page()

    def ensure(self, height: float) -> None:
        if self.y + height > PAGE_H - BOTTOM:
            self.new_page()

    def save(self) -> None:
        self.canvas.showPage()
        self.canvas.save()

    def _text(self, x: float, y_top: float, text: str, font: str, size: float) -> None:
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, PAGE_H - y_top, text)

    def _text_right(self, x: float, y_top: float, text: str, font: str, size: float) -> None:
        self.canvas.setFont(font, size)
        self.canvas.drawRightString(x, PAGE_H - y_top, text)

    # -- text ----------------------------------------------------------------------------
    def space(self, points: float) -> None:
        self.y += points

    def heading(self, text: str, size: float = 12.0) -> None:
        lines = wrap(text, TEXT_W, BOLD, size)
        self.ensure(len(lines) * size * 1.3 + 2 * size)
        self.y += size * 0.8
        for line in lines:
            self.y += size * 1.25
            self._text(LEFT, self.y, line, BOLD, size)
        self.y += size * 0.5

    def paragraph(self, text: str, size: float = 10.0, indent: float = 0.0) -> None:
        leading = size * 1.32
        for line in wrap(text, TEXT_W - indent, REGULAR, size, hyphenate=True):
            self.ensure(leading)
            self.y += leading
            self._text(LEFT + indent, self.y, line, REGULAR, size)
        self.y += size * 0.55

    def bullets(self, items: Sequence[str], size: float = 10.0) -> None:
        for item in items:
            self.ensure(size * 1.4)
            self._text(LEFT + 4, self.y + size * 1.32, "•", REGULAR, size)
            self.paragraph(item, size, indent=16)

    # -- goal status overview --------------------------------------------------------------
    def status_overview(
        self, header: tuple[str, str, str], rows: Sequence[tuple[str, str | None, str | None]]
    ) -> None:
        """Goals with coloured circles for their status: colour only, no text in the cells."""
        size, label_w, col_w = 9.0, 331.0, 70.0
        self.ensure(40)
        self.y += 14
        self._text(LEFT, self.y, header[0], BOLD, size)
        self._text_right(LEFT + label_w + col_w - 8, self.y, header[1], BOLD, size)
        self._text_right(LEFT + label_w + 2 * col_w - 8, self.y, header[2], BOLD, size)
        self.y += 5
        for label, prognosis, outcome in rows:
            lines = wrap(label, label_w - 8, REGULAR, size)
            height = len(lines) * size * 1.25 + 6
            self.ensure(height)
            self._hline(LEFT, LEFT + label_w + 2 * col_w, self.y)
            for i, line in enumerate(lines):
                self._text(LEFT, self.y + (i + 1) * size * 1.25, line, REGULAR, size)
            for j, status in enumerate((prognosis, outcome)):
                if status is not None:
                    cx = LEFT + label_w + (j + 0.5) * col_w
                    self.canvas.setFillColorRGB(*STATUS_COLOURS[status])
                    self.canvas.circle(cx, PAGE_H - (self.y + height / 2), 4.5, stroke=0, fill=1)
                    self.canvas.setFillColorRGB(0, 0, 0)
            self.y += height
        self._hline(LEFT, LEFT + label_w + 2 * col_w, self.y)
        self.y += 6

    def _hline(self, x0: float, x1: float, y_top: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.setStrokeColorRGB(0.55, 0.55, 0.55)
        self.canvas.line(x0, PAGE_H - y_top, x1, PAGE_H - y_top)

    def _vline(self, x: float, y0: float, y1: float) -> None:
        self.canvas.setLineWidth(0.5)
        self.canvas.setStrokeColorRGB(0.55, 0.55, 0.55)
        self.canvas.line(x, PAGE_H - y0, x, PAGE_H - y1)

    # -- tables --------------------------------------------------------------------------
    def table(self, spec: TableSpec) -> None:
        if spec.title:
            self.heading(spec.title, size=10.5)
        truth_title = spec.truth_title
        if truth_title is None:
            truth_title = spec.title or spec.label_header
        leading, pad = spec.size * 1.25, 3.0
        x0 = LEFT + spec.x_offset
        edges = [x0, x0 + spec.label_width]
        for _ in spec.column_headers:
            edges.append(edges[-1] + spec.column_width)
        column_labels = [" ".join(h) for h in spec.column_headers]
        header_lines = max([len(h) for h in spec.column_headers] + [1])
        label_header = wrap(spec.label_header, spec.label_width - 2 * pad, BOLD, spec.size)
        header_h = max(header_lines, len(label_header)) * leading + 2 * pad
        row_heights = [
            len(wrap(r.label, spec.label_width - 2 * pad, REGULAR, spec.size)) * leading + 2 * pad
            for r in spec.rows
        ]
        first = (header_h if spec.show_header else 0) + (row_heights[0] if row_heights else 0)
        self.ensure(first + 4)
        chunk_top = self.y
        if spec.show_header:
            self._table_header(spec, edges, label_header, header_h, leading, pad)
        boundaries = [self.y]
        for i, (row, height) in enumerate(zip(spec.rows, row_heights, strict=True)):
            forced = spec.break_after_row is not None and i == spec.break_after_row
            if forced or self.y + height > PAGE_H - BOTTOM:
                self._table_rules(spec, edges, chunk_top, boundaries)
                self.new_page()
                chunk_top = self.y
                self._table_header(spec, edges, label_header, header_h, leading, pad)
                boundaries = [self.y]
            self._table_row(spec, row, edges, leading, pad, truth_title, column_labels)
            self.y += height
            boundaries.append(self.y)
        self._table_rules(spec, edges, chunk_top, boundaries)
        self.y += 8

    def _table_header(
        self,
        spec: TableSpec,
        edges: list[float],
        label_header: list[str],
        header_h: float,
        leading: float,
        pad: float,
    ) -> None:
        for i, line in enumerate(label_header):
            self._text(edges[0] + pad, self.y + pad + (i + 0.8) * leading, line, BOLD, spec.size)
        for col, lines in enumerate(spec.column_headers):
            for i, line in enumerate(lines):
                y = self.y + pad + (i + 0.8) * leading
                self._text_right(edges[col + 2] - pad, y, line, BOLD, spec.size)
        self.y += header_h

    def _table_row(
        self,
        spec: TableSpec,
        row: TableRow,
        edges: list[float],
        leading: float,
        pad: float,
        truth_title: str,
        column_labels: list[str],
    ) -> None:
        font = BOLD if row.bold else REGULAR
        lines = wrap(row.label, spec.label_width - 2 * pad, font, spec.size)
        for i, line in enumerate(lines):
            self._text(edges[0] + pad, self.y + pad + (i + 0.8) * leading, line, font, spec.size)
        baseline = self.y + pad + 0.8 * leading
        for col, cell in enumerate(row.values):
            if cell is None:
                continue
            self._text_right(edges[col + 2] - pad, baseline, cell.raw_text, font, spec.size)
            if cell.kind != "missing":
                self.truth.append(
                    TruthRow(self.page, truth_title, row.label, column_labels[col],
                             cell.raw_text, cell.value, cell.kind, cell.meaning)
                )

    def _table_rules(
        self, spec: TableSpec, edges: list[float], top: float, boundaries: list[float]
    ) -> None:
        if spec.style == "none":
            return
        if spec.show_header:
            self._hline(edges[0], edges[-1], top)
        for y in boundaries:
            self._hline(edges[0], edges[-1], y)
        if spec.style == "grid":
            for x in edges:
                self._vline(x, top, boundaries[-1])
