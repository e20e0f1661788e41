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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import pdfplumber
import pdfplumber.pdf
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.core.catalogue import ProblemCode
from pipeline.core.records import BBox, PageLayout, Source
from pipeline.read.objects import (
    MAX_EDGE_OBJECTS,
    MAX_MARK_PIXELS,
    FontMetrics,
    ImageMark,
    PageFrame,
    PageObjects,
    edge_count,
    garbled,
    mark_image,
    page_layout,
)
from pipeline.read.prescan import decode_damage, scan_file

__all__ = ["MAX_EDGE_OBJECTS", "active_content", "content_damage", "open_pdf", "page_frame",
           "page_list", "plumber_objects", "read_page"]


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
    """One page read by pdfplumber (the reference reader), as `page_layout` makes it."""
    return page_layout(plumber_objects(page), source)


def plumber_objects(page: Any) -> PageObjects:
    """What pdfminer reads of a page, in pdfplumber's shapes. The colours of small square
    images are decoded only where the page is not a drawing of thousands of objects."""
    lines, rects = page.lines, page.rects
    images = (tuple(_image_marks(page.images)) if edge_count(lines, rects) <= MAX_EDGE_OBJECTS
              else ())
    chars = page.chars
    return PageObjects(page.page_number, float(page.width), float(page.height), chars, lines,
                       rects, page.curves, images, garbled(chars))


def _image_marks(images: Iterable[dict[str, Any]]) -> Iterator[ImageMark]:
    colours: dict[int, tuple[float, float, float] | None] = {}  # one image drawn many times
    for image in images:
        box = BBox(image["x0"], image["top"], image["x1"], image["bottom"])
        if not mark_image(box):
            continue
        stream = image["stream"]
        if id(stream) not in colours:
            colours[id(stream)] = image_colour(stream)
        yield ImageMark(box, colours[id(stream)])


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


def page_frame(page: Any) -> PageFrame:
    """How the page's user space maps onto pdfplumber's coordinates, and its fonts'
    metrics as pdfminer takes them (for another reader to give the same positions)."""
    box = tuple(float(v) for v in page.page_obj.mediabox)
    fonts = _page_fonts(page)
    return PageFrame(page.page_number, float(page.width), float(page.height),
                     (box[0], box[1], box[2], box[3]), int(page.page_obj.rotate) % 360,
                     float(page.mediabox[0]), float(page.mediabox[1]),
                     float(page.initial_doctop), fonts, _content_bytes(page),
                     bool(fonts) or _names_fonts(page))


def _content_bytes(page: Any) -> int:
    total = 0
    for entry in page.page_obj.contents:
        stream = _resolved(entry)
        if isinstance(stream, PDFStream):
            data = stream.rawdata if stream.rawdata is not None else stream.data
            total += len(data or b"")
    return total


def _names_fonts(page: Any) -> bool:
    try:
        resources = _resolved(page.page_obj.resources)
        return bool(_resolved(resources.get("Font"))) or bool(_resolved(resources.get("XObject")))
    except Exception:  # noqa: BLE001 - a damaged resource dictionary names none
        return False


_FONTS = PDFResourceManager(caching=False)
# Per document (pdfminer's, held weakly), each font object's BaseFont and metrics: a font
# is made from its dictionary once, not on every page that uses it.
_KNOWN: WeakKeyDictionary[Any, dict[int, tuple[str, FontMetrics]]] = WeakKeyDictionary()


def _page_fonts(page: Any) -> dict[str, FontMetrics]:
    """The metrics of each font of the page's resources, by its name without the subset
    tag (as PDFium names it). Fonts that share that name (two subsets of one font) keep
    only what they agree on. A font whose dictionary is damaged is left out (PDFium's
    metrics then)."""
    try:
        fonts = _resolved(_resolved(page.page_obj.resources).get("Font"))
    except Exception:  # a damaged resource dictionary
        return {}
    known = _KNOWN.setdefault(page.pdf.doc, {})
    found: dict[str, FontMetrics] = {}
    for ref in (fonts.values() if isinstance(fonts, dict) else []):
        objid = ref.objid if isinstance(ref, PDFObjRef) else None
        if objid is not None and objid in known:
            base, metrics = known[objid]
        else:
            spec = _resolved(ref)
            if not isinstance(spec, dict):
                continue
            try:
                base, metrics = _metrics(spec)
            except Exception:  # noqa: BLE001 - a font pdfminer cannot make keeps PDFium's
                continue
            if objid is not None:
                known[objid] = base, metrics
        key = base.split("+", 1)[-1]
        other = found.get(key)
        found[key] = metrics if other is None or other == metrics else FontMetrics(
            other.name if other.name == metrics.name else "",
            other.descent if other.descent == metrics.descent else None,
            other.widths if other.widths == metrics.widths else {},
            other.hyphen if other.hyphen == metrics.hyphen else "-")
    return found


def _metrics(spec: dict[str, Any]) -> tuple[str, FontMetrics]:
    """A font's BaseFont, and its name and metrics as pdfminer takes them (pdffont.PDFFont
    and its kinds: the name is its descriptor's FontName, "unknown" without one)."""
    base = _name(_resolved(spec.get("BaseFont")))
    kind = _name(_resolved(spec.get("Subtype")))
    descriptor = _resolved(spec.get("FontDescriptor"))
    if kind == "Type0":
        kids = _resolved(spec.get("DescendantFonts"))
        kid = _resolved(kids[0]) if isinstance(kids, list) and kids else {}
        descriptor = _resolved(kid.get("FontDescriptor")) if isinstance(kid, dict) else None
    elif kind == "Type3":
        box = _resolved(spec.get("FontBBox")) or [0, 0, 0, 0]
        matrix = _resolved(spec.get("FontMatrix")) or [0.001, 0, 0, 0.001, 0, 0]
        # pdfminer's PDFType3Font: the box's bottom through the matrix, as it is
        vscale = float(_resolved(matrix[1])) + float(_resolved(matrix[3]))
        return base, FontMetrics(_font_name(descriptor), float(_resolved(box[1])) * vscale,
                                 *_unicode_facts(spec))
    elif kind in {"Type1", "MMType1"} and base in FONT_METRICS:
        descriptor = FONT_METRICS[base][0]
    descent = _number(descriptor, "Descent")
    return base, FontMetrics(_font_name(descriptor), -abs(descent) * 0.001,
                             *_unicode_facts(spec))


def _font_name(descriptor: Any) -> str:
    name = _resolved(descriptor.get("FontName")) if isinstance(descriptor, dict) else None
    if isinstance(name, PSLiteral):
        return str(name.name)
    return name if isinstance(name, str) else "unknown"


def _number(holder: Any, key: str) -> float:
    value = _resolved(holder.get(key)) if isinstance(holder, dict) else None
    return float(value) if isinstance(value, int | float) else 0.0


def _unicode_facts(spec: Any) -> tuple[dict[str, float], str]:
    """What pdfminer reads from a font's character map that PDFium does not give: each
    character's width per unit of font size, where the font's /Widths hold fractions
    ("612.793", as reportlab writes them: PDFium keeps whole numbers, so that its glyph
    positions drift from pdfminer's along a line; a character that two glyphs of
    different widths stand for is left out); and which hyphen the font's hyphen glyph
    stands for, soft (U+00AD) or plain (PDFium gives both as one code at a line's end)."""
    font = _FONTS.get_font(None, spec)
    texts: set[str] = set()
    unicode_map = getattr(font, "unicode_map", None)
    texts.update(getattr(unicode_map, "cid2unichr", {}).values())
    texts.update(getattr(font, "cid2unicode", {}).values())
    hyphen = "\u00ad" if "\u00ad" in texts and "-" not in texts else "-"
    raw_widths = _resolved(spec.get("Widths"))
    if not isinstance(raw_widths, list) or all(
            float(_resolved(w) or 0).is_integer() for w in raw_widths):
        return {}, hyphen
    out: dict[str, float] = {}
    clashes: set[str] = set()
    for cid in font.widths:
        if not isinstance(cid, int):
            continue
        try:
            text = font.to_unichr(cid)
        except Exception:  # noqa: BLE001 - no Unicode for the code: pdfminer says (cid:N)
            continue
        width = font.char_width(cid)
        if text in out and out[text] != width:
            clashes.add(text)
        out[text] = width
    return {t: w for t, w in out.items() if t not in clashes and len(t) == 1}, hyphen
