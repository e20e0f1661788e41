"""The auditors' page and the analysts' page, in a real browser (headless Chromium) and as
markup: the filters work, review states show, the charts render, and the console stays clean."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from browser import console_errors, open_file, screenshot, wait_for
from conftest import SAMPLES
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.output.overview import Chart, Point, Series, chart_svg, nice_ticks


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples extracted, with one error finding reviewed as explained."""
    raw = tmp_path_factory.mktemp("raw")
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        shutil.copy(pdf, raw / pdf.name)
    out = tmp_path_factory.mktemp("out")
    reviews = out.parent / f"{out.name}-reviews.csv"
    args = ["extract", str(raw), "--out", str(out), "--quiet", "--reviews", str(reviews)]
    assert main(args) == 0
    page = (out / "validation" / "index.html").read_text(encoding="utf-8")
    first = sorted(part.split("'")[0] for part in page.split("data-id='")[1:])[0]
    assert main(["review", first, "--decision", "explained", "--note", "typo", "--reviews",
                 str(reviews), "--out", str(out)]) == 0
    assert main(args) == 0
    return out


def _count(driver, css: str) -> int:
    return int(driver.execute_script(f"return document.querySelectorAll({css!r}).length;"))


def _shown(driver) -> int:
    return sum(el.is_displayed() for el in driver.find_elements("css selector", ".finding"))


def test_the_auditors_page_filters_and_shows_reviews(browser, site):
    from selenium.webdriver.support.select import Select

    open_file(browser, site / "validation" / "index.html")
    total = _count(browser, ".finding")
    assert total == 4 and _shown(browser) == 4
    assert browser.find_element("id", "shown-count").text == "4"
    severity = Select(browser.find_element("id", "filter-severity"))
    severity.select_by_value("warning")
    assert _shown(browser) == 1 and browser.find_element("id", "shown-count").text == "1"
    severity.select_by_value("")
    state = Select(browser.find_element("id", "filter-state"))
    state.select_by_value("explained")
    shown = [el for el in browser.find_elements("css selector", ".finding") if el.is_displayed()]
    assert len(shown) == 1
    assert "Reviewed: explained" in shown[0].find_element("css selector", "p.review").text
    # A report none of whose findings is shown is hidden as a whole.
    sections = browser.find_elements("css selector", "section.report")
    assert sum(s.is_displayed() for s in sections) == 1
    state.select_by_value("open")
    assert _shown(browser) == 3
    state.select_by_value("")
    report = Select(browser.find_element("id", "filter-report"))
    report.select_by_value("botkyrka_avun_verksamhetsberattelse_2019.pdf")
    assert _shown(browser) == 1
    report.select_by_value("")
    link = browser.find_element("css selector", "a.page-link")
    assert link.get_attribute("href").split("/validation/")[1].startswith("pdf/botkyrka_")
    assert "#page=" in link.get_attribute("href")
    assert all(browser.execute_script("return arguments[0].naturalWidth;", img) > 0
               for img in browser.find_elements("css selector", ".finding img"))
    assert console_errors(browser) == []
    screenshot(browser, "validation-page")


def test_the_analysts_page_draws_each_series(browser, site):
    open_file(browser, site / "overview" / "index.html")
    wait_for(browser, "document.querySelector('svg.series-chart') !== null")
    charts = browser.find_elements("css selector", "svg.series-chart")
    assert len(charts) == 36
    for chart in charts[:10]:
        box = chart.rect
        assert box["width"] > 100 and box["height"] > 100
    points = browser.find_elements("css selector", "a.point-link > circle.point")
    assert len(points) == 215
    assert {p.get_attribute("data-kind") for p in points} == {"outcome", "target"}
    # Every point links to a crop that is there.
    crops = {a.get_dom_attribute("href") for a in browser.find_elements("css selector",
                                                                     "a.point-link")}
    assert crops and all(h.startswith("crops/") for h in crops)
    assert all((site / "overview" / h).is_file() for h in crops)
    assert _count(browser, "section.organisation") == 1
    assert _count(browser, "table.verdicts tr") == 30 + _count(browser, "table.verdicts")
    assert _count(browser, "table.finances") > 0
    assert console_errors(browser) == []
    screenshot(browser, "overview-page")


def _chart(values: dict[int, float], targets: dict[int, float] | None = None) -> Chart:
    def series(kind: str, by_year: dict[int, float]) -> Series:
        return Series("", kind, tuple(Point(y, v, "r.pdf", 3, f"crops/{y}.png")
                                      for y, v in sorted(by_year.items())))
    chart = Chart("andel x", "Andel x", "%", [series("outcome", values)])
    if targets:
        chart.series.append(series("target", targets))
    return chart


def test_a_chart_places_its_points_in_order_and_links_each():
    svg = chart_svg(_chart({2017: 40.0, 2018: 55.0, 2019: 70.0}, {2019: 75.0}))
    assert svg.startswith("<svg class='series-chart' data-measure='andel x'")
    assert svg.count("class='point'") == 4 and svg.count("class='point-link'") == 4
    assert svg.count("data-kind='target'") == 1 and "stroke-dasharray" in svg
    xs = [float(part.split("'")[0]) for part in svg.split(" cx='")[1:]]
    assert xs[:3] == sorted(xs[:3]) and xs[3] == xs[2]  # the target of 2019 above 2019
    assert "2019 all: 70 % (r.pdf, page 3)" in svg


def test_a_chart_of_nothing_is_empty():
    assert chart_svg(Chart("k", "m", "", [])) == ""


@given(st.floats(-1e9, 1e9), st.floats(-1e9, 1e9))
@example(5e-324, 5e-324)  # flat and subnormal: CI found it
@example(-1500.0, 1.0)
@example(1.192092896e-07, -300.0)
def test_axis_ticks_span_the_values_in_round_steps(a, b):
    low, high = min(a, b), max(a, b)
    ticks = nice_ticks(low, high)
    assert 2 <= len(ticks) <= 12
    # Within a billionth of a step of the values: far below a pixel.
    slack = 1e-8 * (ticks[1] - ticks[0])
    assert ticks[0] <= low + slack and ticks[-1] >= high - slack
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:], strict=False)}
    step = ticks[1] - ticks[0]
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 6) in (1.0, 2.0, 5.0, 10.0)
    assert max(steps) - min(steps) <= 1e-6 * max(1.0, step)
