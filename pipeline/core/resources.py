"""The package's data files (pipeline/resources), found through importlib.resources: the same
call works from the source tree, an editable install and a wheel."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The file or folder pipeline/resources/PARTS on disk. spaCy loads a model from a
    folder, so the package must be installed as files (a wheel, or the source tree), not
    imported from a zip archive."""
    found = files("pipeline.resources").joinpath(*parts)
    if not isinstance(found, Path):
        raise RuntimeError(f"pipeline/resources/{'/'.join(parts)} is not on disk ({found!r}); "
                           "install the package as files, not as a zip archive")
    return found


def package_root() -> Path:
    """The installed package's folder: its code and resources, which the results depend on."""
    return resource_path().parent
