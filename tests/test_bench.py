"""`make bench` runs on the sample reports to its last line (its figures are not checked:
speed is measured by the benchmark, never by a test)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_bench_runs_through_and_prints_its_figures() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "bench.py"), "--raw",
                           str(ROOT / "raw_pdfs"), "--workers", "1"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    pdfs = len(list((ROOT / "raw_pdfs").glob("*.pdf")))
    assert re.search(rf"^files {pdfs}, pages \d+, workers 1", done.stdout, re.M), done.stdout
    assert re.search(r"^ratio \(pipeline time / pdfplumber time\): \d+\.\d\d$", done.stdout,
                     re.M), done.stdout
    # one worker: the run's own process; its peak memory is measured, not guessed
    peaks = re.search(r"^peak RSS per worker, MB:  pipeline \[(\d+\.\d)\]; bare pdfplumber "
                      r"\[(\d+\.\d)\]$", done.stdout, re.M)
    assert peaks and float(peaks[1]) > 10 and float(peaks[2]) > 10, done.stdout
