"""The arithmetic checks on small typed frames: what fails, what is left alone, and why."""

from __future__ import annotations

import json

import pandas as pd

from pipeline.quality.checks import (
    all_checks,
    deviation_checks,
    sum_checks,
    summary_detail_checks,
    volume_key_figure_checks,
)
from pipeline.swedish.numbers import parse_cell


def _frame(rows: list[tuple[str, str, str, str, str, list[str]]], unit: str = "tkr",
           table: str = "t1") -> pd.DataFrame:
    """rows: (row_label, column_label, raw_text, line_role, kind, sums)."""
    out = []
    for i, (row, column, raw, role, kind, sums) in enumerate(rows):
        value = parse_cell(raw).value
        out.append({
            "source_file": "r.pdf", "source_sha256": "ab12", "page": 5, "table_id": table,
            "table_title": "Drift",
            "row_label": row, "column_label": column, "raw_text": raw, "value": value,
            "line_role": role, "kind": kind, "year": 2025, "period": "",
            "sums": json.dumps(sums) if sums else "", "sums_confirmed": bool(sums),
            "unit": "%" if column.endswith("%") else unit,
            "value_sek": None if value is None else value * {"tkr": 1e3, "mkr": 1e6}.get(unit, 0),
            "x0": 10.0 * i, "top": 100.0, "x1": 10.0 * i + 8, "bottom": 108.0,
        })
    return pd.DataFrame(out)


def _table(columns: dict[str, list[str]], labels: list[str], total: str = "Summa",
           **kwargs: str) -> pd.DataFrame:
    """A table of item rows and one total under them; columns map a label to its printed
    values, the total's last."""
    rows = []
    for column, values in columns.items():
        for label, raw in zip(labels, values[:-1], strict=True):
            rows.append((label, column, raw, "item", "actual", []))
        rows.append((total, column, values[-1], "total", "actual", labels))
    return _frame(rows, **kwargs)


def test_a_wrong_total_fails_with_found_and_expected():
    frame = _table({"Utfall 2024": ["10", "20", "30"], "Utfall 2025": ["5", "6", "13"]},
                   ["A", "B"])
    [failure] = sum_checks(frame)
    assert (failure.row_label, failure.column_label) == ("Summa", "Utfall 2025")
    assert (failure.value, failure.expected, failure.severity) == (13.0, 11.0, "error")
    assert failure.page == 5 and failure.box == (50.0, 100.0, 58.0, 108.0)


def test_rounding_of_many_rows_is_tolerated():
    # Five rows each rounded to whole tkr may drift 2.5 units from the printed total.
    frame = _table({"2025": ["1", "1", "1", "1", "1", "7"]}, ["A", "B", "C", "D", "E"])
    assert sum_checks(frame) == []


def test_shares_are_not_summed():
    frame = _table({"Utfall": ["10", "20", "30"], "Andel %": ["40", "80", "60"]}, ["A", "B"])
    assert sum_checks(frame) == []


def test_a_column_of_row_totals_is_not_summed_down():
    # "Total utgift" is the whole project on item rows and the printed years on the sum.
    frame = _table({"2027": ["1", "2", "3"], "2028": ["1", "1", "2"],
                    "Total utgift": ["5", "9", "5"]}, ["A", "B"])
    assert sum_checks(frame) == []


def test_a_total_row_that_fails_in_most_columns_is_our_misreading():
    frame = _table({"2024": ["1", "2", "9"], "2025": ["1", "2", "9"], "2026": ["1", "2", "3"]},
                   ["A", "B"])
    assert sum_checks(frame) == []


def test_a_total_of_the_sexes_above_their_sum_is_a_warning():
    """Försäkringskassan 2012 p117: every Total is a few above Kvinnor + Män, as its footnote
    says (kön unknown in a few cases): warnings, even though no column adds up."""
    frame = _table({"2011": ["423", "301", "727"], "2012": ["412", "306", "724"]},
                   ["Kvinnor", "Män"], total="Total")
    warnings = sum_checks(frame)
    assert [(w.column_label, w.severity, w.expected) for w in warnings] == [
        ("2011", "warning", 724.0), ("2012", "warning", 718.0)]
    assert "kön" in warnings[0].message


def test_a_wrong_deviation_fails_under_the_tables_own_sign_convention():
    rows = []
    for label, actual, budget, deviation in [("A", "10", "12", "2"), ("B", "5", "9", "4"),
                                             ("C", "7", "8", "3")]:
        rows += [(label, "Utfall", actual, "item", "actual", []),
                 (label, "Budget", budget, "item", "budget", []),
                 (label, "Avvikelse", deviation, "item", "deviation", [])]
    [failure] = deviation_checks(_frame(rows))
    assert (failure.row_label, failure.value, failure.expected) == ("C", 3.0, 1.0)


def test_a_summary_in_mkr_must_agree_with_the_detail_in_tkr():
    lines = [("Intäkter", "Utfall", "actual"), ("Kostnader", "Utfall", "actual"),
             ("Nettokostnader", "Utfall", "actual")]
    summary = _frame([(label, column, raw, "item", kind, []) for (label, column, kind), raw
                      in zip(lines, ["10,1", "-55,4", "-45,9"], strict=True)],
                     unit="mkr", table="summary")
    detail = _frame([(label, column, raw, "item", kind, []) for (label, column, kind), raw
                     in zip(lines, ["10 135", "-55 412", "-45 277"], strict=True)],
                    unit="tkr", table="detail")
    [failure] = summary_detail_checks(pd.concat([summary, detail], ignore_index=True))
    assert (failure.row_label, failure.value, failure.expected) == ("Nettokostnader", -45.9,
                                                                  -45.277)
    assert "-45 277 tkr" in failure.message


def test_tables_that_share_names_but_not_their_scope_are_not_compared():
    lines = [("Intäkter", "Utfall", "actual"), ("Kostnader", "Utfall", "actual")]
    summary = _frame([(label, column, raw, "item", kind, []) for (label, column, kind), raw
                      in zip(lines, ["10,1", "-55,4"], strict=True)], unit="mkr", table="s")
    detail = _frame([(label, column, raw, "item", kind, []) for (label, column, kind), raw
                     in zip(lines, ["1 013", "-5 541"], strict=True)], unit="tkr", table="d")
    assert summary_detail_checks(pd.concat([summary, detail], ignore_index=True)) == []


def test_the_summarys_net_line_must_agree_with_the_details_grand_total():
    """The samples' "Netto (+/-)" in mkr on page 2 is the "Total" of the tkr operating
    statement on page 12."""
    summary = _frame([("Netto (+/-)", "Utfall 2019", "-261,7", "total", "actual", ["x"]),
                      ("Netto (+/-)", "Budget 2019", "-265,4", "total", "budget", ["x"]),
                      ("Netto (+/-)", "Prognos", "-260,0", "total", "forecast", ["x"])],
                     unit="mkr", table="summary")
    detail = _frame([("Xenter", "Utfall", "-100 000", "item", "actual", []),
                     ("Total", "Utfall", "-261 743", "total", "actual", ["Xenter"]),
                     ("Total", "Budget", "-267 412", "total", "budget", ["Xenter"]),
                     ("Total", "Prognos", "-260 000", "total", "forecast", ["Xenter"])],
                    unit="tkr", table="detail")
    failures = summary_detail_checks(pd.concat([summary, detail], ignore_index=True))
    assert [(f.row_label, f.column_label, f.expected) for f in failures] == [
        ("Netto (+/-)", "Budget 2019", -267.412)]


def _counts(rows: list[tuple[str, str, str]], page: int) -> pd.DataFrame:
    """rows: (item, unit, raw_text), all for 2019 actual."""
    return pd.DataFrame([{
        "source_file": "r.pdf", "source_sha256": "ab12", "page": page, "table_title": "Volymer",
        "item": item, "row_label": item, "column_label": "Utfall 2019", "unit": unit,
        "year": 2019, "kind": "actual", "raw_text": raw, "value": parse_cell(raw).value,
        "x0": 1.0, "top": 2.0, "x1": 3.0, "bottom": 4.0} for item, unit, raw in rows])


def test_a_cost_per_unit_times_the_volume_cannot_exceed_the_whole_cost():
    """The samples' 59 858 kr per årsplats × 558 årsplatser = 33,4 mkr fits in a committee
    of 373 mkr; printed as tkr per årsplats it would be 33 400 mkr."""
    volumes = _counts([("Arbetsmarknadsinsatser", "årsplatser", "558"),
                       ("Yrkeshögskola", "årsplatser", "120")], page=14)
    fits = _counts([("Arbetsmarknadsinsatser", "kr / årsplats", "-59 858")], page=14)
    slips = _counts([("Yrkeshögskola", "tkr / årsplats", "61 200")], page=15)
    finances = _frame([("Kostnader", "Utfall 2019", "-373,4", "item", "actual", [])],
                      unit="mkr").assign(year=2019)
    [failure] = volume_key_figure_checks(volumes, pd.concat([fits, slips]), finances)
    assert (failure.page, failure.row_label, failure.value) == (15, "Yrkeshögskola", 61200.0)
    assert "7\u00a0344,0 mkr" in failure.message  # as a Swedish report writes it


def test_a_failure_on_a_page_read_by_ocr_is_a_warning():
    frame = _table({"2024": ["1", "2", "3"], "2025": ["5", "6", "13"]}, ["A", "B"])
    problems = pd.DataFrame([{"source_file": "r.pdf", "page": 5, "code": "read_by_ocr"}])
    [failure] = all_checks({"finances": frame, "problems": problems})
    assert failure.severity == "warning" and "read by OCR" in failure.message
    [failure] = all_checks({"finances": frame, "problems": problems.assign(page=6)})
    assert failure.severity == "error"
