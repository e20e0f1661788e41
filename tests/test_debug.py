"""`pipeline debug` draws the tables it found over the page."""

import numpy as np
from conftest import SAMPLE_PDFS
from PIL import Image

from pipeline.cli import main


def test_debug_draws_the_page_with_tables(tmp_path, capsys):
    out = tmp_path / "p12.png"
    assert main(["debug", str(SAMPLE_PDFS[-1]), "--page", "12", "--out", str(out),
                 "--scale", "1"]) == 0
    assert capsys.readouterr().out.strip() == f"{out}: page 12, 4 tables drawn"
    image = Image.open(out).convert("RGB")
    assert image.size == (596, 842)  # A4, 595.28 x 841.89 points, rounded up by pdfium
    px = np.asarray(image).astype(int)
    reds = int(((px[..., 0] > 180) & (px[..., 1] < 90) & (px[..., 2] < 90)).sum())
    assert reds > 200  # the value cells are outlined in red


def test_debug_rejects_a_page_outside_the_document(tmp_path):
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(["debug", str(SAMPLE_PDFS[-1]), "--page", "99", "--out", str(tmp_path / "x.png")])
    assert exc.value.code == 2
