"""The browser harness (tests/browser.py) sees what a page does, and tells when it goes wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import (
    HOW_TO_INSTALL,
    BrowserMissing,
    console_errors,
    find_programs,
    open_file,
    screenshot,
    skip_or_fail,
    wait_for,
)
from PIL import Image

FILTER_PAGE = """<!doctype html><meta charset="utf-8"><title>filter</title>
<select id="x"><option value="">all</option><option value="a">a</option>
<option value="b">b</option><option value="c">c</option></select>
<table><tr data-x="a"><td>1</td></tr><tr data-x="b"><td>2</td></tr>
<tr data-x="a"><td>3</td></tr><tr data-x="c"><td>4</td></tr></table>
<script>
document.getElementById("x").addEventListener("change", (event) => {
  for (const row of document.querySelectorAll("tr")) {
    row.hidden = event.target.value !== "" && row.dataset.x !== event.target.value;
  }
});
</script>"""


def page(tmp_path: Path, body: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(f'<!doctype html><meta charset="utf-8"><title>{name}</title>{body}')
    return path


def visible_rows(driver) -> int:
    return sum(row.is_displayed() for row in driver.find_elements("css selector", "tr"))


def test_select_filters_the_rows(browser, tmp_path: Path) -> None:
    from selenium.webdriver.support.select import Select

    path = tmp_path / "filter.html"
    path.write_text(FILTER_PAGE)
    open_file(browser, path)
    select = Select(browser.find_element("id", "x"))
    counts = {}
    for value in ("a", "b", "c", ""):
        select.select_by_value(value)
        counts[value] = visible_rows(browser)
    assert counts == {"a": 2, "b": 1, "c": 1, "": 4}
    assert console_errors(browser) == []


def test_console_error_is_reported_once(browser, tmp_path: Path) -> None:
    open_file(browser, page(tmp_path, '<script>console.error("boom")</script>'))
    errors = console_errors(browser)
    assert len(errors) == 1
    assert "boom" in errors[0]
    assert console_errors(browser) == []  # drained


def test_uncaught_exception_is_a_console_error(browser, tmp_path: Path) -> None:
    open_file(browser, page(tmp_path, '<script>throw new Error("kaput")</script>'))
    assert ["kaput" in error for error in console_errors(browser)] == [True]


def test_clean_page_has_no_console_errors(browser, tmp_path: Path) -> None:
    open_file(browser, page(tmp_path, '<p>fine</p><script>console.log("only a log")</script>'))
    assert console_errors(browser) == []


def test_errors_of_the_previous_page_are_dropped(browser, tmp_path: Path) -> None:
    open_file(browser, page(tmp_path, '<script>console.error("old")</script>', "old.html"))
    open_file(browser, page(tmp_path, "<p>new</p>", "new.html"))
    assert console_errors(browser) == []


def test_wait_for_waits_and_times_out(browser, tmp_path: Path) -> None:
    open_file(browser, page(tmp_path, "<script>setTimeout(() => window.done = true, 300)</script>"))
    wait_for(browser, "window.done === true")
    with pytest.raises(TimeoutError, match="'window.never' is still false after 0.2 s"):
        wait_for(browser, "window.never", timeout=0.2)


def test_screenshot_is_the_whole_page(browser, tmp_path: Path) -> None:
    open_file(browser, page(tmp_path, '<div style="height:3000px;background:#36c">tall</div>'))
    before = browser.get_window_size()
    path = screenshot(browser, "harness-tall-page")
    assert path.is_file()
    assert path.stat().st_size > 1024
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.height >= 3000
    assert browser.get_window_size() == before


def test_missing_programs_name_the_install_command(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BrowserMissing) as caught:
        find_programs()
    assert str(caught.value) == f"chromium and chromedriver not found on PATH; {HOW_TO_INSTALL}"


def test_missing_browser_skips(monkeypatch) -> None:
    monkeypatch.delenv("PIPELINE_TEST_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromedriver not found"):
        skip_or_fail("chromedriver not found")


def test_missing_browser_fails_when_required(monkeypatch) -> None:
    monkeypatch.setenv("PIPELINE_TEST_BROWSER", "required")
    with pytest.raises(pytest.fail.Exception, match="PIPELINE_TEST_BROWSER=required"):
        skip_or_fail("chromedriver not found")
