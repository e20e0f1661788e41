"""Read a PDF into page layouts. The only stage that talks to pdfplumber.

A document that cannot be used at all raises a DocumentError subclass with a message that says
what is wrong and what to do; a page that fails on its own is reported by the caller as a
problem, and the rest of the document is still read.

PDFs are untrusted. Before pdfplumber parses a file, its streams are inflated chunk by chunk
and counted (pipeline.read.prescan), so that a decompression bomb is refused unparsed. pdfminer's
document is made to read each cross-reference section once (a /Prev loop ends) and to resolve
a reference that leads back to itself as null (it would loop forever); the page tree is walked
here, page by page, where pdfplumber's listing fails on it. JavaScript and launch actions are
never run (nothing here runs them); `active_content` says what a viewer would have run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pdfplumber.pdf
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text
from pdfplumber.page import Page
from pdfplumber.utils import extract_words
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.core.catalogue import ProblemCode
from pipeline.core.records import BBox, Mark, PageLayout, Rule, Source, Word
from pipeline.read.prescan import decode_damage, scan_file

__all__ = ["active_content", "content_damage", "open_pdf", "page_list", "read_page"]


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
MAX_REFERENCE_CHAIN = 64  # "5 0 R" -> "6 0 R" -> ...: longer is a loop in all but name
MAX_TREE_NODES = 1_000_000  # page tree nodes walked at most (a tree wider is a bomb too)
MAX_ACTIONS = 10_000  # actions looked at, following /Next chains


class DocumentError(Exception):
    """The whole document cannot be read."""

    code = ProblemCode.UNREADABLE


class NotAPdf(DocumentError):
    code = ProblemCode.NOT_A_PDF


class EncryptedPdf(DocumentError):
    code = ProblemCode.ENCRYPTED


class CorruptPdf(DocumentError):
    code = ProblemCode.CORRUPT


class DecompressionBomb(DocumentError):
    code = ProblemCode.DECOMPRESSION_BOMB


class _Document(PDFDocument):
    """pdfminer's document, safe from two loops a hostile file sets: a trailer whose /Prev
    leads back to a cross-reference section already read (pdfminer would recurse until the
    stack runs out), and an object that is a reference to itself, or to one that leads back
    (`5 0 obj 5 0 R endobj`: pdfminer's resolve1 would loop forever). Such an object is
    null, as a reference to a missing object is."""

    def read_xref_from(self, parser: Any, start: int, xrefs: list[Any]) -> None:
        seen: set[int] = self.__dict__.setdefault("_xref_starts", set())
        if start in seen:
            return
        seen.add(start)
        super().read_xref_from(parser, start, xrefs)

    def getobj(self, objid: int) -> object:
        obj = super().getobj(objid)
        chain = {objid}
        while isinstance(obj, PDFObjRef):
            if obj.objid in chain or len(chain) > MAX_REFERENCE_CHAIN:
                return None
            chain.add(obj.objid)
            obj = super().getobj(obj.objid)
        return obj


# pdfplumber makes its document from this name; every PDF it opens is then loop-safe.
pdfplumber.pdf.PDFDocument = _Document  # type: ignore[misc]


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


def check_streams(path: Path, max_inflated: int) -> bool:
    """Raise DecompressionBomb when a stream of the file inflates past `max_inflated`
    bytes; else whether the file may hold JavaScript or launch actions (worth a look with
    `active_content`)."""
    _check_header(path)
    found = scan_file(path, max_inflated)
    bomb = found.bomb
    if bomb is None:
        return found.may_have_actions
    layers = "" if bomb.layers == 1 else f" ({bomb.layers} Flate layers)"
    raise DecompressionBomb(
        f"{path.name}: object {bomb.obj}, a stream of {_size(bomb.on_disk)} on disk{layers}, "
        f"inflates to more than {_size(max_inflated)} (a quarter of the worker's memory "
        "bound): a decompression bomb; the file was not parsed. If the report is genuine, "
        "run again with a larger --max-memory.")


def _size(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.0f} MB"
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


@contextmanager
def open_pdf(path: Path, password: str | None = None) -> Iterator[Any]:
    """Open a PDF with pdfplumber, turning library errors into DocumentErrors. (An untrusted
    file is checked with `check_streams` first.)"""
    _check_header(path)
    with _pdfminer_quiet():
        yield from _opened(path, password)


@contextmanager
def _pdfminer_quiet() -> Iterator[None]:
    """pdfminer reports every odd font descriptor on the warning channel; those are not our
    problems. Quieted while a file is open, as it was before."""
    log = logging.getLogger("pdfminer")
    before = log.level
    log.setLevel(max(before, logging.ERROR))
    try:
        yield
    finally:
        log.setLevel(before)


def _opened(path: Path, password: str | None) -> Iterator[Any]:
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
        # Not pdf.close(): it lists the pages again, and on a damaged tree that fails anew.
        pdf.stream.close()


def _classify(path: Path, exc: object) -> DocumentError:
    if isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError):
        return EncryptedPdf(
            f"{path.name}: the PDF is encrypted; run again with --password if you may open it."
        )
    return CorruptPdf(f"{path.name}: the PDF structure is damaged ({exc}); get a fresh copy.")


# -- the page tree ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BrokenPage:
    """A leaf of the page tree that cannot be made into a page: reported, not read."""

    page_number: int
    error: str

    def close(self) -> None:
        """Nothing to release (a page has caches; this has none)."""


def page_list(pdf: Any, name: str) -> list[Any]:
    """The document's pages: pdfplumber Pages, and BrokenPages where the page tree is
    damaged at a page. pdfplumber lists all pages or none, and skips a kid of the tree that
    is not there without a word (the pages after it then get its number): where it fails,
    or lists fewer pages than the tree has leaves, the tree walked here gives the pages.
    Raises CorruptPdf when there are none."""
    leaves = list(_page_leaves(pdf.doc))
    try:
        pages: list[Any] = list(pdf.pages)
    except Exception as exc:
        pages = _pages_one_by_one(pdf, leaves)
        if not any(isinstance(p, Page) for p in pages):
            raise CorruptPdf(f"{name}: its page tree is damaged ({type(exc).__name__}: "
                             f"{exc}); no page could be read. Get a fresh copy.") from exc
        return pages
    if len(leaves) > len(pages):
        pages = _pages_one_by_one(pdf, leaves)
    if not pages:
        raise CorruptPdf(f"{name}: no pages were found in it (its page tree is empty or "
                         "damaged); get a fresh copy.")
    return pages


def _pages_one_by_one(pdf: Any, leaves: list[tuple[Any, dict[str, Any] | None]]
                      ) -> list[Any]:
    pages: list[Any] = []
    doctop = 0.0
    for number, (objid, attrs) in enumerate(leaves or list(_pages_in_xref(pdf.doc)),
                                            start=1):
        page: Page | BrokenPage
        try:
            if attrs is None:
                raise PDFSyntaxError(f"the page tree names object {objid}, which is missing "
                                     "or damaged")
            page = Page(pdf, PDFPage(pdf.doc, objid, attrs, None), page_number=number,
                        initial_doctop=doctop)
            doctop += float(page.height)
        except Exception as exc:
            page = BrokenPage(number, f"{type(exc).__name__}: {exc}")
        pages.append(page)
    return pages


def _page_leaves(doc: Any) -> Iterator[tuple[Any, dict[str, Any] | None]]:
    """(object id, attributes with the inherited ones) of each page, in document order:
    depth first without recursion (a tree may be deeper than Python's stack), each node
    once (a /Kids that lists an ancestor is a loop). A kid that cannot be read comes with
    None: it is most likely a page."""
    inheritable = PDFPage.INHERITABLE_ATTRS
    root = doc.catalog.get("Pages")
    stack: list[tuple[Any, dict[str, Any]]] = [(root, {})]
    seen: set[Any] = set()
    while stack and len(seen) < MAX_TREE_NODES:
        ref, inherited = stack.pop()
        key = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
        if key in seen:
            continue
        seen.add(key)
        node = _resolved(ref)
        if not isinstance(node, dict):
            if ref is not root:
                yield key, None
            continue
        attrs = {**{k: v for k, v in inherited.items() if k not in node}, **node}
        kind = _name(attrs.get("Type") or attrs.get("type"))
        kids = _resolved(attrs.get("Kids"))
        if kind == "Pages" or (kind != "Page" and isinstance(kids, list)):
            passed = {k: v for k, v in attrs.items() if k in inheritable}
            stack.extend((kid, passed) for kid in reversed(kids if isinstance(kids, list)
                                                           else []))
        elif kind == "Page":
            yield key, attrs


def _pages_in_xref(doc: Any) -> Iterator[tuple[Any, dict[str, Any] | None]]:
    """Without a page tree, every object that says it is a page (as pdfminer does)."""
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            obj = _resolved(PDFObjRef(doc, objid))
            if isinstance(obj, dict) and _name(obj.get("Type")) == "Page":
                yield objid, obj


def _resolved(obj: Any) -> Any:
    try:
        return resolve1(obj)
    except Exception:  # a damaged object is as good as none
        return None


def _name(obj: Any) -> str:
    return str(obj.name) if isinstance(obj, PSLiteral) else ""


def content_damage(page: Any) -> list[str]:
    """What is wrong with a page's content streams, looked at before pdfminer reads them
    (it reads a missing stream as empty, and Flate data that breaks or is cut off as empty
    or as far as it goes, without a word): "its content stream object 31 is missing"."""
    page_obj = page.page_obj
    listed = page_obj.attrs.get("Contents")
    found = []
    for entry in page_obj.contents:
        stream = _resolved(entry)
        number = getattr(stream, "objid", None) or getattr(entry, "objid", None) or getattr(
            listed, "objid", None)
        name = f"its content stream object {number}" if number else "its content stream"
        if not isinstance(stream, PDFStream):
            found.append(f"{name} is missing")
            continue
        try:
            damage = _stream_damage(stream)
        except Exception:  # a stream too odd to check is pdfminer's to read
            damage = None
        if damage:
            found.append(f"{name}: {damage}")
    return found


def _stream_damage(stream: PDFStream) -> str | None:
    raw = stream.get_rawdata()
    if raw is None:  # decoded already (it is shared with a page read before)
        return None
    if stream.decipher is not None:
        if stream.objid is None or stream.genno is None:
            return None  # pdfminer cannot decrypt it either
        raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
    filters = [_name(_resolved(f)) for f, _ in stream.get_filters()]
    return decode_damage(raw, filters)


# -- active content ---------------------------------------------------------------------------


def active_content(pdf: Any, pages: Iterable[Any]) -> list[str]:
    """What a viewer that runs a document's actions would run: JavaScript and launch
    actions, each with where it sits ("JavaScript run on opening", "a launch action on an
    annotation of page 1 (touch /tmp/x)"). Nothing here runs them."""
    catalog = pdf.doc.catalog
    found = [*_actions(catalog.get("OpenAction"), "run on opening"),
             *_event_actions(catalog.get("AA"), "on document events")]
    names = _resolved(catalog.get("Names"))
    if isinstance(names, dict) and names.get("JavaScript") is not None:
        found.append("JavaScript in its /Names tree (run on opening)")
    for page in pages:
        attrs = getattr(getattr(page, "page_obj", None), "attrs", None) or {}
        where = f"page {page.page_number}"
        found += _event_actions(attrs.get("AA"), f"on opening or closing {where}")
        annots = _resolved(attrs.get("Annots"))
        for annot in annots if isinstance(annots, list) else []:
            annot = _resolved(annot)
            if isinstance(annot, dict):
                found += _actions(annot.get("A"), f"on an annotation of {where}")
                found += _event_actions(annot.get("AA"), f"on an annotation of {where}")
    return list(dict.fromkeys(found))


def _event_actions(events: Any, where: str) -> list[str]:
    events = _resolved(events)
    if not isinstance(events, dict):
        return []
    return [found for action in events.values() for found in _actions(action, where)]


def _actions(first: Any, where: str) -> list[str]:
    """The JavaScript and launch actions of an action and its /Next chain."""
    found: list[str] = []
    todo, seen = [first], 0
    while todo and seen < MAX_ACTIONS:
        action = _resolved(todo.pop())
        seen += 1
        if isinstance(action, list):
            todo.extend(reversed(action))
            continue
        if not isinstance(action, dict):
            continue
        kind = _name(_resolved(action.get("S")))
        if kind == "JavaScript" or "JS" in action:
            found.append(f"JavaScript {where}")
        elif kind == "Launch":
            found.append(f"a launch action {where} ({_launched(action)})")
        if action.get("Next") is not None:
            todo.append(action.get("Next"))
    return found


def _launched(action: dict[str, Any]) -> str:
    """What a launch action names: its file, or its Windows or Unix command."""
    for holder in (action, _resolved(action.get("Win")), _resolved(action.get("Unix"))):
        if not isinstance(holder, dict):
            continue
        target = _text(holder.get("F"))
        if target:
            return " ".join(filter(None, (target, _text(holder.get("P")))))[:120]
    return "no file named"


def _text(obj: Any) -> str:
    obj = _resolved(obj)
    if isinstance(obj, dict):  # a file specification
        obj = _resolved(obj.get("UF") or obj.get("F"))
    if not isinstance(obj, bytes):
        return ""
    try:  # file names are often written as UTF-8, whatever the specification says
        return (decode_text(obj) if obj.startswith(b"\xfe\xff") else obj.decode()).strip()
    except UnicodeDecodeError:
        return decode_text(obj).strip()


# -- one page ---------------------------------------------------------------------------------


def read_page(page: Any, source: Source) -> PageLayout:
    """Everything later stages need from one page, in top-left PDF points.

    A page whose text runs mostly up or down (a landscape table turned on a portrait page,
    or a /Rotate the text does not follow) is read turned upright: its words and size are
    then those of the turned page, and `turned` says by how much. A page with more drawn
    objects than MAX_EDGE_OBJECTS is read for its text only: finding a grid among them
    would take minutes."""
    raw_words = [w for w in _unmixed(page.extract_words(**WORD_SETTINGS, return_chars=True),
                                     page.chars) if w["text"].strip()]
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
        shaded=tuple(_shaded_cells(page)) if edges <= MAX_EDGE_OBJECTS else (),
        spaces=tuple(_special_spaces(page.chars)),
        rotated_words=len(raw_words) - len(words),
        drawn_objects=edges,
        chars=len(page.chars),
        garbled_chars=garbled(page.chars),
    )


def garbled(chars: Iterable[dict[str, Any]]) -> int:
    """Characters pdfminer could not decode: no Unicode for the glyph ("(cid:12)"), or no
    font at all (named "unknown", zero width). A damaged or missing font gives them; the
    text around them is then wrong or runs together."""
    return sum(1 for ch in chars
               if ch["text"].startswith("(cid:") or ch.get("fontname") == "unknown"
               or (ch["x1"] - ch["x0"] <= 0 and ch["text"].strip()))


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
        chars=len(page.chars),
        garbled_chars=garbled(page.chars),
    )


SPECIAL_SPACES = frozenset("\u00a0\u202f\u2009\u2007")


def _special_spaces(chars: Iterable[dict[str, Any]]) -> Iterator[Word]:
    """pdfplumber drops space characters between words; these ones matter in raw_text."""
    for ch in chars:
        if ch["text"] in SPECIAL_SPACES:
            box = BBox(float(ch["x0"]), float(ch["top"]), float(ch["x1"]), float(ch["bottom"]))
            yield Word(ch["text"], box, round(float(ch.get("size", 10.0)), 2))


def _unmixed(words: list[dict[str, Any]], chars: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
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
    runs: list[list[dict[str, Any]]] = []
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


def _without_chars(word: dict[str, Any]) -> dict[str, Any]:
    word.pop("chars", None)
    return word


def _overlaps(chars: Sequence[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Neighbouring characters (in x) that overlap by more than half a point."""
    return ((a, b) for a, b in zip(chars, chars[1:], strict=False) if b["x0"] < a["x1"] - 0.5)


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


MARK_SIZE = (3.0, 20.0)  # points: a status symbol's side
MAX_MARK_PIXELS = 64 * 64  # a symbol's image is small; larger ones are pictures


def _marks(page: Any) -> Iterator[Mark]:
    """Small filled shapes and small square images (status circles and squares) with their
    colour. A planning system's export draws its status circles as images, so their colour
    is read from their pixels."""
    for obj in (*page.curves, *page.rects):
        box = BBox(obj["x0"], obj["top"], obj["x1"], obj["bottom"])
        colour = obj.get("non_stroking_color")
        if obj.get("fill") and _mark_sized(box) and colour:
            yield Mark(box, tuple(float(c) for c in _colour_tuple(colour)))
    colours: dict[int, tuple[float, float, float] | None] = {}  # one image drawn many times
    for image in page.images:
        box = BBox(image["x0"], image["top"], image["x1"], image["bottom"])
        if not _mark_sized(box) or not 0.7 <= box.width / max(box.height, 0.1) <= 1.4:
            continue
        stream = image["stream"]
        if id(stream) not in colours:
            colours[id(stream)] = image_colour(stream)
        colour = colours[id(stream)]
        if colour is not None:
            yield Mark(box, colour)


def _mark_sized(box: BBox) -> bool:
    return (MARK_SIZE[0] <= box.width <= MARK_SIZE[1]
            and MARK_SIZE[0] <= box.height <= MARK_SIZE[1])


def image_colour(stream: PDFStream) -> tuple[float, float, float] | None:
    """The mean colour (0-1 RGB) of an image's visible pixels: those its soft mask keeps,
    and not white (the ground around a circle). None for an image it cannot decode."""
    try:
        width, height = (int(resolve1(stream.attrs[k])) for k in ("Width", "Height"))
        bits = resolve1(stream.attrs.get("BitsPerComponent", 8))
        if width * height > MAX_MARK_PIXELS or bits != 8:
            return None
        channels = {"DeviceRGB": 3, "DeviceGray": 1, "DeviceCMYK": 4}.get(
            _space_name(resolve1(stream.attrs.get("ColorSpace"))), 0)
        data = stream.get_data()
        if not channels or len(data) < width * height * channels:
            return None
        mask = resolve1(stream.attrs.get("SMask"))
        alpha = mask.get_data() if isinstance(mask, PDFStream) else None
        pixels = []
        for k in range(width * height):
            if alpha is not None and (len(alpha) <= k or alpha[k] < 128):
                continue
            values = tuple(data[k * channels + c] / 255 for c in range(channels))
            rgb = _to_rgb(values)
            if min(rgb) < 0.95:  # not the white ground
                pixels.append(rgb)
    except Exception:  # noqa: BLE001 - a damaged image stream says nothing about status
        return None
    if not pixels:
        return None
    return (sum(p[0] for p in pixels) / len(pixels), sum(p[1] for p in pixels) / len(pixels),
            sum(p[2] for p in pixels) / len(pixels))


def _space_name(value: Any) -> str:
    """A colour space's name, also of an array space ([/Indexed /DeviceRGB ...])."""
    if isinstance(value, PSLiteral):
        return str(value.name)
    if isinstance(value, list) and value:
        return _space_name(resolve1(value[0]))
    return ""


def _to_rgb(values: tuple[float, ...]) -> tuple[float, float, float]:
    if len(values) == 4:
        c, m, y, k = values
        return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    if len(values) == 3:
        return values[0], values[1], values[2]
    return values[0], values[0], values[0]


# A shaded cell is a line of text high and narrower than a table: a header cell filled on
# its own, which pdfplumber's grids leave out (a grid needs two cells that share edges).
SHADED_CELL_HEIGHT = (5.0, 40.0)
SHADED_CELL_MAX_WIDTH = 0.4  # of the page; wider fills are stripes across a table


def _shaded_cells(page: Any) -> Iterator[BBox]:
    for rect in page.rects:
        box = BBox(rect["x0"], rect["top"], rect["x1"], rect["bottom"])
        colour = rect.get("non_stroking_color")
        if (rect.get("fill") and colour is not None and not _white(colour)
                and SHADED_CELL_HEIGHT[0] <= box.height <= SHADED_CELL_HEIGHT[1]
                and 8.0 <= box.width <= SHADED_CELL_MAX_WIDTH * float(page.width)):
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
