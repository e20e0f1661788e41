"""The run-level stages, in the order data flows: the per-report tables, the merges across
reports, the checks, the Great Expectations suites and their Data Docs, the auditors' report
with its crops, the dataset files, the Parquet partitions and the warehouse.

Everything is built in a new generation of OUT (store.new_generation) and published whole by
the caller. Each stage runs in a guard: one that fails is a problems row (stage_failed, page
empty) and the other outputs are still written. A fault of OUT itself (a full disk, a
read-only file system) is not a stage's failure: the guards let it through, the caller
discards the generation, and the previous outputs stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pipeline.core.catalogue import DERIVED
from pipeline.core.guard import Guard
from pipeline.core.records import Problem
from pipeline.output.overview import write_overview
from pipeline.output.store import (
    assessments_frame,
    claims_frame,
    counts_frame,
    documents_frame,
    finances_frame,
    findings_frame,
    measures_frame,
    observations_frame,
    personnel_frame,
    problems_frame,
    reviews_frame,
    tables_frame,
    text_tags_frame,
    write_partitioned,
    write_table,
)
from pipeline.output.warehouse import load, merged_frames
from pipeline.quality.checks import CHECKS, all_checks
from pipeline.quality.expect import run_suites
from pipeline.quality.findings import ReviewLog
from pipeline.quality.validation import (
    failed_checks,
    findings,
    standing_reviews,
    write_report,
)

if TYPE_CHECKING:
    from pipeline.document import DocumentResult



@dataclass
class Published:
    failed_checks: int = 0
    open_errors: int = 0  # error findings no review settles: what --strict fails on
    outputs: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the run-level stages' own


def report_frames(docs: Sequence[DocumentResult], problems: Iterable[Problem],
                  guard: Guard) -> dict[str, pd.DataFrame]:
    """The per-report tables; a table that cannot be built is written empty, with its
    columns, and said so."""
    def built(name: str, make: Callable[[Sequence[DocumentResult]], pd.DataFrame]
              ) -> pd.DataFrame:
        return guard.run("store", partial(make, docs), make([]), what=f"table {name}")

    frames = {
        "observations": built("observations", lambda ds: observations_frame(
            o for d in ds for o in d.observations)),
        "tables": built("tables", lambda ds: tables_frame(
            (t for d in ds for t in d.tables),
            {k: v for d in ds for k, v in d.datasets.table_kinds.items()},
            {k: v for d in ds for k, v in d.datasets.table_places.items()})),
        "measures": built("measures", lambda ds: measures_frame(
            v for d in ds for v in d.datasets.measures)),
        "finances": built("finances", lambda ds: finances_frame(
            v for d in ds for v in d.datasets.finances)),
        "volumes": built("volumes", lambda ds: counts_frame(
            v for d in ds for v in d.datasets.volumes)),
        "key_figures": built("key_figures", lambda ds: counts_frame(
            (v for d in ds for v in d.datasets.key_figures), "key_figures")),
        "personnel": built("personnel", lambda ds: personnel_frame(
            v for d in ds for v in d.datasets.personnel)),
        "assessments": built("assessments", assessments_frame),
        "text_tags": built("text_tags", text_tags_frame),
        "claims": built("claims", claims_frame),
        "documents": built("documents", documents_frame),
    }
    listed = list(problems)
    frames["problems"] = problems_of(docs, [*listed, *guard.problems])
    return frames


def problems_of(docs: Sequence[DocumentResult], more: Iterable[Problem]) -> pd.DataFrame:
    return problems_frame([*(p for d in docs for p in d.problems), *more])


def stage_outputs(generation: Path, raw_dir: Path, docs: Sequence[DocumentResult],
                  problems: Iterable[Problem] = (), reviews: ReviewLog | None = None
                  ) -> Published:
    """Every output of the run, in `generation`. `problems` are the run's own (files that
    were not looked into, lines of the reviews file that are not reviews); the stages'
    failures are added to them. `reviews` are the auditors' decisions the report shows."""
    guard = Guard()
    listed = list(problems)
    standing = (reviews or ReviewLog()).latest()
    frames = report_frames(docs, listed, guard)
    everything = {**frames, **merged_frames(frames, guard)}
    failures = all_checks(everything, guard)
    validation = generation / "validation"
    expected, expectations = guard.run(
        "expectations", partial(run_suites, frames, validation / "gx_data_docs", guard),
        ([], []), what="Great Expectations suites")
    report = guard.run("report", partial(write_report, validation, raw_dir,
                                         [*failures, *expected], [*CHECKS, *expectations],
                                         list(guard.problems), guard, _shas(frames), standing),
                       None, what="the validation report")
    out = Published(failed_checks(report) if isinstance(report, dict) else 0)
    reviewed: dict[str, pd.DataFrame] = {}
    if isinstance(report, dict):
        out.outputs += ["validation/results.json", "validation/index.html"]
        out.open_errors = int(report.get("open_errors", 0))
        reviewed = {"findings": findings_frame(findings(report)),
                    "reviews": reviews_frame(standing_reviews(report, standing))}
    else:  # no report: nothing was shown to be settled, so every check counts as open
        out.open_errors = out.failed_checks
    out.outputs += guard.run("overview", partial(write_overview, generation / "overview",
                                                 raw_dir, everything, guard), [],
                             what="the overview page")
    dataset = generation / "dataset"
    for name, frame in reviewed.items():
        out.outputs += guard.run("write", partial(write_table, dataset, name, frame), [],
                                 what=f"dataset/{name}")
    everything["problems"] = problems_of(docs, [*listed, *guard.problems])
    for name, frame in everything.items():
        if name != "problems":
            out.outputs += guard.run("write", partial(write_table, dataset, name, frame), [],
                                     what=f"dataset/{name}")
    guard.run("partitions", partial(write_partitioned, dataset / "by_report_year", frames),
              None, what="dataset/by_report_year")
    frames["problems"] = everything["problems"] = problems_of(docs, [*listed, *guard.problems])
    written = len(guard.problems)
    merged = {name: everything[name] for name in DERIVED if name in everything}
    loaded = guard.run("warehouse", partial(load, f"duckdb:///{generation / 'warehouse.duckdb'}",
                                            frames, prune=True, merged=merged,
                                            validation=reviewed),
                       None, what="warehouse.duckdb")
    if loaded is not None:
        out.outputs.append("warehouse.duckdb")
    if len(guard.problems) > written:  # the warehouse's own failure, for the problems table
        everything["problems"] = problems_of(docs, [*listed, *guard.problems])
    out.outputs += _write_problems(dataset, everything["problems"])
    out.problems = list(guard.problems)
    return out


def _shas(frames: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Each report file's sha256, for the finding ids."""
    documents = frames.get("documents")
    if documents is None or documents.empty:
        return {}
    return dict(zip(documents["source_file"].astype(str),
                    documents["source_sha256"].astype(str), strict=True))


def _write_problems(dataset: Path, frame: pd.DataFrame) -> list[str]:
    """The problems table is written last, with every stage's failure in it; it must be
    written, so a failure here is the run's, not a stage's."""
    return write_table(dataset, "problems", frame)
