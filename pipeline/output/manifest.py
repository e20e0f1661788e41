"""What the last run read, so that the next one reads only what is new.

`OUT/manifest.json` lists each file with its sha256, the pipeline version that read it and
the run's summary; `OUT/.cache/<version>/<sha256>.pickle` holds each file's extraction. A
file whose sha256 and pipeline version are unchanged is not read again; a changed file is
read and replaces its rows; a removed file's rows go (the dataset is written from the files
that are there). When nothing changed at all, the run ends at once.

Light on imports on purpose: the "nothing new" path must start and finish in well under
three seconds.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import pickle
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.core.catalogue import NOT_CACHED, ProblemCode
from pipeline.core.files import file_sha256, replace_atomically
from pipeline.core.resources import package_root

MANIFEST = "manifest.json"
CACHE = ".cache"
LOCK = ".lock"

class OutputError(Exception):
    """OUT_DIR cannot be written (full disk, read-only, no permission): the run stops and the
    previous outputs stay as they were."""


def output_error(exc: OSError, what: str) -> OutputError:
    reason = exc.strerror or type(exc).__name__
    place = f" ({exc.filename})" if exc.filename else ""
    return OutputError(f"cannot write {what}: {reason}{place}. The previous outputs are as "
                       "they were; free space, or give --out a folder you may write to.")


@dataclass(frozen=True)
class Skipped:
    """Something below RAW_DIR that was not read, and why: a problems row naming it."""

    path: str  # relative to RAW_DIR
    code: str
    message: str


def discover(raw_dir: Path) -> tuple[list[Path], list[Skipped]]:
    """Every PDF below raw_dir, in a stable order, and what could not be looked into. Links
    are not followed: a report is read only where it lies in RAW_DIR (a link may point
    anywhere on the machine, or back at its own folder)."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    folders = [raw_dir]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            skipped.append(_unreadable_folder(raw_dir, Path(folder), exc))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                if path.suffix.lower() == ".pdf" or _points_to_folder(path):
                    skipped.append(_link(raw_dir, path))
            elif entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif entry.is_file(follow_symlinks=False) and path.suffix.lower() == ".pdf":
                found.append(path)
    return sorted(found), sorted(skipped, key=lambda s: s.path)


def _relative(raw_dir: Path, path: Path) -> str:
    return path.relative_to(raw_dir).as_posix() if path != raw_dir else "."


def _unreadable_folder(raw_dir: Path, folder: Path, exc: OSError) -> Skipped:
    name = _relative(raw_dir, folder)
    return Skipped(name, ProblemCode.FOLDER_UNREADABLE,
                   f"{name}: the folder cannot be read ({exc.strerror or exc}); the PDFs in it "
                   "were not read. Give the run read access to it (chmod), or move them out.")


def _points_to_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a loop of links: ELOOP
        return True


def _link(raw_dir: Path, path: Path) -> Skipped:
    name = _relative(raw_dir, path)
    target = os.readlink(path)
    try:
        resolved = path.resolve(strict=True)
        where = ("inside RAW_DIR, where it is read as itself"
                 if resolved.is_relative_to(raw_dir.resolve()) else "outside RAW_DIR")
    except (OSError, RuntimeError):
        where = "nowhere that exists (a broken link, or a loop of links)"
    return Skipped(name, ProblemCode.LINK_NOT_FOLLOWED,
                   f"{name}: a symbolic link to '{target}', {where}, was not followed: the run "
                   "reads only files that lie in RAW_DIR. Copy the report in instead.")


def file_hashes(raw_dir: Path, paths: list[Path]) -> tuple[dict[str, str], list[Skipped]]:
    """sha256 of each file, by its name relative to raw_dir, in the order of `paths`; a file
    that cannot be read is skipped and said so."""
    hashes: dict[str, str] = {}
    skipped: list[Skipped] = []
    for path in paths:
        name = _relative(raw_dir, path)
        try:
            hashes[name] = file_sha256(path)
        except OSError as exc:
            skipped.append(Skipped(name, ProblemCode.FILE_UNREADABLE,
                                   f"{name}: the file cannot be read ({exc.strerror or exc}); "
                                   "give the run read access to it."))
    return hashes, skipped


@contextmanager
def holding(out_dir: Path, note: Callable[[str], None]) -> Iterator[None]:
    """OUT_DIR for this run alone: a second run on the same OUT waits for the first (the
    lock goes with the process, so a killed run never leaves it held)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        handle = (out_dir / LOCK).open("a+", encoding="utf-8")
    except OSError as exc:
        raise output_error(exc, f"OUT_DIR {out_dir}") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            note(f"another run (pid {holder}) holds {out_dir}; waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def pipeline_version() -> str:
    """The release, and a digest of what the extraction's results depend on besides the PDF:
    the package's code, its trained model and its gazetteer. (Not the expectations: they
    change only the validation.)"""
    root = package_root()
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if path.is_file() and "__pycache__" not in parts and "expectations" not in parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


@dataclass
class Manifest:
    version: str
    files: dict[str, str]  # file -> sha256
    options: dict[str, Any] = field(default_factory=dict)
    summary: str = ""
    exit_code: int = 0  # the command's
    outputs: list[str] = field(default_factory=list)
    open_errors: int = 0  # error findings no review settles
    read_code: int | None = None  # the code without --strict: a rerun applies its own

    def unchanged(self, version: str, files: dict[str, str], options: dict[str, Any],
                  out_dir: Path) -> bool:
        return (self.version == version and self.files == files and self.options == options
                and all((out_dir / name).exists() for name in self.outputs))


def read_manifest(out_dir: Path) -> Manifest | None:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return Manifest(data["version"], data["files"], data.get("options", {}),
                        data.get("summary", ""), data.get("exit_code", 0),
                        data.get("outputs", []), data.get("open_errors", 0),
                        data.get("read_code"))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no manifest, or a damaged one: everything is read


def write_manifest(out_dir: Path, manifest: Manifest) -> None:
    """Written last and atomically: a run interrupted before this point is redone."""
    text = json.dumps(manifest.__dict__, ensure_ascii=False, indent=2)

    def written(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    replace_atomically(out_dir / MANIFEST, written)


class ResultCache:
    """Each file's extraction, by sha256, for one pipeline version."""

    def __init__(self, out_dir: Path, version: str) -> None:
        self.root = out_dir / CACHE
        self.folder = self.root / version.replace("+", "-")

    def _path(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.pickle"

    def get(self, sha256: str) -> Any | None:
        try:
            with self._path(sha256).open("rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, sha256: str, result: Any) -> None:
        # A result with a problem that depends on the machine or the options, not only on
        # the file, is read again next time (OCR installed since, a larger time bound, a
        # password).
        if any(p.code in NOT_CACHED for p in getattr(result, "problems", ())):
            return
        self.folder.mkdir(parents=True, exist_ok=True)

        def pickled(tmp: Path) -> None:
            with tmp.open("wb") as fh:
                pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)

        replace_atomically(self._path(sha256), pickled)

    def keep_only(self, shas: set[str]) -> None:
        """Drop other versions' caches and the entries of files no longer there."""
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other != self.folder:
                    shutil.rmtree(other, ignore_errors=True)
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.suffix == ".pickle" and entry.stem not in shas:
                    entry.unlink(missing_ok=True)
