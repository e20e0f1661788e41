"""Pages per second of the whole extraction against bare pdfplumber, in one run, and the
time of a rerun with nothing new.

    python bench/bench.py [--raw DIR] [--workers N] [--ocr]

Both sides read the same pages of the same files on this machine, one after the other and
with the same number of processes: first pdfplumber's extract_words on every page (the floor
any pdfplumber-based extractor pays), then `pipeline extract` as `make extract` runs it, into
an empty folder, then once more into the same folder. Scanned pages are not OCR'd unless
--ocr is given: bare pdfplumber reads nothing on them, so OCR time is not part of the ratio.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pdfplumber

from pipeline.output.manifest import discover


def words_of(path: Path) -> int:
    """Bare pdfplumber: every page's words, nothing else. Returns the page count."""
    pages = 0
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                pages += 1
                page.close()
    except Exception as exc:  # the same broken files the pipeline reports
        print(f"  pdfplumber could not read {path.name}: {type(exc).__name__}", file=sys.stderr)
    return pages


def bare_pdfplumber(paths: list[Path], workers: int) -> tuple[int, float]:
    """Run as the pipeline runs: files spread over the same number of processes."""
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pages = sum(pool.map(words_of, paths))
    return pages, time.perf_counter() - started


def whole_pipeline(raw: Path, workers: int, out: Path, ocr: bool) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(raw), "--out",
                    str(out), "--workers", str(workers), "--quiet",
                    *([] if ocr else ["--no-ocr"])], check=False)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=Path("raw_pdfs"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, default=None, help="keep the extraction here")
    parser.add_argument("--ocr", action="store_true", help="OCR scanned pages in the run")
    args = parser.parse_args()
    paths, _skipped = discover(args.raw)  # what it skips, the run reports
    pages, bare = bare_pdfplumber(paths, args.workers)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "extracted"
        full = whole_pipeline(args.raw, args.workers, out, args.ocr)
        rerun = whole_pipeline(args.raw, args.workers, out, args.ocr)
    print(f"files {len(paths)}, pages {pages}, workers {args.workers}, cores {os.cpu_count()}")
    print(f"pdfplumber extract_words: {bare:7.1f} s  {pages / bare:6.1f} pages/s")
    print(f"pipeline extract (whole): {full:7.1f} s  {pages / full:6.1f} pages/s")
    print(f"ratio (pipeline time / pdfplumber time): {full / bare:.2f}")
    print(f"rerun with nothing new:   {rerun:7.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
