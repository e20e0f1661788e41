"""Run the extraction of many files as tasks: in this process, in a local process pool, or on
a Dask cluster, with the same tasks and the same results.

A file is read in chunks of pages (`read_pages`), so that the pages of one large file spread
over the workers; when all its chunks are in, one more task (`finish_document`) joins its
tables across pages and types them. A file of one chunk is read and finished in one task.
Results come back in file order, whatever the finishing order, so a run is identical
whichever way it is scheduled.

PDFs are untrusted: each page has a time bound (SIGALRM, where the task runs on a process's
main thread), each file a time bound checked between pages, and each pool worker a memory
bound (RLIMIT_AS). When a worker dies anyway, the tasks it may have held run again one at a
time, and the one that kills its worker is reported. Whatever goes wrong becomes a problems
row; the run goes on.
"""

from __future__ import annotations

import heapq
import itertools
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from pipeline.core.catalogue import ProblemCode
from pipeline.core.guard import debugging
from pipeline.core.records import PageLayout, Problem, Source
from pipeline.document import DocumentResult, document_from_pages
from pipeline.read import ocr  # through the module: tests stand in for Tesseract there
from pipeline.read.objects import page_layout
from pipeline.read.pdf import (
    MAX_EDGE_OBJECTS,
    BrokenPage,
    CorruptPdf,
    DocumentError,
    active_content,
    check_streams,
    content_damage,
    open_pdf,
    page_frame,
    page_list,
    read_page,
)
from pipeline.read.pdfium import PdfiumDocument, ReaderMismatch, TooManyGlyphs
from pipeline.read.render import glyph_counts
from pipeline.swedish.numbers import spaced

CHUNK_PAGES = 16  # pages per task: big files spread over workers, small ones stay whole
MIN_TEXT_CHARS = 20  # a page with less text than this is treated as scanned
MIN_ROTATED_WORDS = 20  # fewer vertical words are axis titles and margin notes
MIN_GARBLED_CHARS = 5  # fewer undecodable characters are a stray symbol glyph
GARBLED_SHARE = 0.01  # ... or under this share of the page's characters
OPEN_SECONDS = 30.0  # opening and listing pages gets at least this (a big file needs some)


@dataclass(frozen=True)
class Limits:
    """Bounds for one hostile file."""

    page_seconds: float = 120.0
    file_seconds: float = 1800.0
    memory_mb: int = 6144  # per pool worker; spaCy and pdfplumber need about 1 GB
    ocr: bool = True  # read scanned pages with Tesseract when it is installed
    page_glyphs: int = 100_000  # a dense page of text has 10 000; pdfminer needs a minute
    # and gigabytes for a million
    reader: str = "pdfium"  # or "pdfplumber", the reference reader (read.pdfium says how
    # the two agree)

    @property
    def inflated_bytes(self) -> int:
        """The most one stream of a file may inflate to: a quarter of the memory bound,
        as pdfminer holds a content stream whole, and more than once."""
        return self.memory_mb * (1 << 20) // 4


@dataclass
class PagesRead:
    """One chunk of a file's pages, read."""

    source: Source
    first: int
    pages_total: int = 0
    layouts: list[PageLayout] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    seconds: float = 0.0


class PageTimeout(BaseException):
    """A time bound ran out. Not an Exception: the stage guards and the libraries' own
    `except Exception` must let it through to the bound that set it."""


@contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Raise PageTimeout after `seconds`, where a signal can be delivered (the main thread
    of a process); elsewhere (Dask's worker threads) only the between-page checks bound."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise PageTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_pages(path: str, source: Source, first: int, count: int | None,
               password: str | None, limits: Limits) -> PagesRead:
    """Pages first .. first+count-1 (1-based; all the rest when count is None). The first
    chunk also checks the whole file: its streams' inflated size and its active content."""
    started = time.perf_counter()
    out = PagesRead(source, first)
    try:
        with ExitStack() as opened:
            pdf, pages = _open(opened, Path(path), source, first, password, limits,
                               out.problems)
            out.pages_total = len(pages)
            last = out.pages_total if count is None else min(out.pages_total, first + count - 1)
            _read_range(pdf, pages, path, source, first, last, password, limits, started, out)
    except DocumentError as exc:
        out.readable = False
        out.problems.append(Problem(source.file, source.sha256, None, "read", exc.code,
                                    str(exc)))
    except PageTimeout:
        out.readable = False
        out.problems.append(_problem(
            source, None, ProblemCode.FILE_TIMEOUT,
            f"its structure (cross-references, page tree) could not be read within "
            f"{max(limits.page_seconds, OPEN_SECONDS):g} s (a loop in it?); not read"))
    except MemoryError:
        out.readable = False
        out.problems.append(_problem(
            source, None, ProblemCode.FILE_TOO_BIG,
            f"needs more than the worker's {limits.memory_mb} MB of memory; not read"))
    out.seconds = time.perf_counter() - started
    return out


def _open(opened: ExitStack, path: Path, source: Source, first: int, password: str | None,
          limits: Limits, problems: list[Problem]) -> tuple[Any, list[Any]]:
    """The open document and its pages, within a time bound: a loop in a damaged file's
    structure must not hang the run before the first page. Anything pdfminer raises
    here means the file cannot be used (CorruptPdf)."""
    bound = max(limits.page_seconds, OPEN_SECONDS)
    try:
        with time_bound(bound):
            whole = first == 1  # the other chunks' tasks start only when this one is read
            actions = whole and check_streams(path, limits.inflated_bytes)
            pdf = opened.enter_context(open_pdf(path, password))
            pages = page_list(pdf, path.name)
            active = active_content(pdf, pages) if actions else []
    except (DocumentError, MemoryError):
        raise
    except Exception as exc:  # pdfminer, on a file damaged in a way it did not foresee
        raise CorruptPdf(f"{path.name}: cannot be parsed ({type(exc).__name__}: {exc}); "
                         "get a fresh copy.") from exc
    if active:
        problems.append(_problem(source, None, ProblemCode.ACTIVE_CONTENT,
                                 f"it holds {'; '.join(active[:5])}"
                                 f"{f' and {len(active) - 5} more' if len(active) > 5 else ''}"
                                 ": JavaScript/launch actions were ignored, never run (its "
                                 "text and tables were read as usual)"))
    return pdf, pages


def _read_range(pdf: Any, pages: list[Any], path: str, source: Source, first: int, last: int,
                password: str | None, limits: Limits, started: float, out: PagesRead) -> None:
    with ExitStack() as stack:
        fast = _pdfium(stack, path, password, len(pages), limits)
        numbers = range(first, last + 1)
        # PDFium counts a page's glyphs as it reads it; for pdfminer they are counted first.
        glyphs = {} if fast else glyph_counts(Path(path), numbers, password)
        _read_numbers(pages, numbers, path, source, password, limits, started, out, glyphs,
                      partial(_read_fast, fast, limits) if fast else read_page)


def _pdfium(stack: ExitStack, path: str, password: str | None, pages: int,
            limits: Limits) -> PdfiumDocument | None:
    """The document opened by PDFium when it is the reader and sees the same pages as
    pdfminer; else None, and pdfplumber reads it."""
    if limits.reader != "pdfium":
        return None
    try:
        return stack.enter_context(PdfiumDocument(Path(path), password, pages))
    except ReaderMismatch:
        return None


def _read_fast(fast: PdfiumDocument, limits: Limits, page: Any, source: Source) -> PageLayout:
    """A page read by PDFium; by pdfplumber where PDFium fails on it."""
    try:
        objects = fast.objects(page_frame(page), limits.page_glyphs)
    except ReaderMismatch:
        return read_page(page, source)
    return page_layout(objects, source)


def _read_numbers(pages: list[Any], numbers: range, path: str, source: Source,
                  password: str | None, limits: Limits, started: float, out: PagesRead,
                  glyphs: dict[int, int], read: Callable[[Any, Source], PageLayout]) -> None:
    last = numbers[-1] if numbers else 0
    for number in numbers:
        if time.perf_counter() - started > limits.file_seconds:
            out.problems.append(_problem(
                source, number, ProblemCode.FILE_TIMEOUT,
                f"reading stopped before page {number}: pages {number}-{last} were "
                f"not read, as the file took longer than {limits.file_seconds:g} s"))
            break
        layout = _read_one(pages[number - 1], source, limits, out.problems,
                           glyphs.get(number, 0), read)
        if layout is not None:
            out.layouts.append(_with_ocr(layout, path, password, limits, out.problems))


def read_first(path: str, source: Source, count: int, password: str | None,
               limits: Limits) -> DocumentResult | PagesRead:
    """A file's first chunk of pages. A file no longer than one chunk is finished in the same
    task (its DocumentResult is returned), so that its pages never travel between
    processes; for a longer one the PagesRead says how many pages there are."""
    read = read_pages(path, source, 1, count, password, limits)
    if not read.readable or read.pages_total <= count:
        return finish_document(source, [read], limits)
    return read


def _read_one(page: Any, source: Source, limits: Limits, problems: list[Problem],
              glyphs: int = 0, read: Callable[[Any, Source], PageLayout] = read_page
              ) -> PageLayout | None:
    """One page's layout, or None and a problem that says why it was not read. `glyphs`
    is the page's character count as pdfium counts it (cheaply, before pdfminer)."""

    number = page.page_number
    if isinstance(page, BrokenPage):
        problems.append(_problem(source, number, ProblemCode.PAGE_UNREADABLE,
                                 f"page {number} could not be read ({page.error}); the "
                                 "other pages were extracted"))
        return None
    if glyphs > limits.page_glyphs:
        page.close()
        problems.append(_too_many_glyphs(source, number, glyphs, limits))
        return None
    started = time.perf_counter()
    try:
        with time_bound(limits.page_seconds):
            damage = content_damage(page)
            layout = read(page, source)
    except TooManyGlyphs as exc:
        problems.append(_too_many_glyphs(source, number, exc.count, limits))
        return None
    except MemoryError:
        problems.append(_problem(source, number, ProblemCode.PAGE_TOO_BIG,
                                 f"page {number} needs more than the worker's "
                                 f"{limits.memory_mb} MB of memory and was skipped"))
        return None
    except (Exception, PageTimeout) as exc:
        # pdfminer may wrap the alarm in its own exception: the clock tells what it was.
        late = time.perf_counter() - started >= limits.page_seconds
        if isinstance(exc, PageTimeout) or late:
            problems.append(_problem(source, number, ProblemCode.PAGE_TIMEOUT,
                                     f"page {number} took longer than {limits.page_seconds:g}"
                                     " s to read (tens of thousands of objects?) and was "
                                     "skipped"))
        else:  # one bad page must not cost the others
            problems.append(_problem(source, number, ProblemCode.PAGE_UNREADABLE,
                                     f"page {number} could not be read ({type(exc).__name__}: "
                                     f"{exc}); the other pages were extracted"))
        return None
    finally:
        page.close()
    if damage:
        problems.append(_problem(source, number, ProblemCode.PAGE_DAMAGED,
                                 f"page {number}: {'; '.join(damage)}: what could be read of "
                                 "it was read (get a fresh copy of the file)"))
    if layout.turned:
        runs = "up" if layout.turned > 0 else "down"
        problems.append(_problem(source, number, ProblemCode.PAGE_TURNED,
                                 f"page {number}: its text runs {runs}; it was read turned a "
                                 "quarter upright, and its positions are those of the turned "
                                 "page"))
    if layout.drawn_objects > MAX_EDGE_OBJECTS:
        problems.append(_problem(source, number, ProblemCode.MANY_OBJECTS,
                                 f"page {number} draws {layout.drawn_objects} lines and "
                                 "rectangles: its text was read, but no ruled grid was "
                                 "looked for among them"))
    if layout.garbled_chars >= max(MIN_GARBLED_CHARS, layout.chars * GARBLED_SHARE):
        problems.append(_problem(source, number, ProblemCode.GARBLED_TEXT,
                                 f"page {number}: {spaced(layout.garbled_chars)} of its "
                                 f"{spaced(layout.chars)} characters could not be decoded "
                                 "(their font is missing or damaged, or has no character "
                                 "map): its text may be garbled or run together; check its "
                                 "values on the page"))
    if layout.rotated_words >= MIN_ROTATED_WORDS:
        problems.append(_problem(source, number, ProblemCode.ROTATED_TEXT,
                                 f"page {number}: {layout.rotated_words} words set vertically "
                                 "beside upright text were not read"))
    return layout


def _too_many_glyphs(source: Source, number: int, glyphs: int, limits: Limits) -> Problem:
    return _problem(source, number, ProblemCode.TOO_MANY_GLYPHS,
                    f"page {number} holds {spaced(glyphs)} characters, more than the bound "
                    f"of {spaced(limits.page_glyphs)} (a dense page of text has about "
                    "10 000); it was not read")


def _with_ocr(layout: PageLayout, path: str, password: str | None, limits: Limits,
              problems: list[Problem]) -> PageLayout:
    """A page without a text layer read by OCR, or a problem that says how to enable it."""
    if sum(len(w.text) for w in layout.words) >= MIN_TEXT_CHARS:
        return layout
    source, number = layout.source, layout.page
    if not limits.ocr or ocr.tesseract() is None:
        why = "OCR is turned off (--no-ocr)" if not limits.ocr else ocr.HOW_TO_ENABLE
        problems.append(_problem(source, number, ProblemCode.NO_TEXT_LAYER,
                                 f"page {number} has no text layer (a scanned image) and was "
                                 f"not read: {why}"))
        return layout
    try:
        words = ocr.ocr_words(Path(path), number, password, timeout=limits.page_seconds)
    except Exception as exc:
        problems.append(_problem(source, number, ProblemCode.OCR_FAILED,
                                 f"page {number} has no text layer and OCR failed "
                                 f"({type(exc).__name__}: {exc})"))
        return layout
    if sum(len(w.text) for w in words) < MIN_TEXT_CHARS:
        return layout  # a picture or an empty page: nothing to read, nothing to report
    problems.append(_problem(source, number, ProblemCode.READ_BY_OCR,
                             f"page {number} has no text layer; its {len(words)} words were "
                             "read by OCR (Tesseract, Swedish): check its values on the page"))
    return replace(layout, words=tuple(words), ocr=True)


def _problem(source: Source, page: int | None, code: str, message: str) -> Problem:
    return Problem(source.file, source.sha256, page, "read", code, f"{source.file}: {message}")


def finish_document(source: Source, reads: Sequence[PagesRead],
                    limits: Limits) -> DocumentResult:
    """A file's chunks, in page order, into its DocumentResult."""
    started = time.perf_counter()
    ordered = sorted(reads, key=lambda r: r.first)
    problems = [p for r in ordered for p in r.problems]
    pages = max((r.pages_total for r in ordered), default=0)
    if not all(r.readable for r in ordered):
        return DocumentResult(source, pages=pages, problems=problems, readable=False,
                              seconds=sum(r.seconds for r in ordered))
    layouts = [lay for r in ordered for lay in r.layouts]
    try:
        with time_bound(limits.file_seconds):
            result = document_from_pages(source, layouts)
    except (PageTimeout, MemoryError) as exc:
        what = "time" if isinstance(exc, PageTimeout) else "memory"
        code = ProblemCode.FILE_TIMEOUT if what == "time" else ProblemCode.FILE_TOO_BIG
        problems.append(_problem(source, None, code, f"its tables could not be assembled within "
                                 f"the worker's {what} bound; its pages are listed as read"))
        return DocumentResult(source, pages=pages, problems=problems,
                              seconds=sum(r.seconds for r in ordered))
    result.pages = pages
    result.problems = problems + result.problems
    result.seconds = sum(r.seconds for r in ordered) + time.perf_counter() - started
    return result


# -- scheduling ------------------------------------------------------------------------------


class InlineExecutor(Executor):
    """Runs each task when it is submitted: the serial run, through the same code."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the caller like a pool's failure
            future.set_exception(exc)
        return future


def _limit_memory(megabytes: int) -> None:
    """Pool worker initializer: a file that needs more memory raises MemoryError here
    instead of taking the machine down."""
    try:

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: no bound
        pass


def local_pool(workers: int, limits: Limits,
               before_fork: Callable[[], None] = lambda: None) -> Callable[[], Executor]:
    """A factory of local process pools (an inline one for a single worker). `before_fork`
    runs before each pool is made: a child forked while a thread of this process is
    inside an import can deadlock on the import's lock, so such a thread is waited for."""
    if workers <= 1:
        return InlineExecutor

    def make() -> Executor:
        before_fork()
        return ProcessPoolExecutor(max_workers=workers, initializer=_limit_memory,
                                   initargs=(limits.memory_mb,))
    return make


class _DaskExecutor(Executor):
    """The client's concurrent.futures view, closing the connection when done."""

    def __init__(self, address: str) -> None:
        from distributed import Client

        self.client = Client(address)
        self.inner = self.client.get_executor(pure=False)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = self.inner.submit(fn, *args, **kwargs)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.inner.shutdown(wait=wait)
        self.client.close()


def dask_pool(address: str) -> Callable[[], Executor]:
    """Tasks on a Dask distributed scheduler ("tcp://host:8786"); its workers' own memory
    limit (the nanny) bounds memory there."""
    return lambda: _DaskExecutor(address)


@dataclass
class _Task:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kind: str  # "pages" or "finish"
    path: str
    first: int = 1  # for "pages": the first page and how many
    count: int | None = None


def measured(fn: Callable[..., Any], *args: Any) -> tuple[Any, tuple[int, int]]:
    """A task's value, and the process that ran it with its peak resident memory so far
    (kB), for the run's statistics (`pipeline extract --stats`)."""
    value = fn(*args)
    return value, (os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def run_tasks(paths: Sequence[Path], sources: Sequence[Source],
              make_executor: Callable[[], Executor], password: str | None, limits: Limits,
              on_pages: Callable[[int, int], None] | None = None,
              on_document: Callable[[DocumentResult], None] | None = None,
              chunk_pages: int = CHUNK_PAGES,
              on_pending: Callable[[int], None] | None = None,
              peaks: dict[int, int] | None = None,
              slots: int | None = None) -> list[DocumentResult]:
    """Every file's DocumentResult, in the order of `paths`. `on_pages(read, newly_known)`
    reports pages read and pages newly counted; `on_document(result)` each finished file;
    `on_pending(n)` hears how many tasks are out, each time that changes (a local pool's
    workers are forked with the first); `peaks` gets each worker's peak resident memory
    (kB, by process id).

    With `slots` (a local pool's workers), no more tasks than that are out at a time, and
    the next is the one of the largest file: its pages and its finishing then start first,
    and the small files fill in around it (a big report finished last would leave every
    other worker idle). Without, every task goes out as soon as it can run."""
    peaks = {} if peaks is None else peaks

    def note_peak(pid: int, kb: int) -> None:
        peaks[pid] = max(kb, peaks.get(pid, 0))

    reads: dict[str, list[PagesRead]] = {str(p): [] for p in paths}
    expected: dict[str, int] = {}
    results: dict[str, DocumentResult] = {}
    source_of = {str(p): s for p, s in zip(paths, sources, strict=True)}
    pending: dict[Future[Any], _Task] = {}
    ready: list[tuple[float, int, _Task]] = []  # by the size of the task's file, largest first
    pages_of: dict[str, int] = {}  # each file's pages, once its first chunk is read
    order = itertools.count()  # among tasks of files alike, the first made goes first
    executor = make_executor()

    def submit(task: _Task) -> None:
        heapq.heappush(ready, (-_weight(task.path, pages_of), next(order), task))

    def dispatch() -> None:
        while ready and (slots is None or len(pending) < slots):
            task = heapq.heappop(ready)[2]
            pending[executor.submit(measured, task.fn, *task.args)] = task

    def pages_task(path: str, first: int, count: int | None) -> _Task:
        return _Task(read_pages, (path, source_of[path], first, count, password, limits),
                     "pages", path, first, count)

    try:
        for path in reads:
            submit(_Task(read_first, (path, source_of[path], chunk_pages, password, limits),
                         "pages", path, 1, chunk_pages))
        dispatch()
        while pending:
            if on_pending is not None:
                on_pending(len(pending) + len(ready))
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            broken: list[_Task] = []
            for future in done:
                task = pending.pop(future)
                try:
                    value, peak = future.result()
                    note_peak(*peak)
                except BrokenProcessPool:
                    broken.append(task)
                    continue
                except Exception as exc:  # the task itself failed: report, go on
                    if debugging():
                        raise
                    value = _failed(task, source_of[task.path], exc)
                if isinstance(value, PagesRead) and value.first == 1:
                    pages_of[task.path] = value.pages_total
                _settle(task, value, reads, expected, results, submit, pages_task, limits,
                        chunk_pages, on_pages, on_document)
            if broken or _pool_broken(executor):
                # A worker died (killed for memory, or crashed in native code) and took the
                # pool with it: each task that was in flight runs again alone, so that the
                # one that kills its worker is found and reported, and the others are read.
                suspects = broken + list(pending.values())
                pending.clear()
                executor.shutdown(wait=False, cancel_futures=True)
                executor = make_executor()
                for task in suspects:
                    value = _run_alone(make_executor, task, source_of[task.path])
                    _settle(task, value, reads, expected, results, submit, pages_task, limits,
                            chunk_pages, on_pages, on_document)
            dispatch()
    finally:
        executor.shutdown(wait=True)
    return [results[str(p)] for p in paths]


BYTES_PER_PAGE = 30_000  # a report's page, roughly: a file's size before its pages are counted


def _weight(path: str, pages: dict[str, int]) -> float:
    """How much work a file is: its pages, once counted; else guessed from its size."""
    if path in pages:
        return float(pages[path])
    try:
        return os.stat(path).st_size / BYTES_PER_PAGE
    except OSError:
        return 0.0


def _run_alone(make_executor: Callable[[], Executor], task: _Task,
               source: Source) -> DocumentResult | PagesRead:
    alone = make_executor()
    try:
        value, _ = alone.submit(measured, task.fn, *task.args).result()
        return value
    except BrokenProcessPool:
        return _failed(task, source, None)
    except Exception as exc:
        if debugging():
            raise
        return _failed(task, source, exc)
    finally:
        alone.shutdown(wait=True)


def _pool_broken(executor: Executor) -> bool:
    return bool(getattr(executor, "_broken", False))


def _failed(task: _Task, source: Source,
            exc: BaseException | None) -> DocumentResult | PagesRead:
    why = (f"{type(exc).__name__}: {exc}" if exc is not None
           else "it kills the worker that reads it (out of memory, or a crash in native "
           "code)")
    if task.kind == "pages":
        first, count = task.first, task.count
        read = PagesRead(source, first)
        read.problems.append(_problem(source, first, ProblemCode.WORKER_FAILED,
                                      f"pages from {first}"
                                      f"{'' if count is None else f' (up to {count})'} could "
                                      f"not be read: {why}"))
        return read
    return DocumentResult(source, problems=[_problem(source, None, ProblemCode.WORKER_FAILED,
                                                     f"its tables could not be assembled: {why}")])


def _settle(task: _Task, value: DocumentResult | PagesRead, reads: dict[str, list[PagesRead]],
            expected: dict[str, int],
            results: dict[str, DocumentResult], submit: Callable[[_Task], None],
            pages_task: Callable[[str, int, int | None], _Task], limits: Limits,
            chunk_pages: int, on_pages: Callable[[int, int], None] | None,
            on_document: Callable[[DocumentResult], None] | None) -> None:
    path = task.path
    if not isinstance(value, PagesRead):  # finished (a short file: in its first task)
        if task.kind != "finish" and on_pages is not None:
            on_pages(value.pages, value.pages)  # read and finished in one task
        results[path] = value
        if on_document is not None:
            on_document(value)
        return
    read: PagesRead = value
    reads[path].append(read)
    newly = 0
    if read.first == 1:
        rest = range(1 + chunk_pages, read.pages_total + 1, chunk_pages)
        expected[path] = 1 + (len(rest) if read.readable else 0)
        newly = read.pages_total
        for first in rest if read.readable else ():
            submit(pages_task(path, first, chunk_pages))
    if on_pages is not None:
        on_pages(len(read.layouts), newly)
    if len(reads[path]) == expected.get(path, -1):
        submit(_Task(finish_document, (read.source, reads.pop(path), limits), "finish", path))
        reads[path] = []

