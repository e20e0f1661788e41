"""Hypothesis strategies for the property tests: labels, numbers as Swedish reports print them,
and the typed frames built the way the pipeline builds them (the store's own builders) or
directly with pandas, with the null mixes real frames pick up on their way through Parquet,
DuckDB and CSV."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from pipeline.core.records import BBox, Cited, CountValue, FinanceValue, MeasureValue, Source
from pipeline.document import DocumentResult
from pipeline.meaning.outline import DocumentContext
from pipeline.output.store import documents_frame
from pipeline.swedish.numbers import MINUS_SIGNS, THOUSANDS_SEPARATORS

# Reproducible in CI (a clean clone has no example database): the same examples every run.
# PROPERTIES_DEEP=N digs deeper on a developer's machine: N times the examples, a new random
# seed each run.
DEEP = int(os.environ.get("PROPERTIES_DEEP", "0") or 0)


def examples(n: int) -> settings:
    """Settings for a property: `n` examples, derandomized, no deadline (spaCy loads once)."""
    return settings(max_examples=n * max(DEEP, 1), derandomize=not DEEP, database=None,
                    deadline=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])

# Labels that have broken text handling somewhere: Swedish letters, emoji, right-to-left
# script, combining marks, the special spaces, a byte-order mark, case-changing letters.
NASTY_LABELS = ("", " ", "å", "Ä", "Öö", "Summa", "Total", "Totalt", "Netto", "varav x",
                "Kvinnor", "Män", "Utfall 2019", "Budget", "Mål 2020", "Avvikelse", "%",
                "😀", "שלום", "مرحبا", "e\u0301", "Å\u030a", "\u00a0", "a\u202fb", "\u200b",
                "\ufeff", "\u2212", "İ", "ß", "ǅ", "NaN", "None", "(tkr)", "Intäkter (mkr)",
                "kr / årsplats", "årsplatser")
NULLS = (None, np.nan, pd.NA)

labels = st.one_of(st.sampled_from(NASTY_LABELS), st.text(max_size=12))
nullable_labels = st.one_of(labels, st.sampled_from(NULLS))
years = st.one_of(st.none(), st.integers(2010, 2026))
# Values a report prints: whole and tiny, huge (1e15 kronor), zero of both signs, negative.
values = st.one_of(st.sampled_from([0.0, -0.0, 1.0, -1.0, 1e15, -1e15, 1e-9, -1e-9, 85.0]),
                   st.floats(-1e15, 1e15, allow_nan=False, allow_infinity=False))
nullable_values = st.one_of(values, st.sampled_from(NULLS))


def swedish(value: float, decimals: int, separator: str = " ", minus: str = "-",
            percent: str = "", footnote: str = "") -> str:
    """`value` printed as a Swedish report prints it: thousands separated, decimal comma."""
    whole, _, frac = f"{abs(value):.{decimals}f}".partition(".")
    groups = [whole[max(0, i - 3):i] for i in range(len(whole), 0, -3)][::-1]
    text = separator.join(groups) + ("," + frac if frac else "")
    sign = minus if value < 0 and float(f"{abs(value):.{decimals}f}") != 0 else ""
    return f"{sign}{text}{percent}{footnote}"


@st.composite
def printed_numbers(draw: st.DrawFn) -> tuple[str, float, int, str, str]:
    """(text, value as printed, decimals, unit, footnote) in every style the parser claims:
    thousands unseparated or separated by any of its spaces, any of its minus signs (a space
    after it or not), a decimal comma, "%" attached or spaced, a footnote mark."""
    decimals = draw(st.integers(0, 4))
    value = draw(st.one_of(st.sampled_from([0.0, 1e-9, -1e-9, 1e12, -1e12, 999.5, 1000.0]),
                           st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False)))
    separator = draw(st.sampled_from(["", *THOUSANDS_SEPARATORS]))
    minus = draw(st.sampled_from(MINUS_SIGNS)) + draw(st.sampled_from(["", " "]))
    percent = draw(st.sampled_from(["", "%", " %", "\u00a0%", "\u202f%"]))
    footnote = draw(st.sampled_from(["", "*", "**", "***", "¹", "²", "³"]))
    text = swedish(value, decimals, separator, minus, percent, footnote)
    printed = float(f"{abs(value):.{decimals}f}")
    return text, -printed if value < 0 and printed else printed, decimals, \
        "%" if percent else "", footnote


def raw_texts(value: float | None) -> st.SearchStrategy[str]:
    """What the cell printed: the value in some Swedish style, or anything at all."""
    if value is None or pd.isna(value):
        return st.one_of(st.sampled_from(["", "-", "Stängt", "..", "x"]), labels)
    return st.one_of(
        st.builds(swedish, st.just(value), st.integers(0, 3),
                  st.sampled_from(THOUSANDS_SEPARATORS), st.sampled_from(MINUS_SIGNS),
                  st.sampled_from(["", " %"])),
        labels)


boxes = st.builds(BBox, st.floats(0, 600), st.floats(0, 800), st.floats(0, 600),
                  st.floats(0, 800))


@st.composite
def reports(draw: st.DrawFn, max_reports: int = 4) -> list[DocumentResult]:
    """1-4 reports of one or two organisations, each with its own file, hash and year."""
    n = draw(st.integers(1, max_reports))
    shas = draw(st.lists(st.text("0123456789abcdef", min_size=4, max_size=8), min_size=n,
                         max_size=n, unique=True))
    out = []
    for i, sha in enumerate(shas):
        context = DocumentContext(
            report_year=draw(years), organisation=draw(st.sampled_from(["", "Nämnden", "ÅÄÖ"])))
        out.append(DocumentResult(Source(draw(st.sampled_from(["", "a/", "å/"])) + f"r{i}.pdf",
                                         sha), context=context))
    return out


def documents(docs: list[DocumentResult]) -> pd.DataFrame:
    return documents_frame(docs)


@st.composite
def cited(draw: st.DrawFn, docs: list[DocumentResult], value: float | None,
          row_label: str | None = None, column_label: str | None = None,
          table_id: str | None = None) -> Cited:
    doc = draw(st.sampled_from(docs))
    return Cited(doc.source, draw(st.integers(1, 400)),
                 table_id if table_id is not None else draw(st.sampled_from(["t1", "t2", "t3"])),
                 draw(labels), row_label if row_label is not None else draw(labels),
                 column_label if column_label is not None else draw(labels),
                 draw(raw_texts(value)), draw(boxes))


# Few distinct names, so that keys repeat across reports and within one.
few_names = st.sampled_from(["Andel elever", "andel elever", "Intäkter", "Intäkter.", "Å",
                             "😀", "e\u0301", "", "Summa"])
kinds = st.sampled_from(["", "outcome", "target", "actual", "budget", "deviation"])


@st.composite
def measure_values(draw: st.DrawFn, docs: list[DocumentResult]) -> MeasureValue:
    value = draw(st.one_of(st.none(), values))
    at = draw(cited(docs, value))
    doc = next(d for d in docs if d.source == at.source)
    name = draw(few_names)
    return MeasureValue(at, "", "", doc.context.report_year, draw(labels), draw(labels), name,
                        name.lower(), draw(st.sampled_from(["", "män", "kvinnor"])),
                        draw(years), draw(kinds), value, draw(st.sampled_from(["", "%"])))


@st.composite
def finance_values(draw: st.DrawFn, docs: list[DocumentResult]) -> FinanceValue:
    value = draw(st.one_of(st.none(), values))
    unit = draw(st.sampled_from(["", "tkr", "mkr", "kr", "%"]))
    scale = {"tkr": 1e3, "mkr": 1e6, "kr": 1.0}.get(unit)
    return FinanceValue(
        draw(cited(docs, value)), draw(few_names), draw(few_names),
        draw(st.sampled_from(["item", "subtotal", "total", "of_which"])), draw(labels),
        tuple(draw(st.lists(few_names, max_size=3))), draw(years), draw(kinds),
        draw(st.sampled_from(["", "period", "helår"])), draw(st.sampled_from(["", "intäkter"])),
        value, unit, None if value is None or scale is None else value * scale,
        sums_confirmed=draw(st.booleans()))


@st.composite
def count_values(draw: st.DrawFn, docs: list[DocumentResult]) -> CountValue:
    value = draw(st.one_of(st.none(), values))
    return CountValue(draw(cited(docs, value)), draw(few_names),
                      draw(st.sampled_from(["", "antal", "årsplatser", "kr / årsplats",
                                            "tkr / årsplats"])),
                      draw(labels), draw(years), draw(kinds), value, draw(st.booleans()))


def null_mixed(frame: pd.DataFrame, data: st.DataObject, columns: list[str]) -> pd.DataFrame:
    """`frame` with some cells of `columns` replaced by None, NaN or pd.NA (object dtype),
    as frames come back from a warehouse or a CSV."""
    out = frame.copy()
    for column in columns:
        if column not in out or out.empty:
            continue
        mask = data.draw(st.lists(st.booleans(), min_size=len(out), max_size=len(out)))
        if not any(mask):
            continue
        nulls = [data.draw(st.sampled_from(NULLS)) for _ in mask]
        cells = out[column].astype(object).tolist()
        out[column] = pd.Series([n if m else c for c, m, n in zip(cells, mask, nulls,
                                                                   strict=True)],
                                index=out.index, dtype=object)
    return out
