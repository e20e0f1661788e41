"""Properties of the merge across reports (pipeline.meaning.merge, warehouse.merged_frames and
measure_series), for any typed frames: built from records by the store's own builders, or
with the null mixes and dtypes that frames read back from a warehouse carry."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import (
    NULLS,
    count_values,
    documents,
    examples,
    finance_values,
    measure_values,
    null_mixed,
    reports,
    swedish,
)

from pipeline.core.catalogue import columns
from pipeline.meaning.merge import (
    FINANCE_KEY,
    MEASURE_KEY,
    VOLUME_KEY,
    finances_clean,
    measures_clean,
    volumes_clean,
)
from pipeline.output import store
from pipeline.output.warehouse import measure_series, merged_frames
from pipeline.swedish.numbers import parse_cell

# pandas 4 makes these errors (fillna("") on a float64 column of no text raises there).
pytestmark = pytest.mark.filterwarnings("error::pandas.errors.Pandas4Warning")

Merge = Callable[[pd.DataFrame, pd.DataFrame], tuple[pd.DataFrame, pd.DataFrame]]


def _null(x: object) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and np.isnan(x))


def _plain(x: object) -> object:
    """A key part as the oracle compares it: nulls as None, whole floats as ints."""
    if _null(x):
        return None
    if isinstance(x, (float, np.floating)) and float(x).is_integer():
        return int(x)
    if isinstance(x, np.integer):
        return int(x)
    return x


def _name_key(text: object) -> str:
    """ "Intäkter." and "intäkter" are one line (merge's key: no case, no punctuation)."""
    return re.sub(r"[^\wåäö]+", " ", "" if _null(text) else str(text).lower()).strip()


DERIVED = {"statement_key": ("statement", _name_key), "line_key": ("line", _name_key),
           "item_key": ("item", _name_key)}


def expected(frame: pd.DataFrame, docs: pd.DataFrame, key: list[str]
             ) -> dict[tuple[object, ...], tuple[float, int, set[tuple[str, str, int]]]]:
    """The oracle: per key of every row with a year, a kind and a value, the value of the
    newest report (largest report year; then file name; then the row printed last),
    the number of reports that state it, and the newest report's cells."""
    by_sha: dict[object, tuple[object, object]] = {}
    for d in docs.itertuples():
        by_sha.setdefault(d.source_sha256, (d.report_year, d.organisation))
    rows: list[tuple[tuple[object, ...], tuple[int, object, str], dict[str, object]]] = []
    for order, r in enumerate(frame.to_dict("records")):
        kind = r["kind"]
        if _null(r["value"]) or _null(r["year"]) or _null(kind) or kind == "":
            continue
        doc_year, org = by_sha.get(r["source_sha256"], (None, None))
        report_year = _plain(r.get("report_year", doc_year))
        r = {**r, "organisation": "" if _null(org) else org}
        for name, (column, fn) in DERIVED.items():
            if name in key:
                r[name] = fn(r[column])
        rank = (-10**9 if report_year is None else report_year, r["source_file"], order)
        rows.append((tuple(_plain(r[k]) for k in key), rank, r))
    out = {}
    for k in {k for k, _, _ in rows}:
        mine = sorted(((rank, r) for kk, rank, r in rows if kk == k), key=lambda x: x[0])
        newest = mine[-1][1]
        newest_cells = {(r["source_file"], r["source_sha256"], int(r["page"]))
                        for rank, r in mine if rank[:2] == mine[-1][0][:2]}
        out[k] = (float(newest["value"]), len({r["source_sha256"] for _, r in mine}),
                  newest_cells)
    return out


def assert_merge_holds(clean: pd.DataFrame, conflicts: pd.DataFrame, frame: pd.DataFrame,
                       docs: pd.DataFrame, key: list[str]) -> None:
    """What every merge promises, against the oracle."""
    assert not clean.duplicated(key).any(), "a key twice in the clean table"
    assert clean["conflict"].dtype == bool and clean["n_sources"].dtype == "int64"
    assert (clean["n_sources"] >= 1).all()
    assert not clean.loc[clean["n_sources"] == 1, "conflict"].any(), "one report, a conflict"
    want = expected(frame, docs, key)
    found = {tuple(_plain(v) for v in r[key]): r for _, r in clean.iterrows()}
    assert set(found) == set(want), (set(found) - set(want), set(want) - set(found))
    for k, (value, n_sources, cells) in want.items():
        row = found[k]
        assert row["value"] == value, k
        assert row["n_sources"] == n_sources, k
        assert (row["source_file"], row["source_sha256"], int(row["page"])) in cells, k
    disputed = {k for k, r in found.items() if r["conflict"]}
    listed = {tuple(_plain(v) for v in r[[c for c in key if c in conflicts]])
              for _, r in conflicts.iterrows()}
    in_contract = [c for c in key if c in conflicts]
    assert listed == {tuple(k[key.index(c)] for c in in_contract) for k in disputed}


MERGES: dict[str, tuple[Merge, list[str], Callable[..., st.SearchStrategy], Callable]] = {
    "measures": (measures_clean, MEASURE_KEY, measure_values, store.measures_frame),
    "finances": (finances_clean, FINANCE_KEY, finance_values, store.finances_frame),
    "volumes": (volumes_clean, VOLUME_KEY, count_values, store.counts_frame),
}


@st.composite
def typed(draw: st.DrawFn, name: str, max_rows: int = 14) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A typed frame from records over 1-4 reports, and their documents table."""
    docs = draw(reports())
    _, _, values, builder = MERGES[name]
    return builder(draw(st.lists(values(docs), max_size=max_rows))), documents(docs)


@pytest.mark.parametrize("name", MERGES)
@examples(20)
@given(data=st.data())
def test_merge_keeps_the_newest_reports_value_once_per_key(name, data):
    frame, docs = data.draw(typed(name))
    merge, key, _, _ = MERGES[name]
    clean, conflicts = merge(frame, docs)
    assert_merge_holds(clean, conflicts, frame, docs, key)


NULLABLE = {"measures": ["measure", "goal", "unit", "kind", "raw_text", "table_title",
                         "row_label", "column_label", "year", "value", "report_year"],
            "finances": ["statement", "line", "kind", "raw_text", "value_sek", "year",
                         "value", "table_title"],
            "volumes": ["item", "kind", "raw_text", "year", "value", "category"]}


@pytest.mark.parametrize("name", MERGES)
@examples(25)
@given(data=st.data(), year_type=st.sampled_from(["Int64", "float64", "object"]))
def test_merge_holds_over_nulls_of_every_kind(name, data, year_type):
    """None, NaN and pd.NA in the label, kind, year and value columns (as CSV, Parquet and
    DuckDB give them back), years as Int64, float64 or objects, documents without a year or
    an organisation, a report missing from the documents, a document listed twice."""
    frame, docs = data.draw(typed(name))
    frame = null_mixed(frame, data, NULLABLE[name])
    if year_type != "object":
        frame["year"] = pd.to_numeric(frame["year"].astype(object).where(
            frame["year"].notna(), None), errors="coerce").astype(year_type)
    docs = null_mixed(docs, data, ["organisation", "report_year"])
    docs = docs.iloc[data.draw(st.lists(st.integers(0, max(len(docs) - 1, 0)), max_size=5))
                     ] if len(docs) else docs
    merge, key, _, _ = MERGES[name]
    clean, conflicts = merge(frame, docs)
    assert_merge_holds(clean, conflicts, frame, docs, key)


@pytest.mark.parametrize("name", MERGES)
@pytest.mark.parametrize("frame_of", ["builder", "columns", "all_null", "float_years"])
def test_merge_of_no_rows_gives_typed_empty_tables(name, frame_of):
    """Regression (float_years): over no rows with years as float64 (a frame read from CSV)
    the conflicts' object-typed keys refused to merge with the clean table's ValueError
    "You are trying to merge on object and float64 columns for key 'year'"."""
    merge, key, _, builder = MERGES[name]
    frame = builder([])
    if frame_of == "columns":
        frame = pd.DataFrame(columns=frame.columns)
    if frame_of == "float_years":  # as read from CSV
        frame = frame.astype({"year": "float64"})
    docs = pd.DataFrame(columns=columns("documents"))
    if frame_of == "all_null":  # rows, but no year, kind or value in any of them
        frame = pd.DataFrame({c: [None, np.nan, pd.NA] for c in frame.columns})
        frame["source_sha256"] = ["a", "b", "a"]
        docs = pd.DataFrame({c: [None] for c in columns("documents")}).assign(
            source_sha256="a")
    clean, conflicts = merge(frame, docs)
    assert clean.empty and conflicts.empty
    assert {*key} - {"statement_key", "line_key", "item_key"} <= {*clean.columns}
    assert str(clean["year"].dtype) == "Int64" and clean["conflict"].dtype == bool


@examples(10)
@given(st.data())
def test_merged_frames_give_every_merged_table_and_a_series_row_per_clean_row(data):
    docs = data.draw(reports())
    frames = {"documents": documents(docs),
              "measures": store.measures_frame(data.draw(st.lists(measure_values(docs),
                                                                  max_size=10))),
              "finances": store.finances_frame(data.draw(st.lists(finance_values(docs),
                                                                  max_size=10))),
              "volumes": store.counts_frame(data.draw(st.lists(count_values(docs),
                                                               max_size=6))),
              "key_figures": store.counts_frame(data.draw(st.lists(count_values(docs),
                                                                   max_size=6)))}
    out = merged_frames(frames)
    assert set(out) == {"measures_clean", "conflicts", "finances_clean", "finance_conflicts",
                        "volumes_clean", "volume_conflicts", "key_figures_clean",
                        "key_figure_conflicts", "measure_series"}
    assert_series_holds(out["measure_series"], out["measures_clean"])


def assert_series_holds(series: pd.DataFrame, clean: pd.DataFrame) -> None:
    """One row per measure x breakdown x kind, and in it each year's clean value."""
    index = ["organisation", "measure_key", "breakdown", "kind"]
    assert not series.duplicated(index).any()
    assert len(series) == len(clean.drop_duplicates(index))
    wide = series.set_index(index)
    for r in clean.itertuples():
        cell = wide.loc[(r.organisation, r.measure_key, r.breakdown, r.kind), f"y{int(r.year)}"]
        assert cell == r.value


@pytest.mark.parametrize("empty", ["builder", "columns"])
def test_merged_frames_of_no_rows(empty):
    frames = {"documents": pd.DataFrame(columns=columns("documents")),
              "measures": store.measures_frame([]), "finances": store.finances_frame([]),
              "volumes": store.counts_frame([]), "key_figures": store.counts_frame([])}
    if empty == "columns":
        frames = {n: pd.DataFrame(columns=f.columns) for n, f in frames.items()}
    out = merged_frames(frames)
    assert all(f.empty for f in out.values())
    assert list(out["measure_series"].columns[:4]) == ["organisation", "measure_key",
                                                       "breakdown", "kind"]


@examples(20)
@given(st.data())
def test_measure_series_over_clean_tables_with_nulls(data):
    """measure_series over a measures_clean whose names and units are null (a warehouse
    that lost them), with huge, tiny and negative values."""
    docs = data.draw(reports())
    frame = store.measures_frame(data.draw(st.lists(measure_values(docs), max_size=12)))
    clean, _ = measures_clean(frame, documents(docs))
    clean = null_mixed(clean, data, ["measure", "unit", "goal"])
    assert_series_holds(measure_series(clean), clean)


@pytest.mark.parametrize("year_type", ["Int64", "float64", "object"])
@pytest.mark.parametrize("null", NULLS, ids=["None", "NaN", "NA"])
def test_a_single_row_merges_into_itself(null, year_type):
    """Regression (NaN): documents whose organisation column holds no text at all (float64
    NaN) were filled with fillna(""), which pandas 4 refuses (Pandas4Warning today)."""
    docs = pd.DataFrame([{"source_file": "å.pdf", "source_sha256": "s", "report_year": 2019,
                          "organisation": null}])
    frame = pd.DataFrame([{"source_file": "å.pdf", "source_sha256": "s", "page": 3,
                           "measure_key": "andel 😀", "measure": null, "goal": null,
                           "breakdown": "", "year": 2019, "kind": "outcome", "value": -1e15,
                           "unit": null, "raw_text": null}]).astype({"year": year_type})
    clean, conflicts = measures_clean(frame, docs)
    assert clean[["organisation", "value", "n_sources", "conflict"]].values.tolist() == [
        ["", -1e15, 1, False]]
    assert conflicts.empty


@pytest.mark.parametrize("null", NULLS, ids=["None", "NaN", "NA"])
def test_a_row_with_a_null_kind_has_no_kind(null):
    """Regression: the merge kept rows whose kind was null (an empty cell read back from CSV
    or a warehouse) as a key of their own with kind NaN, beside the rows of kind ""
    that it drops; with pd.NA the filter itself raised."""
    docs = pd.DataFrame([{"source_file": "a.pdf", "source_sha256": "s", "report_year": 2019,
                          "organisation": ""}])
    frame = pd.DataFrame([{"source_file": "a.pdf", "source_sha256": "s", "page": 1,
                           "measure_key": "andel", "measure": "Andel", "goal": "",
                           "breakdown": "", "year": 2019, "kind": kind, "value": 1.0,
                           "unit": "%", "raw_text": "1 %", "report_year": 2019}
                          for kind in (null, "", "outcome")])
    clean, _ = measures_clean(frame, docs)
    assert clean["kind"].tolist() == ["outcome"]


@st.composite
def one_measure_over_reports(draw: st.DrawFn, spread: float) -> tuple[pd.DataFrame,
                                                                       pd.DataFrame, int]:
    """One measure's 2019 outcome as 2-4 reports print it, each to its own decimals; with
    `spread`, the newest report's value moved by that many units of the coarsest digit (a
    whole number of them, so that it prints at any of the decimals)."""
    n = draw(st.integers(2, 4))
    value = draw(st.floats(-1e9, 1e9, allow_nan=False))
    decimals = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    coarsest = min(decimals)
    rows, docs = [], []
    for i, d in enumerate(decimals):
        printed = round(value, d) + (spread * 10.0 ** -coarsest if i == n - 1 else 0)
        raw = swedish(printed, d)
        docs.append({"source_file": f"r{i}.pdf", "source_sha256": f"s{i}",
                     "report_year": 2019 + i, "organisation": "Nämnden"})
        rows.append({"source_file": f"r{i}.pdf", "source_sha256": f"s{i}", "page": i + 1,
                     "report_year": 2019 + i, "measure_key": "andel elev", "measure": "Andel",
                     "goal": "", "breakdown": "", "year": 2019, "kind": "outcome",
                     "value": parse_cell(raw).value, "unit": "", "raw_text": raw})
    return pd.DataFrame(rows), pd.DataFrame(docs), n


@examples(25)
@given(one_measure_over_reports(spread=0))
def test_reports_that_agree_to_their_printed_precision_are_no_conflict(case):
    """ "13 %" and "13,4 %" agree (half a unit of the coarsest printed digit)."""
    frame, docs, n = case
    clean, conflicts = measures_clean(frame, docs)
    assert clean[["n_sources", "conflict"]].values.tolist() == [[n, False]]
    assert conflicts.empty


@examples(25)
@given(one_measure_over_reports(spread=2))
def test_reports_that_disagree_beyond_their_precision_conflict(case):
    """ "79 %" against "81 %": a conflict that lists every report's value, the newest last."""
    frame, docs, n = case
    clean, conflicts = measures_clean(frame, docs)
    assert clean[["n_sources", "conflict"]].values.tolist() == [[n, True]]
    [listed] = conflicts["values"].map(json.loads)
    assert [v["source_file"] for v in listed] == [f"r{i}.pdf" for i in range(n)]
    assert listed[-1]["value"] == clean["value"].iloc[0] == frame["value"].iloc[-1]


def test_large_values_half_a_unit_apart_are_no_conflict():
    """Regression: the conflict test allowed a fixed 1e-9 of slack, below the spacing of
    floats near 1e8, so "134 217 728,8" against "134 217 728,75" (half a unit of the
    coarser digit apart, as rounding allows) was a conflict."""
    rows = [{"source_file": f"r{i}.pdf", "source_sha256": f"s{i}", "page": 1,
             "report_year": 2019 + i, "measure_key": "k", "measure": "K", "goal": "",
             "breakdown": "", "year": 2019, "kind": "outcome", "value": parse_cell(raw).value,
             "unit": "", "raw_text": raw}
            for i, raw in enumerate(["134 217 728,8", "134 217 728,75"])]
    docs = pd.DataFrame([{"source_file": r["source_file"], "source_sha256": r["source_sha256"],
                          "report_year": r["report_year"], "organisation": ""} for r in rows])
    clean, _ = measures_clean(pd.DataFrame(rows), docs)
    assert clean["conflict"].tolist() == [False]
    rows[1] |= {"raw_text": "134 217 728,7", "value": 134217728.7}
    clean, _ = measures_clean(pd.DataFrame(rows), docs)
    assert clean["conflict"].tolist() == [True]
