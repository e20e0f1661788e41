"""The sample reports' typed datasets equal the typed truth files the generator writes.

The generator attaches to every printed cell the contract row it must become (measure, goal,
goal area, kön, year and kind; statement, line and its role; item and unit; metric and
breakdown), so these files say what the page means without asking the extractor.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLES, extracted

from pipeline.output.store import dataset_frames

REPORTS = sorted(SAMPLES.glob("*.pdf"))
DATASETS = ("measures", "finances", "volumes", "key_figures", "personnel")


def _truth(pdf: Path, dataset: str) -> list[dict[str, str]]:
    with pdf.with_suffix(f".{dataset}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _text(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("pdf", REPORTS, ids=lambda p: p.stem[-4:])
def test_typed_dataset_equals_truth(pdf: Path, dataset: str):
    truth = _truth(pdf, dataset)
    assert truth, "the generator wrote no truth rows"
    frame = dataset_frames([extracted(pdf, SAMPLES)])[dataset]
    columns = list(truth[0])
    found = [tuple(_text(row[c]) for c in columns) for row in frame.to_dict("records")]
    expected = [tuple(row[c] for c in columns) for row in truth]
    missing = Counter(expected) - Counter(found)
    extra = Counter(found) - Counter(expected)
    assert not missing and not extra, (
        f"{len(missing)} missing, e.g. {list(missing)[:3]}; {len(extra)} extra, e.g. "
        f"{list(extra)[:3]}")


@pytest.mark.parametrize("pdf", REPORTS, ids=lambda p: p.stem[-4:])
def test_sample_context_from_title_page_and_running_header(pdf: Path):
    c = extracted(pdf, SAMPLES).context
    year = int(pdf.stem[-4:])
    assert (c.municipality, c.committee, c.report_kind, c.report_year, c.period) == (
        "Botkyrka kommun", "Arbetsmarknads- och vuxenutbildningsnämnden",
        "verksamhetsberättelse", year, "helår")


def test_every_sample_table_with_values_has_a_dataset():
    kinds = extracted(REPORTS[-1], SAMPLES).datasets.table_kinds
    assert set(kinds.values()) == {"measures", "finances", "volumes", "key_figures",
                                   "personnel"}


def test_each_table_knows_the_heading_goal_and_goal_area_above_it():
    result = extracted(REPORTS[-1], SAMPLES)
    places = result.datasets.table_places
    by_title = {}
    for table in result.tables:
        by_title.setdefault(table.title, places[table.table_id])
    first_measures = by_title["Målsatta mått"]
    assert first_measures.goal_area == "Möjliggöra Botkyrkabornas medskapande av samhället"
    assert first_measures.goal.startswith("Arbetsmarknads- och vuxenutbildningsnämnden bidrar "
                                          "till att Botkyrkaborna är mer delaktiga")
    drift = by_title["Driftredovisning verksamhet"]
    assert (drift.goal_area, drift.goal) == ("", "")  # section 5 ends goal area 7
    assert drift.heading in ("Driftredovisning", "Driftredovisning verksamhet")


def test_measure_key_links_every_measure_across_the_three_reports():
    """Each measure of the sample data has one key in all three reports, also where its
    wording changed ("Andel"/"Andelen", "Antal ... i Botkyrka"/"Antalet ... i Botkyrka ökar"),
    and no two measures share a key."""
    from samples import botkyrka

    frame = dataset_frames([extracted(pdf, SAMPLES) for pdf in REPORTS])["measures"]
    printed = dict(zip(frame.measure, frame.measure_key, strict=True))
    keys = {}
    for area in botkyrka.GOAL_AREAS:
        for goal in area.goals:
            for m in goal.measures:
                names = {m.name, m.earlier_name} & set(printed)
                assert names, m.name
                found = {printed[n] for n in names}
                assert len(found) == 1, (m.name, found)
                keys[m.name] = found.pop()
    assert len(set(keys.values())) == len(keys)
    reports_per_key = frame.groupby("measure_key").report_year.nunique()
    assert reports_per_key[keys["Antalet nystartade företag i Botkyrka ökar"]] == 3
    sfi = "Andelen elever på Sfi som klarat högsta kurs på sin studieväg inom två år ökar"
    assert reports_per_key[keys[sfi]] == 3
