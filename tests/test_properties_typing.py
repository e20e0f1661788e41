"""Properties of typing (datasets.typed_datasets) and of the store's frame builders, for any
tables: random titles, column headers ("Utfall 2019", "Mål 2020", "Budget", "", Unicode junk),
row labels and cell texts, numeric and not."""

from __future__ import annotations

import math
from functools import partial

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import (
    NASTY_LABELS,
    count_values,
    examples,
    finance_values,
    labels,
    measure_values,
    reports,
    swedish,
)

from pipeline.core.catalogue import CITED, PROVENANCE, columns
from pipeline.core.guard import Guard
from pipeline.core.records import (
    BBox,
    Cell,
    Column,
    Observation,
    PersonnelValue,
    Problem,
    Row,
    Source,
    Table,
)
from pipeline.meaning.datasets import APPROXIMATE, typed_datasets
from pipeline.meaning.outline import DocumentContext, Marker, Outline, Position
from pipeline.output import store
from pipeline.swedish.nlp import measure_key
from pipeline.swedish.numbers import CellKind, parse_cell, scale_to_sek

pytestmark = pytest.mark.filterwarnings("error::pandas.errors.Pandas4Warning")

SOURCE = Source("å/rapport 2019.pdf", "abc123")
TITLES = ("Målsatta mått", "Mått", "Driftredovisning (tkr)", "Resultaträkning, mnkr",
          "Nyckeltal", "Personal", "Sjukfrånvaro", "Volymer", "Statistik", "Ekonomi",
          "Not 4 Kostnader för personal (tkr)", "", "Indikator 😀")
HEADERS = ("Utfall 2019", "Mål 2020", "Budget", "", "Budget 2019", "Avvikelse", "Prognos helår",
           "Utfall fg år", "Kvinnor", "Män", "Totalt", "Not", "Antal 2024", "2025", "14-12-31",
           "98-12-31", "Summa", "Andel %", "Period Avvik else", "Proj Nr", "שלום 2019", "😀")
ROW_LABELS = ("Andel elever (%)", "Antalet nystartade företag ökar", "Män", "Kvinnor", "Summa",
              "Total", "Netto", "varav bidrag", "- Ekonomi", "Yrkeshögskola (årsplatser)",
              "Kostnad (kr / årsplats)", "Förvaltningskostnad, mnkr", "Budget",
              "Avvikelse mot budget", "20-29 år", "Totalt", "Polisregion Väst Män", "")
CELL_TEXTS = ("", "-", "–", "Stängt", "ung 116 000", "ca 12", "(6014)", "85 %", "13,6%",
              "-400*", "1 513¹", "\u2212261\u00a0743", "x", "..", "1,2,3", "😀")


def _headers() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HEADERS), labels)


def _cell_texts() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(CELL_TEXTS), labels,
                     st.builds(swedish, st.sampled_from([0.0, 1e15, -1e15, 1e-9, 85.0, -3.5]),
                               st.integers(0, 3)),
                     st.builds(swedish, st.floats(-1e12, 1e12), st.integers(0, 2)))


@st.composite
def tables(draw: st.DrawFn, n: int) -> Table:
    """A table as the table finder gives it: every cell in a column, each cell its own box."""
    columns = tuple(Column(i, BBox(100.0 + 60 * i, 0, 150.0 + 60 * i, 10), draw(_headers()))
                    for i in range(draw(st.integers(0, 5))))
    page = draw(st.integers(1, 3))
    rows = []
    for r in range(draw(st.integers(0, 8))):
        top = 20.0 + 12 * r
        cells = tuple(Cell(c.index, draw(_cell_texts()),
                           BBox(c.bbox.x0, top, c.bbox.x1, top + 10))
                      for c in columns if draw(st.booleans()))
        rows.append(Row(draw(st.one_of(st.sampled_from(ROW_LABELS), labels)),
                        BBox(0, top, 90, top + 10), cells, page))
    return Table(SOURCE, page, f"p{page}-t{n}", draw(st.one_of(st.sampled_from(TITLES), labels)),
                 BBox(0, 10, 500, 20.0 + 12 * len(rows)), draw(st.sampled_from(["ruled",
                                                                                "whitespace"])),
                 draw(st.one_of(st.sampled_from(["", "Mått", "Ålder", "Verksamhet"]), labels)),
                 columns, tuple(rows), (page,))


@st.composite
def documents_of_tables(draw: st.DrawFn) -> tuple[list[Table], DocumentContext, Outline]:
    n = draw(st.integers(0, 4))
    found = [draw(tables(i)) for i in range(n)]
    context = DocumentContext(municipality=draw(labels), committee=draw(labels),
                              report_year=draw(st.one_of(st.none(), st.integers(1950, 2049))),
                              organisation=draw(labels))
    markers = sorted((Marker(draw(st.sampled_from(["goal_area", "goal", "heading"])),
                             draw(labels), Position(draw(st.integers(1, 3)),
                                                    draw(st.floats(0, 200))),
                             BBox(0, 0, 1, 1), draw(st.floats(6, 20)))
                      for _ in range(draw(st.integers(0, 4)))),
                     key=lambda m: (m.at.page, m.at.top))
    return found, context, Outline(tuple(markers))


def _printed_value(text: str) -> float | None:
    parsed = parse_cell(text)
    if parsed.kind is CellKind.NUMBER:
        return parsed.value
    approximate = APPROXIMATE.match(text.strip())  # "ung 116 000", "ca 12"
    return parse_cell(approximate.group(1)).value if approximate else None


@examples(100)
@given(documents_of_tables())
def test_typing_cites_each_cell_once_with_its_printed_value(document):
    """Every typed value is a cell of the input (table, page, row, column label as printed,
    raw text, box), no cell becomes two values, and the value is the one printed."""
    found, context, outline = document
    out = typed_datasets(found, context, outline)
    cells = {(t.table_id, row.page, row.label, t.columns[c.column].label, c.text, c.bbox)
             for t in found for row in t.rows for c in row.cells}
    typed = [*out.measures, *out.finances, *out.volumes, *out.key_figures, *out.personnel]
    cited = [(v.at.table_id, v.at.page, v.at.row_label, v.at.column_label, v.at.raw_text,
              v.at.bbox) for v in typed]
    assert set(cited) <= cells
    assert len(cited) == len(set(cited)), "a cell typed twice"
    for v in typed:
        assert v.at.source == SOURCE
        assert v.value is None or (math.isfinite(v.value)
                                   and v.value == _printed_value(v.at.raw_text)), v
    assert set(out.table_places) == {t.table_id for t in found}
    assert set(out.table_kinds.values()) <= {"measures", "finances", "volumes", "key_figures",
                                             "personnel", "other"}


@examples(100)
@given(documents_of_tables())
def test_typed_fields_are_in_their_vocabularies(document):
    found, context, outline = document
    out = typed_datasets(found, context, outline)
    years = {None, context.report_year, (context.report_year or 0) - 1}
    kinds = {"", "actual", "budget", "deviation", "forecast", "target", "change"}
    for v in [*out.measures, *out.finances, *out.volumes, *out.key_figures, *out.personnel]:
        assert v.year in years or 1950 <= v.year <= 2049, v
    for m in out.measures:
        assert m.kind in {"", "outcome", "target"}
        assert m.breakdown in {"", "män", "kvinnor", "pojkar", "flickor"}
        assert m.report_year == context.report_year
        if not m.breakdown:
            assert m.measure_key == measure_key(m.measure)
    by_table = {t.table_id: {r.label for r in t.rows} for t in found}
    for f in out.finances:
        assert f.kind in kinds and f.line_role in {"item", "of_which", "subtotal", "total"}
        assert set(f.sums) <= by_table[f.at.table_id]
        scale = scale_to_sek(f.unit) if f.unit else None
        if f.value is not None and scale is not None:
            assert f.value_sek == pytest.approx(f.value * scale)
        else:
            assert f.value_sek is None


@examples(30)
@given(documents_of_tables())
def test_typing_under_a_guard_reports_no_failed_stage(document):
    """With a guard that would swallow them, no table's typing raises: nothing to report."""
    found, context, outline = document
    guard = Guard(SOURCE)
    typed_datasets(found, context, outline, guard)
    assert guard.problems == []


def test_a_share_is_never_the_documents_unit():
    """Regression: a finance table without a unit took "%" as the document's unit when the
    only unit printed in the report was a share ("85 %"), and its money got value_sek in
    "%" (value x 1.0)."""
    box = BBox(0, 0, 1, 1)
    table = Table(SOURCE, 1, "t", "Ekonomi", box, "ruled", "",
                  (Column(0, box, "Utfall 2019"), Column(1, box, "Utfall 2020")),
                  (Row("Andel", box, (Cell(0, "85 %", box), Cell(1, "1 200", box)), 1),))
    out = typed_datasets([table], DocumentContext(report_year=2020), Outline(()))
    assert [(f.unit, f.value_sek, f.unit_source) for f in out.finances] == [
        ("%", None, "table"), ("", None, "")]
    assert [f.code for f in out.findings] == ["unit_unknown"]


def test_no_tables_type_into_nothing():
    out = typed_datasets([], DocumentContext(), Outline(()))
    assert (out.measures, out.finances, out.volumes, out.key_figures, out.personnel) == (
        [], [], [], [], [])


# -- the store's frame builders ------------------------------------------------------------

BUILDERS = {
    "measures": store.measures_frame,
    "finances": store.finances_frame,
    "volumes": store.counts_frame,
    "key_figures": partial(store.counts_frame, table="key_figures"),
    "personnel": store.personnel_frame,
}


def assert_typed_frame(frame: pd.DataFrame, table: str, records: list) -> None:
    """Provenance, the contract's columns, the cell: in that order (the catalogue's), one row
    per record, integers as Int64 and values as float64, each row the record's own fields."""
    assert list(frame.columns) == columns(table)
    cited = [c.name for c in CITED]
    assert list(frame.columns[:3]) == [c.name for c in PROVENANCE]
    assert list(frame.columns[-len(cited):]) == cited
    assert len(frame) == len(records)
    for column in store.INTEGER_COLUMNS:
        if column in frame:
            assert str(frame[column].dtype) == "Int64", column
    assert frame["value"].dtype == "float64"
    for (_, row), record in zip(frame.iterrows(), records, strict=True):
        assert (row["source_file"], row["source_sha256"], row["page"]) == (
            record.at.source.file, record.at.source.sha256, record.at.page)
        assert (row["row_label"], row["column_label"], row["raw_text"]) == (
            record.at.row_label, record.at.column_label, record.at.raw_text)
        assert (pd.isna(row["year"]) and record.year is None) or row["year"] == record.year
        assert (pd.isna(row["value"]) and record.value is None) or row["value"] == record.value
        assert row["x0"] == round(record.at.bbox.x0, 2)


@examples(50)
@given(documents_of_tables())
def test_frames_built_from_typed_tables_hold_every_value(document):
    out = typed_datasets(*document)
    for name, builder in BUILDERS.items():
        records = getattr(out, name)
        assert_typed_frame(builder(records), name, records)


@st.composite
def personnel_values(draw: st.DrawFn, docs: list) -> PersonnelValue:
    v = draw(count_values(docs))
    return PersonnelValue(v.at, v.item, draw(st.sampled_from(["", "män", "20-29 år"])), v.year,
                          v.kind, v.value, v.unit)


RECORDS = {"measures": measure_values, "finances": finance_values, "volumes": count_values,
           "key_figures": count_values, "personnel": personnel_values}


@pytest.mark.parametrize("name", BUILDERS)
@examples(25)
@given(data=st.data())
def test_frames_built_from_any_records_hold_every_value(name, data):
    """Records with no year, no value, values of 1e15 and 1e-9, Unicode in every label."""
    docs = data.draw(reports())
    records = data.draw(st.lists(RECORDS[name](docs), max_size=8))
    assert_typed_frame(BUILDERS[name](records), name, records)


@pytest.mark.parametrize("name", BUILDERS)
def test_frames_of_no_records_have_their_columns_and_types(name):
    assert_typed_frame(BUILDERS[name]([]), name, [])


@examples(60)
@given(st.lists(st.builds(
    Observation, st.just(SOURCE), st.integers(1, 999), st.sampled_from(["t1", "t2"]),
    labels, labels, labels, st.one_of(st.sampled_from(CELL_TEXTS), labels),
    st.one_of(st.none(), st.floats(-1e15, 1e15)), st.sampled_from(["", "%"]),
    st.builds(BBox, st.floats(0, 600), st.floats(0, 800), st.floats(0, 600),
              st.floats(0, 800)),
    st.sampled_from(["", "*", "¹"]), st.sampled_from(["ruled", "whitespace"])), max_size=8))
def test_observations_frame_holds_every_observation(observations):
    frame = store.observations_frame(observations)
    assert list(frame.columns) == columns("observations")
    assert len(frame) == len(observations)
    assert frame["page"].dtype == "int64" and frame["value"].dtype == "float64"
    assert frame["raw_text"].tolist() == [o.raw_text for o in observations]
    assert [None if pd.isna(v) else v for v in frame["value"]] == [o.value for o in observations]


@examples(60)
@given(st.lists(st.builds(Problem, st.sampled_from(["", "å.pdf"]), st.sampled_from(["", "ab"]),
                          st.one_of(st.none(), st.integers(1, 999)), labels,
                          st.sampled_from(["corrupt", "stage_failed", "unknown_column_header"]),
                          st.one_of(st.sampled_from(NASTY_LABELS), st.text()), labels),
                max_size=8))
def test_problems_frame_holds_every_problem_and_pages_may_be_missing(problems):
    frame = store.problems_frame(problems)
    assert list(frame.columns) == columns("problems")
    assert str(frame["page"].dtype) == "Int64"
    assert [None if pd.isna(p) else p for p in frame["page"]] == [p.page for p in problems]
    assert frame["message"].tolist() == [p.message for p in problems]
