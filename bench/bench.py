"""Pages per second of the whole extraction against bare pdfplumber, in one run, and the
time of a rerun with nothing new.

    python bench/bench.py [--raw DIR] [--workers N] [--ocr] [--reader pdfplumber]

Both sides read the same pages of the same files on this machine, one after the other and
with the same number of processes: first pdfplumber's extract_words on every page (the floor
any pdfplumber-based extractor pays), then `pipeline extract` as `make extract` runs it, into
an empty folder, then once more into the same folder. Scanned pages are not OCR'd unless
--ocr is given: bare pdfplumber reads nothing on them, so OCR time is not part of the ratio.
Each side's workers report their peak resident memory; `--reader pdfplumber` runs the
pipeline with the reference reader (as it read before PDFium), for the same figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pdfplumber

from pipeline.output.manifest import discover


def words_of(path: Path) -> tuple[int, int, int]:
    """Bare pdfplumber: every page's words, nothing else. Returns the page count, and the
    worker's process id and peak resident memory (kB)."""
    pages = 0
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                pages += 1
                page.close()
    except Exception as exc:  # the same broken files the pipeline reports
        print(f"  pdfplumber could not read {path.name}: {type(exc).__name__}", file=sys.stderr)
    return pages, os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def bare_pdfplumber(paths: list[Path], workers: int) -> tuple[int, float, list[float]]:
    """Run as the pipeline runs: files spread over the same number of processes. Returns
    pages, seconds and each worker's peak memory (MB)."""
    started = time.perf_counter()
    peaks: dict[int, int] = {}
    pages = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for n, pid, kb in pool.map(words_of, paths):
            pages += n
            peaks[pid] = max(kb, peaks.get(pid, 0))
    return pages, time.perf_counter() - started, _megabytes(peaks.values())


def _megabytes(kbs: Iterable[int]) -> list[float]:
    return sorted((round(kb / 1024, 1) for kb in kbs), reverse=True)


def whole_pipeline(raw: Path, workers: int, out: Path, ocr: bool, reader: str
                   ) -> tuple[float, list[float]]:
    """`pipeline extract` as `make extract` runs it: seconds, and each worker's peak memory
    (MB) as the run's --stats gives it."""
    stats = out.parent / f"{out.name}.stats.json"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(raw), "--out",
                    str(out), "--workers", str(workers), "--quiet", "--reader", reader,
                    "--stats", str(stats), *([] if ocr else ["--no-ocr"])], check=False)
    seconds = time.perf_counter() - started
    peaks = json.loads(stats.read_text())["worker_peak_rss_mb"] if stats.exists() else []
    return seconds, peaks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=Path("raw_pdfs"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, default=None, help="keep the extraction here")
    parser.add_argument("--ocr", action="store_true", help="OCR scanned pages in the run")
    parser.add_argument("--reader", default="pdfium", choices=("pdfium", "pdfplumber"),
                        help="the pipeline's page reader (default: %(default)s)")
    args = parser.parse_args()
    paths, _skipped = discover(args.raw)  # what it skips, the run reports
    pages, bare, bare_peaks = bare_pdfplumber(paths, args.workers)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "extracted"
        full, peaks = whole_pipeline(args.raw, args.workers, out, args.ocr, args.reader)
        rerun, _ = whole_pipeline(args.raw, args.workers, out, args.ocr, args.reader)
    print(f"files {len(paths)}, pages {pages}, workers {args.workers}, cores {os.cpu_count()}, "
          f"reader {args.reader}")
    print(f"pdfplumber extract_words: {bare:7.1f} s  {pages / bare:6.1f} pages/s")
    print(f"pipeline extract (whole): {full:7.1f} s  {pages / full:6.1f} pages/s")
    print(f"ratio (pipeline time / pdfplumber time): {full / bare:.2f}")
    print(f"rerun with nothing new:   {rerun:7.2f} s")
    print(f"peak RSS per worker, MB:  pipeline {peaks}; bare pdfplumber {bare_peaks}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
