"""Loading the warehouse: idempotent, report by report, atomic; DuckDB and PostgreSQL.

PostgreSQL tests use $PIPELINE_TEST_PG (CI starts a server with ci/postgres.sh); on a
developer's machine they try to start one the same way and skip, saying why, when that fails.
Under CI they never skip.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLES, extracted

from pipeline.output.store import dataset_frames, documents_frame, observations_frame
from pipeline.output.warehouse import connect, load

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted(SAMPLES.glob("*.pdf"))


def report_frames(pdfs: list[Path]) -> dict[str, pd.DataFrame]:
    docs = [extracted(pdf, SAMPLES) for pdf in pdfs]
    return {"documents": documents_frame(docs),
            "observations": observations_frame(o for d in docs for o in d.observations),
            **dataset_frames(docs)}


def counts(address: str, tables: list[str]) -> dict[str, int]:
    with connect(address) as backend:
        return {t: backend.count(t) for t in tables}


def killed_load(address: str, tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    """Load all three reports in another process that dies after loading `measures`."""
    folder = tmp_path / "frames"
    folder.mkdir()
    for name, frame in report_frames(REPORTS).items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    script = ("import os, pathlib, pandas as pd; from pipeline.output.warehouse import load; "
              f"folder = pathlib.Path({str(folder)!r}); "
              "frames = {p.stem: pd.read_parquet(p) for p in sorted(folder.glob('*.parquet'))}; "
              "die = lambda name: os._exit(3) if name == 'measures' else None; "
              f"load({address!r}, frames, after_table=die)")
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=False)


TABLES = ["documents", "observations", "measures", "finances", "measures_clean", "conflicts"]


def test_loading_twice_gives_the_same_rows(tmp_path: Path):
    address = f"duckdb:///{tmp_path / 'w.duckdb'}"
    first = load(address, report_frames(REPORTS)).tables
    second = load(address, report_frames(REPORTS)).tables
    assert first == second
    assert first["measures"] == 351 and first["conflicts"] == 1


def test_a_report_replaces_only_its_own_rows(tmp_path: Path):
    address = f"duckdb:///{tmp_path / 'w.duckdb'}"
    load(address, report_frames(REPORTS[:2]))
    before = counts(address, ["measures"])["measures"]
    load(address, report_frames(REPORTS[2:]))
    load(address, report_frames(REPORTS[2:]))  # the 2019 report again
    after = counts(address, ["measures", "conflicts", "documents"])
    assert after["measures"] == before + 157  # the 2019 report's measure values, once
    assert after["documents"] == 3 and after["conflicts"] == 1


def test_prune_keeps_only_the_reports_loaded(tmp_path: Path):
    address = f"duckdb:///{tmp_path / 'w.duckdb'}"
    load(address, report_frames(REPORTS))
    load(address, report_frames(REPORTS[2:]), prune=True)
    assert counts(address, ["documents", "measures"]) == {"documents": 1, "measures": 157}


def test_a_load_killed_midway_leaves_the_previous_state(tmp_path: Path):
    address = f"duckdb:///{tmp_path / 'w.duckdb'}"
    load(address, report_frames(REPORTS[:1]))
    before = counts(address, TABLES)
    done = killed_load(address, tmp_path)
    assert done.returncode == 3  # died after loading `measures`, before the commit
    assert counts(address, TABLES) == before


def test_views_for_analysts(tmp_path: Path):
    address = f"duckdb:///{tmp_path / 'w.duckdb'}"
    load(address, report_frames(REPORTS))
    import duckdb

    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        series = con.execute(
            "SELECT y2014, y2017, y2019 FROM measure_series WHERE measure_key = "
            "'antal nystartad företag i botkyrka' AND kind = 'outcome' AND breakdown = ''"
        ).fetchall()
        latest = con.execute("SELECT count(*) FROM latest_figures WHERE source_file LIKE "
                             "'%2019.pdf'").fetchone()
    assert series == [(560.0, 536.0, 555.0)]
    truth = pd.read_csv(REPORTS[2].with_suffix(".measures.csv"))
    assert latest == (int((truth.year == 2019).sum()),)  # 2019's own-year values, kön too


def _postgres() -> str:
    address = os.environ.get("PIPELINE_TEST_PG")
    if address:
        return address
    started = subprocess.run(["bash", str(ROOT / "ci" / "postgres.sh")], capture_output=True,
                             text=True, check=False)
    if started.returncode == 0 and started.stdout.strip():
        return started.stdout.strip().splitlines()[-1]
    reason = f"no PostgreSQL server could be started: {started.stderr.strip()[-300:]}"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def postgres(tmp_path: Path) -> str:
    address = _postgres()
    import psycopg

    schema = f"t_{os.getpid()}_{tmp_path.name[-8:].replace('-', '_')}"
    with psycopg.connect(address, autocommit=True) as con:
        con.execute(f'CREATE SCHEMA "{schema}"')
    yield f"{address}?options=-csearch_path%3D{schema}"
    with psycopg.connect(address, autocommit=True) as con:
        con.execute(f'DROP SCHEMA "{schema}" CASCADE')


def test_postgres_loads_the_same_tables_with_the_same_semantics(postgres: str, tmp_path: Path):
    duck = f"duckdb:///{tmp_path / 'w.duckdb'}"
    frames = report_frames(REPORTS)
    assert load(postgres, frames).tables == load(duck, frames).tables
    assert load(postgres, report_frames(REPORTS)).tables == load(duck, frames).tables
    with connect(postgres) as backend:
        conflicts = backend.read("conflicts")
        clean = backend.read("measures_clean")
    with connect(duck) as backend:
        expected = backend.read("measures_clean")
    assert list(conflicts.year) == [2017]
    def rows(frame: pd.DataFrame) -> list[tuple[str, str, int, str, float]]:
        return sorted((r.measure_key, r.breakdown, int(r.year), r.kind, float(r.value))
                      for r in frame.itertuples())

    assert rows(clean) == rows(expected)


def test_postgres_load_killed_midway_leaves_the_previous_state(postgres: str, tmp_path: Path):
    load(postgres, report_frames(REPORTS[:1]))
    before = counts(postgres, TABLES)
    done = killed_load(postgres, tmp_path)
    assert done.returncode == 3
    assert counts(postgres, TABLES) == before


def test_load_command_reads_a_dataset_folder(postgres: str, tmp_path: Path):
    from pipeline.cli import main

    raw = SAMPLES
    out = tmp_path / "out"
    assert main(["extract", str(raw), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    assert main(["load", "--dataset", str(out / "dataset"), "--db", postgres]) == 0
    assert counts(postgres, ["measures", "conflicts"]) == {"measures": 351, "conflicts": 1}
