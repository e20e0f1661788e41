"""Pages per second of the whole extraction against bare pdfplumber, in one run.

    python bench/bench.py [--raw DIR] [--workers N]

Both sides read the same pages of the same files on this machine, one after the other and
with the same number of processes: first pdfplumber's extract_words on every page (the floor
any pdfplumber-based extractor pays), then `pipeline extract` as `make extract` runs it.
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

from pipeline.extract import discover


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


def whole_pipeline(raw: Path, workers: int, keep: Path | None) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        out = keep or Path(tmp)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(raw), "--out",
                        str(out), "--workers", str(workers), "--quiet"], check=False)
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=Path("raw_pdfs"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, default=None, help="keep the extraction here")
    args = parser.parse_args()
    paths = discover(args.raw)
    pages, bare = bare_pdfplumber(paths, args.workers)
    full = whole_pipeline(args.raw, args.workers, args.keep)
    print(f"files {len(paths)}, pages {pages}, workers {args.workers}, cores {os.cpu_count()}")
    print(f"pdfplumber extract_words: {bare:7.1f} s  {pages / bare:6.1f} pages/s")
    print(f"pipeline extract (whole): {full:7.1f} s  {pages / full:6.1f} pages/s")
    print(f"ratio (pipeline time / pdfplumber time): {full / bare:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
