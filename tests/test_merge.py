"""The multi-year dataset: one series per measure across the three sample reports."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES, extracted

from pipeline.meaning.merge import finances_clean, measures_clean, volumes_clean
from pipeline.output.store import dataset_frames, documents_frame
from pipeline.swedish.nlp import measure_key
from samples import botkyrka

REPORTS = sorted(SAMPLES.glob("*.pdf"))


@pytest.fixture(scope="module")
def frames():
    docs = [extracted(pdf, SAMPLES) for pdf in REPORTS]
    return dataset_frames(docs), documents_frame(docs)


def _stated(m: botkyrka.Measure) -> dict[tuple[str, int, str], list[tuple[int, float]]]:
    """What each sample report states of one measure: key -> [(report year, value)]."""
    out: dict[tuple[str, int, str], list[tuple[int, float]]] = {}
    for report in botkyrka.YEARS:
        restated = m.restated.get(report, {})
        for year in range(report - 3, report + 1):
            value = restated.get(year, m.outcome.get(year))
            if value is not None:
                out.setdefault(("", year, "outcome"), []).append((report, _number(value)))
        if report in m.target:
            out.setdefault(("", report, "target"), []).append((report, _number(m.target[report])))
        for year in m.sex_years_order:
            if report - 3 <= year <= report:
                for sex, value in zip(("män", "kvinnor"), m.by_sex[year], strict=True):
                    out.setdefault((sex, year, "outcome"), []).append((report, _number(value)))
    return out


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def test_measures_clean_holds_every_series_from_the_newest_report(frames):
    typed, documents = frames
    clean, _ = measures_clean(typed["measures"], documents)
    found = {(r.measure_key, r.breakdown, int(r.year), r.kind): (r.value, r.n_sources)
             for r in clean.itertuples()}
    expected = {}
    for area in botkyrka.GOAL_AREAS:
        for goal in area.goals:
            for m in goal.measures:
                for (sex, year, kind), stated in _stated(m).items():
                    newest = max(stated)[1]
                    expected[(measure_key(m.name), sex, year, kind)] = (newest, len(stated))
    assert found == expected


def test_the_restatement_is_the_only_conflict(frames):
    typed, documents = frames
    clean, conflicts = measures_clean(typed["measures"], documents)
    key = measure_key("Andel elever som får godkänt i Svenska som andraspråk ökar")
    assert [(r.measure_key, r.breakdown, int(r.year), r.kind) for r in conflicts.itertuples()] \
        == [(key, "", 2017, "outcome")]
    listed = json.loads(conflicts["values"].iloc[0])
    assert [(v["source_file"][-8:-4], v["value"]) for v in listed] == [
        ("2017", 81.0), ("2018", 79.0), ("2019", 81.0)]
    assert clean.conflict.sum() == 1


def test_finances_and_volumes_agree_across_the_sample_reports(frames):
    typed, documents = frames
    finances, finance_conflicts = finances_clean(typed["finances"], documents)
    volumes, volume_conflicts = volumes_clean(typed["volumes"], documents)
    assert finance_conflicts.empty and volume_conflicts.empty
    intakter_2017 = finances[(finances.line == "Intäkter") & (finances.year == 2017)
                             & (finances.kind == "actual")]
    assert list(intakter_2017.value) == [93032.0]
    assert list(intakter_2017.n_sources) == [3]  # stated by the 2017, 2018 and 2019 reports
    assert len(volumes) == 9 * 8  # 9 items: actuals 2015-2019 and budgets 2017-2019
