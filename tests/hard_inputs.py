"""Hostile and awkward PDFs, made on the fly: each a small report page gone wrong in one way.

The page itself is an operating statement in tkr whose rows the tests look for after
extraction ("Xenter -11 307 -12 332 1 025").
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

ROWS = [("Nämnden", "-366", "-477", "111"), ("Xenter", "-11 307", "-12 332", "1 025"),
        ("Vuxenutbildning", "-92 913", "-94 468", "1 555"),
        ("Total", "-104 586", "-107 277", "2 691")]
PASSWORD = "hemligt"


TITLE = "Driftredovisning verksamhet (tkr)"
HEADERS = ("Utfall 2024", "Budget 2024", "Avvikelse")


def report_page(c: canvas.Canvas, title: str = TITLE, headers: tuple[str, ...] = HEADERS,
                rows: list[tuple[str, ...]] = ROWS) -> None:
    """The statement, at the top of the current page."""
    width, height = A4
    c.setFont("Helvetica-Bold", 14)
    c.drawString(60, height - 80, title)
    c.setFont("Helvetica", 10)
    columns = (330, 420, 510)[: len(headers)]
    for x, text in zip(columns, headers, strict=True):
        c.drawRightString(x, height - 110, text)
    for n, (label, *values) in enumerate(rows):
        y = height - 130 - 16 * n
        c.drawString(60, y, label)
        for x, value in zip(columns, values, strict=True):
            c.drawRightString(x, y, value)
    c.setFont("Helvetica", 9)
    c.drawString(60, height - 150 - 16 * len(rows),
                 "Nämnden redovisar ett överskott mot budget för året.")


def report_pdf(path: Path, encrypt: str | None = None, rects: int = 0, title: str = TITLE,
               headers: tuple[str, ...] = HEADERS, rows: list[tuple[str, ...]] = ROWS) -> Path:
    """The report page; encrypted with `encrypt` as its password; with `rects` tiny
    rectangles drawn under the text (a page of tens of thousands of objects); another
    table with `title`, `headers` and `rows`."""
    c = canvas.Canvas(str(path), pagesize=A4,
                      encrypt=pdfencrypt.StandardEncryption(encrypt, ownerPassword="ägaren",
                                                            strength=128) if encrypt else None)
    for n in range(rects):
        c.rect(20 + (n % 280) * 2, 300 + (n // 280) * 2, 1, 1, stroke=1, fill=0)
    report_page(c, title, headers, rows)
    c.showPage()
    c.save()
    return path


def turned_pdf(source: Path, path: Path, degrees: int) -> Path:
    """The same page with /Rotate set: its text then runs up or down the shown page."""
    src = pdfium.PdfDocument(str(source))
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [0])
    out[0].set_rotation(degrees)
    out.save(str(path))
    return path


def scanned_pdf(source: Path, path: Path, dpi: int = 200) -> Path:
    """The page as a picture only, as a scanner makes it: no text layer."""
    page = pdfium.PdfDocument(str(source))[0]
    image = page.render(scale=dpi / 72).to_pil().convert("L")
    image.save(str(path), "PDF", resolution=float(dpi))
    return path


def truncated_pdf(source: Path, path: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def garbage_pdf(path: Path) -> Path:
    """A PDF header and then nothing a PDF reader can use."""
    body = io.BytesIO()
    body.write(b"%PDF-1.7\n")
    for n in range(2000):
        body.write(bytes((n * 37 + k * 11) % 256 for k in range(32)))
    path.write_bytes(body.getvalue())
    return path
