"""Read a PDF into page layouts. The only stage that talks to pdfplumber.

A document that cannot be used at all raises a DocumentError subclass with a message that says
what is wrong and what to do; a page that fails on its own is reported by the caller as a
problem, and the rest of the document is still read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils import extract_words
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.manifest import file_sha256
from pipeline.records import BBox, Mark, PageLayout, Rule, Source, Word

__all__ = ["file_sha256", "open_pdf", "read_page"]

# pdfminer reports every odd font descriptor on the warning channel; those are not our problems.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

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


class DocumentError(Exception):
    """The whole document cannot be read."""

    code = "unreadable"


class NotAPdf(DocumentError):
    code = "not_a_pdf"


class EncryptedPdf(DocumentError):
    code = "encrypted"


class CorruptPdf(DocumentError):
    code = "corrupt"


def _check_header(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise NotAPdf(f"{path.name}: the file is empty (0 bytes); replace it with the report.")
    if b"%PDF-" not in head:
        raise NotAPdf(
            f"{path.name}: does not start with a PDF header; it is not a PDF "
            "(check that the download was not an HTML error page)."
        )


@contextmanager
def open_pdf(path: Path, password: str | None = None) -> Iterator[Any]:
    """Open a PDF with pdfplumber, turning library errors into DocumentErrors."""
    _check_header(path)
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except PdfminerException as exc:
        raise _classify(path, exc.args[0] if exc.args else exc) from exc
    except (PDFSyntaxError, PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _classify(path, exc) from exc
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise CorruptPdf(f"{path.name}: cannot be parsed ({type(exc).__name__}: {exc}).") from exc
    try:
        yield pdf
    finally:
        pdf.close()


def _classify(path: Path, exc: object) -> DocumentError:
    if isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError):
        return EncryptedPdf(
            f"{path.name}: the PDF is encrypted; run again with --password if you may open it."
        )
    return CorruptPdf(f"{path.name}: the PDF structure is damaged ({exc}); get a fresh copy.")


def read_page(page: Any, source: Source) -> PageLayout:
    """Everything later stages need from one page, in top-left PDF points.

    A page whose text runs mostly up or down (a landscape table turned on a portrait page,
    or a /Rotate the text does not follow) is read turned upright: its words and size are
    then those of the turned page, and `turned` says by how much. A page with more drawn
    objects than MAX_EDGE_OBJECTS is read for its text only: finding a grid among them
    would take minutes."""
    raw_words = [w for w in page.extract_words(**WORD_SETTINGS) if w["text"].strip()]
    upright = [w for w in raw_words if w.get("upright", True)]
    if len(raw_words) >= MIN_TURNED_WORDS and 2 * len(upright) < len(raw_words):
        return _read_turned(page, source)
    # Text set vertically beside upright text (axis titles) is counted, not read.
    words = tuple(_word(w) for w in upright)
    edges = len(page.lines) + len(page.rects)
    rules = tuple(_rules(page)) if edges <= MAX_EDGE_OBJECTS else ()
    ruled: tuple[tuple[BBox, ...], ...] = ()
    # Grids are drawn with lines or as filled cell rectangles; both give pdfplumber edges.
    if MIN_EDGE_OBJECTS <= edges <= MAX_EDGE_OBJECTS:
        ruled = tuple(
            tuple(BBox(*cell) for cell in table.cells)
            for table in page.find_tables(RULED_TABLE_SETTINGS)
        )
    return PageLayout(
        source=source,
        page=page.page_number,
        width=float(page.width),
        height=float(page.height),
        words=words,
        rules=rules,
        ruled_cells=ruled,
        marks=tuple(_marks(page)) if edges <= MAX_EDGE_OBJECTS else (),
        spaces=tuple(_special_spaces(page.chars)),
        rotated_words=len(raw_words) - len(words),
        drawn_objects=edges,
    )


def _read_turned(page: Any, source: Source) -> PageLayout:
    """The page turned so that its text reads left to right: a quarter turn back against
    the direction most words run in ("ttb": turned counter-clockwise)."""
    # The glyphs' own matrix says which way they run: b < 0 down the page, b > 0 up it.
    turned_chars = [ch for ch in page.chars if not ch.get("upright", True)]
    down = sum(1 for ch in turned_chars if ch.get("matrix", (0, -1))[1] < 0)
    clockwise = 2 * down < len(turned_chars)  # text running up is turned clockwise
    width, height = float(page.width), float(page.height)
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
        page=page.page_number,
        width=height,
        height=width,
        words=tuple(_word(w) for w in words),
        rules=(),
        ruled_cells=(),
        marks=(),
        spaces=tuple(_special_spaces(chars)),
        rotated_words=0,
        turned=90 if clockwise else -90,
    )


SPECIAL_SPACES = frozenset("\u00a0\u202f\u2009\u2007")


def _special_spaces(chars: Iterable[dict[str, Any]]) -> Iterator[Word]:
    """pdfplumber drops space characters between words; these ones matter in raw_text."""
    for ch in chars:
        if ch["text"] in SPECIAL_SPACES:
            box = BBox(float(ch["x0"]), float(ch["top"]), float(ch["x1"]), float(ch["bottom"]))
            yield Word(ch["text"], box, round(float(ch.get("size", 10.0)), 2))


def _word(w: dict[str, Any]) -> Word:
    font = str(w.get("fontname", ""))
    return Word(
        text=w["text"],
        bbox=BBox(float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])),
        size=round(float(w.get("size", 10.0)), 2),
        bold="bold" in font.lower() or "black" in font.lower(),
    )


def _rules(page: Any) -> Iterator[Rule]:
    for line in page.lines:
        yield Rule(BBox(line["x0"], line["top"], line["x1"], line["bottom"]))
    for rect in page.rects:
        box = BBox(rect["x0"], rect["top"], rect["x1"], rect["bottom"])
        if box.height <= 2.0 or box.width <= 2.0:
            yield Rule(box)


def _marks(page: Any) -> Iterator[Mark]:
    """Small filled shapes (status circles and squares) with their fill colour."""
    for obj in (*page.curves, *page.rects):
        box = BBox(obj["x0"], obj["top"], obj["x1"], obj["bottom"])
        colour = obj.get("non_stroking_color")
        if obj.get("fill") and 3 <= box.width <= 20 and 3 <= box.height <= 20 and colour:
            yield Mark(box, tuple(float(c) for c in _colour_tuple(colour)))


def _colour_tuple(colour: Any) -> tuple[float, ...]:
    if isinstance(colour, int | float):
        return (float(colour),)
    return tuple(float(c) for c in colour if isinstance(c, int | float))
