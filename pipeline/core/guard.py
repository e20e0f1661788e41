"""Guards around the seams: one stage of one document, or one run-level stage.

An exception inside a guarded stage becomes a `stage_failed` problem that names the stage,
the exception and, where known, the page; the caller gets the stage's fallback (what the
earlier stages gave) and the run goes on. Bounds are not caught here: running out of memory
or time is the runner's to report (`file_too_big`, `page_timeout`), and Ctrl-C stops the run.

`PIPELINE_DEBUG=1` (or `pipeline extract --debug`) re-raises instead, for developers.
"""

from __future__ import annotations

import errno
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from pipeline.core.catalogue import ProblemCode
from pipeline.core.records import Problem, Source

DEBUG_ENV = "PIPELINE_DEBUG"
T = TypeVar("T")
F = TypeVar("F")


# A full disk or a read-only file system, however a library words it: a fault of the output,
# never a stage's failure. Guards let it through, and the run stops with the previous outputs
# as they were.
FAULT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG})
FAULT_WORDS = ("No space left on device", "Read-only file system", "Disk quota exceeded",
               "File too large")


def output_fault(exc: BaseException) -> bool:
    return (isinstance(exc, OSError) and exc.errno in FAULT_ERRNOS) or any(
        word in str(exc) for word in FAULT_WORDS)


def debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no")


def where_raised(exc: BaseException) -> str:
    """Where the exception came from: the innermost frame of our own code (not this
    module's), and the innermost frame of all when that lies elsewhere (in a library)."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    here = os.path.basename(__file__)
    ours = [f for f in frames if "/pipeline/" in f.filename.replace(os.sep, "/")
            and os.path.basename(f.filename) != here]
    places = [f for f in (ours[-1] if ours else None, frames[-1]) if f is not None]
    shown = dict.fromkeys(f"{os.path.basename(f.filename)}:{f.lineno}" for f in places)
    return " in ".join(shown)


def describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:300]
    at = where_raised(exc)
    return f"{type(exc).__name__}: {text}" + (f" (at {at})" if at else "")


@dataclass
class Guard:
    """Collects the problems of the stages it runs. `source` is None for run-level stages,
    whose problems name no file."""

    source: Source | None = None
    problems: list[Problem] = field(default_factory=list)
    raises: bool = False  # a library caller that wants the exception itself

    def run(self, stage: str, fn: Callable[[], T], fallback: F, page: int | None = None,
            what: str = "") -> T | F:
        """fn(), or `fallback` and a problem when it raises."""
        try:
            return fn()
        except MemoryError:
            raise
        except Exception as exc:
            if self.raises or debugging() or output_fault(exc):
                raise
            self.problems.append(self.failure(stage, exc, page, what))
            return fallback

    def failure(self, stage: str, exc: BaseException, page: int | None = None,
                what: str = "") -> Problem:
        file = self.source.file if self.source else ""
        sha = self.source.sha256 if self.source else ""
        place = f"{file}, page {page}" if file and page else file or (
            f"page {page}" if page else "the run")
        kept = ("the document keeps what the earlier stages gave" if self.source
                else "the other outputs are still written")
        subject = f" ({what})" if what else ""
        return Problem(file, sha, page, stage, ProblemCode.STAGE_FAILED,
                       f"{place}: stage '{stage}'{subject} failed with {describe(exc)}; "
                       f"{kept}. Run with --debug (PIPELINE_DEBUG=1) to see the traceback.")
