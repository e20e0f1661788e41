"""The catalogue against what uses it: the README's list of problem codes, the codes the code
raises, the checks the validation report runs, and the merged tables' columns."""

from __future__ import annotations

import ast
import json
import re

import pandas as pd
from conftest import ROOT

from pipeline.core.catalogue import (
    CHECKS,
    NOT_CACHED,
    PAGES_LOST,
    PROBLEMS,
    TABLES,
    ProblemCode,
    problem_codes_markdown,
)
from pipeline.quality import checks

SOURCES = [p for p in (ROOT / "pipeline").rglob("*.py") if p.name != "catalogue.py"]


def test_the_readme_lists_the_catalogues_problem_codes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- problem-codes[^>]*-->\n(.*?)\n<!-- /problem-codes -->", readme,
                      re.S)
    assert block is not None, "README.md has lost its problem-codes block"
    assert block.group(1) == problem_codes_markdown(), (
        "README.md's problem codes differ from the catalogue: paste "
        "pipeline.core.catalogue.problem_codes_markdown() between the markers")


def test_every_code_has_its_spec_and_is_raised_somewhere():
    assert set(PROBLEMS) == set(ProblemCode)
    text = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    unused = [c.name for c in ProblemCode if f"ProblemCode.{c.name}" not in text]
    assert unused == []


def test_no_problem_code_is_written_as_a_bare_string():
    """A code is named through the enum, so a typo is an error, not a new code. (Module
    `__all__` lists and words shown to people may spell a code's word.)"""
    values = {c.value for c in ProblemCode}
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = {id(n) for node in ast.walk(tree) if isinstance(node, ast.Assign) and any(
            getattr(t, "id", "") == "__all__" for t in node.targets) for n in ast.walk(node)}
        found += [f"{path.relative_to(ROOT)}:{node.lineno} {node.value}"
                  for node in ast.walk(tree) if isinstance(node, ast.Constant)
                  and node.value in values and id(node) not in allowed]
    assert found == ["pipeline/run/progress.py:36 unreadable"]  # the progress line's word


def test_the_flags_the_run_reads():
    """The lists that were kept by hand in the CLI and the manifest, now derived."""
    lost = {"page_unreadable", "page_timeout", "page_too_big", "file_timeout", "file_too_big",
            "worker_failed", "ocr_failed", "too_many_glyphs", "page_damaged",
            "decompression_bomb"}
    not_cached = {"no_text_layer", "ocr_failed", "page_timeout", "file_timeout",
                  "page_too_big", "file_too_big", "worker_failed", "encrypted"}
    assert (lost, not_cached) == (PAGES_LOST, NOT_CACHED)
    assert ProblemCode.PAGE_TIMEOUT.loses_pages and "a_code_from_elsewhere" not in PAGES_LOST
    assert not ProblemCode.ENCRYPTED.cacheable


def test_the_registry_runs_each_catalogued_check_once():
    assert [(s, c) for s, c, _ in checks.REGISTRY] == [(k.suite, k.check) for k in CHECKS]
    assert set(checks.RUNS) == {k.check for k in CHECKS}
    assert all(k.suite in TABLES for k in CHECKS)


def test_merged_tables_have_the_catalogues_columns(tmp_path):
    """Merged from the samples' typed tables: the columns each merge gives are the
    catalogue's, in its order."""
    from conftest import SAMPLE_PDFS, SAMPLES, extracted

    from pipeline.output.store import dataset_frames, documents_frame
    from pipeline.output.warehouse import merged_frames

    docs = [extracted(p, SAMPLES) for p in SAMPLE_PDFS]
    frames = {**dataset_frames(docs), "documents": documents_frame(docs)}
    merged = merged_frames(frames)
    assert set(merged) == {n for n, t in TABLES.items() if not t.per_report
                           and not t.validation}
    for name, frame in merged.items():
        spec = TABLES[name]
        assert list(frame.columns[: len(spec.names)]) == list(spec.names), name
        assert all(c.startswith(spec.prefix) for c in frame.columns[len(spec.names):]) if (
            spec.prefix) else len(frame.columns) == len(spec.names), name
    assert isinstance(merged["conflicts"], pd.DataFrame) and len(merged["conflicts"]) == 1


def test_the_readme_architecture_lists_every_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout of the code"):]
    modules = sorted(p.name for p in (ROOT / "pipeline").rglob("*.py")
                     if p.name != "__init__.py")
    assert [m for m in modules if f"`{m}`" not in layout] == []
    packages = sorted(p.parent.name for p in (ROOT / "pipeline").glob("*/__init__.py"))
    assert [p for p in packages if p != "resources" and f"`{p}`" not in layout] == []


def test_each_expectation_suite_checks_a_catalogued_table_by_its_columns():
    from pipeline.quality.expect import suite_files

    suites = suite_files()
    assert len(suites) >= 6
    for name, path in suites.items():
        assert name in TABLES, name
        spec = json.loads(path.read_text(encoding="utf-8"))
        named = {e["kwargs"][k] for e in spec["expectations"] for k in ("column", "column_A",
                                                                        "column_B")
                 if k in e["kwargs"]}
        assert named and named <= set(TABLES[name].names), (name, named - set(TABLES[name].names))
