"""The library's entry point as a notebook calls it: extract_folder does what `pipeline
extract` does, returns the facts the CLI prints and maps to its exit code, and prints nothing
itself."""

from __future__ import annotations

import shutil

import pandas as pd
from conftest import SAMPLE_PDFS

from pipeline.core.catalogue import ExitCode
from pipeline.run.api import Options, extract_folder


def test_extract_folder_from_python(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE_PDFS[2], raw / SAMPLE_PDFS[2].name)
    (raw / "tom.pdf").write_bytes(b"")
    result = extract_folder(raw, tmp_path / "out", Options(workers=1))
    assert capsys.readouterr().out == ""  # a library call prints nothing to stdout
    assert result.exit_code == ExitCode.UNREADABLE and result.failed == 1
    assert not result.unchanged and result.n_files == 2
    assert result.summary.startswith("summary: 2 files (1 unreadable), 17 pages, ")
    assert result.summary.endswith(", exit 1")
    measures = result.table("measures")
    truth = pd.read_csv(SAMPLE_PDFS[2].with_suffix(".measures.csv"))
    assert isinstance(measures, pd.DataFrame) and len(measures) == len(truth)
    again = extract_folder(raw, tmp_path / "out", Options(workers=1))
    assert again.unchanged and again.documents == []
    assert (again.summary, again.exit_code, again.n_files) == (result.summary,
                                                               result.exit_code, 2)
