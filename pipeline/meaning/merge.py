"""Merge the reports: one series per measure (and per finance or volume line) across years.

Each year's report repeats earlier years. For every key (measure_key x breakdown x year x
kind) the value comes from the newest report that states it; `n_sources` says how many
reports state it, and reports that disagree beyond the precision they print ("79 %" against
"81 %"; not "13 %" against "13,0 %": more than half a unit of the coarsest printed digit)
make a conflict, listed with every report's value.

Pure functions over the typed frames; the store writes what they return.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from pipeline.core.catalogue import columns
from pipeline.swedish.numbers import parse_cell

# A series belongs to one organisation: two agencies' "Summa" lines are not one series.
MEASURE_KEY = ["organisation", "measure_key", "breakdown", "year", "kind"]
FINANCE_KEY = ["organisation", "statement_key", "line_key", "year", "kind", "period", "facet",
               "unit"]
VOLUME_KEY = ["organisation", "item_key", "unit", "year", "kind"]
PROVENANCE = ["source_file", "source_sha256", "page"]


def _with_report(frame: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The report's year and organisation on every row, from the documents table."""
    wanted = [c for c in ("report_year", "organisation") if c not in frame]
    if not wanted:
        return frame
    found = documents[["source_sha256", *wanted]].drop_duplicates("source_sha256")
    out = frame.merge(found, on="source_sha256", how="left")
    if "organisation" in wanted:
        out["organisation"] = text_values(out["organisation"])
    return out


def text_values(column: pd.Series) -> pd.Series:
    """Text with "" for nulls, whatever the column's dtype: a column read back with no text
    at all is float64 NaN, which fillna("") will refuse in pandas 4."""
    return column.astype(object).where(column.notna(), "").astype(str)


def text_value(value: object) -> str:
    """One value as text, "" for a null (None, NaN, pd.NA), as text_values gives a column."""
    return "" if pd.api.types.is_scalar(value) and pd.isna(value) else str(value)


def merged(frame: pd.DataFrame, key: list[str], keep: list[str],
           documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(clean, conflicts) for one typed frame: the newest report's value per key."""
    rows = _with_report(frame, documents)
    # A null kind (an empty cell read back from CSV) is no kind, as "" is.
    rows = rows[rows["value"].notna() & rows["year"].notna() & (text_values(rows["kind"]) != "")]
    # Typed explicitly: over no rows, map() gives strings, and the precision below negates it.
    decimals = rows["raw_text"].map(lambda t: parse_cell(str(t)).decimals)
    rows = rows.assign(decimals=decimals.astype("int64"))
    rows = rows.sort_values(["report_year", "source_file"], na_position="first", kind="stable")
    # One value per report and key (a report that repeats a table states it once).
    per_report = rows.drop_duplicates([*key, "source_sha256"], keep="last")
    groups = per_report.groupby(key, dropna=False, sort=True)
    stats = groups.agg(high=("value", "max"), low=("value", "min"),
                       decimals=("decimals", "min"), n_sources=("source_sha256", "nunique"))
    # The contract's provenance on every row: the newest stating report's file, hash, page.
    newest = groups.tail(1).set_index(key)[[*keep, "value", *PROVENANCE]]
    clean = newest.join(stats)
    # Slack for the floats the printed decimals became: a fixed 1e-9 is below their spacing
    # from 1e7 up ("134 217 728,8" against "134 217 728,75" is half a unit apart, no more).
    magnitude = clean[["high", "low"]].abs().max(axis=1)
    slack = 1e-9 + 2 * np.finfo(float).eps * magnitude
    clean["conflict"] = (clean["high"] - clean["low"]) > (0.5 * 10.0 ** -clean["decimals"]
                                                           + slack)
    clean = clean.reset_index().sort_values(key, kind="stable")
    clean = clean[_clean_columns(key, keep)]
    clean["n_sources"] = clean["n_sources"].astype("int64")
    clean["conflict"] = clean["conflict"].astype(bool)
    conflict_rows = []
    disputed = clean.loc[clean["conflict"], key]
    if not disputed.empty:
        listed = per_report.merge(disputed, on=key)
        for values, group in listed.groupby(key, dropna=False, sort=True):
            conflict_rows.append({
                **dict(zip(key, values if isinstance(values, tuple) else (values,),
                           strict=True)),
                "values": json.dumps([{"source_file": r.source_file, "value": float(r.value)}
                                      for r in group.itertuples()], ensure_ascii=False)})
    # The clean table's key types: over no conflicts the columns would be objects, and a
    # float64 year (a frame read from CSV) refuses to merge with them.
    conflicts = pd.DataFrame(conflict_rows, columns=[*key, "values"]).astype(
        clean[key].dtypes.to_dict())
    conflicts = conflicts.merge(clean[[*key, *PROVENANCE]], on=key, how="left")
    for out in (clean, conflicts):
        out["year"] = out["year"].astype("Int64")
    return clean.reset_index(drop=True), conflicts


def _clean_columns(key: list[str], keep: list[str]) -> list[str]:
    return [*key, *keep, "value", *PROVENANCE, "n_sources", "conflict"]


FINANCE_KEEP, VOLUME_KEEP = ["statement", "line", "value_sek"], ["item"]  # as TABLES lists


def measures_clean(measures: pd.DataFrame,
                   documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The contract's `measures_clean` and `conflicts`."""
    clean, conflicts = merged(measures, MEASURE_KEY, ["measure", "goal", "unit"], documents)
    return clean[columns("measures_clean")], conflicts[columns("conflicts")]


def _key(text: pd.Series) -> pd.Series:
    return text_values(text).str.lower().str.replace(r"[^\wåäö]+", " ", regex=True).str.strip()


def finances_clean(finances: pd.DataFrame,
                   documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Finance lines across reports: a later report's earlier-year actuals against the
    earlier report's own."""
    frame = finances.assign(statement_key=_key(finances["statement"]),
                            line_key=_key(finances["line"]))
    return merged(frame, FINANCE_KEY, FINANCE_KEEP, documents)


def volumes_clean(volumes: pd.DataFrame,
                  documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = volumes.assign(item_key=_key(volumes["item"]))
    return merged(frame, VOLUME_KEY, VOLUME_KEEP, documents)
