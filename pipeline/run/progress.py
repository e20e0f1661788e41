"""Progress of a run: a bar over pages and files on a terminal (tqdm), plain lines
elsewhere (CI logs, pipes), nothing with --quiet."""

from __future__ import annotations

import os
import sys
from typing import Any


class Progress:
    def __init__(self, files: int, quiet: bool = False) -> None:
        self.files = files
        self.quiet = quiet
        self.bar: Any = None
        if not quiet and files and sys.stderr.isatty() and not os.environ.get("CI"):
            from tqdm import tqdm

            self.bar = tqdm(total=0, unit="page", desc=f"files 0/{files}", file=sys.stderr,
                            dynamic_ncols=True, leave=False)

    def pages(self, read: int, newly_counted: int) -> None:
        if self.bar is None:
            return
        if newly_counted:
            self.bar.total += newly_counted
            self.bar.refresh()
        self.bar.update(read)

    def document(self, done: int, total: int, result: Any) -> None:
        if self.bar is not None:
            self.bar.set_description(f"files {done}/{total}")
            return
        if self.quiet:
            return
        status = "unreadable" if not result.readable else (
            f"{result.pages} pages, {len(result.tables)} tables, "
            f"{len(result.observations)} cells, {len(result.problems)} problems")
        print(f"[{done}/{total}] {result.source.file}: {status} ({result.seconds:.1f} s)",
              file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        if self.quiet:
            return
        if self.bar is not None:
            self.bar.write(text, file=sys.stderr)
        else:
            print(text, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
