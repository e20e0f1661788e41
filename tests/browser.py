"""The browser tests' harness: Debian's Chromium, headless, driven through Selenium.

The `browser` fixture in conftest.py starts one driver per session with `launch`; the helpers
here act on it. Selenium Manager never runs: the paths of Debian's chromedriver and Chromium are
always given, so nothing is downloaded (`bash ci/browser.sh` installs both).
Selenium is imported only when a browser is launched, so that collecting the tests needs none.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
HOW_TO_INSTALL = "install Debian's chromium and chromium-driver with `bash ci/browser.sh`"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600")
MAX_SCREENSHOT_HEIGHT = 8000  # px; a runaway page still gives a screenshot of sane size
REQUIRED = "PIPELINE_TEST_BROWSER"  # "required" (CI): a missing browser fails instead of skipping


class BrowserMissing(Exception):
    """Chromium, chromedriver or Selenium is not installed; the message says how to install."""


def find_programs() -> tuple[str, str]:
    """The paths of Chromium and chromedriver on PATH, as (browser, driver)."""
    browser, driver = shutil.which("chromium"), shutil.which("chromedriver")
    missing = [name for name, path in (("chromium", browser), ("chromedriver", driver)) if not path]
    if browser is None or driver is None:
        raise BrowserMissing(f"{' and '.join(missing)} not found on PATH; {HOW_TO_INSTALL}")
    return browser, driver


def launch() -> WebDriver:
    """A headless Chromium that records the page's console (read it with `console_errors`)."""
    browser, driver = find_programs()
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as err:
        msg = "selenium is not installed; run `.venv/bin/pip install -e '.[dev]'`"
        raise BrowserMissing(msg) from err
    # Given a driver path Selenium skips Selenium Manager; should it ever run, it stays offline.
    os.environ.setdefault("SE_OFFLINE", "true")
    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def skip_or_fail(reason: str) -> NoReturn:
    """Skip a browser test on a machine without the browser; fail when CI requires it."""
    if os.environ.get(REQUIRED) == "required":
        pytest.fail(f"{reason} ({REQUIRED}=required: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


def open_file(driver: WebDriver, path: Path) -> None:
    """Load a local file; the console messages of earlier pages are dropped first."""
    driver.get_log("browser")
    driver.get(path.resolve().as_uri())


def console_errors(driver: WebDriver) -> list[str]:
    """The console's SEVERE messages since the last call (or `open_file`), oldest first."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def wait_for(driver: WebDriver, condition_js: str, timeout: float = 5) -> None:
    """Poll the JavaScript expression `condition_js` until it is true; TimeoutError after."""
    deadline = time.monotonic() + timeout
    while not driver.execute_script(f"return Boolean({condition_js});"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{condition_js!r} is still false after {timeout} s")
        time.sleep(0.05)


def screenshot(driver: WebDriver, name: str) -> Path:
    """A PNG of the whole page (up to MAX_SCREENSHOT_HEIGHT) in test-output/screenshots/."""
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    size = driver.get_window_size()
    # The window is taller than the page's viewport, by the browser's own (invisible) bars.
    height = driver.execute_script(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"
        " + window.outerHeight - window.innerHeight;")
    driver.set_window_size(size["width"], min(max(height, size["height"]), MAX_SCREENSHOT_HEIGHT))
    try:
        if not driver.save_screenshot(str(path)):
            raise OSError(f"the browser could not write the screenshot {path}")
    finally:
        driver.set_window_size(size["width"], size["height"])
    return path
