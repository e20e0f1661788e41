"""Damaged copies of the sample reports (tests/mutants.py, fixed seeds) in one folder with two
undamaged ones: the run ends with an exit code, every mutant is read or named in problems,
and the undamaged reports' rows are exactly those of a run over them alone. `make fuzz`
runs hundreds of seeds; this is the dozen that runs with every `make test`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLE_PDFS
from mutants import mutant

from pipeline.cli import main

SEEDS = range(12)
UNDAMAGED = SAMPLE_PDFS[:2]
PER_REPORT = ("observations", "measures", "finances")
# OCR would read the pages whose fonts a mutation broke: minutes, and not what is tested.
OPTIONS = ["--quiet", "--workers", "1", "--no-ocr"]


def _mutants(raw: Path) -> list[str]:
    names = []
    for seed in SEEDS:
        sample = SAMPLE_PDFS[seed % len(SAMPLE_PDFS)]
        how, data = mutant(sample.read_bytes(), seed)
        name = f"mutant{seed:02d}_{how}_{sample.stem[-4:]}.pdf"
        (raw / name).write_bytes(data)
        names.append(name)
    return names


def _frame(out: Path, name: str) -> pd.DataFrame:
    frame = pd.read_csv(out / "dataset" / f"{name}.csv", keep_default_na=False, dtype=str)
    return frame.drop(columns=[c for c in frame.columns if c == "seconds"])


def _rows(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    return frame[frame["source_file"] == file].reset_index(drop=True)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("fuzz")
    raw, clean = base / "raw", base / "clean"
    raw.mkdir()
    clean.mkdir()
    names = _mutants(raw)
    for sample in UNDAMAGED:
        shutil.copy(sample, raw / sample.name)
        shutil.copy(sample, clean / sample.name)
    code = main(["extract", str(raw), "--out", str(base / "out"), *OPTIONS])
    clean_code = main(["extract", str(clean), "--out", str(base / "clean_out"), *OPTIONS])
    return names, code, base / "out", clean_code, base / "clean_out"


def test_the_mutants_are_what_their_seeds_say():
    data = SAMPLE_PDFS[0].read_bytes()
    assert mutant(data, 7) == mutant(data, 7)
    made = {mutant(data, seed) for seed in SEEDS}
    assert len(made) == len(SEEDS)  # twelve different files
    assert all(damaged != data for _, damaged in made)


def test_no_exception_escapes_and_the_run_ends_with_an_exit_code(runs):
    _, code, _, clean_code, _ = runs
    assert code in {0, 1, 3}
    assert clean_code in {0, 3}


def test_every_mutant_is_read_or_named_in_problems(runs):
    names, _, out, _, _ = runs
    problems = _frame(out, "problems")
    observations = _frame(out, "observations")
    silent = [n for n in names if n not in set(observations["source_file"])
              and n not in set(problems["source_file"])]
    assert silent == []


def test_no_mutant_fails_its_worker(runs):
    """A damaged page tree made pdfplumber's page listing raise, and the whole file was a
    worker_failed (seed 9, before the page tree was walked page by page)."""
    _, _, out, _, _ = runs
    problems = _frame(out, "problems")
    assert problems[problems["code"] == "worker_failed"]["message"].tolist() == []


def test_the_undamaged_reports_rows_are_those_of_a_run_over_them_alone(runs):
    _, _, out, _, clean_out = runs
    for name in PER_REPORT:
        mixed, alone = _frame(out, name), _frame(clean_out, name)
        for sample in UNDAMAGED:
            expected = _rows(alone, sample.name)
            assert len(expected) > 0
            pd.testing.assert_frame_equal(_rows(mixed, sample.name), expected)
