"""A page's drawn objects, as either reader gives them, into the page layout later stages take.

Both readers (pdfplumber over pdfminer, the reference; pypdfium2 over PDFium, the fast one) give
the same `PageObjects`: characters, lines, rectangles and curves as pdfplumber's dicts, in its
coordinates (points, origin top-left, the page turned as its /Rotate says), and the small square
images with their colour. Dicts, not records, because pdfplumber's word extractor and table
finder take them: the words, ruled grids, marks and shaded cells are then found by the same
code whichever reader read the page, so that a difference between readers can only be one in
what they read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils import extract_words
from pdfplumber.utils.geometry import curve_to_edges, line_to_edge, rect_to_edges

from pipeline.core.records import BBox, Mark, PageLayout, Rule, Source, Word

__all__ = ["ImageMark", "PageObjects", "edge_count", "mark_image", "page_layout"]

WORD_SETTINGS: dict[str, Any] = {
    "x_tolerance": 1.5,
    "y_tolerance": 2.5,
    "keep_blank_chars": False,
    "use_text_flow": False,
    "extra_attrs": ["size", "fontname"],
}
RULED_TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
MIN_EDGE_OBJECTS = 4  # fewer lines and rectangles than this cannot make a grid
MAX_EDGE_OBJECTS = 5000  # more is a drawing (a map, a chart of dots), not a table's grid
MIN_TURNED_WORDS = 20  # a page with fewer words is not turned for them
MARK_SIZE = (3.0, 20.0)  # points: a status symbol's side
MAX_MARK_PIXELS = 64 * 64  # a symbol's image is small; larger ones are pictures
# A shaded cell is a line of text high and narrower than a table: a header cell filled on
# its own, which pdfplumber's grids leave out (a grid needs two cells that share edges).
SHADED_CELL_HEIGHT = (5.0, 40.0)
SHADED_CELL_MAX_WIDTH = 0.4  # of the page; wider fills are stripes across a table
SPECIAL_SPACES = frozenset("\u00a0\u202f\u2009\u2007")

Obj = dict[str, Any]


@dataclass(frozen=True)
class ImageMark:
    """A small square image, as a planning system's export draws a status circle: its box
    and the mean colour (0-1 RGB) of its visible, not white, pixels (None: undecodable)."""

    bbox: BBox
    colour: tuple[float, float, float] | None


@dataclass(frozen=True)
class PageObjects:
    """What one reader read of one page, in pdfplumber's shapes and coordinates.

    `chars` carry text, x0, x1, top, bottom, doctop, upright, size, fontname and matrix (in
    the page's device space); `lines`, `rects` and `curves` carry x0, x1, top, bottom, y0,
    y1, width, height, doctop, pts, fill, stroke and non_stroking_color. `garbled` counts the
    characters the reader could not decode."""

    number: int
    width: float
    height: float
    chars: Sequence[Obj]
    lines: Sequence[Obj]
    rects: Sequence[Obj]
    curves: Sequence[Obj]
    images: Sequence[ImageMark] = ()
    garbled: int = 0


Matrix = tuple[float, float, float, float, float, float]


def mult_matrix(m1: Matrix, m0: Matrix) -> Matrix:
    """m1, then m0 (pdfminer's order): a point p goes to m0(m1(p))."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (a1 * a0 + b1 * c0, a1 * b0 + b1 * d0, c1 * a0 + d1 * c0, c1 * b0 + d1 * d0,
            e1 * a0 + f1 * c0 + e0, e1 * b0 + f1 * d0 + f0)


def apply_matrix(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


@dataclass(frozen=True)
class FontMetrics:
    """What pdfminer takes a character's font name and box from, where PDFium knows
    otherwise: the name (its descriptor's FontName, with the subset tag PDFium drops; ""
    where two fonts of one name differ in it), the descent (per unit of font size,
    negative: from the descriptor, which PDFium replaces with the font program's when it
    says 0; None where they differ), where the font's /Widths hold fractions (PDFium
    rounds them), each character's width per unit of font size, and what its hyphen glyph
    stands for ("-" or a soft hyphen, which PDFium gives alike at a line's end)."""

    name: str
    descent: float | None
    widths: Mapping[str, float] = field(default_factory=dict)
    hyphen: str = "-"


@dataclass(frozen=True)
class PageFrame:
    """How a page's user space (PDF points, origin bottom-left, unturned) maps onto
    pdfplumber's coordinates: pdfminer's device space (the MediaBox's corner at the origin,
    the page turned by its /Rotate), flipped to a top-left origin and shifted as pdfplumber
    shifts it by the MediaBox."""

    number: int
    width: float
    height: float
    mediabox: tuple[float, float, float, float]  # as the file gives it
    rotate: int  # 0, 90, 180 or 270
    left: float  # pdfplumber's MediaBox x0 and top
    top: float
    doctop: float  # the page's top in the document (pdfplumber's initial_doctop)
    fonts: Mapping[str, FontMetrics] = field(default_factory=dict)  # by name, no subset tag
    content_bytes: int = 0  # the page's content streams, as stored
    names_fonts: bool = True  # its resources name fonts (or forms, which may hold them)

    @cached_property
    def device(self) -> Matrix:
        """pdfminer's page matrix: user space to device space."""
        x0, y0, x1, y1 = self.mediabox
        return {90: (0.0, -1.0, 1.0, 0.0, -y0, x1), 180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
                270: (0.0, 1.0, -1.0, 0.0, y1, -x0)}.get(self.rotate,
                                                         (1.0, 0.0, 0.0, 1.0, -x0, -y0))

    def from_device(self, x: float, y: float) -> tuple[float, float]:
        """A device-space point as pdfplumber's (x, top)."""
        return self.left + x, self.top + self.height - y


def edge_count(lines: Sequence[Obj], rects: Sequence[Obj]) -> int:
    """The drawn objects a grid is looked for among (curves are not counted, as before)."""
    return len(lines) + len(rects)


def mark_image(box: BBox) -> bool:
    """A status symbol's size and shape: worth decoding its colour."""
    return _mark_sized(box) and 0.7 <= box.width / max(box.height, 0.1) <= 1.4


def page_layout(objects: PageObjects, source: Source) -> PageLayout:
    """Everything later stages need from one page, in top-left PDF points.

    A page whose text runs mostly up or down (a landscape table turned on a portrait page,
    or a /Rotate the text does not follow) is read turned upright: its words and size are
    then those of the turned page, and `turned` says by how much. A page with more drawn
    objects than MAX_EDGE_OBJECTS is read for its text only: finding a grid among them
    would take minutes."""
    chars = objects.chars
    raw_words = [w for w in _unmixed(extract_words(list(chars), **WORD_SETTINGS,
                                                   return_chars=True), chars)
                 if w["text"].strip()]
    upright = [w for w in raw_words if w.get("upright", True)]
    if len(raw_words) >= MIN_TURNED_WORDS and 2 * len(upright) < len(raw_words):
        return _read_turned(objects, source)
    # Text set vertically beside upright text (axis titles) is counted, not read.
    words = tuple(_word(w) for w in upright)
    edges = edge_count(objects.lines, objects.rects)
    drawn = edges <= MAX_EDGE_OBJECTS
    ruled: tuple[tuple[BBox, ...], ...] = ()
    # Grids are drawn with lines or as filled cell rectangles; both give pdfplumber edges.
    if MIN_EDGE_OBJECTS <= edges <= MAX_EDGE_OBJECTS:
        ruled = tuple(tuple(BBox(*cell) for cell in cells) for cells in ruled_grids(objects))
    return PageLayout(
        source=source,
        page=objects.number,
        width=float(objects.width),
        height=float(objects.height),
        words=words,
        rules=tuple(_rules(objects)) if drawn else (),
        ruled_cells=ruled,
        marks=tuple(_marks(objects)) if drawn else (),
        shaded=tuple(_shaded_cells(objects)) if drawn else (),
        spaces=tuple(_special_spaces(chars)),
        rotated_words=len(raw_words) - len(words),
        drawn_objects=edges,
        chars=len(chars),
        garbled_chars=objects.garbled,
    )


class _Edges:
    """What pdfplumber's table finder reads of a page: its edges, as pdfplumber makes them
    from lines, rectangles and curves, in that order."""

    def __init__(self, objects: PageObjects) -> None:
        self.edges = [*map(line_to_edge, objects.lines),
                      *(e for r in objects.rects for e in rect_to_edges(r)),
                      *(e for c in objects.curves for e in curve_to_edges(c))]
        self.bbox = (0.0, 0.0, objects.width, objects.height)


def ruled_grids(objects: PageObjects) -> list[list[tuple[float, float, float, float]]]:
    """The cells of each ruled grid on the page, as pdfplumber's table finder finds them."""
    finder = TableFinder(_Edges(objects), TableSettings.resolve(RULED_TABLE_SETTINGS))  # type: ignore[arg-type]
    return [list(table.cells) for table in finder.tables]


def garbled(chars: Iterable[Obj]) -> int:
    """Characters pdfminer could not decode: no Unicode for the glyph ("(cid:12)"), or no
    font at all (named "unknown", zero width). A damaged or missing font gives them; the
    text around them is then wrong or runs together."""
    return sum(1 for ch in chars
               if ch["text"].startswith("(cid:") or ch.get("fontname") == "unknown"
               or (ch["x1"] - ch["x0"] <= 0 and ch["text"].strip()))


def _read_turned(objects: PageObjects, source: Source) -> PageLayout:
    """The page turned so that its text reads left to right: a quarter turn back against
    the direction most words run in ("ttb": turned counter-clockwise)."""
    # The glyphs' own matrix says which way they run: b < 0 down the page, b > 0 up it.
    turned_chars = [ch for ch in objects.chars if not ch.get("upright", True)]
    down = sum(1 for ch in turned_chars if ch.get("matrix", (0, -1))[1] < 0)
    clockwise = 2 * down < len(turned_chars)  # text running up is turned clockwise
    width, height = float(objects.width), float(objects.height)
    chars = []
    for ch in turned_chars:
        x0, x1, top, bottom = ch["x0"], ch["x1"], ch["top"], ch["bottom"]
        if clockwise:
            box = (height - bottom, x0, height - top, x1)
        else:
            box = (top, width - x1, bottom, width - x0)
        turned = dict(ch, x0=box[0], top=box[1], x1=box[2], bottom=box[3], doctop=box[1],
                      upright=True, size=x1 - x0)
        chars.append(turned)
    words = [w for w in extract_words(chars, **WORD_SETTINGS) if w["text"].strip()]
    return PageLayout(
        source=source,
        page=objects.number,
        width=height,
        height=width,
        words=tuple(_word(w) for w in words),
        rules=(),
        ruled_cells=(),
        marks=(),
        spaces=tuple(_special_spaces(chars)),
        rotated_words=0,
        turned=90 if clockwise else -90,
        chars=len(objects.chars),
        garbled_chars=objects.garbled,
    )


def _special_spaces(chars: Iterable[Obj]) -> Iterator[Word]:
    """pdfplumber drops space characters between words; these ones matter in raw_text."""
    for ch in chars:
        if ch["text"] in SPECIAL_SPACES:
            box = BBox(float(ch["x0"]), float(ch["top"]), float(ch["x1"]), float(ch["bottom"]))
            yield Word(ch["text"], box, round(float(ch.get("size", 10.0)), 2))


def _unmixed(words: list[Obj], chars: Sequence[Obj]) -> list[Obj]:
    """Words as drawn, where two drawn strings overlap: a label too long for its cell runs
    over the number beside it, and sorted by x their characters interleave
    ("Arbetsmarknadsi1n6s"). The words of such a line are read again from each run of
    characters the content stream drew left to right, one run at a time."""
    maybe = [w for w in words if any(_overlaps(w.get("chars", [])))]
    order = {id(ch): i for i, ch in enumerate(chars)} if maybe else {}
    # Kerning overlaps letters only inside one drawn string, whose characters follow each
    # other in the content stream; overlapping neighbours that do not were drawn by two.
    mixed = [w for w in maybe if any(abs(order.get(id(b), 0) - order.get(id(a), 0)) != 1
                                     for a, b in _overlaps(w["chars"]))]
    if not mixed:
        return [_without_chars(w) for w in words]
    on_mixed_line = [w for w in words if any(
        w["top"] < m["bottom"] and m["top"] < w["bottom"] for m in mixed)]
    runs: list[list[Obj]] = []
    for ch in sorted((ch for w in on_mixed_line for ch in w["chars"]),
                     key=lambda ch: order.get(id(ch), 0)):
        last = runs[-1][-1] if runs else None
        if last is None or order.get(id(ch), 0) != order.get(id(last), 0) + 1 or (
                ch["x0"] < last["x0"]):
            runs.append([])
        runs[-1].append(ch)
    again = [w for run in runs for w in extract_words(run, **WORD_SETTINGS)]
    redone = {id(w) for w in on_mixed_line}
    kept = [_without_chars(w) for w in words if id(w) not in redone]
    return sorted([*kept, *again], key=lambda w: (round(w["top"]), w["x0"]))


def _without_chars(word: Obj) -> Obj:
    word.pop("chars", None)
    return word


def _overlaps(chars: Sequence[Obj]) -> Iterator[tuple[Obj, Obj]]:
    """Neighbouring characters (in x) that overlap by more than half a point."""
    return ((a, b) for a, b in zip(chars, chars[1:], strict=False) if b["x0"] < a["x1"] - 0.5)


def _word(w: Obj) -> Word:
    font = str(w.get("fontname", ""))
    return Word(
        text=w["text"],
        bbox=BBox(float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])),
        size=round(float(w.get("size", 10.0)), 2),
        bold="bold" in font.lower() or "black" in font.lower(),
    )


def _rules(objects: PageObjects) -> Iterator[Rule]:
    for line in objects.lines:
        yield Rule(BBox(line["x0"], line["top"], line["x1"], line["bottom"]))
    for rect in objects.rects:
        box = BBox(rect["x0"], rect["top"], rect["x1"], rect["bottom"])
        if box.height <= 2.0 or box.width <= 2.0:
            yield Rule(box)


def _marks(objects: PageObjects) -> Iterator[Mark]:
    """Small filled shapes and small square images (status circles and squares) with their
    colour. A planning system's export draws its status circles as images, so their colour
    is read from their pixels."""
    for obj in (*objects.curves, *objects.rects):
        box = BBox(obj["x0"], obj["top"], obj["x1"], obj["bottom"])
        colour = obj.get("non_stroking_color")
        if obj.get("fill") and _mark_sized(box) and colour:
            yield Mark(box, tuple(float(c) for c in _colour_tuple(colour)))
    for image in objects.images:
        if image.colour is not None:
            yield Mark(image.bbox, image.colour)


def _mark_sized(box: BBox) -> bool:
    return (MARK_SIZE[0] <= box.width <= MARK_SIZE[1]
            and MARK_SIZE[0] <= box.height <= MARK_SIZE[1])


def _shaded_cells(objects: PageObjects) -> Iterator[BBox]:
    for rect in objects.rects:
        box = BBox(rect["x0"], rect["top"], rect["x1"], rect["bottom"])
        colour = rect.get("non_stroking_color")
        if (rect.get("fill") and colour is not None and not _white(colour)
                and SHADED_CELL_HEIGHT[0] <= box.height <= SHADED_CELL_HEIGHT[1]
                and 8.0 <= box.width <= SHADED_CELL_MAX_WIDTH * float(objects.width)):
            yield box


def _white(colour: Any) -> bool:
    values = _colour_tuple(colour)
    if len(values) == 4:  # CMYK: no ink
        return all(v <= 0.01 for v in values)
    return bool(values) and all(v >= 0.99 for v in values)


def _colour_tuple(colour: Any) -> tuple[float, ...]:
    if isinstance(colour, int | float):
        return (float(colour),)
    return tuple(float(c) for c in colour if isinstance(c, int | float))
