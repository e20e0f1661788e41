"""Reruns, distribution and interruption: what an analyst who reruns `make extract` every
time a report arrives, and a region that runs it on a cluster, rely on."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import SAMPLES
from hard_inputs import report_pdf

from pipeline.cli import main
from pipeline.output import store

TABLES = ("observations", "problems", "finances", "measures", "volumes", "key_figures",
          "personnel", "assessments", "documents")


def _sample_folder(root: Path) -> Path:
    raw = root / "raw"
    raw.mkdir()
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        shutil.copy(pdf, raw / pdf.name)
    return raw


def _extract(raw: Path, out: Path, *options: str) -> int:
    return main(["extract", str(raw), "--out", str(out), *options])


def _table(out: Path, name: str) -> pd.DataFrame:
    """A table as written, without the time each file took (the one thing that varies)."""
    frame = pd.read_csv(out / "dataset" / f"{name}.csv", keep_default_na=False, dtype=str)
    return frame.drop(columns=["seconds"], errors="ignore")


def _files_in_warehouse(out: Path) -> set[str]:
    with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as con:
        return {r[0] for r in con.execute("select distinct source_file from observations")
                .fetchall()}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("scale")
    raw = _sample_folder(root)
    assert _extract(raw, root / "serial", "--workers", "1", "--quiet") == 0
    return raw, root / "serial"


def test_a_rerun_with_nothing_new_reads_nothing_and_writes_nothing(first_run, capsys):
    raw, out = first_run
    before = {p: p.stat().st_mtime_ns for p in (out / "dataset").glob("*.csv")}
    capsys.readouterr()
    assert _extract(raw, out, "--workers", "1") == 0
    printed = capsys.readouterr().out
    assert printed.startswith("nothing new: 3 files as in the last run")
    assert "summary: 3 files (0 unreadable), 48 pages" in printed
    assert {p: p.stat().st_mtime_ns for p in (out / "dataset").glob("*.csv")} == before


def test_a_changed_file_replaces_its_rows_and_a_removed_files_rows_go(first_run, tmp_path,
                                                                       capsys):
    raw_first, out_first = first_run
    raw = tmp_path / "raw"
    shutil.copytree(raw_first, raw)
    out = tmp_path / "out"
    shutil.copytree(out_first, out)
    changed = "botkyrka_avun_verksamhetsberattelse_2018.pdf"
    removed = "botkyrka_avun_verksamhetsberattelse_2017.pdf"
    old_sha = set(_table(out, "observations").query("source_file == @changed")["source_sha256"])
    report_pdf(raw / changed)  # a new version of the report arrives under the same name
    (raw / removed).unlink()
    capsys.readouterr()
    assert _extract(raw, out, "--workers", "1") == 0
    assert "1 of 2 files unchanged since the last run" in capsys.readouterr().err
    observations = _table(out, "observations")
    assert set(observations["source_file"]) == {changed,
                                                "botkyrka_avun_verksamhetsberattelse_2019.pdf"}
    mine = observations[observations["source_file"] == changed]
    assert not set(mine["source_sha256"]) & old_sha
    assert list(mine[mine["row_label"] == "Xenter"]["raw_text"]) == ["-11 307", "-12 332",
                                                                      "1 025"]
    same = "botkyrka_avun_verksamhetsberattelse_2019.pdf"
    unchanged = _table(out_first, "observations").query("source_file == @same")
    kept = observations[observations["source_file"] == same]
    pd.testing.assert_frame_equal(kept.reset_index(drop=True), unchanged.reset_index(drop=True))
    assert removed not in _files_in_warehouse(out)
    assert _files_in_warehouse(out) == set(observations["source_file"])


def test_a_local_pool_and_a_dask_cluster_give_the_serial_runs_rows(first_run, tmp_path):
    distributed = pytest.importorskip("distributed")
    raw, serial = first_run
    assert _extract(raw, tmp_path / "pool", "--workers", "2", "--quiet") == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        assert _extract(raw, tmp_path / "dask", "--scheduler", cluster.scheduler_address,
                        "--quiet") == 0
    for name in TABLES:
        expected = _table(serial, name)
        assert len(expected) or name in ("problems", "assessments")
        for other in ("pool", "dask"):
            pd.testing.assert_frame_equal(_table(tmp_path / other, name), expected,
                                          obj=f"{other} {name}")


def test_an_interrupted_run_leaves_the_last_outputs_whole(first_run, tmp_path, monkeypatch):
    raw_first, out_first = first_run
    out = tmp_path / "out"
    shutil.copytree(out_first, out)
    before = {p.relative_to(out): p.read_bytes() for p in (out / "dataset").rglob("*")
              if p.is_file()}
    (out / "manifest.json").unlink()  # force a full run
    written = 0

    def write_then_stop(frame: pd.DataFrame, path: Path) -> None:
        nonlocal written
        written += 1
        if written == 3:
            frame.head(1).to_parquet(path, index=False)  # half a file, then Ctrl-C
            raise KeyboardInterrupt
        frame.to_parquet(path, index=False)

    monkeypatch.setattr(store, "_write_parquet", write_then_stop)
    assert _extract(raw_first, out, "--workers", "1", "--quiet") == 130  # as a shell says
    after = {p.relative_to(out): p.read_bytes() for p in (out / "dataset").rglob("*")
             if p.is_file()}
    assert after == before  # nothing half-written, no temporary files left behind
    assert not (out / "manifest.json").exists()  # so the next run does the work again
    monkeypatch.undo()
    assert _extract(raw_first, out, "--workers", "1", "--quiet") == 0
    assert (out / "manifest.json").exists()
