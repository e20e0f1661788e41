"""Camelot's lattice reading of ruled tables as a second opinion on ours."""

import pytest
from conftest import SAMPLE_PDFS, SAMPLES, extracted, real_pdf

from pipeline.tools.crosscheck import crosscheck_page


@pytest.mark.parametrize(("page", "values"), [(2, 16), (12, 24), (13, 13)])
def test_camelot_reads_the_same_numbers_in_the_sample_grids(page, values):
    pdf = SAMPLE_PDFS[-1]
    check = crosscheck_page(extracted(pdf, SAMPLES), pdf, page)
    assert check.agrees, (check.only_ours, check.only_camelot)
    assert check.agreed == values


@pytest.mark.real
def test_camelot_agrees_on_the_goteborg_result_summary():
    pdf = real_pdf("goteborg_intraservice_delarsrapport_2026-03.pdf")
    check = crosscheck_page(extracted(pdf, pdf.parent), pdf, 11)
    assert check.agrees, (check.only_ours, check.only_camelot)
    assert check.agreed == 40
