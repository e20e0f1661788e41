"""Read pages with PDFium (pypdfium2's raw API): about three times faster than pdfminer,
giving the same `PageObjects` pdfplumber gives, so that nothing after the reader changes.

What pdfminer computes is computed here from what PDFium knows, the way pdfminer computes it:

- a character's box runs from the font's descent below its origin to one font size above,
  and along the baseline for the glyph's advance, through the character's matrix. The
  descent and the font's name (with its subset tag) are the descriptor's, which the
  pdfplumber page gives (`PageFrame.fonts`); the advance is where PDFium's loose box ends
  past the glyph's ink, else the font's width for the character. Where a font's /Widths
  hold fractions PDFium rounds them, and its glyphs drift along a line; pdfminer's widths
  put them back.
- PDFium splits a ligature into its letters at one origin (pdfminer: one character, "fi");
  it leaves out a space drawn on its own, which draws no ink (pdfminer reads it, and words
  end there); it writes a line's last hyphen as a code of its own. Each is read back as
  pdfminer reads it.
- a path is split into its subpaths, and each subpath is a line ("m l"), a rectangle (four
  axis-aligned sides, closed) or a curve through its points, as pdfminer sorts them;
- coordinates go from user space through the page's /Rotate and MediaBox (the `PageFrame`)
  to pdfplumber's top-left coordinates.

Where a file declares its text (/ActualText), PDFium reads the declared text and pdfminer
the glyphs' character map: Chromium's non-breaking hyphen, InDesign's small capitals. Colours
are PDFium's RGB (a CMYK or grey fill arrives converted). A page PDFium reads nothing of, or
one that names no fonts, raises ReaderMismatch: pdfplumber reads it. pdfium is not
thread-safe, not even across documents, so every call holds render.PDFIUM_LOCK (Dask runs
tasks on threads).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from pipeline.core.records import BBox
from pipeline.read.objects import (
    MAX_EDGE_OBJECTS,
    MAX_MARK_PIXELS,
    ImageMark,
    Matrix,
    Obj,
    PageFrame,
    PageObjects,
    apply_matrix,
    edge_count,
    garbled,
    mark_image,
    mult_matrix,
)
from pipeline.read.render import PDFIUM_LOCK

__all__ = ["PdfiumDocument", "ReaderMismatch", "TooManyGlyphs"]

EMPTY_CONTENT = 64  # bytes of content stream a page with nothing on it may still hold
MAX_FORM_DEPTH = 32  # forms inside forms: deeper is a loop PDFium did not break
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# PDFium writes a hyphen that ends a line (a "-" or a soft U+00AD) as this code; it is read
# as the hyphen the font's map names (FontMetrics.hyphen), "-" where it names both.
PDFIUM_HYPHEN = 0x02
SOFT_HYPHEN = 0xAD


class ReaderMismatch(Exception):
    """PDFium does not see the document as pdfminer does (another page count, a file it
    cannot open): its pages would not be the same pages, so pdfplumber reads them."""


class TooManyGlyphs(Exception):
    """A page holds more characters than the bound: it is not read."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} characters")
        self.count = count


class PdfiumDocument:
    """One open document; `objects(frame)` reads the page the frame describes."""

    def __init__(self, path: Path, password: str | None, pages: int) -> None:
        with PDFIUM_LOCK:
            try:
                self._doc = pdfium.PdfDocument(str(path), password=password)
            except Exception as exc:  # pdfium's refusal is not the run's verdict
                raise ReaderMismatch(f"PDFium cannot open it ({exc})") from exc
            count = len(self._doc)
        if count != pages:
            self.close()
            raise ReaderMismatch(f"PDFium counts {count} pages, pdfminer {pages}")

    def close(self) -> None:
        with PDFIUM_LOCK:
            self._doc.close()

    def __enter__(self) -> PdfiumDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def objects(self, frame: PageFrame, max_glyphs: int) -> PageObjects:
        """The page's objects. Raises TooManyGlyphs past `max_glyphs` characters, and
        ReaderMismatch where PDFium cannot read the page (pdfplumber may)."""
        with PDFIUM_LOCK:
            try:
                page = self._doc[frame.number - 1]
            except Exception as exc:
                raise ReaderMismatch(f"PDFium cannot load page {frame.number} ({exc})") from exc
            try:
                return _page_objects(self._doc, page, frame, max_glyphs)
            finally:
                page.close()


def _page_objects(doc: Any, page: Any, frame: PageFrame, max_glyphs: int) -> PageObjects:
    objects = raw.FPDFPage_CountObjects(page.raw)
    if objects <= 0 and frame.content_bytes > EMPTY_CONTENT:
        # PDFium gave up on the page (a resource dictionary nested 100 000 deep): pdfminer
        # may read it.
        raise ReaderMismatch(f"PDFium reads nothing on page {frame.number}")
    text = raw.FPDFText_LoadPage(page.raw)
    if not text:
        raise ReaderMismatch(f"PDFium cannot read the text of page {frame.number}")
    try:
        count = raw.FPDFText_CountChars(text)
        if count > max_glyphs:
            raise TooManyGlyphs(count)
        fonts: dict[int, _Font] = {}
        if count and not frame.names_fonts:
            # The page uses fonts it does not name: PDFium reads its text in fonts of its
            # own, pdfminer as undecodable, as the reference reports it.
            raise ReaderMismatch(f"page {frame.number} names no fonts")
        by_object = _chars(text, count, frame, fonts)
    finally:
        raw.FPDFText_ClosePage(text)
    drawn = _Drawn()
    # Characters in the order the content stream draws them (pdfplumber groups runs of
    # one font in that order, and the layout stage tells overprinted strings by it).
    chars: list[Obj] = []
    for obj, matrix in _objects(page.raw):
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            drawn.add_path(obj, matrix, frame)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            drawn.images.append((obj, _image_box(matrix, frame)))
        elif kind == raw.FPDF_PAGEOBJ_TEXT:
            key = _key(obj)
            if key in by_object:
                chars.extend(by_object.pop(key))
            else:
                chars.append(_space(obj, matrix, frame, fonts))
    chars.extend(ch for rest in by_object.values() for ch in rest)
    images: list[ImageMark] = []
    if edge_count(drawn.lines, drawn.rects) <= MAX_EDGE_OBJECTS:
        images = [ImageMark(box, _image_colour(doc, page, obj))
                  for obj, box in drawn.images if mark_image(box)]
    return PageObjects(frame.number, frame.width, frame.height, chars, drawn.lines,
                       drawn.rects, drawn.curves, images, garbled(chars))


# -- characters -------------------------------------------------------------------------------


@dataclass
class _Run:
    """What the characters of one text object share: its font, size and matrix."""

    fontname: str
    descent: float  # in text space per unit of font size, negative (pdfminer's rule)
    size: float
    linear: Matrix  # the character matrix through the page's turn, without translation
    user: Matrix  # the character matrix in user space, without translation
    upright: bool
    colour: tuple[float, ...] | None
    font: Any
    true_widths: Mapping[str, float]  # pdfminer's, where the font's are fractions
    # (size, code) -> (pdfminer's advance, PDFium's), for every run of the font
    advances: dict[tuple[float, int], tuple[float, float]]
    hyphen: int  # what PDFium's line-end hyphen stands for in this font: "-" or U+00AD


def _key(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _fast(function: Any, restype: Any, *argtypes: Any) -> Any:
    """A PDFium function called with plain integers for its handles and without giving up
    the interpreter lock: a third of the cost of pypdfium2's typed binding, for the calls
    made once per character (under PDFIUM_LOCK, so no other thread calls PDFium)."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if not address:
        raise ImportError(f"pypdfium2 gives no address for {function}")
    return ctypes.PYFUNCTYPE(restype, *argtypes)(address)


_P, _I = ctypes.c_void_p, ctypes.c_int
_IS_GENERATED = _fast(raw.FPDFText_IsGenerated, _I, _P, _I)
_UNICODE = _fast(raw.FPDFText_GetUnicode, ctypes.c_uint, _P, _I)
_TEXT_OBJECT = _fast(raw.FPDFText_GetTextObject, _P, _P, _I)
_MAP_ERROR = _fast(raw.FPDFText_HasUnicodeMapError, _I, _P, _I)
_ORIGIN = _fast(raw.FPDFText_GetCharOrigin, _I, _P, _I, ctypes.POINTER(ctypes.c_double),
                ctypes.POINTER(ctypes.c_double))


def _origin(handle: int, i: int) -> tuple[float, float]:
    x, y = ctypes.c_double(), ctypes.c_double()
    _ORIGIN(handle, i, ctypes.byref(x), ctypes.byref(y))
    return x.value, y.value


GENERATED = frozenset({0x20, 0x0D, 0x0A})  # what PDFium inserts: spaces and line breaks


def _chars(text: Any, count: int, frame: PageFrame, fonts: dict[int, _Font]
           ) -> dict[int, list[Obj]]:
    """The page's characters as pdfminer reads them, by the text object they come from.
    (The loop is written out, not split into calls: a dense page has 5 000 characters.)"""
    handle = _key(text)
    a0, b0, c0, d0, e0, f0 = frame.device
    left, base, doctop, number = frame.left, frame.top + frame.height, frame.doctop, frame.number
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    matrix = raw.FS_MATRIX()
    runs: dict[int, _Run] = {}
    shared: dict[tuple[Any, ...], _Run] = {}
    by_object: dict[int, list[Obj]] = {}
    glyphs: dict[int, str] = {}
    out: list[Obj] = []
    last_obj, run = None, None
    last_origin = (0.0, 0.0)
    drift = 0.0  # how far PDFium's rounded widths put this glyph behind pdfminer's
    flat = False
    name, colour, upright, size, low, la, lb, ld = "", None, True, 0.0, 0.0, 1.0, 0.0, 1.0
    advances: dict[tuple[float, int], tuple[float, float]] = {}
    for i in range(count):
        code = _UNICODE(handle, i)
        if code in GENERATED and _IS_GENERATED(handle, i):
            continue
        key = _TEXT_OBJECT(handle, i) or 0
        same_object = key == last_obj
        if not same_object:
            run = runs.get(key)
            if run is None:
                raw.FPDFText_GetMatrix(text, i, matrix)
                obj = ctypes.cast(key, raw.FPDF_PAGEOBJECT)
                # Text objects alike (a page sets many runs in one font, size and colour)
                # share one run: the font is looked up once.
                font = raw.FPDFTextObj_GetFont(obj)
                fill = _colour(raw.FPDFPageObj_GetFillColor, obj)
                alike = (_key(font), matrix.a, matrix.b, matrix.c, matrix.d,
                         raw.FPDFText_GetFontSize(text, i), fill)
                run = shared.get(alike)
                if run is None:
                    run = shared[alike] = _run(font, alike[1:5], alike[5], alike[6], fonts,
                                               frame)
                runs[key] = run
            last_obj, drift = key, 0.0
            out = by_object.setdefault(key, [])
            la, lb, lc, ld = run.linear[:4]
            flat = lb == 0 and lc == 0 and la > 0 and ld > 0  # the usual: upright, unturned
            name, colour, upright, size = run.fontname, run.colour, run.upright, run.size
            low, advances = run.descent * run.size, run.advances
        assert run is not None
        if code == PDFIUM_HYPHEN:
            code = run.hyphen
        unmapped = _MAP_ERROR(handle, i) == 1
        _ORIGIN(handle, i, px, py)
        ux, uy = origin = (x.value, y.value)
        glyph = glyphs.get(code) if not unmapped else None
        if glyph is None:
            glyph = _glyph_text(code, unmapped)
            if not unmapped:
                glyphs[code] = glyph
        if same_object and origin == last_origin and out:
            # A ligature ("tt", "fi"): PDFium gives each of its letters at the glyph's
            # origin; pdfminer one character with both, as wide as the glyph. A soft
            # hyphen there is only in the text the file declares (/ActualText "k\xad"
            # for a "k"): nothing is drawn for it, and pdfminer reads no such character.
            if code != SOFT_HYPHEN:
                out[-1] = _ligature(out[-1], glyph, text, i, run, frame, origin)
            continue
        last_origin = origin
        widths = advances.get((size, code))
        if widths is None:
            widths = _advance(run, code, text, i, ux)
            # A ligature's first letter has the whole glyph's box: not the letter's width.
            if i + 1 >= count or _origin(handle, i + 1) != origin:
                advances[(size, code)] = widths
        advance, rounded = widths
        ox = a0 * ux + c0 * uy + e0 + la * drift
        oy = b0 * ux + d0 * uy + f0 + lb * drift
        drift += advance - rounded
        if not flat:
            out.append(_char(glyph, ox, oy, advance, run, frame))
            continue
        y0 = oy + ld * low  # _char, for an upright character, to the same rounding (words
        y1 = oy + ld * (low + size)  # end where the size changes, by any amount)
        top = base - y1
        out.append({"text": glyph, "fontname": name, "size": y1 - y0, "upright": upright,
                    "x0": left + ox, "x1": left + ox + la * advance, "top": top,
                    "bottom": base - y0, "doctop": doctop + top,
                    "matrix": (la, 0.0, 0.0, ld, ox, oy), "non_stroking_color": colour,
                    "object_type": "char", "page_number": number})
    return by_object


def _space(obj: Any, matrix: Matrix, frame: PageFrame, fonts: dict[int, _Font]
           ) -> Obj:
    """A text object PDFium leaves out of the page's text: one that draws no ink, which a
    space drawn on its own ("( ) Tj", as LibreOffice writes them) is. pdfminer reads the
    space, and words end at it, however narrow the gap; so it is read as a space."""
    size = ctypes.c_float()
    if not raw.FPDFTextObj_GetFontSize(obj, size):
        size.value = 0.0
    run = _run(raw.FPDFTextObj_GetFont(obj), matrix[:4], size.value,
               _colour(raw.FPDFPageObj_GetFillColor, obj), fonts, frame)
    width = ctypes.c_float()
    if not raw.FPDFFont_GetGlyphWidth(run.font, 0x20, ctypes.c_float(run.size), width):
        width.value = 0.0
    true = run.true_widths.get(" ")
    ox, oy = apply_matrix(frame.device, _decimal(matrix[4]), _decimal(matrix[5]))
    return _char(" ", ox, oy, float(width.value) if true is None else true * run.size, run,
                 frame)


def _char(glyph: str, ox: float, oy: float, advance: float, run: _Run, frame: PageFrame
          ) -> Obj:
    """pdfminer's LTChar as pdfplumber gives it: the box from the font's descent to one
    font size above, `advance` along the baseline, through the character's matrix at its
    device-space origin (ox, oy)."""
    low = run.descent * run.size
    a, b, c, d, _, _ = run.linear
    x0, y0 = ox + c * low, oy + d * low
    x1, y1 = ox + a * advance + c * (low + run.size), oy + b * advance + d * (low + run.size)
    if x1 < x0:
        x0, x1 = x1, x0
    if y1 < y0:
        y0, y1 = y1, y0
    left, right = frame.left + x0, frame.left + x1
    top, bottom = frame.top + frame.height - y1, frame.top + frame.height - y0  # from_device
    return {"text": glyph, "fontname": run.fontname, "size": y1 - y0,
            "upright": run.upright, "x0": left, "x1": right, "top": top, "bottom": bottom,
            "doctop": frame.doctop + top, "matrix": (a, b, c, d, ox, oy),
            "non_stroking_color": run.colour, "object_type": "char",
            "page_number": frame.number}


def _ligature(first: Obj, letter: str, text: Any, i: int, run: _Run, frame: PageFrame,
              origin: tuple[float, float]) -> Obj:
    """The character `first` with one more letter of its glyph, as wide as the glyph:
    PDFium shares the glyph's loose box out among its letters, so this letter's box ends
    where the glyph does (in user space, from the glyph's origin along the baseline)."""
    box = raw.FS_RECTF()
    raw.FPDFText_GetLooseCharBox(text, i, box)
    a, b = run.user[0], run.user[1]
    ends = [(px - origin[0]) * a + (py - origin[1]) * b
            for px in (box.left, box.right) for py in (box.bottom, box.top)]
    advance = max(ends) / max(a * a + b * b, 1e-12)
    _, _, _, _, ox, oy = first["matrix"]
    return _char(first["text"] + letter, ox, oy, max(advance, 0.0), run, frame)


def _run(handle: Any, matrix: Sequence[float], size: float, colour: tuple[float, ...] | None,
         fonts: dict[int, _Font], frame: PageFrame) -> _Run:
    """What a text object's characters share: its font (`handle`), size, fill colour, and
    matrix (a, b, c, d) in user space, through the page's turn."""
    user: Matrix = (_decimal(matrix[0]), _decimal(matrix[1]), _decimal(matrix[2]),
                    _decimal(matrix[3]), 0.0, 0.0)
    linear = mult_matrix(user, (*frame.device[:4], 0.0, 0.0))
    key = _key(handle)
    font = fonts.get(key)
    if font is None:
        font = fonts[key] = _font(handle, len(fonts), frame)
    a, b, c, d = linear[:4]
    return _Run(font.name, font.descent, _decimal(size), linear, user,
                a * d > 0 and b * c <= 0, colour, handle, font.widths, font.advances,
                ord(font.hyphen))


@dataclass
class _Font:
    name: str
    descent: float
    widths: Mapping[str, float]
    hyphen: str = "-"
    advances: dict[tuple[float, int], tuple[float, float]] = field(default_factory=dict)


def _font(handle: Any, number: int, frame: PageFrame) -> _Font:
    """The font as pdfminer names and measures it, where the pdfplumber page says (its
    descriptor's name, with the subset tag PDFium drops; its descent); else PDFium's
    name, made one per font object (two subsets of one font must stay apart, as words
    are split where the font changes), and PDFium's descent."""
    size = raw.FPDFFont_GetBaseFontName(handle, None, 0)
    buffer = ctypes.create_string_buffer(max(size, 1))
    raw.FPDFFont_GetBaseFontName(handle, buffer, size)
    base = buffer.value.decode("utf-8", "replace")
    descent = ctypes.c_float()
    if not raw.FPDFFont_GetDescent(handle, ctypes.c_float(1.0), descent):
        descent.value = 0.0
    metrics = frame.fonts.get(base.split("+", 1)[-1])  # PDFium keeps some subset tags
    if metrics is None:
        return _Font(base if "+" in base else f"{base or 'unknown'}#{number}",
                     -abs(descent.value), {})
    return _Font(metrics.name or (base if "+" in base else f"{base}#{number}"),
                 -abs(descent.value) if metrics.descent is None else metrics.descent,
                 metrics.widths, metrics.hyphen)


def _advance(run: _Run, code: int, text: Any, i: int, x: float) -> tuple[float, float]:
    """The glyph's advance in text space at the run's font size, pdfminer's and PDFium's.

    PDFium's loose box runs from the origin to the advance or to the ink's end, whichever
    is further: where it reaches past the ink, it is the advance. Else (an italic's
    overhang) the font's width for the character, where it is no wider (the character
    maps back to the glyph); else the box. pdfminer's width where the font's /Widths hold
    fractions, which PDFium rounds."""
    loose, ink = raw.FS_RECTF(), (ctypes.c_double(), ctypes.c_double(), ctypes.c_double(),
                                  ctypes.c_double())
    raw.FPDFText_GetLooseCharBox(text, i, loose)
    raw.FPDFText_GetCharBox(text, i, *ink)
    a, b = run.user[0], run.user[1]  # x: the origin's, in user space (ink may start left)
    # PDFium's loose box is measured along x only: for turned text it says nothing.
    along = abs(a) > 1e-3 and abs(b) < 1e-3
    box = abs(loose.right - x) / abs(a) if along else 0.0
    overhang = box > 0 and loose.right > ink[1].value + 0.01
    width = ctypes.c_float()
    known = bool(code) and bool(raw.FPDFFont_GetGlyphWidth(
        run.font, code, ctypes.c_float(run.size), width)) and width.value > 0
    if not along and not known:
        scale = max((a * a + b * b) ** 0.5, 1e-9)  # the ink's extent along the baseline
        rounded = max(abs(ink[1].value - ink[0].value), abs(ink[3].value - ink[2].value)) / scale
    elif box > 0 and (overhang or not known or width.value > box + 0.01):
        rounded = box  # the advance itself, or no better
    elif known:
        rounded = float(width.value)
    else:
        rounded = box
    true = run.true_widths.get(_char_text(code))
    return (rounded if true is None else true * run.size), rounded


def _decimal(value: float) -> float:
    """The decimal a file most likely wrote, from PDFium's single-precision float of it
    (104.05999755859375 is "104.06"): seven significant digits, which single precision
    holds. pdfminer reads the decimals themselves; sizes and positions then round alike."""
    return float(f"{value:.7g}")


def _glyph_text(code: int, unmapped: bool) -> str:
    """A glyph's text; one with no Unicode as pdfminer writes it ("(cid:12)": PDFium
    gives the glyph's code in its place)."""
    return f"(cid:{code})" if unmapped else _char_text(code)


def _char_text(code: int) -> str:
    try:
        return chr(code) if code else ""
    except (ValueError, OverflowError):
        return "\ufffd"


def _colour(read: Any, obj: Any) -> tuple[float, ...] | None:
    """An object's fill or stroke colour (`read`: FPDFPageObj_GetFillColor or
    GetStrokeColor) as 0-1 RGB; None where it has none PDFium can give (a pattern)."""
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not read(obj, r, g, b, a):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


# -- paths and images -------------------------------------------------------------------------


def _objects(page: Any) -> Iterator[tuple[Any, Matrix]]:
    """Every page object with its matrix to user space, inside forms too."""
    stack: list[tuple[Any, bool, Matrix, int]] = [(page, False, IDENTITY, 0)]
    m = raw.FS_MATRIX()
    while stack:
        holder, is_form, parent, depth = stack.pop()
        count = (raw.FPDFFormObj_CountObjects(holder) if is_form
                 else raw.FPDFPage_CountObjects(holder))
        nested = []
        for i in range(max(count, 0)):
            obj = (raw.FPDFFormObj_GetObject(holder, i) if is_form
                   else raw.FPDFPage_GetObject(holder, i))
            if not obj or not raw.FPDFPageObj_GetMatrix(obj, m):
                continue
            matrix = mult_matrix((_decimal(m.a), _decimal(m.b), _decimal(m.c),
                                  _decimal(m.d), _decimal(m.e), _decimal(m.f)), parent)
            if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_FORM:
                if depth < MAX_FORM_DEPTH:
                    nested.append((obj, True, matrix, depth + 1))
                continue
            yield obj, matrix
        stack.extend(reversed(nested))


@dataclass
class _Drawn:
    lines: list[Obj] = field(default_factory=list)
    rects: list[Obj] = field(default_factory=list)
    curves: list[Obj] = field(default_factory=list)
    images: list[tuple[Any, BBox]] = field(default_factory=list)

    def add_path(self, obj: Any, matrix: Matrix, frame: PageFrame) -> None:
        mode, stroke = ctypes.c_int(), ctypes.c_int()
        if not raw.FPDFPath_GetDrawMode(obj, mode, stroke):
            return
        paint = {"fill": mode.value != 0, "stroke": bool(stroke.value),
                 "non_stroking_color": _colour(raw.FPDFPageObj_GetFillColor, obj),
                 "stroking_color": _colour(raw.FPDFPageObj_GetStrokeColor, obj)}
        to_device = mult_matrix(matrix, frame.device)
        for shape, points in _subpaths(obj, to_device):
            kind, pts = _sorted_as_pdfminer(shape, points)
            record = _drawn(kind, pts, frame, paint)
            (self.lines if kind == "line" else self.rects if kind == "rect"
             else self.curves).append(record)


def _subpaths(obj: Any, to_device: Matrix) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """Each subpath as pdfminer's operator letters and points in device space: a move
    "m", a line "l", a Bézier "c" (its end point; the control points are no point of
    pdfminer's), a closing "h" (at the subpath's start)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    shape: list[str] = []
    points: list[tuple[float, float]] = []
    controls = 0
    for j in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, j)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = apply_matrix(to_device, round(x.value, 4), round(y.value, 4))  # _decimal
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                yield "".join(shape), points
            shape, points, controls = ["m"], [point], 0
            continue
        if not shape:  # a path must start with a move; pdfminer paints none that does not
            continue
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            controls += 1
            if controls % 3:
                continue
            shape.append("c")
        else:
            shape.append("l")
        points.append(point)
        if raw.FPDFPathSegment_GetClose(segment):
            # PDFium closes with a line back to the start; pdfminer's "h" is that line.
            if shape[-1] == "l" and point == points[0] and len(shape) > 2:
                shape[-1] = "h"
            else:
                shape.append("h")
                points.append(points[0])
    if shape:
        yield "".join(shape), points


def _sorted_as_pdfminer(shape: str, pts: list[tuple[float, float]]
                        ) -> tuple[str, list[tuple[float, float]]]:
    """Line, rectangle or curve, as pdfminer's paint_path sorts a subpath."""
    if shape in {"mlh", "ml"}:
        return "line", pts[:2]
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                  or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0))
        if pts[0] == pts[4] and square:
            (ax, ay), (bx, by) = pts[0], pts[2]
            return "rect", [(ax, ay), (bx, ay), (bx, by), (ax, by)]
    return "curve", pts


def _drawn(kind: str, pts: list[tuple[float, float]], frame: PageFrame,
           paint: dict[str, Any]) -> Obj:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    left, top = frame.from_device(x0, y1)
    right, bottom = frame.from_device(x1, y0)
    return {"object_type": kind, "page_number": frame.number, "x0": left, "x1": right,
            "top": top, "bottom": bottom, "y0": y0, "y1": y1, "width": right - left,
            "height": bottom - top, "doctop": frame.doctop + top,
            "pts": [frame.from_device(px, py) for px, py in pts], **paint}


def _image_box(matrix: Matrix, frame: PageFrame) -> BBox:
    """The image's box: its unit square through its matrix to the page."""
    to_device = mult_matrix(matrix, frame.device)
    corners = [frame.from_device(*apply_matrix(to_device, u, v))
               for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
    xs, tops = [c[0] for c in corners], [c[1] for c in corners]
    return BBox(min(xs), min(tops), max(xs), max(tops))


def _image_colour(doc: Any, page: Any, obj: Any) -> tuple[float, float, float] | None:
    """The mean colour (0-1 RGB) of an image's visible pixels: those its mask keeps, and
    not white (the ground around a circle). None for one too big or undecodable."""
    width, height = ctypes.c_uint(), ctypes.c_uint()
    if not raw.FPDFImageObj_GetImagePixelSize(obj, width, height):
        return None
    if width.value * height.value > MAX_MARK_PIXELS:
        return None
    bitmap = raw.FPDFImageObj_GetRenderedBitmap(doc.raw, page.raw, obj)
    if not bitmap:
        return None
    try:
        return _mean_colour(bitmap)
    finally:
        raw.FPDFBitmap_Destroy(bitmap)


def _mean_colour(bitmap: Any) -> tuple[float, float, float] | None:
    w, h = raw.FPDFBitmap_GetWidth(bitmap), raw.FPDFBitmap_GetHeight(bitmap)
    stride = raw.FPDFBitmap_GetStride(bitmap)
    fmt = raw.FPDFBitmap_GetFormat(bitmap)
    channels = {raw.FPDFBitmap_Gray: 1, raw.FPDFBitmap_BGR: 3, raw.FPDFBitmap_BGRx: 4,
                raw.FPDFBitmap_BGRA: 4}.get(fmt)
    if channels is None or w * h == 0 or w * h > 16 * MAX_MARK_PIXELS:
        return None
    data = ctypes.string_at(raw.FPDFBitmap_GetBuffer(bitmap), stride * h)
    pixels = []
    for row in range(h):
        for col in range(w):
            at = row * stride + col * channels
            if channels == 1:
                rgb = (data[at] / 255,) * 3
            else:
                if fmt == raw.FPDFBitmap_BGRA and data[at + 3] < 128:
                    continue
                rgb = (data[at + 2] / 255, data[at + 1] / 255, data[at] / 255)
            if min(rgb) < 0.95:  # not the white ground
                pixels.append(rgb)
    if not pixels:
        return None
    n = len(pixels)
    return (sum(p[0] for p in pixels) / n, sum(p[1] for p in pixels) / n,
            sum(p[2] for p in pixels) / n)
