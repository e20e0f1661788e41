"""Properties of the arithmetic checks (pipeline.quality.checks), for any typed frames: every
failure names a cell of its input, a table whose arithmetic holds fails nothing, and a table with
one wrong total fails at that total."""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import (
    NULLS,
    count_values,
    documents,
    examples,
    finance_values,
    labels,
    measure_values,
    null_mixed,
    reports,
    swedish,
)

from pipeline.core.catalogue import columns
from pipeline.core.records import BBox, Cited, FinanceValue
from pipeline.meaning.merge import measures_clean
from pipeline.output import store
from pipeline.quality.checks import (
    CHECKS,
    Failure,
    all_checks,
    claim_checks,
    deviation_checks,
    restatement_warnings,
    row_total_checks,
    sum_checks,
    summary_detail_checks,
    volume_key_figure_checks,
)

pytestmark = pytest.mark.filterwarnings("error::pandas.errors.Pandas4Warning")

FINANCE_CHECKS = (sum_checks, row_total_checks, deviation_checks, summary_detail_checks)


def _cells(frame: pd.DataFrame) -> set[tuple[object, ...]]:
    return {(r["source_file"], int(r["page"]), r["row_label"], r["column_label"])
            for _, r in frame.iterrows() if pd.notna(r["page"])}


def assert_failures_name_input_cells(failures: list[Failure], *frames: pd.DataFrame) -> None:
    """Each failure is at a cell of the input: its file, page, row and column."""
    cells = set().union(*(_cells(f) for f in frames))
    for f in failures:
        assert isinstance(f, Failure) and f.severity in ("error", "warning")
        assert (f.suite, f.check) in CHECKS
        assert (f.source_file, f.page, f.row_label, f.column_label) in cells, f
        assert f.box is None or (len(f.box) == 4 and all(isinstance(x, float) for x in f.box))


@st.composite
def finance_frames(draw: st.DrawFn) -> pd.DataFrame:
    docs = draw(reports(max_reports=2))
    return store.finances_frame(draw(st.lists(finance_values(docs), max_size=16)))


NULLABLE = ["unit", "kind", "raw_text", "line_role", "sums", "row_label", "column_label",
            "table_title", "year", "value", "value_sek", "period", "top", "x0",
            "sums_confirmed"]


@examples(30)
@given(finance_frames(), st.data())
def test_finance_checks_name_input_cells_and_never_raise_over_nulls(frame, data):
    """Every failure is at a cell of the input; and with None, NaN and pd.NA in any column a
    check reads (not in provenance, which every typed row has), no check raises."""
    if data.draw(st.booleans()):
        frame = null_mixed(frame, data, NULLABLE)
    for check in FINANCE_CHECKS:
        assert_failures_name_input_cells(check(frame), frame)


# -- tables whose arithmetic is known --------------------------------------------------------

PLAIN = st.text("abcdefghijklåäöÅÄÖé😀 ", min_size=1, max_size=8).filter(
    lambda s: s.strip() and s.strip().lower() not in {"man", "män", "kvinna", "kvinnor"})
COLUMNS = ["Utfall 2019", "Utfall 2020", "Budget 2020", "2021", "Prognos 2020", "Mål 2020"]


@st.composite
def summed_tables(draw: st.DrawFn, table_id: str = "t1") -> tuple[list[FinanceValue], dict]:
    """Items and a total under them that adds them up exactly, in 1-4 columns, printed to
    0-2 decimals in tkr, mkr or kr: values from 1e-2 to 1e13, negative too."""
    docs = draw(reports(max_reports=1))
    doc = docs[0]
    names = draw(st.lists(PLAIN, min_size=1, max_size=6, unique_by=str.strip))
    columns = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=4, unique=True))
    decimals = draw(st.integers(0, 2))
    unit = draw(st.sampled_from(["tkr", "mkr", "kr"]))
    scale = {"tkr": 1e3, "mkr": 1e6, "kr": 1.0}[unit]
    page = draw(st.integers(1, 300))
    # Up to 1e15 in whole units; fewer digits with decimals, so that a float holds them.
    bound = 10 ** (15 - decimals)
    cents = {(n, c): draw(st.integers(-bound, bound)) for n in names for c in columns}
    for c in columns:
        cents[("Summa", c)] = sum(cents[(n, c)] for n in names)
    out = []
    for i, (row, column) in enumerate(cents):
        value = cents[(row, column)] / 10**decimals
        total = row == "Summa"
        out.append(FinanceValue(
            Cited(doc.source, page, table_id, "Driftredovisning", row, column,
                  swedish(value, decimals), BBox(10.0 * i, 100.0, 10.0 * i + 8, 108.0)),
            "Driftredovisning", row, "total" if total else "item", "",
            tuple(n for n in names) if total else (), 2020, "actual", "", "", value, unit,
            value * scale, sums_confirmed=total))
    return out, {"names": names, "columns": columns, "decimals": decimals, "unit": unit}


@examples(30)
@given(summed_tables())
def test_a_total_that_adds_up_fails_no_check(table):
    """No false alarm: a total equal to its rows, at any size and precision, passes every
    finance check."""
    assert all_checks({"finances": store.finances_frame(table[0])}) == []


@examples(30)
@given(summed_tables(), st.data())
def test_a_total_off_in_one_column_fails_there(table, data):
    """A total printed wrong in one of its two or more columns, by more than the rounding
    of its rows allows, fails exactly there, with the rows' sum as expected."""
    values, shape = table
    assume(len(shape["columns"]) >= 2)
    column = data.draw(st.sampled_from(shape["columns"]))
    unit_of_last = 10.0 ** -shape["decimals"]
    off = data.draw(st.integers(len(shape["names"]) + 1, 10**6)) * unit_of_last
    wrong = []
    for v in values:
        if v.line_role == "total" and v.at.column_label == column:
            value = round(v.value + off, shape["decimals"])
            v = replace(v, value=value, at=replace(v.at, raw_text=swedish(value,
                                                                          shape["decimals"])))
        wrong.append(v)
    frame = store.finances_frame(wrong)
    if data.draw(st.booleans()):  # boxes lost on the way (a frame without its geometry)
        frame = null_mixed(frame, data, ["x0", "top", "x1", "bottom"])
    [failure] = sum_checks(frame)
    assert (failure.row_label, failure.column_label, failure.check) == (
        "Summa", column, "parts_sum_to_total")
    cell = frame[(frame["row_label"] == "Summa") & (frame["column_label"] == column)].iloc[0]
    box = [cell[side] for side in ("x0", "top", "x1", "bottom")]
    assert failure.box == (None if any(pd.isna(b) for b in box) else tuple(box))
    expected = next(v.value for v in values if v.line_role == "total"
                    and v.at.column_label == column)
    assert failure.expected == pytest.approx(expected, rel=1e-9, abs=1e-6)


@st.composite
def row_total_tables(draw: st.DrawFn, wrong: bool) -> tuple[pd.DataFrame, str]:
    """Rows of 2-4 year columns and a "Summa" column of their sums; with `wrong`, one row's
    sum printed off by more than its rounding allows. Returns the frame and that row."""
    docs = draw(reports(max_reports=1))
    names = draw(st.lists(PLAIN, min_size=3 if wrong else 1, max_size=6, unique_by=str.strip))
    years = draw(st.lists(st.integers(2015, 2024), min_size=2, max_size=4, unique=True))
    bad = draw(st.sampled_from(names)) if wrong else ""
    values = []
    for r, name in enumerate(names):
        parts = [draw(st.integers(-10**12, 10**12)) for _ in years]
        total = sum(parts) + (draw(st.integers(len(years) + 1, 10**6)) if name == bad else 0)
        for c, (column, year, value) in enumerate(
                [*((str(y), y, p) for y, p in zip(years, parts, strict=True)),
                 ("Summa", None, total)]):
            values.append(FinanceValue(
                Cited(docs[0].source, 3, "t", "Projekt", name, column, swedish(value, 0),
                      BBox(100.0 + 50 * c, 20.0 + 12 * r, 140.0 + 50 * c, 30.0 + 12 * r)),
                "Projekt", name, "item", "", (), year, "actual", "", "", float(value), "tkr",
                value * 1e3))
    return store.finances_frame(values), bad


@examples(30)
@given(row_total_tables(wrong=False))
def test_a_summa_column_equal_to_its_rows_fails_nothing(table):
    assert row_total_checks(table[0]) == []


@examples(30)
@given(row_total_tables(wrong=True))
def test_a_summa_column_off_in_one_row_fails_there(table):
    """Among rows that add up, the one that does not fails (a warning when its total is
    above its printed years: a project's total may hold earlier years)."""
    frame, bad = table
    [failure] = row_total_checks(frame)
    assert (failure.row_label, failure.column_label) == (bad, "Summa")
    assert failure.severity in ("error", "warning")


@st.composite
def deviation_tables(draw: st.DrawFn) -> tuple[pd.DataFrame, str]:
    """Rows with an actual, a budget and their deviation in one sign convention."""
    docs = draw(reports(max_reports=1))
    names = draw(st.lists(PLAIN, min_size=1, max_size=6, unique_by=str.strip))
    convention = draw(st.sampled_from(["actual - budget", "budget - actual"]))
    decimals = draw(st.integers(0, 1))
    values = []
    for n in names:
        actual, budget = (draw(st.integers(-10**12, 10**12)) for _ in range(2))
        deviation = actual - budget if convention == "actual - budget" else budget - actual
        for column, kind, cents in (("Utfall", "actual", actual), ("Budget", "budget", budget),
                                    ("Avvikelse", "deviation", deviation)):
            value = cents / 10**decimals
            values.append(FinanceValue(
                Cited(docs[0].source, 4, "t", "Drift", n, column, swedish(value, decimals),
                      BBox(1.0, 2.0, 3.0, 4.0)),
                "Drift", n, "item", "", (), 2020, kind, "", "", value, "tkr", value * 1e3))
    return store.finances_frame(values), convention


@examples(25)
@given(deviation_tables())
def test_deviations_in_either_sign_convention_fail_nothing(table):
    frame, _ = table
    assert deviation_checks(frame) == []


@examples(25)
@given(deviation_tables(), st.data())
def test_one_wrong_deviation_among_right_ones_fails(table, data):
    frame, _ = table
    lines = frame.loc[frame["kind"] == "deviation"].index
    assume(len(lines) >= 3)
    i = data.draw(st.sampled_from(list(lines)))
    frame.loc[i, "value"] = frame.loc[i, "value"] + 10**6
    frame.loc[i, "raw_text"] = swedish(frame.loc[i, "value"], 0)
    failures = deviation_checks(frame)
    assert [(f.row_label, f.column_label) for f in failures] == [
        (frame.loc[i, "row_label"], "Avvikelse")]


@examples(25)
@given(st.lists(st.integers(-10**9, 10**9), min_size=2, max_size=6), st.integers(1, 4),
       st.data())
def test_a_summary_in_mkr_that_rounds_the_detail_in_tkr_fails_nothing(tkr, rounds_to, data):
    docs = data.draw(reports(max_reports=1))
    names = data.draw(st.lists(PLAIN, min_size=len(tkr), max_size=len(tkr),
                               unique_by=lambda s: s.strip().lower()))
    decimals = min(rounds_to, 3)
    values = []
    for name, thousands in zip(names, tkr, strict=True):
        mkr = round(thousands / 1000, decimals)
        for table, unit, value, printed in (("detail", "tkr", float(thousands), 0),
                                            ("summary", "mkr", mkr, decimals)):
            scale = 1e3 if unit == "tkr" else 1e6
            values.append(FinanceValue(
                Cited(docs[0].source, 2, table, table, name, "Utfall 2020",
                      swedish(value, printed), BBox(1.0, 2.0, 3.0, 4.0)),
                table, name, "item", "", (), 2020, "actual", "", "", value, unit,
                value * scale))
    assert summary_detail_checks(store.finances_frame(values)) == []


# -- volumes, claims, restatements, and all of them -----------------------------------------


@examples(30)
@given(st.data())
def test_volume_key_figure_checks_name_input_cells(data):
    docs = data.draw(reports(max_reports=2))
    volumes = store.counts_frame(data.draw(st.lists(count_values(docs), max_size=8)))
    key_figures = store.counts_frame(data.draw(st.lists(count_values(docs), max_size=8)))
    finances = store.finances_frame(data.draw(st.lists(finance_values(docs), max_size=8)))
    if data.draw(st.booleans()):
        volumes = null_mixed(volumes, data, ["unit", "item", "value", "year", "raw_text"])
        key_figures = null_mixed(key_figures, data, ["unit", "item", "value", "year"])
    failures = volume_key_figure_checks(volumes, key_figures, finances)
    assert_failures_name_input_cells(failures, key_figures)


@st.composite
def claims_and_assessments(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = draw(reports(max_reports=3))
    claims = pd.DataFrame([{
        "source_file": d.source.file, "source_sha256": d.source.sha256,
        "page": draw(st.integers(1, 99)), "kind": "goals_met",
        "claimed": draw(st.integers(0, 12)), "of_total": draw(st.integers(0, 12)),
        "sentence": draw(labels), "x0": 1.0, "top": 2.0, "x1": 3.0, "bottom": 4.0}
        for d in draw(st.lists(st.sampled_from(docs), max_size=4))],
        columns=columns("claims"))
    assessments = pd.DataFrame([{
        "source_file": d.source.file, "source_sha256": d.source.sha256, "page": 1,
        "label": draw(st.sampled_from(["met", "partly_met", "not_met", "unknown"]))}
        for d in draw(st.lists(st.sampled_from(docs), max_size=12))],
        columns=["source_file", "source_sha256", "page", "label"])
    return claims, assessments


@examples(40)
@given(claims_and_assessments())
def test_a_claim_fails_exactly_when_the_assessments_count_otherwise(frames):
    claims, assessments = frames
    failures = claim_checks(claims, assessments)
    wrong = []
    for _, c in claims.iterrows():
        mine = assessments[assessments["source_sha256"] == c["source_sha256"]]
        met = int((mine["label"] == "met").sum())
        if len(mine) and (met, len(mine)) != (c["claimed"], c["of_total"]):
            wrong.append((c["source_file"], int(c["page"]), float(c["claimed"]), float(met)))
    assert [(f.source_file, f.page, f.value, f.expected) for f in failures] == wrong


@examples(25)
@given(st.data())
def test_every_conflict_is_one_warning_at_the_newest_reports_cell(data):
    docs = data.draw(reports())
    measures = store.measures_frame(data.draw(st.lists(measure_values(docs), max_size=16)))
    _, conflicts = measures_clean(measures, documents(docs))
    warnings = restatement_warnings(conflicts)
    assert len(warnings) == len(conflicts)
    assert all(w.severity == "warning" for w in warnings)
    assert [(w.source_file, w.page) for w in warnings] == [
        (r.source_file, int(r.page)) for r in conflicts.itertuples()]
    assert {(w.source_file, w.page) for w in warnings} <= {
        (r.source_file, int(r.page)) for r in measures.itertuples()}


def test_a_restatement_warning_names_the_newest_reports_page():
    """Regression: restatement warnings named page 0, though the conflicts table carries the
    newest stating report's page, so the auditor got no page to open."""
    conflicts = pd.DataFrame([{
        "measure_key": "andel", "breakdown": "", "year": 2017, "kind": "outcome",
        "values": json.dumps([{"source_file": "a.pdf", "value": 81.0},
                              {"source_file": "b.pdf", "value": 79.0}]),
        "organisation": "", "source_file": "b.pdf", "source_sha256": "b", "page": 7}])
    [warning] = restatement_warnings(conflicts)
    assert (warning.source_file, warning.page) == ("b.pdf", 7)


@examples(12)
@given(st.data())
def test_all_checks_run_every_check_over_any_frames(data):
    """all_checks is the registry's checks together, over frames from the builders, frames
    with the columns but no rows, or none at all."""
    docs = data.draw(reports(max_reports=2))
    shape = data.draw(st.sampled_from(["rows", "no rows", "missing"]))
    finances = store.finances_frame(data.draw(st.lists(finance_values(docs), max_size=10)))
    volumes = store.counts_frame(data.draw(st.lists(count_values(docs), max_size=6)))
    key_figures = store.counts_frame(data.draw(st.lists(count_values(docs), max_size=6)))
    measures = store.measures_frame(data.draw(st.lists(measure_values(docs), max_size=10)))
    claims, assessments = data.draw(claims_and_assessments())
    _, conflicts = measures_clean(measures, documents(docs))
    frames = {"finances": finances, "volumes": volumes, "key_figures": key_figures,
              "claims": claims, "assessments": assessments, "conflicts": conflicts,
              "problems": store.problems_frame([])}
    if shape == "no rows":
        frames = {n: f.head(0) for n, f in frames.items()}
    elif shape == "missing":
        frames = {n: f for n, f in frames.items() if data.draw(st.booleans())}
    failures = all_checks(frames)
    empty = pd.DataFrame()
    alone = ([check(frames.get("finances", empty)) for check in FINANCE_CHECKS
              if not frames.get("finances", empty).empty]
             + [volume_key_figure_checks(frames.get("volumes", empty),
                                         frames.get("key_figures", empty),
                                         frames.get("finances", empty))])
    if not frames.get("claims", empty).empty and not frames.get("assessments", empty).empty:
        alone.append(claim_checks(frames["claims"], frames["assessments"]))
    if not frames.get("conflicts", empty).empty:
        alone.append(restatement_warnings(frames["conflicts"]))
    assert len(failures) == sum(len(a) for a in alone)
    if shape == "no rows":
        assert failures == []


def test_claims_without_an_assessments_table_fail_nothing():
    """Regression: all_checks over frames with claims but no assessments table raised
    KeyError 'source_sha256' (the stand-in empty frame has no columns)."""
    claims = pd.DataFrame([{"source_file": "r.pdf", "source_sha256": "s", "page": 2,
                            "kind": "goals_met", "claimed": 5, "of_total": 10,
                            "sentence": "nått fem av tio mål", "x0": 1.0, "top": 2.0,
                            "x1": 3.0, "bottom": 4.0}])
    assert all_checks({"claims": claims}) == []


@pytest.mark.parametrize("null", NULLS, ids=["None", "NaN", "NA"])
def test_checks_read_null_texts_as_empty(null):
    """Regression: a null unit reached scale_to_sek (AttributeError: no .lower()), a null
    `sums` reached json.loads (TypeError), a pd.NA unit was asked `== "%"` (ambiguous
    truth value), an object year column with pd.NA refused astype("float64"), and an
    object `top` column with pd.NA refused round()."""
    rows = []
    for table, unit in (("summary", "mkr"), ("detail", "tkr")):
        for line, raw, role, kind in (("A", "1", "item", "actual"), ("B", "2", "item", "budget"),
                                      ("Summa", "3", "total", "deviation")):
            rows.append({"source_file": "r.pdf", "source_sha256": "s", "page": 1,
                         "table_id": table, "table_title": table, "row_label": line,
                         "column_label": "Utfall 2019", "raw_text": raw, "value": float(raw),
                         "line_role": role, "kind": kind, "year": 2019, "period": "",
                         "sums": '["A", "B"]' if role == "total" else "",
                         "sums_confirmed": True, "unit": unit, "value_sek": float(raw) * 1e3,
                         "x0": 1.0, "top": 2.0, "x1": 3.0, "bottom": 4.0})
    frame = pd.DataFrame(rows).astype({"year": object, "top": object})
    for column in ("unit", "sums", "kind", "year", "top", "raw_text", "period"):
        frame.loc[[0, 3, 5], column] = null
    for check in FINANCE_CHECKS:
        assert_failures_name_input_cells(check(frame), frame)


def test_a_failure_at_a_cell_without_its_top_has_no_box():
    """Regression: _box read x0 only, so a row with x0 but no top (a frame whose geometry was
    partly lost) raised TypeError from float(None) when its total failed."""
    frame = pd.DataFrame([
        {"source_file": "r.pdf", "source_sha256": "s", "page": 1, "table_id": "t",
         "table_title": "Drift", "row_label": row, "column_label": column, "raw_text": raw,
         "value": float(raw), "line_role": role, "sums": sums, "sums_confirmed": bool(sums),
         "unit": "tkr", "kind": "actual", "year": 2020, "period": "", "value_sek": None,
         "x0": 1.0, "top": None if role == "total" else 2.0, "x1": 3.0, "bottom": 4.0}
        for column, values in (("2024", ("1", "2", "3")), ("2025", ("5", "6", "13")))
        for row, raw, role, sums in zip(("A", "B", "Summa"), values, ("item", "item", "total"),
                                        ("", "", '["A", "B"]'), strict=True)])
    [failure] = sum_checks(frame)
    assert (failure.column_label, failure.box) == ("2025", None)


@pytest.mark.parametrize("null", NULLS, ids=["None", "NaN", "NA"])
def test_a_single_all_null_row_fails_nothing(null):
    frame = store.finances_frame([]).head(0)
    row = {c: null for c in frame.columns} | {"source_file": "å.pdf", "source_sha256": "s",
                                               "page": 1, "table_id": "t"}
    frame = pd.DataFrame([row])
    for check in FINANCE_CHECKS:
        assert check(frame) == []
    assert all_checks({"finances": frame, "volumes": frame, "key_figures": frame}) == []
