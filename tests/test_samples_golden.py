"""The sample reports against their truth files: every printed value, found where it is."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLE_PDFS, SAMPLES, extracted

KEY = ("page", "table_title", "row_label", "column_label", "raw_text", "value")


def truth_rows(pdf: Path) -> Counter[tuple[str, ...]]:
    with pdf.with_suffix(".truth.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kind"] != "missing"]
    return Counter(tuple(_norm(r[k]) if k == "value" else r[k] for k in KEY) for r in rows)


def found_rows(pdf: Path) -> Counter[tuple[str, ...]]:
    result = extracted(pdf, SAMPLES)
    return Counter(
        (str(o.page), o.table_title, o.row_label, o.column_label, o.raw_text,
         "" if o.value is None else _norm(repr(o.value)))
        for o in result.observations
    )


def _norm(value: str) -> str:
    return "" if value == "" else repr(float(value))


def test_there_are_three_sample_reports():
    assert [p.name for p in SAMPLE_PDFS] == [
        f"botkyrka_avun_verksamhetsberattelse_{y}.pdf" for y in (2017, 2018, 2019)]


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_every_truth_value_is_found_in_place(pdf):
    truth, found = truth_rows(pdf), found_rows(pdf)
    missing = truth - found
    assert not missing, f"{sum(missing.values())} truth values not found, e.g. {list(missing)[:5]}"


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_no_value_is_invented(pdf):
    truth, found = truth_rows(pdf), found_rows(pdf)
    extra = found - truth
    precision = 1 - sum(extra.values()) / sum(found.values())
    assert precision >= 0.99, f"precision {precision:.3f}; invented e.g. {list(extra)[:5]}"


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_samples_read_without_problems(pdf):
    assert extracted(pdf, SAMPLES).problems == []


def test_observations_carry_provenance():
    pdf = SAMPLE_PDFS[-1]
    result = extracted(pdf, SAMPLES)
    total = next(o for o in result.observations
                 if o.row_label == "Total" and o.column_label == "Utfall 2019"
                 and o.table_title == "Driftredovisning verksamhet")
    assert total.raw_text == "\u2212261\u00a0743"
    assert total.value == -261743.0
    assert total.unit == "tkr"
    assert total.source.file == pdf.name
    assert len(total.source.sha256) == 64
    assert 0 < total.bbox.x0 < total.bbox.x1 < 595
    assert 0 < total.bbox.top < total.bbox.bottom < 842


def test_table_continued_over_a_page_break_is_one_table():
    result = extracted(SAMPLE_PDFS[-1], SAMPLES)
    key_figures = [t for t in result.tables if t.title == "Nyckeltal"]
    assert len(key_figures) == 1
    assert len(key_figures[0].pages) == 2
    assert len(key_figures[0].rows) == 9


def test_measure_table_interrupted_by_per_kon_tables_stays_one_table():
    result = extracted(SAMPLE_PDFS[-1], SAMPLES)
    goal_2_1 = [t for t in result.tables
                if any(r.label.startswith("Andelen elever på Sfi") for r in t.rows)]
    assert len(goal_2_1) == 1
    labels = [r.label for r in goal_2_1[0].rows if r.cells]
    assert labels[-1] == ("Elevernas genomsnittliga värde i helhetsbedömningen av sin "
                          "vuxenutbildning ökar")
    assert len(labels) == 6


def test_empty_template_tables_are_recognised_as_empty():
    result = extracted(SAMPLE_PDFS[-1], SAMPLES)
    empty = [t for t in result.tables if t.n_values == 0]
    assert len(empty) == 2
    assert [r.label for r in empty[0].rows] == [
        "Intäkter", "Personal", "Övriga kostnader", "Total", "Investeringar"]
    assert [c.label for c in empty[1].columns][:2] == ["Ack. utfall", "Budget 2019"]


def test_goal_status_circles_are_read_as_marks_not_values():
    result = extracted(SAMPLE_PDFS[-1], SAMPLES)
    assert not [o for o in result.observations if o.page == 2 and o.table_title != "Sammanfattning"]
