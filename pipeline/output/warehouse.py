"""Load the dataset into a warehouse: DuckDB by default, PostgreSQL when asked.

    duckdb:///path/to/warehouse.duckdb      (or a bare path ending in .duckdb)
    postgresql://user@host:port/database

A load is one transaction. Per-report tables (every table that has `source_sha256`) lose the
rows of the reports being loaded, matched by content hash or by file, and get the new rows;
with `prune`, rows of reports that are not in the load go too (so that `make extract` leaves
the warehouse equal to the folder). The merged tables (measures_clean, conflicts, ...) and the
wide series are then recomputed from everything in the warehouse. A load that dies midway
leaves the previous state: nothing is committed until the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

import duckdb
import pandas as pd

from pipeline.core.catalogue import DERIVED, columns
from pipeline.core.guard import Guard
from pipeline.meaning.merge import finances_clean, measures_clean, volumes_clean

VIEWS = {
    "latest_figures": (
        "SELECT source_file, report_year, goal, measure, measure_key, breakdown, kind, value, "
        "unit FROM measures WHERE year = report_year"),
}


class WarehouseError(Exception):
    """The warehouse address cannot be used; the message says how to give one."""


class Backend(Protocol):
    def columns(self, table: str) -> list[str] | None: ...
    def create(self, table: str, frame: pd.DataFrame) -> None: ...
    def drop(self, table: str) -> None: ...
    def delete_reports(self, table: str, shas: list[str], files: list[str]) -> None: ...
    def keep_only(self, table: str, shas: list[str]) -> None: ...
    def insert(self, table: str, frame: pd.DataFrame) -> None: ...
    def read(self, table: str) -> pd.DataFrame: ...
    def view(self, name: str, sql: str) -> None: ...
    def count(self, table: str) -> int: ...


@dataclass
class Load:
    tables: dict[str, int]  # rows per table after the load


def load(address: str, frames: dict[str, pd.DataFrame], prune: bool = False,
         merged: dict[str, pd.DataFrame] | None = None,
         after_table: Callable[[str], None] | None = None,
         validation: dict[str, pd.DataFrame] | None = None) -> Load:
    """Load per-report frames (each with source_sha256 and source_file) in one transaction.
    With `prune` the warehouse then holds just these reports, so their merged tables, when
    the caller has them (`merged`), are the warehouse's and need not be merged again.
    `after_table(name)` is called inside the transaction after each table (the tests kill
    the process there, to show that a killed load commits nothing)."""
    with connect(address) as backend:
        loaded = [f for f in frames.values() if "source_sha256" in f]
        shas = sorted({s for f in loaded for s in f["source_sha256"].dropna().unique()})
        files = sorted({s for f in loaded for s in f["source_file"].dropna().unique()})
        for name, frame in frames.items():
            _replace_reports(backend, name, frame, shas, files, prune)
            if after_table is not None:
                after_table(name)
        derived = merged if prune and merged is not None else derived_tables(backend)
        # The run's findings and reviews are the validation of what was just loaded: whole.
        for name, frame in {**derived, **(validation or {})}.items():
            backend.drop(name)
            backend.create(name, frame)
            backend.insert(name, frame)
        for name, sql in VIEWS.items():
            if backend.columns("measures") is not None:
                backend.view(name, sql)
        counts = {name: backend.count(name) for name in [*frames, *DERIVED, *(validation or {})]}
    return Load(counts)


def _replace_reports(backend: Backend, name: str, frame: pd.DataFrame, shas: list[str],
                     files: list[str], prune: bool) -> None:
    existing = backend.columns(name)
    if existing is not None and existing != list(frame.columns):
        backend.drop(name)  # another pipeline version's columns: the table starts again
        existing = None
    if existing is None:
        backend.create(name, frame)
    elif "source_sha256" in frame:
        if prune:
            backend.keep_only(name, shas)
        backend.delete_reports(name, shas, files)
    else:
        backend.drop(name)
        backend.create(name, frame)
    backend.insert(name, frame)


def derived_tables(backend: Backend) -> dict[str, pd.DataFrame]:
    """The merged tables, from everything the warehouse now holds."""
    names = ("documents", "measures", "finances", "volumes", "key_figures")
    return merged_frames({n: backend.read(n) for n in names if backend.columns(n) is not None})


def merged_frames(frames: dict[str, pd.DataFrame],
                  guard: Guard | None = None) -> dict[str, pd.DataFrame]:
    """measures_clean, conflicts and the other merged tables from per-report frames. With a
    guard, a merge that fails is a problem (stage `merge`) and its tables are written empty,
    with their columns; the other merges still run."""
    guard = guard or Guard(raises=True)
    documents = frames.get("documents")
    out: dict[str, pd.DataFrame] = {}
    if documents is None:
        return out
    sources = (("measures", measures_clean, "measures_clean", "conflicts"),
               ("finances", finances_clean, "finances_clean", "finance_conflicts"),
               ("volumes", volumes_clean, "volumes_clean", "volume_conflicts"),
               ("key_figures", volumes_clean, "key_figures_clean", "key_figure_conflicts"))
    for table, merge, clean_name, conflict_name in sources:
        frame = frames.get(table)
        if frame is None:
            continue
        empty = (pd.DataFrame(columns=columns(clean_name)),
                 pd.DataFrame(columns=columns(conflict_name)))
        out[clean_name], out[conflict_name] = guard.run(
            "merge", partial(merge, frame, documents), empty, what=f"{table} across reports")
    if "measures_clean" in out:
        out["measure_series"] = guard.run("merge", partial(measure_series, out["measures_clean"]),
                                          pd.DataFrame(columns=SERIES_COLUMNS),
                                          what="measure_series")
    return out


SERIES_COLUMNS = columns("measure_series")  # then one column per year


def measure_series(clean: pd.DataFrame) -> pd.DataFrame:
    """One row per measure x breakdown x kind, one column per year: the series analysts read."""
    if clean.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    index = ["organisation", "measure_key", "breakdown", "kind"]
    wide = clean.pivot_table(index=index, columns="year", values="value", aggfunc="first")
    wide.columns = [f"y{int(y)}" for y in wide.columns]
    names = clean.sort_values("year").groupby(index)[["measure", "unit"]].last()
    return names.join(wide).reset_index()


# -- connections --------------------------------------------------------------------------------


@contextmanager
def connect(address: str) -> Iterator[Backend]:
    if address.startswith(("postgresql://", "postgres://")):
        with _postgres(address) as backend:
            yield backend
        return
    path = address.removeprefix("duckdb:///").removeprefix("duckdb://")
    if not (path.endswith(".duckdb") or address.startswith("duckdb:")):
        raise WarehouseError(f"'{address}' is no warehouse address: give "
                             "duckdb:///path/warehouse.duckdb or postgresql://user@host/db")
    with duckdb.connect(path) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            yield DuckDB(con)
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")


@contextmanager
def _postgres(address: str) -> Iterator[Backend]:
    import psycopg

    try:
        con = psycopg.connect(address, connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise WarehouseError(f"cannot reach PostgreSQL at {address}: {exc}".strip()) from exc
    with con:  # psycopg commits on a clean exit, rolls back on an exception
        yield Postgres(con)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Sql:
    """What DuckDB and PostgreSQL share: catalogue queries, table creation, drops, views and
    counts. The two differ in their column types, their parameter mark, their schema and what
    a drop takes with it."""

    types: dict[str, str] = {}  # pandas dtype -> column type; anything else is `text`
    text = ""
    mark = "?"
    schema = "'main'"
    drop_suffix = ""

    def __init__(self, con: Any) -> None:
        self.con = con

    def columns(self, table: str) -> list[str] | None:
        rows = self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = "
            f"{self.mark} AND table_schema = {self.schema} ORDER BY ordinal_position",
            [table]).fetchall()
        return [r[0] for r in rows] or None

    def drop(self, table: str) -> None:
        row = self.con.execute("SELECT table_type FROM information_schema.tables WHERE "
                               f"table_name = {self.mark} AND table_schema = {self.schema}",
                               [table]).fetchone()
        if row is not None:
            kind = "VIEW" if row[0] == "VIEW" else "TABLE"
            self.con.execute(f"DROP {kind} {_quote(table)}{self.drop_suffix}")

    def create(self, table: str, frame: pd.DataFrame) -> None:
        # Declared types, not the frame's: a table first made from an empty frame (no
        # problems yet) would get untyped columns that later text cannot be put into.
        columns = ", ".join(f"{_quote(c)} {self.types.get(str(t), self.text)}"
                            for c, t in frame.dtypes.items())
        self.con.execute(f"CREATE TABLE {_quote(table)} ({columns})")

    def view(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE VIEW {_quote(name)} AS {sql}")

    def count(self, table: str) -> int:
        if self.columns(table) is None:
            return 0
        row = self.con.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()
        return int(row[0]) if row else 0


class DuckDB(_Sql):
    types = {"int64": "BIGINT", "Int64": "BIGINT", "float64": "DOUBLE", "Float64": "DOUBLE",
             "bool": "BOOLEAN", "boolean": "BOOLEAN"}
    text = "VARCHAR"

    def delete_reports(self, table: str, shas: list[str], files: list[str]) -> None:
        self.con.execute(f"DELETE FROM {_quote(table)} WHERE list_contains(?, source_sha256) "
                         "OR list_contains(?, source_file)", [shas, files])

    def keep_only(self, table: str, shas: list[str]) -> None:
        self.con.execute(f"DELETE FROM {_quote(table)} WHERE NOT list_contains(?, "
                         "source_sha256)", [shas])

    def insert(self, table: str, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        self.con.register("incoming", frame)
        names = ", ".join(_quote(c) for c in frame.columns)
        self.con.execute(f"INSERT INTO {_quote(table)} ({names}) SELECT {names} FROM incoming")
        self.con.unregister("incoming")

    def read(self, table: str) -> pd.DataFrame:
        return self.con.execute(f"SELECT * FROM {_quote(table)}").df()


class Postgres(_Sql):
    types = {"int64": "BIGINT", "Int64": "BIGINT", "float64": "DOUBLE PRECISION",
             "bool": "BOOLEAN", "boolean": "BOOLEAN"}
    text = "TEXT"
    mark = "%s"
    schema = "current_schema()"
    drop_suffix = " CASCADE"  # views built on a table go with it; the load makes them again

    def delete_reports(self, table: str, shas: list[str], files: list[str]) -> None:
        self.con.execute(f"DELETE FROM {_quote(table)} WHERE source_sha256 = ANY(%s) "
                         "OR source_file = ANY(%s)", [shas, files])

    def keep_only(self, table: str, shas: list[str]) -> None:
        self.con.execute(f"DELETE FROM {_quote(table)} WHERE NOT (source_sha256 = ANY(%s))",
                         [shas])

    def insert(self, table: str, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        names = ", ".join(_quote(c) for c in frame.columns)
        rows = frame.astype(object).where(frame.notna(), None).itertuples(index=False)
        with self.con.cursor() as cur, cur.copy(
                f"COPY {_quote(table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([_plain(v) for v in row])

    def read(self, table: str) -> pd.DataFrame:
        with self.con.cursor() as cur:
            cur.execute(f"SELECT * FROM {_quote(table)}")
            names = [d.name for d in cur.description or []]
            frame = pd.DataFrame(cur.fetchall(), columns=names)
        for column in ("year", "report_year", "page"):
            if column in frame:
                frame[column] = frame[column].astype("Int64")
        for column in ("value", "value_sek", "confidence"):
            if column in frame:
                frame[column] = frame[column].astype("float64")
        return frame


def _plain(value: object) -> object:
    """numpy scalars as Python values for COPY."""
    item = getattr(value, "item", None)
    return item() if callable(item) else value
