"""Page images with pypdfium2, bounded in pixels: for OCR, the debugger and the crops of the
validation report.

A page of 200 x 200 inches at 300 DPI would be 60000 x 60000 pixels (10 GB as RGB); its image
is made smaller instead, and the caller is told the scale it was made at, so that it can turn
pixels back into PDF points.
"""

from __future__ import annotations

import math
import threading
from pathlib import Path
from typing import Any

MAX_PIXELS = 50_000_000  # about 150 MB as RGB: an A4 page at 1000 DPI, a 200-inch page at 35
MAX_SIDE = 32_000  # Tesseract refuses images wider or taller than 32767 pixels

# pdfium is not thread-safe, not even across documents: Dask runs tasks on threads.
PDFIUM_LOCK = threading.RLock()


def bounded_scale(width: float, height: float, scale: float, max_pixels: int = MAX_PIXELS,
                  max_side: int = MAX_SIDE) -> float:
    """`scale` (pixels per point), lowered where needed so that a page of `width` x `height`
    points makes at most `max_pixels` pixels and no side longer than `max_side`."""
    width, height = max(abs(width), 1.0), max(abs(height), 1.0)
    fit = min(scale,
              math.sqrt(max_pixels / (width * height)),
              max_side / width, max_side / height)
    # Rounding up to whole pixels must not take the image past the bound.
    while math.ceil(width * fit) * math.ceil(height * fit) > max_pixels and fit > 0:
        fit *= 0.999
    return fit


def render_page(path: Path, page_number: int, scale: float, password: str | None = None,
                max_pixels: int = MAX_PIXELS) -> tuple[Any, float]:
    """The image (PIL) of page `page_number` (1-based) at `scale` pixels per point, or
    smaller, and the scale it was rendered at."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(str(path), password=password)
        try:
            page = document[page_number - 1]
            width, height = page.get_size()
            used = bounded_scale(width, height, scale, max_pixels)
            image = page.render(scale=used).to_pil()
        finally:
            document.close()
    return image, used


def glyph_counts(path: Path, numbers: range, password: str | None = None) -> dict[int, int]:
    """The characters on each page of `numbers` (1-based), as pdfium counts them: a few
    milliseconds a page, where pdfminer needs a minute and gigabytes for a million glyphs.
    Pages pdfium cannot read are left out (pdfplumber may still read them)."""
    import pypdfium2 as pdfium

    counts: dict[int, int] = {}
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(str(path), password=password)
        except Exception:  # pdfium's own reading is a help here, never a verdict
            return counts
        try:
            for number in numbers:
                if 1 <= number <= len(document):
                    counts[number] = _count(document, number)
        finally:
            document.close()
    return {n: c for n, c in counts.items() if c >= 0}


def _count(document: Any, number: int) -> int:
    try:
        page = document[number - 1]
        text = page.get_textpage()
        try:
            return int(text.count_chars())
        finally:
            text.close()
            page.close()
    except Exception:
        return -1
