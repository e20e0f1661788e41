"""Hostile PDFs (tests/hostile.py), one test each: the run neither crashes nor hangs nor eats
the machine, the file is read or named in problems with what was wrong, and the good report
in the same folder is read in full.

One run reads them all (each file's seconds are in documents.csv); the active-content file
gets a run of its own, as its exit code is asserted.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import REAL, SAMPLE_PDFS
from hard_inputs import report_pdf
from hostile import (
    HUGE,
    active_pdf,
    bomb_pdf,
    broken_tree_pdf,
    damaged_content_pdf,
    deflated,
    glyphs_pdf,
    huge_page_pdf,
    huge_scan_pdf,
    loop_pdf,
    missing_font_pdf,
    missing_kid_pdf,
    nested_pdf,
    plain_pdf,
    self_reference_pdf,
    xref_loop_pdf,
)

from pipeline.cli import main
from pipeline.core.records import Source
from pipeline.read import ocr, render
from pipeline.read.prescan import scan, scan_file
from pipeline.run import runner

XENTER = ["-11 307", "-12 332", "1 025"]
MEMORY_MB = 256  # the bomb bound is a quarter: 64 MB
# pdfminer tokenizes the 1 MB of nested brackets in about 3 s (more on a busy machine); the
# loops must not need the bound at all (they are asserted to take under LOOP_SECONDS).
PAGE_SECONDS = 30
LOOP_SECONDS = 5
MAKERS = {
    "plain.pdf": plain_pdf,
    "bomb.pdf": lambda p: bomb_pdf(p, inflated_mb=200),
    "bomb_layers.pdf": lambda p: bomb_pdf(p, inflated_mb=1024, layers=2),
    "nested_resources.pdf": lambda p: nested_pdf(p, where="resources"),
    "nested_content.pdf": lambda p: nested_pdf(p, where="content"),
    "xref_prev_itself.pdf": xref_loop_pdf,
    "xref_prev_back.pdf": lambda p: xref_loop_pdf(p, two_sections=True),
    "self_reference.pdf": self_reference_pdf,
    "unused_loop.pdf": loop_pdf,
    "glyphs.pdf": glyphs_pdf,
    "huge_page.pdf": huge_page_pdf,
    "huge_scan.pdf": huge_scan_pdf,
    "broken_tree.pdf": broken_tree_pdf,
    "missing_kid.pdf": missing_kid_pdf,
    "missing_font.pdf": missing_font_pdf,
    "damaged_content.pdf": damaged_content_pdf,
}


def _run(raw: Path, out: Path, *options: str) -> tuple[int, dict[str, pd.DataFrame], float]:
    started = time.perf_counter()
    code = main(["extract", str(raw), "--out", str(out), "--quiet", "--workers", "1",
                 *options])
    seconds = time.perf_counter() - started
    frames = {name: pd.read_csv(out / "dataset" / f"{name}.csv", keep_default_na=False,
                                dtype=str)
              for name in ("problems", "observations", "documents")}
    return code, frames, seconds


@pytest.fixture(scope="module")
def images() -> list[tuple[int, int]]:
    return []


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, images: list[tuple[int, int]]):
    """All the hostile files and the good report, read in one run with a 256 MB memory
    bound, a 30 s page bound, and a stand-in for Tesseract that notes the image sizes."""
    from PIL import Image

    raw = tmp_path_factory.mktemp("hostile") / "raw"
    raw.mkdir()
    report_pdf(raw / "good.pdf")
    for name, make in MAKERS.items():
        make(raw / name)

    def fake_tesseract(program: str, png: Path, timeout: float) -> str:
        with Image.open(png) as image:
            images.append(image.size)
        return ""  # a picture: nothing read

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ocr, "tesseract", lambda: "tesseract")
        patch.setattr(ocr, "run_tesseract", fake_tesseract)
        code, frames, seconds = _run(raw, raw.parent / "out", "--max-memory", str(MEMORY_MB),
                                     "--page-timeout", str(PAGE_SECONDS))
    documents = frames["documents"].set_index("source_file")["seconds"]
    print(f"\nhostile run: {seconds:.1f} s; per file: {documents.to_dict()}")
    return code, frames


def _read_problems(frames: dict[str, pd.DataFrame], file: str) -> list[dict[str, str]]:
    problems = frames["problems"]
    mine = problems[(problems["source_file"] == file) & (problems["stage"] == "read")]
    return mine[["page", "code", "message"]].to_dict("records")


def _xenter(frames: dict[str, pd.DataFrame], file: str) -> list[str]:
    rows = frames["observations"]
    return list(rows[(rows["source_file"] == file) & (rows["row_label"] == "Xenter")][
        "raw_text"])


def _harmless(frames: dict[str, pd.DataFrame], file: str) -> None:
    assert _read_problems(frames, file) == []
    assert _xenter(frames, file) == XENTER


def test_the_good_report_and_the_writers_control_are_read_in_full(hostile):
    code, frames = hostile
    assert code == 1  # the bombs, a page of a million glyphs, broken pages were not read
    _harmless(frames, "good.pdf")
    _harmless(frames, "plain.pdf")


# -- a decompression bomb ---------------------------------------------------------------------


def test_a_decompression_bomb_is_refused_before_it_is_parsed(hostile):
    _, frames = hostile
    [problem] = _read_problems(frames, "bomb.pdf")
    assert (problem["code"], problem["page"]) == ("decompression_bomb", "")
    assert problem["message"] == (
        "bomb.pdf: object 5 0, a stream of 199 KB on disk, inflates to more than 64 MB (a "
        "quarter of the worker's memory bound): a decompression bomb; the file was not "
        "parsed. If the report is genuine, run again with a larger --max-memory.")
    assert _xenter(frames, "bomb.pdf") == []


def test_a_bomb_of_two_flate_layers_is_found_too(hostile):
    _, frames = hostile
    [problem] = _read_problems(frames, "bomb_layers.pdf")
    assert problem["code"] == "decompression_bomb"
    assert "object 5 0, a stream of 2 KB on disk (2 Flate layers)" in problem["message"]


def test_the_prescan_counts_inflated_bytes_without_holding_them():
    data = b"1 0 obj\n<< /Filter /FlateDecode >>\nstream\n" + deflated(50 << 20) + b"\nendstream"
    bomb = scan(data, 10 << 20).bomb
    assert bomb is not None and (bomb.obj, bomb.layers) == ("1 0", 1)
    assert 10 << 20 < bomb.inflated <= (10 << 20) + (1 << 20)  # stopped one step past
    assert scan(data, 60 << 20).bomb is None
    hexed = data.replace(b"/FlateDecode", b"/Fl#61teDecode")
    assert scan(hexed, 10 << 20).bomb is not None


def test_no_sample_or_real_report_is_taken_for_a_bomb():
    """At the default bound (a quarter of 6144 MB); and the scan's time on the real corpus."""
    paths = SAMPLE_PDFS + sorted(REAL.glob("*.pdf"))
    started = time.perf_counter()
    assert [p.name for p in paths if scan_file(p, 1536 << 20).bomb is not None] == []
    print(f"\nprescan: {len(paths)} files, {sum(p.stat().st_size for p in paths) >> 20} MB, "
          f"{time.perf_counter() - started:.2f} s")


# -- deep nesting -----------------------------------------------------------------------------


def test_arrays_and_dictionaries_nested_100_000_deep_are_read(hostile):
    _, frames = hostile
    _harmless(frames, "nested_resources.pdf")
    _harmless(frames, "nested_content.pdf")


# -- loops ------------------------------------------------------------------------------------


def test_a_trailer_whose_prev_points_at_itself_is_read(hostile):
    _, frames = hostile
    _harmless(frames, "xref_prev_itself.pdf")


def test_xref_sections_that_point_at_each_other_are_read(hostile):
    _, frames = hostile
    _harmless(frames, "xref_prev_back.pdf")


def test_an_object_that_is_a_reference_to_itself_does_not_hang(hostile):
    """`5 0 obj 5 0 R endobj` as the page's /XObject and /ExtGState, /Kids listing the tree
    itself, the page its own /Parent: read (those resources are null), without waiting for
    the page bound (pdfminer alone loops forever on it)."""
    _, frames = hostile
    _harmless(frames, "self_reference.pdf")
    seconds = frames["documents"].set_index("source_file")["seconds"]
    for name in ("self_reference.pdf", "unused_loop.pdf", "xref_prev_itself.pdf",
                 "xref_prev_back.pdf"):
        assert float(seconds[name]) < LOOP_SECONDS


def test_a_reference_loop_beside_the_page_is_harmless(hostile):
    _, frames = hostile
    _harmless(frames, "unused_loop.pdf")


# -- a damaged page tree ---------------------------------------------------------------------


def test_a_page_that_breaks_pdfplumbers_page_listing_costs_only_itself(hostile):
    """pdfplumber lists all pages or none: one bad /MediaBox made the whole file a
    worker_failed. The tree is now walked page by page."""
    _, frames = hostile
    assert _read_problems(frames, "broken_tree.pdf") == [
        {"page": "2", "code": "page_unreadable",
         "message": "broken_tree.pdf: page 2 could not be read (TypeError: float() argument "
                    "must be a string or a real number, not 'PSLiteral'); the other pages "
                    "were extracted"},
        {"page": "3", "code": "page_unreadable",
         "message": "broken_tree.pdf: page 3 could not be read (PDFSyntaxError: the page "
                    "tree names object 9, which is missing or damaged); the other pages were "
                    "extracted"}]
    assert _xenter(frames, "broken_tree.pdf") == XENTER


def test_a_page_tree_kid_that_is_not_there_is_a_page_reported_not_skipped(hostile):
    """pdfplumber skips it silently, and the report's page became page 1 (fuzz seed 13:
    page 13 of 16 vanished and pages 14-16 were read as 13-15)."""
    _, frames = hostile
    assert _read_problems(frames, "missing_kid.pdf") == [
        {"page": "1", "code": "page_unreadable",
         "message": "missing_kid.pdf: page 1 could not be read (PDFSyntaxError: the page tree "
                    "names object 9, which is missing or damaged); the other pages were "
                    "extracted"}]
    rows = frames["observations"]
    assert set(rows[rows["source_file"] == "missing_kid.pdf"]["page"]) == {"2"}
    assert _xenter(frames, "missing_kid.pdf") == XENTER


def test_a_page_whose_font_is_missing_is_reported_as_garbled(hostile):
    """Its glyphs have no width: the words run together into other cells (fuzz seeds 12,
    48, 55, 69 lost a font and gave other cells without a word)."""
    _, frames = hostile
    [problem] = _read_problems(frames, "missing_font.pdf")
    assert (problem["page"], problem["code"]) == ("1", "garbled_text")
    assert problem["message"] == (
        "missing_font.pdf: page 1: 219 of its 219 characters could not be decoded (their "
        "font is missing or damaged, or has no character map): its text may be garbled or "
        "run together; check its values on the page")


def test_a_content_stream_cut_off_or_missing_is_reported_not_read_as_empty(hostile):
    """pdfminer reads both as empty or as far as they go, without a word (fuzz seeds 234,
    280, 424, 478: pages read blank, their cells gone, no problem row)."""
    _, frames = hostile
    problems = _read_problems(frames, "damaged_content.pdf")
    assert [p for p in problems if p["code"] == "page_damaged"] == [
        {"page": "2", "code": "page_damaged",
         "message": "damaged_content.pdf: page 2: its content stream object 6: its Flate data "
                    "is cut off: what could be read of it was read (get a fresh copy of the "
                    "file)"},
        {"page": "3", "code": "page_damaged",
         "message": "damaged_content.pdf: page 3: its content stream object 9 is missing: "
                    "what could be read of it was read (get a fresh copy of the file)"}]
    rows = frames["observations"]
    rows = rows[rows["source_file"] == "damaged_content.pdf"]
    assert list(rows[rows["row_label"] == "Xenter"]["page"]) == ["1"] * 3 + ["2"] * 3


# -- too many glyphs --------------------------------------------------------------------------


def test_a_page_of_a_million_glyphs_is_counted_and_not_parsed(hostile):
    """pdfplumber needs about a minute and 2 GB for it; counting takes under a second."""
    _, frames = hostile
    assert _read_problems(frames, "glyphs.pdf") == [{
        "page": "2", "code": "too_many_glyphs",
        "message": "glyphs.pdf: page 2 holds 1 001 998 characters, more than the bound of "
                   "100 000 (a dense page of text has about 10 000); it was not read"}]
    assert _xenter(frames, "glyphs.pdf") == XENTER  # page 1


def test_counting_a_million_glyphs_takes_about_a_second(tmp_path):
    path = glyphs_pdf(tmp_path / "glyphs.pdf")
    started = time.perf_counter()
    read = runner.read_pages(str(path), Source("glyphs.pdf", "0"), 1, None, None,
                             runner.Limits(ocr=False))
    seconds = time.perf_counter() - started
    print(f"\nglyphs.pdf read in {seconds:.2f} s")
    assert [p.code for p in read.problems] == ["too_many_glyphs"]
    assert seconds < 10


# -- a page of 200 x 200 inches ---------------------------------------------------------------


def test_the_table_on_a_page_of_200_by_200_inches_is_read(hostile):
    _, frames = hostile
    _harmless(frames, "huge_page.pdf")


def test_ocr_of_a_page_of_200_by_200_inches_renders_at_most_50_megapixels(hostile, images):
    _, frames = hostile
    assert images, "the scanned page went to OCR"
    assert all(w * h <= render.MAX_PIXELS for w, h in images)
    assert _read_problems(frames, "huge_scan.pdf") == []  # a picture: nothing to read


def test_the_scale_is_lowered_only_as_far_as_the_bounds_need():
    assert render.bounded_scale(595.28, 841.89, 2.0) == 2.0
    fit = render.bounded_scale(*HUGE, 300 / 72)
    assert math.ceil(HUGE[0] * fit) ** 2 <= render.MAX_PIXELS < (HUGE[0] * fit + 20) ** 2
    assert 14400 * render.bounded_scale(14400, 10, 300 / 72) <= render.MAX_SIDE


def test_page_images_are_bounded_in_pixels(tmp_path):
    path = huge_scan_pdf(tmp_path / "huge.pdf")
    image, scale = render.render_page(path, 1, 300 / 72)
    assert image.width * image.height <= render.MAX_PIXELS
    assert scale == pytest.approx((render.MAX_PIXELS / (HUGE[0] * HUGE[1])) ** 0.5, rel=0.01)
    small, same = render.render_page(SAMPLE_PDFS[0], 1, 2.0)
    assert (same, small.size) == (2.0, (1191, 1684))  # an A4 page is drawn as asked


# -- active content ---------------------------------------------------------------------------


def test_javascript_and_launch_actions_are_reported_and_never_run(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    victim = tmp_path / "SOMEFILE"
    report_pdf(raw / "good.pdf")
    active_pdf(raw / "active.pdf", victim)
    code, frames, seconds = _run(raw, tmp_path / "out")
    print(f"\nactive content run: {seconds:.1f} s")
    assert code == 0  # a note to the auditor, not a page lost
    assert not victim.exists()
    [problem] = _read_problems(frames, "active.pdf")
    assert (problem["code"], problem["page"]) == ("active_content", "")
    assert problem["message"] == (
        f"active.pdf: it holds JavaScript run on opening; a launch action run on opening "
        f"(touch {victim}); JavaScript in its /Names tree (run on opening); JavaScript on "
        f"opening or closing page 1; a launch action on an annotation of page 1 "
        f"(touch {victim}): JavaScript/launch actions were ignored, never run (its text and "
        "tables were read as usual)")
    assert _xenter(frames, "active.pdf") == XENTER
    assert _xenter(frames, "good.pdf") == XENTER


def test_the_debugger_draws_a_page_of_200_by_200_inches_within_the_pixel_bound(tmp_path):
    from PIL import Image

    path = huge_page_pdf(tmp_path / "huge.pdf")
    out = tmp_path / "huge.png"
    assert main(["debug", str(path), "--page", "1", "--out", str(out)]) == 0
    with Image.open(out) as image:
        assert image.width * image.height <= render.MAX_PIXELS
