"""Read a PDF into page layouts. The only stage that talks to pdfplumber.

A document that cannot be used at all raises a DocumentError subclass with a message that says
what is wrong and what to do; a page that fails on its own is reported by the caller as a
problem, and the rest of the document is still read.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.records import BBox, Mark, PageLayout, Rule, Source, Word

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


class DocumentError(Exception):
    """The whole document cannot be read."""

    code = "unreadable"


class NotAPdf(DocumentError):
    code = "not_a_pdf"


class EncryptedPdf(DocumentError):
    code = "encrypted"


class CorruptPdf(DocumentError):
    code = "corrupt"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
    """Everything later stages need from one page, in top-left PDF points."""
    raw_words = [w for w in page.extract_words(**WORD_SETTINGS) if w["text"].strip()]
    # Text set vertically comes out reversed and scattered; it is counted, not read.
    words = tuple(_word(w) for w in raw_words if w.get("upright", True))
    rules = tuple(_rules(page))
    ruled: tuple[tuple[BBox, ...], ...] = ()
    # Grids are drawn with lines or as filled cell rectangles; both give pdfplumber edges.
    if len(page.lines) + len(page.rects) >= MIN_EDGE_OBJECTS:
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
        marks=tuple(_marks(page)),
        spaces=tuple(_special_spaces(page)),
        rotated_words=len(raw_words) - len(words),
    )


SPECIAL_SPACES = frozenset("\u00a0\u202f\u2009\u2007")


def _special_spaces(page: Any) -> Iterator[Word]:
    """pdfplumber drops space characters between words; these ones matter in raw_text."""
    for ch in page.chars:
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
