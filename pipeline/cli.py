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
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.guard import DEBUG_ENV, STAGE_FAILED, debugging, describe, output_fault

if TYPE_CHECKING:  # the extraction imports spaCy: not needed to find that nothing is new
    from pipeline.extract import DocumentResult, RunResult

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, EXIT_CHECKS_FAILED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # as a shell reports Ctrl-C



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
    ext.add_argument("--debug", action="store_true",
                     help="let a failing stage raise with its traceback instead of becoming "
                          "a problems row (as PIPELINE_DEBUG=1 does)")

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
                "debug": run_debug}
    try:
        return commands[args.command](args, parser)
    except KeyboardInterrupt:
        print(f"pipeline {args.command}: interrupted; the previous outputs are as they were",
              file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    except Exception as exc:
        # The last guard: no run ends in a traceback. The stages have their own guards, so
        # what gets here is a fault of OUT or a bug in the run's own plumbing.
        if debugging():
            raise
        what = ("cannot write its outputs" if output_fault(exc) else "stopped by an error")
        print(f"pipeline {args.command}: {what} ({describe(exc)}); the previous outputs are as "
              "they were. Run with --debug (PIPELINE_DEBUG=1) for the traceback.",
              file=sys.stderr, flush=True)
        return EXIT_UNREADABLE


# Read-stage problems that mean pages of a file were not read: the run exits 1 for them as
# for an unreadable file. (A page read by OCR, or turned upright, was read.) A page without
# text in a report that has text elsewhere is most often a picture; a report with no text
# at all was not read.
PAGES_LOST = frozenset({"page_unreadable", "page_timeout", "page_too_big", "file_timeout",
                        "file_too_big", "worker_failed", "ocr_failed", "too_many_glyphs",
                        "page_damaged", "decompression_bomb"})


def _lost_pages(doc: DocumentResult) -> bool:
    codes = [p.code for p in doc.problems]
    unscanned = codes.count("no_text_layer")
    return any(c in PAGES_LOST for c in codes) or (doc.pages > 0 and unscanned >= doc.pages)


def run_extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.raw_dir.is_dir():
        parser.error(f"RAW_DIR {args.raw_dir} is not a folder; give the folder of report PDFs")
    if args.workers < 1:
        parser.error("--workers must be 1 or more")
    if args.debug:
        os.environ[DEBUG_ENV] = "1"  # the pool's workers inherit it
    started = time.perf_counter()
    from pipeline.manifest import OutputError, holding

    try:
        with holding(args.out, note=lambda text: print(text, file=sys.stderr, flush=True)):
            return _extract_holding(args, started)
    except OutputError as exc:
        print(f"pipeline extract: {exc}", file=sys.stderr, flush=True)
        return EXIT_UNREADABLE


def _extract_holding(args: argparse.Namespace, started: float) -> int:
    """The run, with OUT held: what is new is read, the outputs are built in a new
    generation of OUT and published whole."""
    from pipeline.manifest import (
        Manifest,
        discover,
        file_hashes,
        pipeline_version,
        read_manifest,
        write_manifest,
    )

    found, skipped = discover(args.raw_dir)
    files, unreadable = file_hashes(args.raw_dir, found)
    skipped += unreadable
    paths = [p for p in found if p.relative_to(args.raw_dir).as_posix() in files]
    version = pipeline_version()
    options = {"password": bool(args.password), "ocr": not args.no_ocr,
               "skipped": [f"{s.code}:{s.path}" for s in skipped]}
    previous = read_manifest(args.out)
    if previous is not None and previous.unchanged(version, files, options, args.out):
        print(f"nothing new: {len(files)} files as in the last run "
              f"({time.perf_counter() - started:.1f} seconds)", flush=True)
        print(previous.summary, flush=True)
        return previous.exit_code
    run = _extract_incremental(args, paths, files, version)
    from pipeline.publish import stage_outputs
    from pipeline.records import Problem
    from pipeline.store import commit_generation, discard_generation, new_generation

    not_looked_into = [Problem(s.path, "", None, "discover", s.code, s.message)
                       for s in skipped]
    generation = new_generation(args.out)
    try:
        published = stage_outputs(generation, args.raw_dir, run.documents, not_looked_into)
        failed = [p for d in run.documents for p in d.problems if p.code == STAGE_FAILED]
        failed += published.problems
        lost = run.failed or skipped or failed or any(_lost_pages(d) for d in run.documents)
        code = EXIT_UNREADABLE if lost else EXIT_OK
        if code == EXIT_OK and args.strict and published.failed_checks:
            code = EXIT_CHECKS_FAILED
        run.seconds = time.perf_counter() - started
        extra = len(not_looked_into) + len(published.problems)
        summary = summary_line(run, published.failed_checks, code, extra)
        write_manifest(generation, Manifest(version, files, options, summary, code,
                                            published.outputs))
        commit_generation(args.out, generation)
    except BaseException:
        discard_generation(generation)
        raise
    print(summary, flush=True)
    if failed:
        print(f"pipeline extract: {_stages_failed(failed)}", file=sys.stderr, flush=True)
    return code


def _stages_failed(failed: list[Any]) -> str:
    """One line for the stages that failed: how many, the first one, where to read more."""
    first = failed[0]
    where = f"{first.source_file}, " if first.source_file else ""
    message = first.message.split("; ", 1)[0]
    return (f"{len(failed)} stage(s) failed, first {where}{first.stage}: {message[:200]}; the "
            "other outputs are written, and dataset/problems.csv lists each (stage_failed)")


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


def summary_line(run: RunResult, failed: int = 0, code: int = 0, more_problems: int = 0) -> str:
    """The run in one line; `code` is the command's own exit code (make turns any non-zero
    one into its own 2), `more_problems` the run-level stages' and discovery's."""
    docs = run.documents
    pages = sum(d.pages for d in docs)
    tables = sum(len(d.tables) for d in docs)
    cells = sum(len(d.observations) for d in docs)
    problems = sum(len(d.problems) for d in docs) + more_problems
    typed = ", ".join(f"{name} {sum(len(getattr(d.datasets, name)) for d in docs)}"
                      for name in ("measures", "finances", "volumes", "key_figures",
                                   "personnel"))
    return (f"summary: {len(docs)} files ({run.failed} unreadable), {pages} pages, "
            f"{tables} tables, {cells} cells ({typed}), {problems} problems, "
            f"{failed} failed checks, {run.seconds:.1f} seconds, exit {code}")


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
