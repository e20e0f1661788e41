"""Shared fixtures: the sample reports, the real corpus in ../shared when it is there, and a
headless browser (tests/browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser import BrowserMissing, launch, skip_or_fail

from pipeline.document import DocumentResult
from pipeline.run.api import extract_document

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

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


@pytest.fixture(scope="session")
def browser() -> Iterator[WebDriver]:
    """Headless Debian Chromium through Selenium, one per session; skipped when it is not
    installed, failed instead when PIPELINE_TEST_BROWSER=required (CI)."""
    try:
        driver = launch()
    except BrowserMissing as err:
        skip_or_fail(str(err))
    yield driver
    driver.quit()
