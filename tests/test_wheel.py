"""The package as users install it: a wheel, built from this tree and installed in a fresh
virtual environment, has its data files (model, suites, gazetteer) and reads the samples into
the same dataset as the source tree does."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SAMPLES

from pipeline.cli import main

RESOURCES = ("pipeline/resources/gazetteer.jsonl",
             "pipeline/resources/expectations/measures.json",
             "pipeline/resources/models/assessment/config.cfg",
             "pipeline/resources/models/assessment/textcat/model")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy, so that setuptools' build/ and egg-info stay out of this tree.
    tree = tmp_path_factory.mktemp("tree")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    for name in ("pipeline", "corpus", "samples"):
        shutil.copytree(ROOT / name, tree / name,
                        ignore=shutil.ignore_patterns("__pycache__", "dev"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                    str(out), str(tree)], check=True, timeout=600)
    (found,) = out.glob("pipeline-*.whl")
    return found


def test_the_wheel_holds_the_data_files(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert all(name in names for name in RESOURCES), sorted(set(RESOURCES) - names)


def _fresh_venv(where: Path, wheel: Path) -> Path:
    """A new environment with only the wheel installed as `pipeline`; its dependencies are
    this environment's (a .pth file names their folder), so nothing is downloaded."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True)
    # Only the folder: the .pth files in it (this tree's editable install) are not run.
    (Path(site.stdout.strip()) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                    "--no-deps", "--quiet", str(wheel)], check=True, timeout=600)
    return python


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    frames = {p.stem: pd.read_csv(p, keep_default_na=False, dtype=str)
              for p in sorted((out / "dataset").glob("*.csv"))}
    frames["documents"] = frames["documents"].drop(columns="seconds")
    return frames


def test_an_installed_wheel_reads_the_samples_as_the_source_tree_does(wheel, tmp_path):
    python = _fresh_venv(tmp_path / "venv", wheel)
    where = subprocess.run([str(python), "-c", "import pipeline; print(pipeline.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path)
    assert where.stdout.startswith(str(tmp_path / "venv")), where.stdout  # not this tree
    installed = subprocess.run([str(python), "-m", "pipeline.cli", "extract", str(SAMPLES),
                                "--out", str(tmp_path / "wheel-out"), "--quiet",
                                "--workers", "2"],
                               capture_output=True, text=True, cwd=tmp_path, timeout=900)
    assert installed.returncode == 0, installed.stderr[-2000:]
    assert main(["extract", str(SAMPLES), "--out", str(tmp_path / "tree-out"), "--quiet",
                 "--workers", "2"]) == 0
    ours, theirs = _tables(tmp_path / "tree-out"), _tables(tmp_path / "wheel-out")
    assert sorted(ours) == sorted(theirs)
    for name, frame in ours.items():
        pd.testing.assert_frame_equal(frame, theirs[name], obj=name)
    assert len(ours["assessments"]) > 0 and len(ours["text_tags"]) > 0  # model and gazetteer
    results = [json.loads((tmp_path / f / "validation" / "results.json").read_text())
               for f in ("tree-out", "wheel-out")]
    assert results[0] == results[1] and len(results[0]["checks"]) > 10  # the suites ran
