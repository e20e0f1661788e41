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
from pathlib import Path

from pipeline import __version__
from pipeline.extract import DocumentResult, RunResult, extract_document, extract_folder

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, EXIT_CHECKS_FAILED = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"pipeline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ext = sub.add_parser("extract", help="read every PDF below RAW_DIR into OUT_DIR")
    ext.add_argument("raw_dir", type=Path, metavar="RAW_DIR")
    ext.add_argument("--out", type=Path, default=Path("extracted"), metavar="OUT_DIR")
    ext.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                     help="processes that read files in parallel (default: all cores)")
    ext.add_argument("--password", default=None, help="password for encrypted PDFs")
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


def run_extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.raw_dir.is_dir():
        parser.error(f"RAW_DIR {args.raw_dir} is not a folder; give the folder of report PDFs")
    if args.workers < 1:
        parser.error("--workers must be 1 or more")
    from pipeline.store import (
        assessments_frame,
        claims_frame,
        dataset_frames,
        documents_frame,
        observations_frame,
        problems_frame,
        tables_frame,
        text_tags_frame,
        write_dataset,
    )

    run = _extract_all(args.raw_dir, args.workers, args.password, quiet=args.quiet)
    docs = run.documents
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
    from pipeline.checks import all_checks
    from pipeline.expect import run_suites
    from pipeline.validation import CHECKS, failed_checks, write_report

    data_docs = args.out / "validation" / "gx_data_docs"
    shutil.rmtree(data_docs, ignore_errors=True)
    expected_failures, expectations = run_suites(frames, data_docs)
    report = write_report(args.out, args.raw_dir, [*all_checks(written), *expected_failures],
                          [*CHECKS, *expectations])
    print(summary_line(run, failed_checks(report)), flush=True)
    if run.failed:
        return EXIT_UNREADABLE
    return EXIT_CHECKS_FAILED if args.strict and failed_checks(report) else EXIT_OK


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


def _extract_all(raw_dir: Path, workers: int, password: str | None, quiet: bool) -> RunResult:
    def report(n: int, total: int, result: DocumentResult) -> None:
        if quiet:
            return
        status = "unreadable" if not result.readable else (
            f"{result.pages} pages, {len(result.tables)} tables, "
            f"{len(result.observations)} cells, {len(result.problems)} problems")
        print(f"[{n}/{total}] {result.source.file}: {status} ({result.seconds:.1f} s)",
              file=sys.stderr, flush=True)

    return extract_folder(raw_dir, workers, password, on_document=report)


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
