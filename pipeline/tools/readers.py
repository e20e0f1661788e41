"""The two page readers side by side: what PDFium reads of each page against what pdfplumber
(the reference) reads, as the layout stage takes it.

    python -m pipeline.tools.readers FILE.pdf ... [--pages 3,5] [--show 5]

A page agrees when both give the same words (text, size, bold) with boxes within
TOLERANCE points, the same rules, ruled grids, shaded cells, marks (their colour told the
same way) and special spaces, and the same counts (turned, rotated words, drawn objects).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.core.records import BBox, PageLayout, Source
from pipeline.read.objects import page_layout
from pipeline.read.pdf import BrokenPage, open_pdf, page_frame, page_list, read_page
from pipeline.read.pdfium import PdfiumDocument, ReaderMismatch
from pipeline.text.assess import colour_label

TOLERANCE = 0.5  # points


@dataclass
class PageDiff:
    """Where the readers differ on one page (empty lists: they agree)."""

    page: int
    words: int = 0  # words of either reader
    only_plumber: list[str] = field(default_factory=list)
    only_pdfium: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # rules, grids, marks, counts

    @property
    def agrees(self) -> bool:
        return not (self.only_plumber or self.only_pdfium or self.other)


def both_layouts(path: Path, pages: Sequence[int] | None = None
                 ) -> Iterator[tuple[PageLayout, PageLayout | None]]:
    """Each page read by pdfplumber, and by PDFium (None where PDFium cannot read it)."""
    source = Source(path.name, "")
    with open_pdf(path) as pdf:
        listed = page_list(pdf, path.name)
        try:
            fast: PdfiumDocument | None = PdfiumDocument(path, None, len(listed))
        except ReaderMismatch:
            fast = None
        try:
            for page in listed:
                if isinstance(page, BrokenPage) or (pages and page.page_number not in pages):
                    continue
                other = None
                if fast is not None:
                    try:
                        other = page_layout(fast.objects(page_frame(page), 10**9), source)
                    except ReaderMismatch:
                        other = None
                yield read_page(page, source), other
                page.close()
        finally:
            if fast is not None:
                fast.close()


def page_diff(a: PageLayout, b: PageLayout, tolerance: float = TOLERANCE) -> PageDiff:
    """What pdfplumber's layout `a` and PDFium's `b` of one page do not share."""
    diff = PageDiff(a.page, max(len(a.words), len(b.words)))
    left = [(w.text, w.size, w.bold, w.bbox) for w in a.words]
    right = [(w.text, w.size, w.bold, w.bbox) for w in b.words]
    diff.only_plumber, diff.only_pdfium = _unmatched(left, right, tolerance)
    for name in ("width", "height", "turned", "rotated_words", "drawn_objects"):
        if abs(float(getattr(a, name)) - float(getattr(b, name))) > tolerance:
            diff.other.append(f"{name} {getattr(a, name)} != {getattr(b, name)}")
    boxes = {"rules": ([r.bbox for r in a.rules], [r.bbox for r in b.rules]),
             "shaded": (list(a.shaded), list(b.shaded)),
             "spaces": ([s.bbox for s in a.spaces], [s.bbox for s in b.spaces]),
             "grid cells": ([c for g in a.ruled_cells for c in g],
                            [c for g in b.ruled_cells for c in g])}
    for name, (xs, ys) in boxes.items():
        only_a, only_b = _unmatched([("", 0.0, False, x) for x in xs],
                                    [("", 0.0, False, y) for y in ys], tolerance)
        if only_a or only_b:
            diff.other.append(f"{name}: {len(only_a)} only pdfplumber, {len(only_b)} only "
                              "PDFium")
    marks_a = sorted((colour_label(m.fill), _rounded(m.bbox)) for m in a.marks)
    marks_b = sorted((colour_label(m.fill), _rounded(m.bbox)) for m in b.marks)
    if marks_a != marks_b:
        diff.other.append(f"marks: {len(a.marks)} pdfplumber, {len(b.marks)} PDFium")
    return diff


def _rounded(box: BBox) -> tuple[int, int, int, int]:
    return round(box.x0), round(box.top), round(box.x1), round(box.bottom)


Item = tuple[str, float, bool, BBox]


def _unmatched(xs: list[Item], ys: list[Item], tolerance: float) -> tuple[list[str], list[str]]:
    """Items of each side with no partner on the other: the same text, size and weight,
    and a box within `tolerance` (each partner used once)."""
    pool: dict[tuple[str, float, bool], list[BBox]] = {}
    for text, size, bold, box in ys:
        pool.setdefault((text, round(size, 1), bold), []).append(box)
    only_x = []
    for text, size, bold, box in xs:
        boxes = pool.get((text, round(size, 1), bold), [])
        hit = next((i for i, other in enumerate(boxes) if _near(box, other, tolerance)), None)
        if hit is None:
            only_x.append(_show(text, size, bold, box))
        else:
            boxes.pop(hit)
    only_y = [_show(key[0], key[1], key[2], box) for key, boxes in pool.items() for box in boxes]
    return only_x, only_y


def _near(a: BBox, b: BBox, tolerance: float) -> bool:
    return (abs(a.x0 - b.x0) <= tolerance and abs(a.x1 - b.x1) <= tolerance
            and abs(a.top - b.top) <= tolerance and abs(a.bottom - b.bottom) <= tolerance)


def _show(text: str, size: float, bold: bool, box: BBox) -> str:
    weight = " bold" if bold else ""
    return (f"{text!r} {size:g}{weight} at ({box.x0:.1f}, {box.top:.1f}, {box.x1:.1f}, "
            f"{box.bottom:.1f})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--pages", default="", help="page numbers, as 3,5")
    parser.add_argument("--show", type=int, default=3, help="differences shown per page")
    args = parser.parse_args(argv)
    pages = [int(p) for p in args.pages.split(",") if p]
    total_pages = total_words = differing_words = differing_pages = unread = 0
    for path in args.files:
        for a, b in both_layouts(path, pages or None):
            total_pages += 1
            if b is None:
                unread += 1
                print(f"{path.name} p{a.page}: PDFium did not read it")
                continue
            diff = page_diff(a, b)
            total_words += diff.words
            differing_words += max(len(diff.only_plumber), len(diff.only_pdfium))
            if diff.agrees:
                continue
            differing_pages += 1
            print(f"{path.name} p{a.page}: {len(diff.only_plumber)} words only pdfplumber, "
                  f"{len(diff.only_pdfium)} only PDFium; {'; '.join(diff.other)}")
            for text in diff.only_plumber[:args.show]:
                print(f"    pdfplumber {text}")
            for text in diff.only_pdfium[:args.show]:
                print(f"    PDFium     {text}")
    print(f"pages {total_pages}, differing {differing_pages}, not read by PDFium {unread}; "
          f"words {total_words}, differing {differing_words}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
