"""The library's entry points: a folder of report PDFs into OUT, one file, or a list of files.

`extract_folder(raw, out, options)` does what `pipeline extract` does: reads what is new
(the rest comes from OUT's cache), builds every output in a new generation of OUT, publishes
it whole and returns a `RunResult`. It prints nothing but its progress bar (to stderr, only
when asked for); the CLI prints the result and returns its exit code.

Light on imports on purpose: the "nothing new" path must start and finish in well under
three seconds, so the extraction is imported only when there is something to read.
"""

from __future__ import annotations

import contextlib
import importlib
import re
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.core.catalogue import PAGES_LOST, ExitCode, ProblemCode
from pipeline.core.files import file_sha256
from pipeline.core.records import Problem, Source
from pipeline.output.manifest import (
    Manifest,
    ResultCache,
    discover,
    file_hashes,
    holding,
    pipeline_version,
    read_manifest,
    write_manifest,
)
from pipeline.quality.findings import Malformed, ReviewLog, read_reviews, reviews_digest

if TYPE_CHECKING:  # the extraction imports spaCy: not needed to find that nothing is new
    import pandas as pd

    from pipeline.document import DocumentResult
    from pipeline.run.runner import Limits

TYPED = ("measures", "finances", "volumes", "key_figures", "personnel")


def _to_stderr(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Options:
    """How a folder is read. The defaults are `pipeline extract`'s, except `workers` (the
    CLI's default is every core) and `quiet` (a library call shows no progress bar)."""

    workers: int = 1
    scheduler: str | None = None  # a Dask scheduler's address instead of local processes
    password: str | None = None
    page_timeout: float = 120.0  # seconds
    max_memory_mb: int = 6144  # per worker process
    ocr: bool = True
    reader: str = "pdfium"  # or "pdfplumber", the reference reader
    strict: bool = False  # an error finding no review settles makes the exit code 3
    reviews: Path | None = None  # the auditors' reviews file (the CLI: ./reviews.csv)
    quiet: bool = True
    note: Callable[[str], None] = _to_stderr  # where notes go (a held OUT, the cache)


@dataclass
class RunResult:
    """What a run did. `documents` holds this run's files (read now or taken from the
    cache); when nothing was new, it is empty and `unchanged` is True, and `summary` and
    `exit_code` are the last run's."""

    documents: list[DocumentResult]
    seconds: float
    out: Path | None = None
    summary: str = ""
    exit_code: int = ExitCode.OK  # an ExitCode; a last run's as its manifest holds it
    failed_checks: int = 0
    unchanged: bool = False
    n_files: int = 0  # the PDFs found (when unchanged, the last run's)
    stage_failures: list[Problem] = field(default_factory=list)
    # each process that read or finished files: its peak resident memory (kB, by pid)
    worker_peaks_kb: dict[int, int] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        """Files that could not be read at all."""
        return sum(1 for d in self.documents if not d.readable)

    def table(self, name: str) -> pd.DataFrame:
        """A dataset table as a pandas DataFrame, read from OUT/dataset."""
        import pandas as pd

        if self.out is None:
            raise ValueError("this result has no OUT folder; run extract_folder")
        return pd.read_parquet(self.out / "dataset" / f"{name}.parquet")


def extract_folder(raw_dir: Path, out_dir: Path, options: Options | None = None) -> RunResult:
    """Every PDF below raw_dir into out_dir: dataset/, validation/, warehouse.duckdb and
    manifest.json. Raises OutputError when OUT cannot be written (the previous outputs stay
    as they were); every other fault is a problems row."""
    options = options or Options()
    started = time.perf_counter()
    with holding(out_dir, note=options.note):
        return _extract_holding(Path(raw_dir), Path(out_dir), options, started)


def _extract_holding(raw_dir: Path, out_dir: Path, options: Options,
                     started: float) -> RunResult:
    """The run, with OUT held: what is new is read, the outputs are built in a new
    generation of OUT and published whole."""
    found, skipped = discover(raw_dir)
    files, unreadable = file_hashes(raw_dir, found)
    skipped += unreadable
    paths = [p for p in found if p.relative_to(raw_dir).as_posix() in files]
    version = pipeline_version()
    recorded = {"password": bool(options.password), "ocr": options.ocr,
                "reader": options.reader,
                "skipped": [f"{s.code}:{s.path}" for s in skipped],
                # A new review changes the report, not the reading: published again.
                "reviews": reviews_digest(options.reviews) if options.reviews else ""}
    previous = read_manifest(out_dir)
    if previous is not None and previous.unchanged(version, files, recorded, out_dir):
        code = strict_exit(previous.exit_code if previous.read_code is None
                           else previous.read_code, previous.open_errors, options.strict)
        summary = re.sub(r"exit \d+$", f"exit {int(code)}", previous.summary)
        return RunResult([], time.perf_counter() - started, out_dir, summary, code,
                         unchanged=True, n_files=len(files))
    run = _extract_incremental(out_dir, paths, files, version, options)
    run.n_files = len(files)
    from pipeline.output.store import commit_generation, discard_generation, new_generation
    from pipeline.run.publish import stage_outputs

    not_looked_into = [Problem(s.path, "", None, "discover", s.code, s.message)
                       for s in skipped]
    log = read_reviews(options.reviews) if options.reviews else ReviewLog()
    not_looked_into += [_malformed_review(options.reviews, m) for m in log.malformed]
    generation = new_generation(out_dir)
    try:
        published = stage_outputs(generation, raw_dir, run.documents, not_looked_into, log)
        failed = [p for d in run.documents for p in d.problems
                  if p.code == ProblemCode.STAGE_FAILED]
        failed += published.problems
        lost = run.failed or skipped or failed or any(lost_pages(d) for d in run.documents)
        code = ExitCode.UNREADABLE if lost else ExitCode.OK
        run.seconds = time.perf_counter() - started
        extra = len(not_looked_into) + len(published.problems)
        shown = strict_exit(code, published.open_errors, options.strict)
        run.summary = summary_line(run, published.failed_checks, shown, extra,
                                   published.open_errors)
        run.exit_code, run.failed_checks, run.stage_failures = (
            shown, published.failed_checks, failed)
        # The code without --strict is kept: a rerun with or without it decides again.
        write_manifest(generation, Manifest(version, files, recorded, run.summary, shown,
                                            published.outputs, published.open_errors, code))
        commit_generation(out_dir, generation)
    except BaseException:
        discard_generation(generation)
        raise
    return run


def strict_exit(code: int, open_errors: int, strict: bool) -> int:
    """With --strict, 3 for a run that read everything but has an error finding no review
    settles (false_alarm, explained)."""
    if code == ExitCode.OK and strict and open_errors:
        return ExitCode.CHECKS_FAILED
    return code


def _malformed_review(path: Path | None, bad: Malformed) -> Problem:
    return Problem("", "", None, "reviews", ProblemCode.REVIEW_MALFORMED,
                   f"{path}, line {bad.line}: not a review ({bad.why}); the line is kept in "
                   "the file and ignored", bad.text)


def lost_pages(doc: DocumentResult) -> bool:
    """Pages of the file were not read: a problem that loses pages, or no text on any page
    (a report with no text at all was not read; one page without text is most often a
    picture)."""
    codes = [p.code for p in doc.problems]
    unscanned = codes.count(ProblemCode.NO_TEXT_LAYER)
    return any(c in PAGES_LOST for c in codes) or (
        doc.pages > 0 and unscanned >= doc.pages)


def _extract_incremental(out_dir: Path, paths: list[Path], files: dict[str, str],
                         version: str, options: Options) -> RunResult:
    """Files whose sha256 the cache holds for this version are taken from it; the others
    are read, on the local pool or the Dask scheduler."""
    from pipeline.run.progress import Progress
    from pipeline.run.runner import Limits

    started = time.perf_counter()
    # A file read by the other reader is read again: the readers may differ a little.
    cache = ResultCache(out_dir, version if options.reader == "pdfium"
                        else f"{version}-{options.reader}")
    cached: dict[str, DocumentResult | None] = {name: cache.get(sha)
                                                for name, sha in files.items()}
    names = dict(zip(paths, files, strict=True))  # `files` is keyed in the order of `paths`
    todo = [p for p in paths if cached[names[p]] is None]
    progress = Progress(len(todo), quiet=options.quiet)
    if len(todo) < len(paths):
        progress.note(f"{len(paths) - len(todo)} of {len(paths)} files unchanged since the "
                      "last run: taken from the cache, not read again")
    limits = Limits(page_seconds=options.page_timeout, memory_mb=options.max_memory_mb,
                    ocr=options.ocr, reader=options.reader)
    sources = [Source(names[p], files[names[p]]) for p in todo]
    peaks: dict[int, int] = {}
    try:
        fresh = extract_files(todo, sources, options.workers, options.password, limits,
                              options.scheduler, on_document=progress.document,
                              on_pages=progress.pages, peaks=peaks)
    finally:
        progress.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    for result in fresh:
        cache.put(result.source.sha256, result)
        cached[result.source.file] = result
    cache.keep_only(set(files.values()))
    documents = [cached[name] for name in files]
    return RunResult([d for d in documents if d is not None], time.perf_counter() - started,
                     out_dir, worker_peaks_kb=peaks)


def summary_line(run: RunResult, failed: int = 0, code: int = 0, more_problems: int = 0,
                 open_errors: int = 0) -> str:
    """The run in one line; `code` is the command's own exit code (make turns any non-zero
    one into its own 2), `more_problems` the run-level stages' and discovery's, and
    `open_errors` the error findings no review settles."""
    docs = run.documents
    pages = sum(d.pages for d in docs)
    tables = sum(len(d.tables) for d in docs)
    cells = sum(len(d.observations) for d in docs)
    problems = sum(len(d.problems) for d in docs) + more_problems
    typed = ", ".join(f"{name} {sum(len(getattr(d.datasets, name)) for d in docs)}"
                      for name in TYPED)
    return (f"summary: {len(docs)} files ({run.failed} unreadable), {pages} pages, "
            f"{tables} tables, {cells} cells ({typed}), {problems} problems, "
            f"{failed} failed checks ({open_errors} open error findings), "
            f"{run.seconds:.1f} seconds, exit {int(code)}")


def extract_document(path: Path, raw_dir: Path, password: str | None = None,
                     limits: Limits | None = None) -> DocumentResult:
    """One file, in this process: all its pages, then the document."""
    from pipeline.run.runner import Limits, finish_document, read_pages

    limits = limits or Limits()
    source = Source(path.relative_to(raw_dir).as_posix(), file_sha256(path))
    read = read_pages(str(path), source, 1, None, password, limits)
    return finish_document(source, [read], limits)


def extract_files(paths: Sequence[Path], sources: Sequence[Source], workers: int,
                  password: str | None, limits: Limits, scheduler: str | None = None,
                  on_document: Callable[[int, int, DocumentResult], None] | None = None,
                  on_pages: Callable[[int, int], None] | None = None,
                  peaks: dict[int, int] | None = None) -> list[DocumentResult]:
    """Each file's DocumentResult, in the order of `paths`, read on `workers` local
    processes or on the Dask scheduler at `scheduler`; `peaks` gets each worker's peak
    resident memory (kB, by process id)."""
    from pipeline.run.runner import dask_pool, local_pool, run_tasks

    finished = 0

    def done(result: DocumentResult) -> None:
        nonlocal finished
        finished += 1
        if on_document is not None:
            on_document(finished, len(paths), result)

    preload = _Preload("great_expectations")
    pool = (dask_pool(scheduler) if scheduler
            else local_pool(workers, limits, before_fork=preload.wait))

    def idle(pending: int) -> None:
        # A core the workers leave idle (the last files being finished) imports it.
        if pending < workers:
            preload.start()
    local = workers > 1 and not scheduler
    return run_tasks(paths, sources, pool, password, limits, on_pages=on_pages,
                     on_document=done, on_pending=idle if local else None, peaks=peaks,
                     slots=workers if local else None)


class _Preload:
    """A module imported on a thread while the workers read, once a worker is idle: Great
    Expectations takes two seconds to import, which the validation after the reading
    would wait for."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.thread is None and self.module not in sys.modules:
            self.thread = threading.Thread(target=self._load, name=f"import {self.module}",
                                           daemon=True)
            self.thread.start()

    def _load(self) -> None:
        # A failure is met again, and reported, where the module is needed.
        with contextlib.suppress(Exception):
            importlib.import_module(self.module)

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
