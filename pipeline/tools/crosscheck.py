"""Camelot's lattice parser as a second opinion on the ruled tables of a page.

Both readers see the same grid; where their numbers differ, one of them misread a cell. The
comparison is of values (a multiset), so it holds whatever each reader calls the rows.
Camelot is slow, so this runs on demand (`pipeline crosscheck`) and in tests, not on every
extraction.
"""

from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.document import DocumentResult
from pipeline.swedish.numbers import CellKind, parse_cell


@dataclass(frozen=True)
class CrossCheck:
    page: int
    agreed: int
    only_ours: Counter[float]
    only_camelot: Counter[float]

    @property
    def agrees(self) -> bool:
        return not self.only_ours and not self.only_camelot


def camelot_values(path: Path, page: int) -> Counter[float]:
    """Numbers in the cells of camelot's lattice tables on one page."""
    import camelot  # heavy (OpenCV); only this command needs it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # camelot warns about pages without tables
        tables = camelot.read_pdf(str(path), pages=str(page), flavor="lattice")
    values: Counter[float] = Counter()
    for table in tables:
        for cell in table.df.to_numpy().ravel():
            parsed = parse_cell(" ".join(str(cell).split()))
            if parsed.kind is CellKind.NUMBER and parsed.value is not None:
                values[parsed.value] += 1
    return values


def crosscheck_page(result: DocumentResult, path: Path, page: int) -> CrossCheck:
    ours = Counter(o.value for o in result.observations
                   if o.page == page and o.method == "ruled" and o.value is not None)
    theirs = camelot_values(path, page)
    return CrossCheck(page, sum((ours & theirs).values()), ours - theirs, theirs - ours)
