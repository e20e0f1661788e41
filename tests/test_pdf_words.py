"""Words read from a PDF page where what was drawn is not what sorting by x gives."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.core.records import Source
from pipeline.run import runner


def _overrunning_label(path: Path) -> Path:
    """A label too long for its cell drawn over the number beside it, as reportlab draws a
    word it cannot break; the number has a no-break space between its thousands."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 9)
    pdf.drawString(315, 700, "Arbetsmarknadsinsatser")
    pdf.drawRightString(415, 700, "16\xa0673")
    pdf.drawRightString(460, 700, "14 803")
    pdf.drawString(315, 680, "Platser")
    pdf.drawRightString(415, 680, "189")
    pdf.save()
    return path


def test_two_drawn_strings_that_overlap_are_read_as_drawn(tmp_path):
    path = _overrunning_label(tmp_path / "overrun.pdf")
    read = runner.read_pages(str(path), Source("overrun.pdf", "0"), 1, None, None,
                             runner.Limits(ocr=False))
    [layout] = read.layouts
    words = sorted(layout.words, key=lambda w: (round(w.bbox.top), w.bbox.x0))
    assert [w.text for w in words] == ["Arbetsmarknadsinsatser", "16", "673", "14", "803",
                                       "Platser", "189"]
