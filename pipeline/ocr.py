"""Words from the image of a scanned page, by Tesseract (Debian's tesseract-ocr and
tesseract-ocr-swe), when it is installed. The only stage that runs an outside program.

The page is rendered with pypdfium2 and read with `tesseract ... tsv`; each recognised word
becomes a Word in PDF points, like the words of a text layer, so the tables of a scanned
page are found the same way.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import statistics
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from pipeline.records import BBox, Word

DPI = 300
LANGUAGES = "swe"
MIN_CONFIDENCE = 30.0  # below this Tesseract is guessing
CAP_SHARE = 0.72  # a digit or capital is about this share of the font size
HOW_TO_ENABLE = ("install Tesseract with Swedish (Debian: apt-get install tesseract-ocr "
                 "tesseract-ocr-swe, or run ci/ocr.sh) and run again to read scanned pages")


@lru_cache(maxsize=1)
def tesseract() -> str | None:
    """The tesseract program, when it is installed with Swedish; else None."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True,
                                timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return program if LANGUAGES in listed.split() else None


def ocr_words(path: Path, page_number: int, password: str | None = None,
              timeout: float = 120.0) -> list[Word]:
    """The words Tesseract reads on one page (1-based), in top-left PDF points."""
    import pypdfium2 as pdfium  # only scanned pages need it

    program = tesseract()
    if program is None:
        raise RuntimeError(f"Tesseract is not available: {HOW_TO_ENABLE}")
    pdf = pdfium.PdfDocument(str(path), password=password)
    try:
        image = pdf[page_number - 1].render(scale=DPI / 72).to_pil()
    finally:
        pdf.close()
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        # One thread: the pages of a run are already spread over the cores, and Tesseract's
        # own threads make it three times slower on two cores.
        done = subprocess.run([program, str(png), "stdout", "-l", LANGUAGES, "tsv"],
                              capture_output=True, text=True, timeout=timeout, check=True,
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return words_from_tsv(done.stdout, 72 / DPI)


def words_from_tsv(tsv: str, points_per_pixel: float) -> list[Word]:
    """Tesseract's TSV (level 5 rows are words) to Words, all of the page's typical height
    and size: a word's own box grows with its descenders ("Yttre reparationsfond") and
    would set it apart from the numbers on its line; the tops of capitals, digits and
    ascenders line up."""
    rows = [r for r in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
            if r.get("level") == "5" and (r.get("text") or "").strip()
            and float(r.get("conf") or -1) >= MIN_CONFIDENCE]
    if not rows:
        return []
    height = statistics.median(float(r["height"]) for r in rows) * points_per_pixel
    size = round(height / CAP_SHARE, 2)
    out = []
    for r in rows:
        left, top = float(r["left"]) * points_per_pixel, float(r["top"]) * points_per_pixel
        box = BBox(left, top, left + float(r["width"]) * points_per_pixel, top + height)
        out.append(Word(r["text"].strip(), box, size))
    return out
