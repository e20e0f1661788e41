"""Shared fixtures: the sample reports, and the real corpus in ../shared when it is there."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from pipeline.document import DocumentResult
from pipeline.run.api import extract_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "raw_pdfs"
SHARED = ROOT.parent / "shared"
REAL = SHARED / "corpus" / "real"
GOLDEN = Path(__file__).parent / "golden"
SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))


@cache
def extracted(path: Path, raw_dir: Path) -> DocumentResult:
    """Each document is extracted once per test session."""
    return extract_document(path, raw_dir)


def real_pdf(name: str) -> Path:
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"{path} is not here (../shared/corpus/real is only on project machines)")
    return path
