"""Pages per second of the whole extraction against bare pdfplumber, in one run.

    python bench/bench.py [--raw DIR] [--workers N]

Both sides read the same pages of the same files on this machine, one after the other: first
pdfplumber's extract_words on every page (the floor any pdfplumber-based extractor pays), then
`pipeline extract` as `make extract` runs it, into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from pipeline.extract import discover


def bare_pdfplumber(paths: list[Path]) -> tuple[int, float]:
    started = time.perf_counter()
    pages = 0
    for path in paths:
        try:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_words()
                    pages += 1
                    page.close()
        except Exception as exc:  # the same broken files the pipeline reports
            print(f"  pdfplumber could not read {path.name}: {type(exc).__name__}", file=sys.stderr)
    return pages, time.perf_counter() - started


def whole_pipeline(raw: Path, workers: int) -> float:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(raw), "--out", out,
                        "--workers", str(workers), "--quiet"], check=False)
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=Path("raw_pdfs"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    paths = discover(args.raw)
    pages, bare = bare_pdfplumber(paths)
    full = whole_pipeline(args.raw, args.workers)
    print(f"files {len(paths)}, pages {pages}, workers {args.workers}, cores {os.cpu_count()}")
    print(f"pdfplumber extract_words, 1 process: {bare:7.1f} s  {pages / bare:6.1f} pages/s")
    print(f"pipeline extract (whole run):        {full:7.1f} s  {pages / full:6.1f} pages/s")
    print(f"ratio (pipeline time / pdfplumber time): {full / bare:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
