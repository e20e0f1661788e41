"""Words from the image of a scanned page, by Tesseract (Debian's tesseract-ocr and
tesseract-ocr-swe), when it is installed. The only stage that runs an outside program.

The page is rendered with pypdfium2 (within pipeline.read.render's pixel bound) and read with
`tesseract ... tsv`; each recognised word becomes a Word in PDF points, like the words of a
text layer, so the tables of a scanned page are found the same way.
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

from pipeline.core.records import BBox, Word

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
    """The words Tesseract reads on one page (1-based), in top-left PDF points. A page too
    large to render at DPI within the pixel bound (200 x 200 inches) is rendered smaller."""
    from pipeline.read.render import render_page

    program = tesseract()
    if program is None:
        raise RuntimeError(f"Tesseract is not available: {HOW_TO_ENABLE}")
    image, scale = render_page(path, page_number, DPI / 72, password)
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        del image  # up to MAX_PIXELS: not held while Tesseract reads it
        tsv = run_tesseract(program, png, timeout)
    # 72 / DPI exactly when the page was rendered at DPI, so that boxes stay bit for bit.
    return words_from_tsv(tsv, 72 / DPI if scale == DPI / 72 else 1 / scale)


def run_tesseract(program: str, png: Path, timeout: float) -> str:
    """Tesseract's TSV of the words on the image."""
    # One thread: the pages of a run are already spread over the cores, and Tesseract's
    # own threads make it three times slower on two cores.
    done = subprocess.run([program, str(png), "stdout", "-l", LANGUAGES, "tsv"],
                          capture_output=True, text=True, timeout=timeout, check=True,
                          env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return done.stdout


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
