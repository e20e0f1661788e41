"""Merge the reports: one series per measure (and per finance or volume line) across years.

Each year's report repeats earlier years. For every key (measure_key x breakdown x year x
kind) the value comes from the newest report that states it; `n_sources` says how many
reports state it, and reports that disagree beyond the precision they print ("79 %" against
"81 %"; not "13 %" against "13,0 %") make a conflict, listed with every report's value.

Pure functions over the typed frames; the store writes what they return.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd

from pipeline.numbers import parse_cell

MEASURE_KEY = ["measure_key", "breakdown", "year", "kind"]
FINANCE_KEY = ["statement_key", "line_key", "year", "kind", "period", "facet", "unit"]
VOLUME_KEY = ["item_key", "unit", "year", "kind"]


def _tolerance(raw_texts: Sequence[str]) -> float:
    """Half a unit of the coarsest precision printed: rounding, not disagreement."""
    decimals = [parse_cell(str(t)).decimals for t in raw_texts]
    return 0.5 * 10.0 ** -min(decimals) if decimals else 0.0


def _disagree(values: Sequence[float], raw_texts: Sequence[str]) -> bool:
    return max(values) - min(values) > _tolerance(raw_texts) + 1e-9


def _with_report_year(frame: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    if "report_year" in frame:
        return frame
    years = documents[["source_sha256", "report_year"]].drop_duplicates("source_sha256")
    return frame.merge(years, on="source_sha256", how="left")


def merged(frame: pd.DataFrame, key: list[str], keep: list[str],
           documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(clean, conflicts) for one typed frame: the newest report's value per key."""
    rows = _with_report_year(frame, documents)
    rows = rows[rows["value"].notna() & rows["year"].notna() & (rows["kind"] != "")]
    clean_rows, conflict_rows = [], []
    for values, group in rows.groupby(key, dropna=False, sort=True):
        group = group.sort_values(["report_year", "source_file"], na_position="first")
        newest = group.iloc[-1]
        per_report = group.drop_duplicates("source_sha256", keep="last")
        conflict = _disagree(list(per_report["value"]), list(per_report["raw_text"]))
        key_values = dict(zip(key, values if isinstance(values, tuple) else (values,),
                              strict=True))
        clean_rows.append({**key_values, **{c: newest[c] for c in keep}, "value": newest["value"],
                           "source_file": newest["source_file"],
                           "n_sources": int(per_report["source_sha256"].nunique()),
                           "conflict": bool(conflict)})
        if conflict:
            listed = [{"source_file": r.source_file, "value": float(r.value)}
                      for r in per_report.itertuples()]
            conflict_rows.append({**key_values,
                                  "values": json.dumps(listed, ensure_ascii=False)})
    clean = pd.DataFrame(clean_rows, columns=[*key, *keep, "value", "source_file", "n_sources",
                                              "conflict"])
    conflicts = pd.DataFrame(conflict_rows, columns=[*key, "values"])
    for out in (clean, conflicts):
        if "year" in out:
            out["year"] = out["year"].astype("Int64")
    return clean, conflicts


def measures_clean(measures: pd.DataFrame,
                   documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The contract's `measures_clean` and `conflicts`."""
    clean, conflicts = merged(measures, MEASURE_KEY, ["measure", "goal", "unit"], documents)
    order = ["measure_key", "measure", "goal", "breakdown", "year", "kind", "value", "unit",
             "source_file", "n_sources", "conflict"]
    return clean[order], conflicts[[*MEASURE_KEY, "values"]]


def _key(text: pd.Series) -> pd.Series:
    return text.fillna("").str.lower().str.replace(r"[^\wåäö]+", " ", regex=True).str.strip()


def finances_clean(finances: pd.DataFrame,
                   documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Finance lines across reports: a later report's earlier-year actuals against the
    earlier report's own."""
    frame = finances.assign(statement_key=_key(finances["statement"]),
                            line_key=_key(finances["line"]))
    return merged(frame, FINANCE_KEY, ["statement", "line", "value_sek"], documents)


def volumes_clean(volumes: pd.DataFrame,
                  documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = volumes.assign(item_key=_key(volumes["item"]))
    return merged(frame, VOLUME_KEY, ["item"], documents)
