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

import hashlib
import json
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__

MANIFEST = "manifest.json"
CACHE = ".cache"
# A result with one of these problems depends on the machine or the options, not only on the
# file: it is read again next time (OCR installed since, a larger time bound, a password).
NOT_CACHED = frozenset({"no_text_layer", "ocr_failed", "page_timeout", "file_timeout",
                        "page_too_big", "file_too_big", "worker_failed", "encrypted"})
_ROOT = Path(__file__).resolve().parent.parent
# What the extraction's results depend on besides the PDF: the code, the trained model, the
# gazetteer. (The expectations only change validation, which every run redoes.)
_VERSIONED = ("pipeline", "models", "data/gazetteer.jsonl")


def discover(raw_dir: Path) -> list[Path]:
    """Every PDF below raw_dir, in a stable order."""
    return sorted(p for p in raw_dir.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pipeline_version() -> str:
    """The release, and a digest of the code and models that produce results."""
    digest = hashlib.sha256()
    for entry in _VERSIONED:
        base = _ROOT / entry
        files = sorted(base.rglob("*")) if base.is_dir() else [base]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


@dataclass
class Manifest:
    version: str
    files: dict[str, str]  # file -> sha256
    options: dict[str, Any] = field(default_factory=dict)
    summary: str = ""
    exit_code: int = 0
    outputs: list[str] = field(default_factory=list)

    def unchanged(self, version: str, files: dict[str, str], options: dict[str, Any],
                  out_dir: Path) -> bool:
        return (self.version == version and self.files == files and self.options == options
                and all((out_dir / name).exists() for name in self.outputs))


def read_manifest(out_dir: Path) -> Manifest | None:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return Manifest(data["version"], data["files"], data.get("options", {}),
                        data.get("summary", ""), data.get("exit_code", 0),
                        data.get("outputs", []))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no manifest, or a damaged one: everything is read


def write_manifest(out_dir: Path, manifest: Manifest) -> None:
    """Written last and atomically: a run interrupted before this point is redone."""
    text = json.dumps(manifest.__dict__, ensure_ascii=False, indent=2)
    tmp = out_dir / f".{MANIFEST}.tmp-{os.getpid()}"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out_dir / MANIFEST)


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
        if any(p.code in NOT_CACHED for p in getattr(result, "problems", ())):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{sha256}.tmp-{os.getpid()}"
        with tmp.open("wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self._path(sha256))

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
