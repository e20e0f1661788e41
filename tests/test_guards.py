"""No stage ends a run: a failure in one stage of one document, or in one run-level stage,
is a `stage_failed` problems row, the other outputs are written, and the run exits 1 with a
one-line message. Faults are injected into each stage in turn."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hard_inputs import ROWS, report_pdf

from pipeline import document
from pipeline.cli import main
from pipeline.core.catalogue import PER_REPORT
from pipeline.meaning import datasets
from pipeline.output import warehouse
from pipeline.quality import checks, expect, validation
from pipeline.run import publish

MERGED = ("measures_clean", "conflicts", "finances_clean", "finance_conflicts",
          "volumes_clean", "volume_conflicts", "key_figures_clean", "key_figure_conflicts",
          "measure_series")
VOLUMES_WITHOUT_YEARS = dict(title="Volymer", headers=("Antal", "Andel"),
                             rows=[("Elever i SFI", "1 204", "52 %"),
                                   ("Elever i Komvux", "2 310", "48 %")])
# The operating statement with its total 100 too high: a failed sum, so a crop is drawn.
WRONG_TOTAL = [*ROWS[:3], ("Total", "-104 686", "-107 277", "2 691")]


class Injected(RuntimeError):
    pass


def _boom(*args: object, **kwargs: object) -> None:
    raise Injected("injected fault")


def _extract(raw: Path, out: Path, *options: str) -> int:
    return main(["extract", str(raw), "--out", str(out), "--quiet", "--workers", "1", *options])


def _table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / "dataset" / f"{name}.csv", keep_default_na=False, dtype=str)


def _every_dataset_is_written(out: Path) -> None:
    for name in (*PER_REPORT, *MERGED):
        for ext in ("csv", "parquet"):
            assert (out / "dataset" / f"{name}.{ext}").is_file(), f"{name}.{ext}"
    assert (out / "manifest.json").is_file()


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    report_pdf(folder / "drift.pdf", rows=WRONG_TOTAL)
    report_pdf(folder / "volymer.pdf", **VOLUMES_WITHOUT_YEARS)  # type: ignore[arg-type]
    return folder


def test_volume_rows_without_a_year_and_a_kind_are_written_not_a_crash(raw, tmp_path):
    """Today's crash: volume rows, none with both a year and a kind. The merge raised
    TypeError (its precision column came out as strings) and no dataset was written."""
    code = _extract(raw, tmp_path / "out")
    assert code in (0, 1)
    out = tmp_path / "out"
    _every_dataset_is_written(out)
    volumes = _table(out, "volumes")
    assert set(volumes["raw_text"]) == {"1 204", "52 %", "2 310", "48 %"}
    assert set(volumes["year"]) == {""}
    assert _table(out, "volumes_clean").empty
    assert "stage_failed" not in set(_table(out, "problems")["code"])


DOCUMENT_STAGES = [  # (module, function, stage)
    (document, "page_lines", "layout"),
    (document, "tables_on_page", "tables"),
    (document, "join_tables", "tables"),
    (document, "document_context", "outline"),
    (document, "markers", "outline"),
    (document, "goal_blocks", "nlp"),
    (document, "tag_lines", "tags"),
    (document, "claims", "tags"),
]


@pytest.mark.parametrize(("module", "name", "stage"), DOCUMENT_STAGES,
                         ids=[f"{s}-{n}" for _, n, s in DOCUMENT_STAGES])
def test_a_document_stage_that_fails_is_a_problem_and_the_rest_is_written(
        raw, tmp_path, capsys, monkeypatch, module, name, stage):
    monkeypatch.setattr(module, name, _boom)
    code = _extract(raw, tmp_path / "out")
    assert code == 1
    out = tmp_path / "out"
    _every_dataset_is_written(out)
    problems = _table(out, "problems")
    failed = problems[problems["code"] == "stage_failed"]
    assert set(failed["stage"]) == {stage}
    assert set(failed["source_file"]) == {"drift.pdf", "volymer.pdf"}
    assert all(f"stage '{stage}'" in m and "Injected: injected fault" in m
               for m in failed["message"])
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("pipeline extract: ") and "stage(s) failed" in err[-1]
    assert "Traceback" not in "\n".join(err)


def test_a_page_whose_tables_fail_keeps_its_page_number_and_the_documents_other_stages(
        raw, tmp_path, monkeypatch):
    monkeypatch.setattr(document, "tables_on_page", _boom)
    assert _extract(raw, tmp_path / "out") == 1
    problems = _table(tmp_path / "out", "problems")
    failed = problems[problems["code"] == "stage_failed"]
    assert list(failed["page"]) == ["1", "1"]
    documents = _table(tmp_path / "out", "documents")
    assert len(documents) == 2  # the outline and the rest still ran
    assert _table(tmp_path / "out", "observations").empty


def test_a_table_whose_typing_fails_loses_only_its_own_rows(raw, tmp_path, monkeypatch):
    real = datasets._type_table

    def type_but_volumes(table, *args):
        if table.title == "Volymer":
            raise Injected("injected fault")
        return real(table, *args)

    monkeypatch.setattr(datasets, "_type_table", type_but_volumes)
    assert _extract(raw, tmp_path / "out") == 1
    out = tmp_path / "out"
    problems = _table(out, "problems")
    failed = problems[problems["code"] == "stage_failed"]
    assert list(zip(failed["source_file"], failed["stage"], failed["page"], strict=True)) == [
        ("volymer.pdf", "typing", "1")]
    assert _table(out, "volumes").empty
    assert len(_table(out, "finances")) == 12  # the other report's table is typed in full


RUN_STAGES = [  # (module, function, stage): each run-level stage in turn
    (warehouse, "finances_clean", "merge"),
    (checks, "sum_checks", "checks"),
    (expect, "_run_suite", "expectations"),
    (publish, "write_report", "report"),
    (validation, "crop_around", "crops"),
    (publish, "write_overview", "overview"),
    (publish, "write_partitioned", "partitions"),
    (publish, "load", "warehouse"),
]


@pytest.mark.parametrize(("module", "name", "stage"), RUN_STAGES,
                         ids=[s for _, _, s in RUN_STAGES])
def test_a_run_level_stage_that_fails_is_a_problem_and_the_other_outputs_are_written(
        raw, tmp_path, capsys, monkeypatch, module, name, stage):
    if name == "sum_checks":  # the registry holds the function itself
        registry = [(s, c, checks._finance_checks(_boom) if c == "parts_sum_to_total" else f)
                    for s, c, f in checks.REGISTRY]
        monkeypatch.setattr(checks, "REGISTRY", tuple(registry))
    else:
        monkeypatch.setattr(module, name, _boom)
    code = _extract(raw, tmp_path / "out")
    assert code == 1
    out = tmp_path / "out"
    problems = _table(out, "problems")
    failed = problems[problems["code"] == "stage_failed"]
    assert set(failed["stage"]) == {stage}
    assert set(failed["page"]) == {""} and set(failed["source_file"]) == {""}
    assert all("Injected: injected fault" in m for m in failed["message"])
    for name_ in ("observations", "finances", "volumes", "documents"):
        assert (out / "dataset" / f"{name_}.parquet").is_file()
    assert len(_table(out, "observations")) == 16
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"pipeline extract: {len(failed)} stage(s) failed")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["exit_code"] == 1 and manifest["summary"].endswith(", exit 1")
    if stage not in ("report", "crops", "overview"):
        report = json.loads((out / "validation" / "results.json").read_text(encoding="utf-8"))
        assert report["success"] is False
    if stage in ("merge", "checks", "expectations"):  # the report says what was not checked
        page = (out / "validation" / "index.html").read_text(encoding="utf-8")
        assert "could not run" in page and stage in page


def test_data_docs_that_fail_cost_the_pages_not_the_results(raw, tmp_path, monkeypatch):
    import great_expectations as gx

    real_context = gx.get_context

    def context_without_docs(*args, **kwargs):
        context = real_context(*args, **kwargs)
        context.build_data_docs = _boom
        return context

    monkeypatch.setattr(gx, "get_context", context_without_docs)
    assert _extract(raw, tmp_path / "out") == 1
    out = tmp_path / "out"
    failed = _table(out, "problems").query("code == 'stage_failed'")
    assert list(failed["stage"]) == ["data_docs"]
    report = json.loads((out / "validation" / "results.json").read_text(encoding="utf-8"))
    assert any(c["check"].startswith("expect_") for c in report["checks"])  # suites ran


def test_debug_re_raises_for_developers(raw, tmp_path, monkeypatch):
    monkeypatch.setattr(document, "tag_lines", _boom)
    monkeypatch.setenv("PIPELINE_DEBUG", "0")  # --debug sets it (for the workers); undone after
    with pytest.raises(Injected):
        _extract(raw, tmp_path / "out", "--debug")
    monkeypatch.setenv("PIPELINE_DEBUG", "1")
    with pytest.raises(Injected):
        _extract(raw, tmp_path / "out2")


def test_a_bug_outside_every_stage_is_one_line_not_a_traceback(raw, tmp_path, capsys,
                                                                monkeypatch):
    monkeypatch.setattr(publish, "report_frames", _boom)
    assert _extract(raw, tmp_path / "out") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("pipeline extract: stopped by an error (Injected: injected fault")
    assert not (tmp_path / "out" / "manifest.json").exists()
