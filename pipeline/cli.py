"""The `pipeline` command: a thin layer over the library that turns errors into messages.

    pipeline extract RAW_DIR --out OUT_DIR [--workers N] [--password PW]
    pipeline debug FILE --page N [--out PNG]
    pipeline crosscheck FILE --page N [--page M ...]
    pipeline load [--dataset OUT/dataset] --db postgresql://... [--prune]

Exit codes (contract): 0 every PDF was read; 1 at least one PDF could not be read (all else is
still written); 2 the command was used wrongly. With --strict, 3 when a validation check
failed (without it, failed checks are reported, not fatal).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__

if TYPE_CHECKING:  # the extraction imports spaCy: not needed to find that nothing is new
    from pipeline.extract import DocumentResult, RunResult

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, EXIT_CHECKS_FAILED = 0, 1, 2, 3


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
    ext.add_argument("--quiet", action="store_true", help="print only the summary")
    ext.add_argument("--strict", action="store_true",
                     help="exit 3 when a validation check fails (default: report only)")

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
    if args.command == "extract":
        return run_extract(args, parser)
    if args.command == "crosscheck":
        return run_crosscheck(args, parser)
    if args.command == "load":
        return run_load(args, parser)
    return run_debug(args, parser)


# Read-stage problems that mean pages of a file were not read: the run exits 1 for them as
# for an unreadable file. (A page read by OCR, or turned upright, was read.) A page without
# text in a report that has text elsewhere is most often a picture; a report with no text
# at all was not read.
PAGES_LOST = frozenset({"page_unreadable", "page_timeout", "page_too_big", "file_timeout",
                        "file_too_big", "worker_failed", "ocr_failed"})


def _lost_pages(doc: DocumentResult) -> bool:
    codes = [p.code for p in doc.problems]
    unscanned = codes.count("no_text_layer")
    return any(c in PAGES_LOST for c in codes) or (doc.pages > 0 and unscanned >= doc.pages)


def run_extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.raw_dir.is_dir():
        parser.error(f"RAW_DIR {args.raw_dir} is not a folder; give the folder of report PDFs")
    if args.workers < 1:
        parser.error("--workers must be 1 or more")
    started = time.perf_counter()
    from pipeline.manifest import Manifest, discover, file_sha256, pipeline_version, read_manifest

    paths = discover(args.raw_dir)
    files = {p.relative_to(args.raw_dir).as_posix(): file_sha256(p) for p in paths}
    version = pipeline_version()
    options = {"password": bool(args.password), "ocr": not args.no_ocr}
    previous = read_manifest(args.out)
    if previous is not None and previous.unchanged(version, files, options, args.out):
        print(f"nothing new: {len(files)} files as in the last run "
              f"({time.perf_counter() - started:.1f} seconds)", flush=True)
        print(previous.summary, flush=True)
        return previous.exit_code
    run = _extract_incremental(args, paths, files, version)
    docs = run.documents
    failed, outputs = _write_outputs(args, docs)
    run.seconds = time.perf_counter() - started
    summary = summary_line(run, failed)
    print(summary, flush=True)
    lost = run.failed or any(_lost_pages(d) for d in docs)
    code = EXIT_UNREADABLE if lost else EXIT_OK
    from pipeline.manifest import write_manifest

    write_manifest(args.out, Manifest(version, files, options, summary, code, outputs))
    return EXIT_CHECKS_FAILED if args.strict and failed and code == EXIT_OK else code


def _extract_incremental(args: argparse.Namespace, paths: list[Path], files: dict[str, str],
                         version: str) -> RunResult:
    """Files whose sha256 the cache holds for this version are taken from it; the others
    are read, on the local pool or the Dask scheduler."""
    from pipeline.extract import RunResult, extract_files
    from pipeline.manifest import ResultCache
    from pipeline.progress import Progress
    from pipeline.records import Source
    from pipeline.runner import Limits

    started = time.perf_counter()
    cache = ResultCache(args.out, version)
    cached: dict[str, Any] = {name: cache.get(sha) for name, sha in files.items()}
    names = dict(zip(paths, files, strict=True))  # `files` is keyed in the order of `paths`
    todo = [p for p in paths if cached[names[p]] is None]
    progress = Progress(len(todo), quiet=args.quiet)
    if len(todo) < len(paths):
        progress.note(f"{len(paths) - len(todo)} of {len(paths)} files unchanged since the "
                      "last run: taken from the cache, not read again")
    limits = Limits(page_seconds=args.page_timeout, memory_mb=args.max_memory,
                    ocr=not args.no_ocr)
    sources = [Source(names[p], files[names[p]]) for p in todo]
    try:
        fresh = extract_files(todo, sources, args.workers, args.password, limits,
                              args.scheduler, on_document=progress.document,
                              on_pages=progress.pages)
    finally:
        progress.close()
    args.out.mkdir(parents=True, exist_ok=True)
    for result in fresh:
        cache.put(result.source.sha256, result)
        cached[result.source.file] = result
    cache.keep_only(set(files.values()))
    return RunResult([cached[name] for name in files], time.perf_counter() - started)


def _write_outputs(args: argparse.Namespace, docs: list[DocumentResult]) -> tuple[int, list[str]]:
    """The dataset, the warehouse and the validation report; the failed checks and the
    files written, for the manifest."""
    from pipeline.checks import all_checks
    from pipeline.expect import run_suites
    from pipeline.store import (
        assessments_frame,
        claims_frame,
        dataset_frames,
        documents_frame,
        observations_frame,
        problems_frame,
        replace_folder,
        tables_frame,
        text_tags_frame,
        write_dataset,
    )
    from pipeline.validation import CHECKS, failed_checks, write_report

    frames = {
        "observations": observations_frame(o for d in docs for o in d.observations),
        "problems": problems_frame(p for d in docs for p in d.problems),
        "tables": tables_frame((t for d in docs for t in d.tables),
                               {k: v for d in docs for k, v in d.datasets.table_kinds.items()},
                               {k: v for d in docs for k, v in d.datasets.table_places.items()}),
        **dataset_frames(docs),
        "assessments": assessments_frame(docs),
        "text_tags": text_tags_frame(docs),
        "claims": claims_frame(docs),
        "documents": documents_frame(docs),
    }
    written = write_dataset(args.out, frames)
    validation = args.out / "validation"
    validation.mkdir(parents=True, exist_ok=True)
    # Data Docs are built aside and swapped in whole, like every other output.
    building = validation / f".gx_data_docs.tmp-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    expected_failures, expectations = run_suites(frames, building)
    replace_folder(validation / "gx_data_docs", building)
    report = write_report(args.out, args.raw_dir, [*all_checks(written), *expected_failures],
                          [*CHECKS, *expectations])
    outputs = [f"dataset/{name}.{ext}" for name in written for ext in ("csv", "parquet")]
    outputs += ["warehouse.duckdb", "validation/results.json", "validation/index.html"]
    return failed_checks(report), outputs


def run_load(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Per-report tables of a dataset folder into a warehouse, replacing those reports."""
    import pandas as pd

    from pipeline.warehouse import PER_REPORT, WarehouseError, load

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
        return EXIT_USAGE
    print("loaded: " + ", ".join(f"{name} {n}" for name, n in result.tables.items()))
    return EXIT_OK


def summary_line(run: RunResult, failed: int = 0) -> str:
    docs = run.documents
    pages = sum(d.pages for d in docs)
    tables = sum(len(d.tables) for d in docs)
    cells = sum(len(d.observations) for d in docs)
    problems = sum(len(d.problems) for d in docs)
    typed = ", ".join(f"{name} {sum(len(getattr(d.datasets, name)) for d in docs)}"
                      for name in ("measures", "finances", "volumes", "key_figures",
                                   "personnel"))
    return (f"summary: {len(docs)} files ({run.failed} unreadable), {pages} pages, "
            f"{tables} tables, {cells} cells ({typed}), {problems} problems, "
            f"{failed} failed checks, {run.seconds:.1f} seconds")


def run_crosscheck(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Exit 0 when camelot reads the same numbers on every page asked for, else 1."""
    if not args.file.is_file():
        parser.error(f"FILE {args.file} does not exist")
    from pipeline.crosscheck import crosscheck_page
    from pipeline.extract import extract_document

    result = extract_document(args.file, args.file.parent)
    if not result.readable:
        print(f"error: {result.problems[0].message}", file=sys.stderr)
        return EXIT_UNREADABLE
    all_agree = True
    for page in args.page:
        check = crosscheck_page(result, args.file, page)
        all_agree &= check.agrees
        print(f"page {page}: {check.agreed} values agree; only ours "
              f"{sorted(check.only_ours.elements())}; only camelot "
              f"{sorted(check.only_camelot.elements())}")
    return EXIT_OK if all_agree else EXIT_UNREADABLE


def run_debug(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.file.is_file():
        parser.error(f"FILE {args.file} does not exist")
    from pipeline.debug import draw_page
    from pipeline.pdf import DocumentError

    out = args.out or Path(f"{args.file.stem}-p{args.page}.png")
    try:
        n_tables = draw_page(args.file, args.page, out, scale=args.scale)
    except DocumentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except IndexError as exc:
        parser.error(str(exc))
    print(f"{out}: page {args.page}, {n_tables} tables drawn")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
