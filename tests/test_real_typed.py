"""Typed rows of real report tables, hand-checked against the page, kept as golden files.

Each file in golden/real_typed is named <report>.p<page>.<dataset>.<name>.csv and holds the
typed rows (year and kind from the header, line role and the rows a total sums, units) of the
tables on that page, as a person reads them. Skipped where ../shared/corpus/real is absent.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import GOLDEN, REAL, extracted, real_pdf

from pipeline.output.store import dataset_frames

GOLDEN_TYPED = sorted((GOLDEN / "real_typed").glob("*.csv"))


def _as_text(frame: pd.DataFrame) -> list[tuple[str, ...]]:
    text = frame.astype(object).where(frame.notna(), "").astype(str)
    return sorted(map(tuple, text.to_numpy().tolist()))


@pytest.mark.real
@pytest.mark.parametrize("golden", GOLDEN_TYPED, ids=lambda p: p.stem)
def test_real_typed_rows_match_the_page(golden: Path):
    report, page_part, dataset, _ = golden.name.split(".", 3)
    pdf = real_pdf(f"{report}.pdf")
    expected = pd.read_csv(golden, dtype=str, keep_default_na=False)
    frame = dataset_frames([extracted(pdf, REAL)])[dataset]
    frame = frame[frame.page == int(page_part.lstrip("p"))]
    titles = set(expected["table_title"]) if "table_title" in expected else None
    if "statement" in expected:
        titles = set(expected["statement"])
        frame = frame[frame.statement.isin(titles)]
    elif titles:
        frame = frame[frame.table_title.isin(titles)]
    found = frame[list(expected.columns)].copy()
    for column in ("page", "year"):
        found[column] = found[column].astype("Int64")
    assert _as_text(found) == _as_text(expected)


DOCUMENTS = {
    "simrishamn_kfn_arsbokslut_2025.pdf": (
        "Simrishamns kommun", "Kultur- och fritidsnämnden", "årsbokslut", 2025, "helår", 12),
    "goteborg_intraservice_delarsrapport_2026-03.pdf": (
        "Göteborgs Stad", "Nämnden för Intraservice", "delårsrapport", 2026, "delår", 3),
    "forsvarsmakten_arsredovisning_2012.pdf": (
        "", "Försvarsmakten", "årsredovisning", 2012, "helår", 12),
}


@pytest.mark.real
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_real_report_says_whose_it_is_and_for_which_period(name: str):
    c = extracted(real_pdf(name), REAL).context
    assert (c.municipality, c.organisation, c.report_kind, c.report_year, c.period,
            c.period_month) == DOCUMENTS[name]
