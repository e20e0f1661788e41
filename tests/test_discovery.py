"""What lies in RAW_DIR besides reports: odd file names, links, folders the run may not read.
Every report that can be read is read under its own name; what is not read is a problems
row that says why."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT
from hard_inputs import report_pdf

from pipeline.cli import main

XENTER = ["-11 307", "-12 332", "1 025"]


def _run(raw: Path, out: Path) -> tuple[int, pd.DataFrame, pd.DataFrame]:
    code = main(["extract", str(raw), "--out", str(out), "--quiet", "--workers", "1"])
    return code, _table(out, "problems"), _table(out, "observations")


def _table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / "dataset" / f"{name}.csv", keep_default_na=False, dtype=str)


def _xenter(observations: pd.DataFrame, file: str) -> list[str]:
    mine = observations[(observations["source_file"] == file)
                        & (observations["row_label"] == "Xenter")]
    return list(mine["raw_text"])


def test_names_with_spaces_non_ascii_and_a_newline_are_read_under_their_own_names(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    names = ["årsredovisning 2024 (slutlig).pdf", "Östra Göinge – nämnd ✓.pdf",
             "två\nrader.pdf", "mapp med mellanslag/delår  2024.PDF"]
    for name in names:
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        report_pdf(raw / name)
    code, problems, observations = _run(raw, tmp_path / "out")
    assert code == 0
    # Only the report year is missing where the name gives none ("Avvikelse" then says no
    # year): every file was found and read.
    assert set(problems["code"]) <= {"unknown_column_header"}
    for name in names:
        assert _xenter(observations, name) == XENTER, name
    documents = _table(tmp_path / "out", "documents")
    assert sorted(documents["source_file"]) == sorted(names)
    assert (tmp_path / "out" / "warehouse.duckdb").is_file()


def test_links_are_not_followed_and_each_is_a_problem(tmp_path):
    raw = tmp_path / "raw"
    (raw / "mapp").mkdir(parents=True)
    report_pdf(raw / "inne.pdf")
    outside = report_pdf(tmp_path / "utanför.pdf")
    (raw / "länk till utanför.pdf").symlink_to(outside)
    (raw / "mapp" / "slinga").symlink_to(raw)  # a loop: the folder links to RAW_DIR
    (raw / "trasig.pdf").symlink_to(tmp_path / "finns inte.pdf")
    code, problems, observations = _run(raw, tmp_path / "out")
    assert code == 1
    assert set(observations["source_file"]) == {"inne.pdf"}
    rows = problems[problems["stage"] == "discover"].set_index("source_file")
    assert set(rows["code"]) == {"link_not_followed"}
    assert len(rows) == 3
    assert "outside RAW_DIR" in rows.loc["länk till utanför.pdf", "message"]
    assert "inside RAW_DIR" in rows.loc["mapp/slinga", "message"]
    assert "broken link, or a loop" in rows.loc["trasig.pdf", "message"]
    assert all("was not followed" in m for m in rows["message"])


def _nobody() -> list[str]:
    """A command prefix that runs as an unprivileged user (root reads every folder)."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to drop root's rights")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_a_folder_the_run_may_not_read_is_a_problem_and_the_rest_is_read(tmp_path):
    base = Path(tempfile.mkdtemp(prefix="unreadable-", dir="/tmp"))  # others may enter
    try:
        base.chmod(0o755)
        raw = base / "raw"
        (raw / "låst").mkdir(parents=True)
        report_pdf(raw / "öppen.pdf")
        report_pdf(raw / "låst" / "hemlig.pdf")
        (raw / "låst").chmod(0o000)
        out = base / "out"
        out.mkdir()
        out.chmod(0o777)
        if os.geteuid() == 0:
            home = base / "home"
            home.mkdir(mode=0o777)
            done = subprocess.run(
                [*_nobody(), sys.executable, "-m", "pipeline.cli", "extract", str(raw),
                 "--out", str(out), "--quiet", "--workers", "1"],
                cwd=ROOT, capture_output=True, text=True, timeout=600,
                env={**os.environ, "HOME": str(home)})
            code = done.returncode
            assert "Traceback" not in done.stderr, done.stderr
        else:
            code = main(["extract", str(raw), "--out", str(out), "--quiet", "--workers", "1"])
        assert code == 1
        problems = _table(out, "problems")
        [row] = problems[problems["stage"] == "discover"].to_dict("records")
        assert (row["source_file"], row["stage"], row["code"]) == ("låst", "discover",
                                                                   "folder_unreadable")
        assert "Permission denied" in row["message"] and "chmod" in row["message"]
        assert _xenter(_table(out, "observations"), "öppen.pdf") == XENTER
    finally:
        (base / "raw" / "låst").chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)
