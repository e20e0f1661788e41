"""Hostile PDFs, written byte by byte: each the report page of hard_inputs with one attack.

`raw_pdf` lays out numbered objects and computes the cross-reference table, so each case is
a few lines that say what is wrong with it. The report page is drawn with the same text at
the same places as hard_inputs.report_page (Helvetica, right-aligned numbers), so that its
row "Xenter -11 307 -12 332 1 025" is found after extraction.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

from hard_inputs import ROWS
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

FONTS = (b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
         b"/Encoding /WinAnsiEncoding >> /F2 << /Type /Font /Subtype /Type1 "
         b"/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >> >>")
RESOURCES = b"<< " + FONTS + b" >>"


def _text(x: float, y: float, text: str, font: str = "F1", size: float = 10) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return (f"BT /{font} {size:g} Tf {x:.2f} {y:.2f} Td (".encode()
            + escaped.encode("cp1252") + b") Tj ET\n")


def report_content(top: float = A4[1]) -> bytes:
    """The operating statement's drawing operators, its title `top - 80` points up the page
    (A4 by default; a taller page puts it at its top)."""
    out = [_text(60, top - 80, "Driftredovisning verksamhet (tkr)", "F2", 14)]
    for x, text in ((330, "Utfall 2024"), (420, "Budget 2024"), (510, "Avvikelse")):
        out.append(_text(x - stringWidth(text, "Helvetica", 10), top - 110, text))
    for n, (label, *values) in enumerate(ROWS):
        y = top - 130 - 16 * n
        out.append(_text(60, y, label))
        for x, value in zip((330, 420, 510), values, strict=True):
            out.append(_text(x - stringWidth(value, "Helvetica", 10), y, value))
    out.append(_text(60, top - 220, "Nämnden redovisar ett överskott mot budget för året.",
                     size=9))
    return b"".join(out)


def stream(data: bytes, entries: bytes = b"", length: int | None = None) -> bytes:
    """A stream object's body; `length` overrides the true /Length (a lie)."""
    size = len(data) if length is None else length
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (size, entries, data)


def raw_pdf(objects: Sequence[bytes], trailer: bytes = b"/Root 1 0 R",
            prev: int | None = None) -> bytes:
    """A PDF of `objects` (bodies of objects 1..n) with a correct xref table. `prev`, when
    given, is written as the trailer's /Prev (the offset of an earlier xref section)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    extra = b"" if prev is None else b" /Prev %d" % prev
    out += b"trailer\n<< /Size %d %s%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer, extra, xref)
    return bytes(out)


def page_objects(content: bytes, page_extra: bytes = b"", resources: bytes = RESOURCES,
                 catalog_extra: bytes = b"", mediabox: tuple[float, float] = A4
                 ) -> list[bytes]:
    """Catalog (1), page tree (2), one page (3) and its content (4)."""
    box = b"[0 0 %g %g]" % mediabox
    return [
        b"<< /Type /Catalog /Pages 2 0 R %s >>" % catalog_extra,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources %s /Contents 4 0 R %s >>"
        % (box, resources, page_extra),
        stream(content),
    ]


def plain_pdf(path: Path) -> Path:
    """The report page, nothing hostile: the writer's own control."""
    path.write_bytes(raw_pdf(page_objects(report_content())))
    return path


# -- a decompression bomb ---------------------------------------------------------------------


def deflated(size: int, layers: int = 1, chunk: int = 1 << 20) -> bytes:
    """`size` spaces (blank content) deflated `layers` times, without holding them all."""
    packer = zlib.compressobj(9)
    parts = [packer.compress(b" " * min(chunk, size - done)) for done in range(0, size, chunk)]
    data = b"".join(parts) + packer.flush()
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    return data


def bomb_pdf(path: Path, inflated_mb: int = 200, layers: int = 1) -> Path:
    """The report page whose second content stream (object 5) inflates to `inflated_mb` MB
    of blanks from a few hundred KB (or, with two Flate layers, a few KB)."""
    objects = page_objects(report_content())
    objects[2] = objects[2].replace(b"/Contents 4 0 R", b"/Contents [4 0 R 5 0 R]")
    filters = b"/Filter [%s]" % b" ".join([b"/FlateDecode"] * layers)
    objects.append(stream(deflated(inflated_mb << 20, layers), filters))
    path.write_bytes(raw_pdf(objects))
    return path


# -- deep nesting -----------------------------------------------------------------------------


def nested_pdf(path: Path, depth: int = 100_000, where: str = "resources") -> Path:
    """`depth` levels of `[` (and of `<< /A`) in the page's resource dictionary, or in its
    content stream (`where="content"`)."""
    arrays = b"[" * depth + b"]" * depth
    dicts = b"<< /A " * depth + b"1" + b" >>" * depth
    if where == "content":
        content = report_content() + b"BT " + arrays + b" TJ ET\n" + dicts + b" gs\n"
        objects = page_objects(content)
    else:
        resources = b"<< " + FONTS + b" /Deep " + arrays + b" /Deeper " + dicts + b" >>"
        objects = page_objects(report_content(), resources=resources)
    path.write_bytes(raw_pdf(objects))
    return path


# -- loops ------------------------------------------------------------------------------------


def xref_loop_pdf(path: Path, two_sections: bool = False) -> Path:
    """A trailer whose /Prev points at its own xref section; or an update section whose
    /Prev points at the first, whose /Prev points back at the update."""
    body = raw_pdf(page_objects(report_content()))
    xref = int(body.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    if not two_sections:
        path.write_bytes(body.replace(b" >>\nstartxref", b" /Prev %d >>\nstartxref" % xref))
        return path
    # The update section (at `update`, after the first) redefines nothing and points back
    # at the first; the number is padded so that writing it keeps every offset.
    update = len(body) + len(b" /Prev 0000000000")
    first = body.replace(b" >>\nstartxref", b" /Prev %010d >>\nstartxref" % update)
    tail = (b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R /Prev %d >>\n"
            b"startxref\n%d\n%%%%EOF\n" % (xref, update))
    path.write_bytes(first + tail)
    return path


def self_reference_pdf(path: Path) -> Path:
    """Object 5 is `5 0 R` (a reference to itself) and is the page's /XObject and /ExtGState
    resources; the page tree's /Kids lists the tree itself, and the page's /Parent is the
    page."""
    objects = page_objects(report_content(),
                           resources=b"<< %s /XObject 5 0 R /ExtGState 5 0 R >>" % FONTS)
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 1 /Parent 2 0 R >>"
    objects[2] = objects[2].replace(b"/Parent 2 0 R", b"/Parent 3 0 R")
    objects.append(b"5 0 R")
    path.write_bytes(raw_pdf(objects))
    return path


def loop_pdf(path: Path) -> Path:
    """The report page, well formed, with a reference loop beside it that nothing on the
    page needs (objects 5 and 6 point at each other, the catalog names 5)."""
    objects = page_objects(report_content(), catalog_extra=b"/Loop 5 0 R")
    objects += [b"6 0 R", b"5 0 R"]
    path.write_bytes(raw_pdf(objects))
    return path


# -- too many glyphs --------------------------------------------------------------------------


def glyphs_pdf(path: Path, glyphs: int = 1_000_000) -> Path:
    """The report page, then a page of `glyphs` tiny characters (1000 lines of text)."""
    per_line = 1000
    line = b"(" + b"x0" * (per_line // 2) + b") Tj\n"
    lines = glyphs // per_line
    dense = (b"BT /F1 0.7 Tf 0.6 Tz 20 820 Td 0 -0.8 TL\n"
             + (line + b"T*\n") * lines + b"ET\n")
    objects = page_objects(report_content())
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>"
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] "
                b"/Resources %s /Contents 6 0 R >>" % RESOURCES,
                stream(zlib.compress(dense), b"/Filter /FlateDecode")]
    path.write_bytes(raw_pdf(objects))
    return path


# -- a page of 200 x 200 inches ---------------------------------------------------------------

HUGE = (14400.0, 14400.0)  # 200 x 200 inches in points


def huge_page_pdf(path: Path) -> Path:
    """The report at the top of a 14400 x 14400 pt page."""
    path.write_bytes(raw_pdf(page_objects(report_content(HUGE[1]), mediabox=HUGE)))
    return path


def huge_scan_pdf(path: Path) -> Path:
    """A 14400 x 14400 pt page with no text: one grey 64 x 64 picture drawn over all of it
    (a scanner's page image)."""
    pixels = bytes((x ^ y) & 0xFF for y in range(64) for x in range(64))
    image = stream(pixels, b"/Type /XObject /Subtype /Image /Width 64 /Height 64 "
                           b"/ColorSpace /DeviceGray /BitsPerComponent 8")
    content = b"q %g 0 0 %g 0 0 cm /Im1 Do Q\n" % HUGE
    objects = page_objects(content, resources=b"<< /XObject << /Im1 5 0 R >> >>",
                           mediabox=HUGE)
    objects.append(image)
    path.write_bytes(raw_pdf(objects))
    return path


# -- active content ---------------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    return b"(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode() + b")"


def active_pdf(path: Path, victim: Path) -> Path:
    """The report page with JavaScript to run on opening (the catalog's /OpenAction and its
    /Names tree) and a link whose /Launch action would run `touch victim`."""
    command = f"touch {victim}"
    js = _pdf_string(f"app.launchURL('file://{victim}'); this.exportDataObject('x');")
    launch = (b"<< /S /Launch /F %s /Unix << /F (/usr/bin/touch) /P %s >> "
              b"/Win << /F (cmd.exe) /P %s >> >>"
              % (_pdf_string(command), _pdf_string(str(victim)), _pdf_string(f"/c {command}")))
    objects = page_objects(report_content(), page_extra=b"/Annots [5 0 R] /AA << /O 7 0 R >>",
                           catalog_extra=b"/OpenAction 6 0 R /Names << /JavaScript << "
                                         b"/Names [(init) 6 0 R] >> >>")
    objects += [
        b"<< /Type /Annot /Subtype /Link /Rect [60 700 300 730] /Border [0 0 0] /A %s >>"
        % launch,
        b"<< /Type /Action /S /JavaScript /JS %s /Next %s >>" % (js, launch),
        b"<< /S /JavaScript /JS (app.alert\\('opened'\\);) >>",
    ]
    path.write_bytes(raw_pdf(objects))
    return path


# -- a damaged page tree ----------------------------------------------------------------------


def broken_tree_pdf(path: Path) -> Path:
    """Three pages: the report, a page whose /MediaBox is four names (pdfplumber's page
    listing fails on it, and so on the whole document), and a kid that is not there."""
    objects = page_objects(report_content())
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 5 0 R 9 0 R] /Count 3 >>"
    objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [/a /b /c /d] "
                   b"/Resources %s /Contents 4 0 R >>" % RESOURCES)
    path.write_bytes(raw_pdf(objects))
    return path


def missing_kid_pdf(path: Path) -> Path:
    """A page tree whose first kid is not there (a broken cross-reference offset does
    this): pdfplumber lists the report as page 1, without a word about the page before."""
    objects = page_objects(report_content())
    objects[1] = b"<< /Type /Pages /Kids [9 0 R 3 0 R] /Count 2 >>"
    path.write_bytes(raw_pdf(objects))
    return path


def missing_font_pdf(path: Path) -> Path:
    """The report page without its fonts (/Resources empty): pdfminer gives its glyphs no
    width, and the words run together."""
    path.write_bytes(raw_pdf(page_objects(report_content(), resources=b"<< >>")))
    return path


def damaged_content_pdf(path: Path) -> Path:
    """The report, then a page whose Flate content is cut off (the last 40 bytes of its
    deflate data gone), and a page whose /Contents names an object that is not there."""
    text = zlib.compress(report_content())
    objects = page_objects(report_content())
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 5 0 R 7 0 R] /Count 3 >>"
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources %s "
        b"/Contents 6 0 R >>" % RESOURCES,
        stream(text[:-40], b"/Filter /FlateDecode"),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources %s "
        b"/Contents 9 0 R >>" % RESOURCES,
    ]
    path.write_bytes(raw_pdf(objects))
    return path
