"""Faults of the output: a full disk, a read-only OUT, two runs at once, a run or a worker
killed with SIGKILL. In each case the previous complete outputs stay whole and nothing of two
runs is mixed; the run says what happened in one line and exits 1."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SAMPLE_PDFS
from hard_inputs import report_pdf

from pipeline.cli import main

PUBLISHED = ("dataset", "validation", "overview", "warehouse.duckdb", "manifest.json")


def _extract(raw: Path, out: Path, *options: str) -> int:
    return main(["extract", str(raw), "--out", str(out), "--quiet", "--workers", "1", *options])


def _command(raw: Path, out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "extract", str(raw), "--out", str(out),
            "--quiet", *options]


def _outputs(out: Path) -> dict[str, bytes]:
    """Every published file, read through OUT's links, by its path below OUT."""
    found: dict[str, bytes] = {}
    for name in PUBLISHED:
        top = out / name
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        found.update({p.relative_to(out).as_posix(): p.read_bytes() for p in files})
    return found


def _generations(out: Path) -> list[str]:
    return sorted(p.name for p in (out / ".runs").iterdir() if p.name != "current")


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    report_pdf(folder / "drift.pdf")
    return folder


@pytest.fixture()
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A small file system of its own for OUT (root only, where mounting is allowed)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(mount: Path, leave_bytes: int) -> Path:
    """Fill the file system to `leave_bytes` free."""
    filler = mount / "filler"
    free = shutil.disk_usage(mount).free - leave_bytes
    with filler.open("wb") as fh:
        while free > 0:
            step = min(free, 1 << 20)
            try:
                fh.write(b"\0" * step)
                fh.flush()
            except OSError:
                break
            free -= step
    return filler


@pytest.mark.parametrize("free_kb", [0, 300], ids=["full", "nearly-full"])
def test_a_full_disk_stops_the_run_and_leaves_the_previous_outputs(raw, tmpfs, capsys,
                                                                   free_kb):
    out = tmpfs / "out"
    assert _extract(raw, out) == 0
    before, generations = _outputs(out), _generations(out)
    report_pdf(raw / "ny.pdf", rows=[("Nämnden", "-1", "-2", "1")])  # something new to do
    filler = _fill(tmpfs, free_kb * 1024)
    capsys.readouterr()
    assert _extract(raw, out) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No space left on device" in err[0], err
    assert "previous outputs are as they were" in err[0]
    assert _outputs(out) == before
    assert _generations(out) == generations  # the half-built one is gone
    filler.unlink()
    assert _extract(raw, out) == 0
    observations = pd.read_csv(out / "dataset" / "observations.csv")
    assert set(observations["source_file"]) == {"drift.pdf", "ny.pdf"}


def test_a_read_only_out_stops_the_run_with_one_line(raw, tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root writes through permissions; the tmpfs test covers read-only")
    out = tmp_path / "out"
    assert _extract(raw, out) == 0
    before = _outputs(out)
    report_pdf(raw / "ny.pdf")
    for path in [out, *out.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o555)
    try:
        capsys.readouterr()
        assert _extract(raw, out) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "Permission denied" in err[0]
        assert _outputs(out) == before
    finally:
        for path in [out, *out.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)


def test_a_read_only_file_system_stops_the_run_with_one_line(raw, tmpfs, capsys):
    out = tmpfs / "out"
    assert _extract(raw, out) == 0
    before = _outputs(out)
    report_pdf(raw / "ny.pdf")
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    try:
        capsys.readouterr()
        assert _extract(raw, out) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "Read-only file system" in err[0], err
        assert f"cannot write OUT_DIR {out}" in err[0]
        assert _outputs(out) == before
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(tmpfs)], check=True)
    assert _extract(raw, out) == 0


def _lines(stream: object, into: list[str]) -> threading.Thread:
    def read() -> None:
        for line in stream:  # type: ignore[attr-defined]
            into.append(line)
    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(0.01)


def test_a_second_run_on_the_same_out_waits_for_the_first(raw, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with (out / ".lock").open("a+") as lock:  # the first run, as far as OUT can tell
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write("4242")
        lock.flush()
        second = subprocess.Popen(_command(raw, out, "--workers", "1"), cwd=ROOT,
                                  stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        err: list[str] = []
        reader = _lines(second.stderr, err)
        _wait_for(lambda: any("waiting" in line for line in err), 60, "the waiting message")
        assert f"another run (pid 4242) holds {out}; waiting for it to finish\n" in err
        time.sleep(0.5)
        assert second.poll() is None and not (out / ".runs").exists()  # it wrote nothing
        fcntl.flock(lock, fcntl.LOCK_UN)
    stdout, _ = second.communicate(timeout=300)
    reader.join(timeout=5)
    assert second.returncode == 0
    assert stdout.strip().splitlines()[-1].endswith(", exit 0")
    assert len(pd.read_csv(out / "dataset" / "observations.csv")) == 12


def test_a_run_killed_while_writing_leaves_the_previous_outputs(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE_PDFS[2], raw / SAMPLE_PDFS[2].name)
    out = tmp_path / "out"
    assert _extract(raw, out) == 0
    before, generations = _outputs(out), _generations(out)
    shutil.copy(SAMPLE_PDFS[1], raw / SAMPLE_PDFS[1].name)
    run = subprocess.Popen(_command(raw, out, "--workers", "1"), cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def writing() -> bool:
        fresh = [out / ".runs" / g for g in _generations(out) if g not in generations]
        return any(any((g / "dataset").glob("*.parquet")) for g in fresh)

    _wait_for(lambda: writing() or run.poll() is not None, 300, "the dataset being written")
    assert run.poll() is None, "the run ended before it could be killed"
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert _outputs(out) == before  # the old generation, whole
    assert _extract(raw, out) == 0  # the next run cleans up and publishes
    assert _generations(out) != generations and len(_generations(out)) == 1
    observations = pd.read_csv(out / "dataset" / "observations.csv")
    assert set(observations["source_file"]) == {p.name for p in SAMPLE_PDFS[1:]}


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def test_a_worker_killed_while_reading_is_replaced_and_the_rows_are_whole(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for pdf in SAMPLE_PDFS:
        shutil.copy(pdf, raw / pdf.name)
    assert _extract(raw, tmp_path / "serial") == 0
    run = subprocess.Popen(_command(raw, tmp_path / "pool", "--workers", "2"), cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    _wait_for(lambda: len(_children(run.pid)) >= 2 or run.poll() is not None, 120,
              "the pool's workers")
    time.sleep(1.0)  # into the reading
    victims = _children(run.pid)
    assert victims and run.poll() is None
    os.kill(victims[0], signal.SIGKILL)
    stdout, _ = run.communicate(timeout=600)
    assert run.returncode == 0, stdout
    for name in ("observations", "measures", "finances"):
        serial = pd.read_csv(tmp_path / "serial" / "dataset" / f"{name}.csv")
        pool = pd.read_csv(tmp_path / "pool" / "dataset" / f"{name}.csv")
        pd.testing.assert_frame_equal(pool, serial, obj=name)


def test_two_runs_in_one_second_never_share_the_published_generation(tmp_path):
    """A generation is named by the second and the pid: a second run of the same process in
    the same second gets a name of its own, and the published outputs stay whole."""
    from pipeline.output.store import commit_generation, new_generation

    out = tmp_path / "out"
    first = new_generation(out)
    (first / "dataset" / "observations.csv").write_text("published\n")
    commit_generation(out, first)
    second = new_generation(out)
    assert second != first
    assert (out / "dataset" / "observations.csv").read_text() == "published\n"
