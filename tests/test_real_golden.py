"""Tables of real reports, hand-checked against the page, kept as golden files.

Each file in golden/real is named <report>.p<page>.<table>.csv and holds every value of one
table as a person reads it off the page. Skipped where ../shared/corpus/real is absent.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from conftest import GOLDEN, REAL, extracted, real_pdf

from pipeline.read.ocr import tesseract

GOLDEN_TABLES = sorted((GOLDEN / "real").glob("*.csv"))


def _key(row: dict[str, str]) -> tuple[str, ...]:
    return (row["page"], row["table_title"], row["row_label"], row["column_label"],
            row["raw_text"])


@pytest.mark.real
@pytest.mark.parametrize("golden", GOLDEN_TABLES, ids=lambda p: p.stem)
def test_real_table_matches_the_page(golden: Path):
    report, page_part, _ = golden.name.split(".", 2)
    pdf = real_pdf(f"{report}.pdf")
    page = int(page_part.lstrip("p"))
    with golden.open(encoding="utf-8") as fh:
        expected = list(csv.DictReader(fh))
    title = expected[0]["table_title"]
    result = extracted(pdf, REAL)
    found = [
        {"page": str(o.page), "table_title": o.table_title, "row_label": o.row_label,
         "column_label": o.column_label, "raw_text": o.raw_text,
         "value": "" if o.value is None else repr(o.value)}
        for o in result.observations if o.page == page and o.table_title == title
    ]
    assert Counter(map(_key, found)) == Counter(map(_key, expected))
    values = {_key(r): r["value"] for r in found}
    for row in expected:
        assert values[_key(row)] == row["value"], row


@pytest.mark.real
def test_scanned_report_is_read_by_ocr_or_reported_page_by_page():
    pdf = real_pdf("brf_roslagsbanan12_stockholm_arsredovisning_2022_scanned.pdf")
    result = extracted(pdf, REAL)
    read = [p for p in result.problems if p.stage == "read"]
    assert [p.page for p in read] == list(range(1, 13))
    if tesseract() is None:
        assert result.observations == []
        assert {p.code for p in read} == {"no_text_layer"}
        assert all("tesseract-ocr-swe" in p.message for p in read)
        return
    assert {p.code for p in read} == {"read_by_ocr"}
    # The balance sheet on page 5, as printed: "Inbetalda insatser 4 022 048".
    row = [o.raw_text for o in result.observations
           if o.page == 5 and o.row_label.endswith("Inbetalda insatser")]
    assert row == ["4 022 048", "4 022 048"]


@pytest.mark.real
def test_malformed_font_descriptor_does_not_stop_the_report():
    pdf = real_pdf("brf_smultronstallet_kungalv_arsredovisning_2023.pdf")
    result = extracted(pdf, REAL)
    assert result.readable and result.pages == 17
    nyckeltal = [o for o in result.observations if o.page in (4, 5)]
    assert len(nyckeltal) > 50


@pytest.mark.real
def test_group_labels_carry_down_in_the_migrationsverket_appendix():
    pdf = real_pdf("migrationsverket_arsredovisning_2009.pdf")
    result = extracted(pdf, REAL)
    cells = {(o.page, o.row_label, o.raw_text) for o in result.observations}
    assert (104, "Irak Under 18 år", "523") in cells  # Bilaga 1, seen on the page
    assert (108, "Iran Mellan 18-64 år", "137") in cells  # Bilaga 5, seen on the page
