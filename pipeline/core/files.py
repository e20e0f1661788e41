"""Files: a file's sha256, and the one way this project replaces a file or link atomically."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def replace_atomically(path: Path, make: Callable[[Path], None]) -> None:
    """`make(tmp)` writes a file (or a link) beside `path`, then one rename puts it in place:
    a reader sees the old or the new one, never half of one. The temporary name starts with a
    dot and carries the process id, so two processes never write the same one."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)  # a file or link a killed run of this pid left
    try:
        make(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
