"""Write the contract's tables: CSV and Parquet under OUT/dataset, and OUT/warehouse.duckdb.

The only module that writes files or databases. Every file is written to a temporary name and
renamed into place, so an interrupted run never leaves a half-written table behind.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.records import Observation, Problem, Table

OBSERVATION_COLUMNS = (
    "source_file", "source_sha256", "page", "table_id", "table_title", "row_label",
    "column_label", "raw_text", "value", "unit", "x0", "top", "x1", "bottom", "footnote",
    "method",
)
PROBLEM_COLUMNS = ("source_file", "source_sha256", "page", "stage", "code", "message",
                   "raw_text")
TABLE_COLUMNS = ("source_file", "source_sha256", "page", "table_id", "title", "label_header",
                 "method", "pages", "n_rows", "n_columns", "n_values", "is_empty",
                 "column_labels", "x0", "top", "x1", "bottom")


def observations_frame(observations: Iterable[Observation]) -> pd.DataFrame:
    rows = [
        (o.source.file, o.source.sha256, o.page, o.table_id, o.table_title, o.row_label,
         o.column_label, o.raw_text, o.value, o.unit, round(o.bbox.x0, 2), round(o.bbox.top, 2),
         round(o.bbox.x1, 2), round(o.bbox.bottom, 2), o.footnote, o.method)
        for o in observations
    ]
    frame = pd.DataFrame(rows, columns=list(OBSERVATION_COLUMNS))
    return frame.astype({"page": "int64", "value": "float64"})


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    rows = [(p.source_file, p.source_sha256, p.page, p.stage, p.code, p.message, p.raw_text)
            for p in problems]
    frame = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))
    return frame.astype({"page": "Int64"})


def tables_frame(tables: Iterable[Table]) -> pd.DataFrame:
    rows = [
        (t.source.file, t.source.sha256, t.page, t.table_id, t.title, t.label_header, t.method,
         ",".join(str(p) for p in t.pages), len(t.rows), len(t.columns), t.n_values,
         t.n_values == 0, json.dumps([c.label for c in t.columns], ensure_ascii=False),
         round(t.bbox.x0, 2), round(t.bbox.top, 2), round(t.bbox.x1, 2), round(t.bbox.bottom, 2))
        for t in tables
    ]
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS)).astype({"page": "int64"})


def write_dataset(out_dir: Path, frames: dict[str, pd.DataFrame]) -> None:
    """CSV and Parquet per table, then one DuckDB file holding them all."""
    dataset = out_dir / "dataset"
    dataset.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        _atomic(dataset / f"{name}.csv", partial(_write_csv, frame))
        _atomic(dataset / f"{name}.parquet", partial(_write_parquet, frame))
    _atomic(out_dir / "warehouse.duckdb", partial(_load_duckdb, frames=frames))


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False)


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def _load_duckdb(path: Path, frames: dict[str, pd.DataFrame]) -> None:
    with duckdb.connect(str(path)) as con:
        for name, frame in frames.items():
            con.register("frame", frame)
            con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM frame')
            con.unregister("frame")


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
