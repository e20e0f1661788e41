"""Write the contract's tables: CSV and Parquet under OUT/dataset, partitioned Parquet, and
the generations of OUT that a run publishes whole.

The only module that writes the dataset. A run writes into a new generation of OUT and
publishes it by one rename, so an interrupted or failed run never leaves a half-written table,
nor a mix of two runs' tables, behind.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pipeline.core.catalogue import CITED, PROVENANCE, TABLES, Type, columns
from pipeline.core.files import replace_atomically
from pipeline.core.records import (
    BBox,
    Cited,
    CountValue,
    FinanceValue,
    MeasureValue,
    Observation,
    PersonnelValue,
    Problem,
    Table,
)
from pipeline.meaning.outline import Place

if TYPE_CHECKING:
    from pipeline.document import DocumentResult


def observations_frame(observations: Iterable[Observation]) -> pd.DataFrame:
    rows = [
        (o.source.file, o.source.sha256, o.page, o.table_id, o.table_title, o.row_label,
         o.column_label, o.raw_text, o.value, o.unit, *_box(o.bbox), o.footnote, o.method)
        for o in observations
    ]
    frame = pd.DataFrame(rows, columns=columns("observations"))
    return frame.astype({"page": "int64", "value": "float64"})


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    rows = [(p.source_file, p.source_sha256, p.page, p.stage, p.code, p.message, p.raw_text)
            for p in problems]
    frame = pd.DataFrame(rows, columns=columns("problems"))
    return frame.astype({"page": "Int64"})


def tables_frame(tables: Iterable[Table], kinds: dict[str, str] | None = None,
                 places: dict[str, Place] | None = None) -> pd.DataFrame:
    """One row per table; `dataset` says which typed table its values went to, `heading`,
    `goal_area` and `goal` what it stands under."""
    kinds, places = kinds or {}, places or {}
    nowhere = Place()
    rows = [
        (t.source.file, t.source.sha256, t.page, t.table_id, t.title, t.label_header, t.method,
         ",".join(str(p) for p in t.pages), len(t.rows), len(t.columns), t.n_values,
         t.n_values == 0, json.dumps([c.label for c in t.columns], ensure_ascii=False),
         *_box(t.bbox),
         kinds.get(t.table_id, "other" if t.n_values else ""),
         places.get(t.table_id, nowhere).heading, places.get(t.table_id, nowhere).goal_area,
         places.get(t.table_id, nowhere).goal)
        for t in tables
    ]
    return pd.DataFrame(rows, columns=columns("tables")).astype({"page": "int64"})


INTEGER_COLUMNS = ("page", "report_year", "year")


def _cited(at: Cited) -> tuple[object, ...]:
    return (at.source.file, at.source.sha256, at.page, at.table_id, at.table_title,
            at.row_label, at.column_label, at.raw_text, *_box(at.bbox))


def _typed_frame(table: str, rows: list[tuple[object, ...]]) -> pd.DataFrame:
    """Rows given as (where it stood, the table's own fields); the frame in the catalogue's
    order: provenance first, then the contract's columns, then where in the table it stood."""
    where = [c.name for c in (*PROVENANCE, *CITED)]
    ordered = columns(table)
    own = [c for c in ordered if c not in where]
    frame = pd.DataFrame(rows, columns=[*where, *own])[ordered]
    types = {c: "Int64" for c in INTEGER_COLUMNS if c in frame}
    return frame.astype({**types, "value": "float64"})


def measures_frame(values: Iterable[MeasureValue]) -> pd.DataFrame:
    return _typed_frame("measures", [
        (*_cited(v.at), v.municipality, v.committee, v.report_year, v.goal_area, v.goal,
         v.measure, v.measure_key, v.breakdown, v.year, v.kind, v.value, v.unit)
        for v in values])


def finances_frame(values: Iterable[FinanceValue]) -> pd.DataFrame:
    frame = _typed_frame("finances", [
        (*_cited(v.at), v.statement, v.line, v.year, v.kind, v.value, v.unit, v.value_sek,
         v.line_role, v.parent, json.dumps(list(v.sums), ensure_ascii=False) if v.sums else "",
         v.period, v.facet, v.unit_source, v.sums_confirmed)
        for v in values])
    return frame.astype({"value_sek": "float64"})


def counts_frame(values: Iterable[CountValue], table: str = "volumes") -> pd.DataFrame:
    """Volumes or key figures: the same columns."""
    return _typed_frame(table, [
        (*_cited(v.at), v.item, v.unit, v.year, v.kind, v.value, v.category, v.approximate)
        for v in values])


def personnel_frame(values: Iterable[PersonnelValue]) -> pd.DataFrame:
    return _typed_frame("personnel", [
        (*_cited(v.at), v.metric, v.breakdown, v.year, v.value, v.unit, v.kind)
        for v in values])


def dataset_frames(results: Iterable[DocumentResult]) -> dict[str, pd.DataFrame]:
    """The contract's typed tables over all documents."""
    docs = list(results)
    return {
        "measures": measures_frame(v for d in docs for v in d.datasets.measures),
        "finances": finances_frame(v for d in docs for v in d.datasets.finances),
        "volumes": counts_frame(v for d in docs for v in d.datasets.volumes),
        "key_figures": counts_frame((v for d in docs for v in d.datasets.key_figures),
                                    "key_figures"),
        "personnel": personnel_frame(v for d in docs for v in d.datasets.personnel),
    }



def assessments_frame(results: Iterable[DocumentResult]) -> pd.DataFrame:
    """One row per goal per report: the committee's own judgement and the sentence it is in."""
    rows = [(d.source.file, d.source.sha256, a.page, d.context.municipality,
             d.context.committee, d.context.report_year, a.goal_area, a.goal, a.label,
             a.evidence, a.confidence, a.method, a.symbol)
            for d in results for a in d.assessments]
    return pd.DataFrame(rows, columns=columns("assessments")).astype(
        {"page": "int64", "report_year": "Int64", "confidence": "float64"})



def text_tags_frame(results: Iterable[DocumentResult]) -> pd.DataFrame:
    """Organisations, programmes and trends named in the prose, with the line they are in."""
    rows = [(d.source.file, d.source.sha256, t.page, t.label, t.text, t.norm, t.context,
             *_box(t.bbox)) for d in results for t in d.text_tags]
    return pd.DataFrame(rows, columns=columns("text_tags")).astype({"page": "int64"})


def claims_frame(results: Iterable[DocumentResult]) -> pd.DataFrame:
    """Counts the text claims ("nått fem av nämndens tio mål")."""
    rows = [(d.source.file, d.source.sha256, c.page, c.kind, c.claimed, c.of_total,
             c.sentence, *_box(c.bbox)) for d in results for c in d.claims]
    return pd.DataFrame(rows, columns=columns("claims")).astype(
        {"page": "int64", "claimed": "int64", "of_total": "int64"})


def _box(box: BBox) -> tuple[float, float, float, float]:
    return round(box.x0, 2), round(box.top, 2), round(box.x1, 2), round(box.bottom, 2)


def documents_frame(results: Iterable[DocumentResult]) -> pd.DataFrame:
    """One row per input file: what report it is, as read from its first pages."""
    rows = [(d.source.file, d.source.sha256, d.pages, d.readable, d.context.municipality,
             d.context.committee, d.context.organisation, d.context.report_kind,
             d.context.report_year, d.context.period, d.context.period_month,
             round(d.seconds, 3)) for d in results]
    return pd.DataFrame(rows, columns=columns("documents")).astype(
        {"report_year": "Int64", "period_month": "Int64"})


def findings_frame(findings: Iterable[dict]) -> pd.DataFrame:
    """The validation report's findings (validation.findings), one row each."""
    rows = []
    for f in findings:
        box = f.get("box") or (None, None, None, None)
        review = f.get("review") or {}
        rows.append({**{k: f.get(k) for k in (
            "source_file", "source_sha256", "page", "id", "severity", "suite", "check",
            "table", "row_label", "column_label", "found", "expected", "value",
            "expected_printed", "message", "occurrences", "crop")},
            "review_decision": review.get("decision", ""),
            **dict(zip(("x0", "top", "x1", "bottom"), box, strict=True))})
    return _declared_frame("findings", rows)


def reviews_frame(standing: Iterable[dict]) -> pd.DataFrame:
    """Each id's standing review, with its finding's place, or `stale` when the finding is
    gone."""
    return _declared_frame("reviews", list(standing))


def _declared_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A frame of the catalogue's columns, in its order and of its types, from dict rows."""
    spec = TABLES[table]
    frame = pd.DataFrame(rows, columns=list(spec.names))
    kinds = {Type.STR: "object", Type.INT: "Int64", Type.FLOAT: "float64",
             Type.BOOL: "boolean"}
    frame = frame.astype({c.name: kinds[c.type] for c in spec.columns})
    for c in spec.columns:  # text columns hold "" for nothing, as the other tables do
        if c.type is Type.STR:
            frame[c.name] = frame[c.name].where(frame[c.name].notna(), "").astype(str)
    return frame


def write_table(dataset: Path, name: str, frame: pd.DataFrame) -> list[str]:
    """NAME.csv and NAME.parquet in the dataset folder of a generation being built (no reader
    sees it before it is swapped in, so the files are written in place)."""
    _write_csv(frame, dataset / f"{name}.csv")
    _write_parquet(frame, dataset / f"{name}.parquet")
    return [f"dataset/{name}.csv", f"dataset/{name}.parquet"]


def write_partitioned(root: Path, frames: dict[str, pd.DataFrame]) -> None:
    """<root>/<table>/report_year=<year>/part-0.parquet for every per-report table, for
    lakehouse engines."""
    years = frames["documents"][["source_sha256", "report_year"]] if "documents" in frames \
        else None
    shutil.rmtree(root, ignore_errors=True)
    for name, frame in frames.items():
        if "source_sha256" not in frame or years is None:
            continue
        if "report_year" not in frame:
            frame = frame.merge(years, on="source_sha256", how="left")
        frame = frame.assign(report_year=frame["report_year"].fillna(0).astype("int64"))
        for year, part in frame.groupby("report_year"):
            folder = root / name / f"report_year={year}"
            folder.mkdir(parents=True, exist_ok=True)
            part.drop(columns=["report_year"]).to_parquet(folder / "part-0.parquet",
                                                          index=False)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False)


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


# -- generations: what a run writes, swapped in whole --------------------------------------
#
# OUT/.runs/<run>/ holds one run's dataset/, validation/, overview/, warehouse.duckdb and
# manifest.json; OUT/.runs/current is a link to the newest complete one, and each of those
# names under OUT is a link through it. A run builds its own
# generation and publishes it by replacing the one link: a reader, or a run killed at any
# moment, sees the previous outputs or the new ones, never a mix.

RUNS = ".runs"
CURRENT = "current"
PUBLISHED = ("dataset", "validation", "overview", "warehouse.duckdb", "manifest.json")


def new_generation(out_dir: Path) -> Path:
    """An empty generation to build this run's outputs in; what killed runs left behind goes
    (the caller holds OUT's lock, so no other run is building one)."""
    runs = out_dir / RUNS
    runs.mkdir(parents=True, exist_ok=True)
    current = _current_name(runs)
    for entry in runs.iterdir():
        if entry.name not in (CURRENT, current):
            _remove(entry)
    # Two runs of one process in one second get the same stamp: the second must not take
    # (and first empty) the published generation's folder.
    stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
    generation, n = runs / stamp, 1
    while generation.name == current:
        generation, n = runs / f"{stamp}-{n}", n + 1
    _remove(generation)
    try:
        (generation / "dataset").mkdir(parents=True)
        (generation / "validation").mkdir()
        (generation / "overview").mkdir()
        previous = out_dir / "warehouse.duckdb"
        if previous.is_file():  # the warehouse is loaded incrementally: start from the last
            shutil.copyfile(previous, generation / "warehouse.duckdb")
    except BaseException:
        _remove(generation)
        raise
    return generation


def commit_generation(out_dir: Path, generation: Path) -> None:
    """Publish a complete generation: one rename of the `current` link."""
    runs = out_dir / RUNS
    current = runs / CURRENT
    if current.exists() and not current.is_symlink():  # a copied OUT: a folder, not a link
        os.replace(current, runs / f".replaced-{os.getpid()}")
    replace_atomically(current, partial(os.symlink, generation.name))
    for name in PUBLISHED:
        _link_through_current(out_dir, name)
    for entry in runs.iterdir():
        if entry.name not in (CURRENT, generation.name):
            _remove(entry)


def discard_generation(generation: Path) -> None:
    _remove(generation)


def _current_name(runs: Path) -> str:
    current = runs / CURRENT
    return os.readlink(current) if current.is_symlink() else ""


def _link_through_current(out_dir: Path, name: str) -> None:
    """OUT/name as a link to .runs/current/name (an output of an older layout, a real file
    or folder, is replaced)."""
    path = out_dir / name
    target = f"{RUNS}/{CURRENT}/{name}"
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.is_dir() and not path.is_symlink():
        aside = out_dir / RUNS / f".old-{name}-{os.getpid()}"
        os.replace(path, aside)
        _remove(aside)
    replace_atomically(path, partial(os.symlink, target))


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
