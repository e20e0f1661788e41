"""The two page readers give the same layout: PDFium (the default, fast) and pdfplumber (the
reference). Words, rules, grids, shaded cells, marks and spaces are compared page by page
(tools/readers.py); the typed datasets of a whole document too.

The generated set's Chromium reports are the one place they differ by design: Chromium
writes the true text of a glyph its font cannot name as /ActualText ("‑", U+2011, where the
font's map says "‐", U+2010), which PDFium reads and pdfminer does not.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from pathlib import Path

import pytest
from conftest import GOLDEN, SAMPLES, real_pdf
from hypothesis import given
from hypothesis import strategies as st

from pipeline.core.records import BBox, PageLayout, Word
from pipeline.read.layout import _crossing, join_label
from pipeline.read.objects import PageFrame, apply_matrix, mult_matrix
from pipeline.read.pdfium import _decimal, _sorted_as_pdfminer
from pipeline.run.api import extract_document
from pipeline.run.runner import Limits
from pipeline.tools.readers import both_layouts, page_diff

TESTSET = Path(__file__).parent / "corpus"
SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))


def _disagreements(path: Path, pages: list[int] | None = None,
                   normalise=lambda layout: layout) -> list[str]:
    found = []
    for a, b in both_layouts(path, pages):
        assert b is not None, f"{path.name} p{a.page}: PDFium did not read it"
        diff = page_diff(normalise(a), normalise(b))
        if not diff.agrees:
            found.append(f"{path.name} p{a.page}: {diff.only_plumber[:3]} / "
                         f"{diff.only_pdfium[:3]} / {diff.other}")
    return found


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_every_page_of_the_samples_reads_the_same_with_either_reader(pdf: Path):
    assert _disagreements(pdf) == []


def _one_per_producer() -> list[Path]:
    return [sorted(folder.glob("*.pdf"))[0] for folder in sorted(TESTSET.iterdir())
            if folder.is_dir() and any(folder.glob("*.pdf"))]


def _actual_text_alike(layout: PageLayout) -> PageLayout:
    """What Chromium's /ActualText changes, made alike: its hyphen, the narrow spaces it
    marks that way (PDFium reads them as plain spaces), and a size at a rounding edge."""
    words = tuple(replace(w, text=w.text.replace("\u2010", "\u2011"), size=round(w.size, 1))
                  for w in layout.words)
    return replace(layout, words=words, spaces=())


@pytest.mark.parametrize("pdf", _one_per_producer(), ids=lambda p: p.parent.name)
def test_generated_reports_of_every_producer_read_the_same(pdf: Path):
    chromium = pdf.parent.name == "chromium"
    assert _disagreements(pdf, normalise=_actual_text_alike if chromium else
                          (lambda layout: layout)) == []


def test_chromium_pages_differ_only_where_the_file_declares_actual_text():
    pdf = next((TESTSET / "chromium").glob("s1000-*.pdf"))
    assert _disagreements(pdf)  # the raw layouts do differ ...
    assert _disagreements(pdf, normalise=_actual_text_alike) == []  # ... only there


def _golden_pages() -> list[tuple[str, int]]:
    pages = set()
    for folder in ("real", "real_typed", "real_heldout", "real_heldout_typed"):
        for path in (GOLDEN / folder).glob("*.csv"):
            parts = path.name.split(".")
            if len(parts) > 2 and re.fullmatch(r"p\d+", parts[1]):
                pages.add((parts[0], int(parts[1][1:])))
    return sorted(pages)


def _typed(pdf: Path, reader: str) -> dict[str, list]:
    result = extract_document(pdf, pdf.parent, limits=Limits(ocr=False, reader=reader))
    return {"observations": result.observations, "tables": result.tables,
            **{name: list(getattr(result.datasets, name))
               for name in ("measures", "finances", "volumes", "key_figures", "personnel")},
            "assessments": result.assessments, "problems": result.problems}


def _close(a, b, tolerance: float = 0.5, text=lambda t: t) -> bool:
    """The same records, floats (boxes, sizes) within `tolerance`, strings alike after
    `text`; the rest exactly."""
    if is_dataclass(a) and is_dataclass(b):
        return type(a) is type(b) and all(
            _close(getattr(a, f.name), getattr(b, f.name), tolerance, text) for f in fields(a))
    if isinstance(a, str) and isinstance(b, str):
        return text(a) == text(b)
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= tolerance
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_close(x, y, tolerance, text)
                                        for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k], tolerance, text) for k in a)
    return a == b


def _same_typed(pdf: Path) -> list[str]:
    fast, reference = _typed(pdf, "pdfium"), _typed(pdf, "pdfplumber")
    return [f"{name}: {len(fast[name])} rows with PDFium, {len(reference[name])} with "
            "pdfplumber" for name in fast if not _close(fast[name], reference[name])]


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_a_sample_report_gives_the_same_typed_tables_with_either_reader(pdf: Path):
    assert _same_typed(pdf) == []


_TYPED: dict[str, dict[int, list]] = {}


def _observations_by_page(report: str, reader: str) -> dict[int, list]:
    key = f"{report}:{reader}"
    if key not in _TYPED:
        pdf = real_pdf(f"{report}.pdf")
        result = extract_document(pdf, pdf.parent, limits=Limits(ocr=False, reader=reader))
        pages: dict[int, list] = {}
        for o in result.observations:
            pages.setdefault(o.page, []).append(o)
        _TYPED[key] = pages
    return _TYPED[key]


def _declared(text: str) -> str:
    """Text as either reader gives it where the file declares its text (/ActualText, as
    InDesign writes it for small capitals and hyphens): PDFium reads the declared text
    ("A nslagsförbrukning", "Av- och"), pdfminer the glyphs' Unicode map ("a
    nslagsförBrukning", "Av\xad och"); and words kerned close, read with a space between
    them by one reader and not by the other ("Andel k vinnor")."""
    return "".join(text.replace("\u00ad", "-").replace("\u2010", "\u2011").casefold().split())


@pytest.mark.real
@pytest.mark.parametrize("report,page", _golden_pages(), ids=lambda v: str(v))
def test_hand_checked_real_pages_give_the_same_rows_with_either_reader(report: str, page: int):
    fast = _observations_by_page(report, "pdfium").get(page, [])
    reference = _observations_by_page(report, "pdfplumber").get(page, [])
    assert _close(fast, reference, text=_declared), [
        (o.row_label, o.column_label, o.raw_text) for o in fast if not any(
            _close(o, r, text=_declared) for r in reference)][:5]


# -- the pure pieces ---------------------------------------------------------------------------

coordinate = st.floats(-2000, 2000, allow_nan=False, allow_infinity=False)


@given(coordinate, coordinate, coordinate, coordinate)
def test_a_closed_axis_aligned_path_of_four_sides_is_a_rectangle(x0, y0, x1, y1):
    pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    kind, corners = _sorted_as_pdfminer("mlllh", pts)
    assert kind == "rect"
    assert {c[0] for c in corners} == {x0, x1} and {c[1] for c in corners} == {y0, y1}


@given(coordinate, coordinate, coordinate, coordinate)
def test_a_move_and_a_line_is_a_line_and_more_is_a_curve(x0, y0, x1, y1):
    assert _sorted_as_pdfminer("ml", [(x0, y0), (x1, y1)]) == ("line", [(x0, y0), (x1, y1)])
    kind, _ = _sorted_as_pdfminer("mcc", [(x0, y0), (x1, y1), (x0, y1)])
    assert kind == "curve"


@given(st.sampled_from([0, 90, 180, 270]), coordinate, coordinate,
       st.floats(1, 3000), st.floats(1, 3000), coordinate, coordinate)
def test_the_page_frame_turns_as_pdfminer_turns_a_page(rotate, x0, y0, w, h, px, py):
    box = (x0, y0, x0 + w, y0 + h)
    frame = PageFrame(1, w if rotate in (0, 180) else h, h if rotate in (0, 180) else w, box,
                      rotate, 0.0, 0.0, 0.0)
    # pdfminer's PDFPageInterpreter.process_page, as written there
    ctm = {90: (0, -1, 1, 0, -y0, x0 + w), 180: (-1, 0, 0, -1, x0 + w, y0 + h),
           270: (0, 1, -1, 0, y0 + h, -x0)}.get(rotate, (1, 0, 0, 1, -x0, -y0))
    assert apply_matrix(frame.device, px, py) == pytest.approx(apply_matrix(ctm, px, py))
    assert mult_matrix((1, 0, 0, 1, 0, 0), frame.device) == frame.device


@pytest.mark.parametrize("value,written", [(104.05999755859375, 104.06),
                                           (27.384000778198242, 27.384),
                                           (10.65999984741211, 10.66), (0.75, 0.75)])
def test_single_precision_floats_are_read_as_the_decimals_the_file_wrote(value, written):
    assert _decimal(value) == written


def _join_label_before(parts):
    """join_label as it was (quadratic in the text's length), the reference it keeps to."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if not text:
            text = part
        elif text.endswith("/") and not text.endswith(" /"):
            text += part
        elif text.endswith("\u00ad") or (
                re.search(r"[a-zåäö]-$", text) and part[0].islower()
                and part.split(" ", 1)[0] not in {"och", "eller", "samt", "respektive", "som"}):
            text = text[:-1] + part
        else:
            text += " " + part
    return text


@given(st.lists(st.text(alphabet="ab -/\u00adÅö", max_size=6), max_size=8))
def test_joining_label_lines_keeps_to_the_quadratic_reference(parts):
    assert join_label(parts) == _join_label_before(parts)


@given(st.lists(st.tuples(st.floats(0, 800), st.floats(0, 60)), max_size=30),
       st.floats(-10, 810), st.floats(0, 10))
def test_the_band_search_finds_the_words_a_scan_finds(spans, lo, width):
    words = [Word("w", BBox(x, 0, x + w, 10), 10) for x, w in spans]
    hi = lo + width
    scan = any(w.bbox.x0 < hi and w.bbox.x1 > lo for w in words)
    assert _crossing(words)(lo, hi) == scan


def test_a_page_pdfium_cannot_read_is_read_by_pdfplumber(monkeypatch):
    from pipeline.read import pdfium

    def refuse(self, frame, max_glyphs):
        raise pdfium.ReaderMismatch("refused")
    monkeypatch.setattr(pdfium.PdfiumDocument, "objects", refuse)
    pdf = SAMPLE_PDFS[0]
    fast = extract_document(pdf, pdf.parent, limits=Limits(ocr=False))
    reference = extract_document(pdf, pdf.parent, limits=Limits(ocr=False, reader="pdfplumber"))
    assert [o.raw_text for o in fast.observations] == [o.raw_text for o in reference.observations]
    assert fast.problems == reference.problems


def test_a_document_pdfium_counts_otherwise_is_read_by_pdfplumber(monkeypatch):
    from pipeline.read import pdfium

    monkeypatch.setattr(pdfium.PdfiumDocument, "__init__", lambda self, *a: (_ for _ in ()).throw(
        pdfium.ReaderMismatch("PDFium counts 0 pages, pdfminer 16")))
    pdf = SAMPLE_PDFS[0]
    fast = extract_document(pdf, pdf.parent, limits=Limits(ocr=False))
    assert len(fast.observations) == len(extract_document(
        pdf, pdf.parent, limits=Limits(ocr=False, reader="pdfplumber")).observations) > 0

