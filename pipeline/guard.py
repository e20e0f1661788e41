"""Guards around the seams: one stage of one document, or one run-level stage.

An exception inside a guarded stage becomes a `stage_failed` problem that names the stage,
the exception and, where known, the page; the caller gets the stage's fallback (what the
earlier stages gave) and the run goes on. Bounds are not caught here: running out of memory
or time is the runner's to report (`file_too_big`, `page_timeout`), and Ctrl-C stops the run.

`PIPELINE_DEBUG=1` (or `pipeline extract --debug`) re-raises instead, for developers.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from pipeline.records import Problem, Source

DEBUG_ENV = "PIPELINE_DEBUG"
STAGE_FAILED = "stage_failed"
T = TypeVar("T")
F = TypeVar("F")


def debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no")


def where_raised(exc: BaseException) -> str:
    """The innermost frame of our own code that the exception passed: file and line."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/pipeline/" in f.filename.replace(os.sep, "/")] or frames
    if not ours:
        return ""
    last = ours[-1]
    return f"{os.path.basename(last.filename)}:{last.lineno}"


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
            if self.raises or debugging():
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
        return Problem(file, sha, page, stage, STAGE_FAILED,
                       f"{place}: stage '{stage}'{subject} failed with {describe(exc)}; "
                       f"{kept}. Run with --debug (PIPELINE_DEBUG=1) to see the traceback.")
