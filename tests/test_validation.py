"""Validation: the errors planted in the 2017 sample are caught on their page and row, and
nothing else fails; the report is written for auditors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES

from pipeline.cli import main

PLANTED = {  # (check, page, table, row, column, found, expected)
    ("parts_sum_to_total", 11, "Årliga investeringsprojekt (tkr)", "Total", "Utfall 2017",
     5673.0, 5573.0),
    ("deviation_is_actual_minus_budget", 10, "Driftredovisning verksamhet", "Xenter",
     "Avvikelse", 330.0, 280.0),
    ('expect_column_values_to_be_between(value) where unit == "%"', 6, "Målsatta mått",
     "Andelen yrkeshögskolestuderande som går vidare till eget företag eller arbete ökar",
     "Mål 2017", 112.0, None),
}


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    raw = tmp_path_factory.mktemp("raw")
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        shutil.copy(pdf, raw / pdf.name)
    out = tmp_path_factory.mktemp("out")
    code = main(["extract", str(raw), "--out", str(out), "--workers", "2", "--quiet",
                 "--strict"])
    return code, out


def test_planted_errors_are_caught_and_nothing_else_fails(validated):
    _, out = validated
    report = json.loads((out / "validation" / "results.json").read_text(encoding="utf-8"))
    errors = {(c["check"], f["page"], f["table"], f["row_label"], f["column_label"],
               f["value"], f["expected"])
              for c in report["checks"] for f in c["failures"] if f["severity"] == "error"}
    assert errors == PLANTED
    assert {f["source_file"] for c in report["checks"] for f in c["failures"]
            if f["severity"] == "error"} == {"botkyrka_avun_verksamhetsberattelse_2017.pdf"}
    assert report["success"] is False


def test_the_restatement_is_a_warning(validated):
    _, out = validated
    report = json.loads((out / "validation" / "results.json").read_text(encoding="utf-8"))
    restated = next(c for c in report["checks"] if c["check"] == "restated_between_reports")
    assert restated["success"] is True
    assert [f["severity"] for f in restated["failures"]] == ["warning"]
    assert "79" in restated["failures"][0]["message"]


def test_strict_fails_the_run_and_the_summary_counts_failed_checks(validated, capsys):
    code, _ = validated
    assert code == 3


def test_auditors_page_shows_each_failure_with_a_crop(validated):
    _, out = validated
    page = (out / "validation" / "index.html").read_text(encoding="utf-8")
    report = json.loads((out / "validation" / "results.json").read_text(encoding="utf-8"))
    crops = [f["crop"] for c in report["checks"] for f in c["failures"] if f["crop"]]
    assert len(crops) == 4  # the three planted errors, and the restated value's cell
    for crop in crops:
        assert (out / "validation" / crop).stat().st_size > 1000
        assert f"src='{crop}'" in page
    assert "Xenter" in page and "5 673" in page and "112" in page


def test_great_expectations_data_docs_are_linked(validated):
    _, out = validated
    page = (out / "validation" / "index.html").read_text(encoding="utf-8")
    assert 'href="gx_data_docs/index.html"' in page
    assert (out / "validation" / "gx_data_docs" / "index.html").exists()
    assert (out / "validation" / "gx_data_docs" / "expectations" / "measures.html").exists()


def test_relative_out_dir_as_make_extract_gives_it(tmp_path: Path, monkeypatch):
    """Regression: Great Expectations wants an absolute Data Docs folder; `make extract`
    passes --out extracted, a relative path, and the run crashed after writing the data."""
    raw = tmp_path / "raw"
    raw.mkdir()
    pdf = sorted(SAMPLES.glob("*.pdf"))[2]
    shutil.copy(pdf, raw / pdf.name)
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "raw", "--out", "extracted", "--workers", "1", "--quiet"]) == 0
    assert (tmp_path / "extracted" / "validation" / "gx_data_docs" / "index.html").exists()
