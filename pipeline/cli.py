"""The `pipeline` command: a thin layer over the library that turns errors into messages.

    pipeline extract RAW_DIR --out OUT_DIR [--workers N] [--password PW]
    pipeline debug FILE --page N [--out PNG]
    pipeline crosscheck FILE --page N [--page M ...]
    pipeline load [--dataset OUT/dataset] --db postgresql://... [--prune]
    pipeline review ID --decision confirmed|false_alarm|explained --note TEXT [--reviewer NAME]

Exit codes (contract): 0 every PDF was read; 1 at least one PDF could not be read (all else is
still written); 2 the command was used wrongly. With --strict, 3 when an error finding is not
reviewed as false_alarm or explained (without it, findings are reported, not fatal).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.core.catalogue import READERS, ExitCode
from pipeline.core.guard import DEBUG_ENV, debugging, describe, output_fault
from pipeline.quality.findings import DECISIONS, REVIEWS_FILE

if TYPE_CHECKING:
    from pipeline.core.records import Problem
    from pipeline.run.api import RunResult



def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"pipeline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ext = sub.add_parser("extract", help="read every PDF below RAW_DIR into OUT_DIR")
    ext.add_argument("raw_dir", type=Path, metavar="RAW_DIR")
    ext.add_argument("--out", type=Path, default=Path("extracted"), metavar="OUT_DIR")
    ext.add_argument("--workers", type=int, default=_cores(),
                     help="processes that read files and pages in parallel "
                          "(default: all cores)")
    ext.add_argument("--scheduler", default=None, metavar="ADDRESS",
                     help="run the same tasks on a Dask distributed scheduler "
                          "(tcp://host:8786) instead of local processes")
    ext.add_argument("--password", default=None, help="password for encrypted PDFs")
    ext.add_argument("--page-timeout", type=float, default=120.0, metavar="SECONDS",
                     help="a page that takes longer is skipped and reported "
                          "(default: %(default)s)")
    ext.add_argument("--max-memory", type=int, default=6144, metavar="MB",
                     help="memory bound of each worker process (default: %(default)s)")
    ext.add_argument("--no-ocr", action="store_true",
                     help="do not read scanned pages with Tesseract even when installed")
    ext.add_argument("--reader", choices=READERS, default="pdfium",
                     help="what reads the pages: pdfium (fast) or pdfplumber (the reference "
                          "it is held to; default: %(default)s)")
    ext.add_argument("--quiet", action="store_true", help="print only the summary")
    ext.add_argument("--stats", type=Path, default=None, metavar="FILE",
                     help="write the run's time and each worker's peak memory here (JSON)")
    ext.add_argument("--strict", action="store_true",
                     help="exit 3 when an error finding is not reviewed as false_alarm or "
                          "explained (default: report only)")
    ext.add_argument("--reviews", type=Path, default=Path(REVIEWS_FILE), metavar="PATH",
                     help="the auditors' reviews file (default: %(default)s)")
    ext.add_argument("--debug", action="store_true",
                     help="let a failing stage raise with its traceback instead of becoming "
                          "a problems row (as PIPELINE_DEBUG=1 does)")

    rev = sub.add_parser("review", help="record an auditor's decision on a finding")
    rev.add_argument("id", metavar="ID", help="the finding's id, as the validation report shows")
    rev.add_argument("--decision", required=True, choices=DECISIONS)
    rev.add_argument("--note", required=True, help="why: what was checked, and against what")
    rev.add_argument("--reviewer", default=None,
                     help="who decided (default: the login name)")
    rev.add_argument("--reviews", type=Path, default=Path(REVIEWS_FILE), metavar="PATH",
                     help="the reviews file to append to (default: %(default)s)")
    rev.add_argument("--out", type=Path, default=Path("extracted"), metavar="OUT_DIR",
                     help="the extraction whose findings the id is looked up in "
                          "(default: %(default)s)")
    rev.add_argument("--force", action="store_true",
                     help="record it even when OUT_DIR's last report has no such finding")

    lod = sub.add_parser("load", help="load an extracted dataset into DuckDB or PostgreSQL")
    lod.add_argument("--dataset", type=Path, default=Path("extracted") / "dataset",
                     help="the dataset folder `pipeline extract` wrote (default: %(default)s)")
    lod.add_argument("--db", default=os.environ.get("PIPELINE_DB"),
                     help="duckdb:///path.duckdb or postgresql://user@host:port/db "
                          "(default: $PIPELINE_DB)")
    lod.add_argument("--prune", action="store_true",
                     help="also remove reports that are not in this dataset")

    chk = sub.add_parser("crosscheck", help="compare the ruled tables of pages with camelot's")
    chk.add_argument("file", type=Path, metavar="FILE")
    chk.add_argument("--page", type=int, action="append", required=True,
                     help="1-based page number; repeat for more pages")

    dbg = sub.add_parser("debug", help="draw the tables found on one page over its image")
    dbg.add_argument("file", type=Path, metavar="FILE")
    dbg.add_argument("--page", type=int, required=True, help="1-based page number")
    dbg.add_argument("--out", type=Path, default=None, help="PNG to write")
    dbg.add_argument("--scale", type=float, default=2.0, help="pixels per PDF point")
    return parser


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    commands = {"extract": run_extract, "crosscheck": run_crosscheck, "load": run_load,
                "debug": run_debug, "review": run_review}
    try:
        return commands[args.command](args, parser)
    except KeyboardInterrupt:
        print(f"pipeline {args.command}: interrupted; the previous outputs are as they were",
              file=sys.stderr, flush=True)
        return ExitCode.INTERRUPTED
    except Exception as exc:
        # The last guard: no run ends in a traceback. The stages have their own guards, so
        # what gets here is a fault of OUT or a bug in the run's own plumbing.
        if debugging():
            raise
        what = ("cannot write its outputs" if output_fault(exc) else "stopped by an error")
        print(f"pipeline {args.command}: {what} ({describe(exc)}); the previous outputs are as "
              "they were. Run with --debug (PIPELINE_DEBUG=1) for the traceback.",
              file=sys.stderr, flush=True)
        return ExitCode.UNREADABLE


def run_extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.raw_dir.is_dir():
        parser.error(f"RAW_DIR {args.raw_dir} is not a folder; give the folder of report PDFs")
    if args.workers < 1:
        parser.error("--workers must be 1 or more")
    if args.debug:
        os.environ[DEBUG_ENV] = "1"  # the pool's workers inherit it
    started = time.perf_counter()
    from pipeline.output.manifest import OutputError
    from pipeline.run.api import Options, extract_folder

    options = Options(workers=args.workers, scheduler=args.scheduler, password=args.password,
                      page_timeout=args.page_timeout, max_memory_mb=args.max_memory,
                      ocr=not args.no_ocr, strict=args.strict, quiet=args.quiet,
                      reader=args.reader, reviews=args.reviews)
    try:
        result = extract_folder(args.raw_dir, args.out, options)
    except OutputError as exc:
        print(f"pipeline extract: {exc}", file=sys.stderr, flush=True)
        return ExitCode.UNREADABLE
    if result.unchanged:
        print(f"nothing new: {result.n_files} files as in the last run "
              f"({time.perf_counter() - started:.1f} seconds)", flush=True)
    print(result.summary, flush=True)
    if result.stage_failures:
        print(f"pipeline extract: {_stages_failed(result.stage_failures)}", file=sys.stderr,
              flush=True)
    if args.stats is not None:
        _write_stats(args.stats, result, time.perf_counter() - started, args.reader)
    return int(result.exit_code)


def _write_stats(path: Path, result: RunResult, seconds: float, reader: str) -> None:
    """The run's figures for benchmarks: its time, its reader, and each worker's peak
    resident memory."""
    import json

    peaks = sorted(result.worker_peaks_kb.values(), reverse=True)
    path.write_text(json.dumps({"seconds": round(seconds, 3), "reader": reader,
                                "unchanged": result.unchanged, "files": result.n_files,
                                "worker_peak_rss_mb": [round(kb / 1024, 1) for kb in peaks]},
                               indent=2) + "\n", encoding="utf-8")


def _stages_failed(failed: list[Problem]) -> str:
    """One line for the stages that failed: how many, the first one, where to read more."""
    first = failed[0]
    where = f"{first.source_file}, " if first.source_file else ""
    message = first.message.split("; ", 1)[0]
    return (f"{len(failed)} stage(s) failed, first {where}{first.stage}: {message[:200]}; the "
            "other outputs are written, and dataset/problems.csv lists each (stage_failed)")


def run_review(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """One line appended to the reviews file; the next `pipeline extract` shows it."""
    import getpass

    from pipeline.quality.findings import Review, append_review, known_finding, now_iso

    known = known_finding(args.out / "validation" / "results.json", args.id)
    if known is False and not args.force:
        parser.error(f"{args.out}/validation/results.json has no finding {args.id}; check "
                     "the id (or give --force to record it anyway)")
    note = " ".join(args.note.split())
    if not note:
        parser.error("--note must say why")
    reviewer = args.reviewer or os.environ.get("USER") or getpass.getuser()
    review = Review(args.id, args.decision, note, reviewer, now_iso())
    try:
        append_review(args.reviews, review)
    except OSError as exc:
        print(f"pipeline review: cannot write {args.reviews}: {exc.strerror or exc}",
              file=sys.stderr)
        return ExitCode.UNREADABLE
    unseen = " (no extraction to check it against yet)" if known is None else ""
    print(f"{args.reviews}: {args.id} {args.decision} by {reviewer} at {review.at}{unseen}; "
          "the next `pipeline extract` shows it")
    return ExitCode.OK


def run_load(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Per-report tables of a dataset folder into a warehouse, replacing those reports."""
    import pandas as pd

    from pipeline.core.catalogue import PER_REPORT
    from pipeline.output.warehouse import WarehouseError, load

    if not args.db:
        parser.error("give --db postgresql://user@host:port/db (or duckdb:///file.duckdb), "
                     "or set PIPELINE_DB")
    if not args.dataset.is_dir():
        parser.error(f"--dataset {args.dataset} is not a folder; run `pipeline extract` first")
    frames = {name: pd.read_parquet(args.dataset / f"{name}.parquet") for name in PER_REPORT
              if (args.dataset / f"{name}.parquet").exists()}
    try:
        result = load(args.db, frames, prune=args.prune)
    except WarehouseError as exc:
        print(f"pipeline load: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    print("loaded: " + ", ".join(f"{name} {n}" for name, n in result.tables.items()))
    return ExitCode.OK


def run_crosscheck(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Exit 0 when camelot reads the same numbers on every page asked for, else 1."""
    if not args.file.is_file():
        parser.error(f"FILE {args.file} does not exist")
    from pipeline.run.api import extract_document
    from pipeline.tools.crosscheck import crosscheck_page

    result = extract_document(args.file, args.file.parent)
    if not result.readable:
        print(f"error: {result.problems[0].message}", file=sys.stderr)
        return ExitCode.UNREADABLE
    all_agree = True
    for page in args.page:
        check = crosscheck_page(result, args.file, page)
        all_agree &= check.agrees
        print(f"page {page}: {check.agreed} values agree; only ours "
              f"{sorted(check.only_ours.elements())}; only camelot "
              f"{sorted(check.only_camelot.elements())}")
    return ExitCode.OK if all_agree else ExitCode.UNREADABLE


def run_debug(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.file.is_file():
        parser.error(f"FILE {args.file} does not exist")
    from pipeline.read.pdf import DocumentError
    from pipeline.tools.debug import draw_page

    out = args.out or Path(f"{args.file.stem}-p{args.page}.png")
    try:
        n_tables = draw_page(args.file, args.page, out, scale=args.scale)
    except DocumentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.UNREADABLE
    except IndexError as exc:
        parser.error(str(exc))
    print(f"{out}: page {args.page}, {n_tables} tables drawn")
    return ExitCode.OK


if __name__ == "__main__":
    raise SystemExit(main())
