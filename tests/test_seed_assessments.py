"""The real report's text (../shared/seed), laid out as a PDF, read back for its goals.

The seed is the text layer of Botkyrka AVUN's verksamhetsberättelse 2019: its ten committee
goals are assessed in its own words, five as met and five as partly met, as its summary says
("fem av nämndens tio mål"). The text is set line by line as it stands, in two layouts:
"report", with numbered section headings larger and the labels the report sets in bold
("Nämndens mål:", "Analys") in bold, as the PDF had them; and "plain", the way a text export
prints it: every line at one size, only the section headings bold. Skipped where ../shared is
absent.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import SHARED
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from pipeline.output.store import assessments_frame
from pipeline.run.api import extract_document
from samples.layout import BOLD, REGULAR, register_fonts

SEED = SHARED / "seed" / "botkyrka-avun-verksamhetsberattelse-2019.txt"
SECTION = re.compile(r"^\d+(?:\.\d+)? [A-ZÅÄÖ\d]")
LABELS = {"Nämndens mål:", "Analys", "Målområde/Process:", "Positiva iakttagelser",
          "Förbättringsområden"}
LINES_PER_PAGE = 48


def lay_out(text: str, path: Path, plain: bool = False) -> None:
    register_fonts()
    canvas = Canvas(str(path), pagesize=A4, invariant=True)
    height = A4[1]
    y, n = 70.0, 0
    for raw in text.splitlines():
        line = raw.strip()
        if n == LINES_PER_PAGE:
            canvas.showPage()
            y, n = 70.0, 0
        if not line:
            y += 8
            n += 1  # blank lines count, so the 1 555 lines fill about the 32 pages of the PDF
            continue
        font, size = REGULAR, 10.0
        if SECTION.match(line):
            font = BOLD
            size = 10.0 if plain else 14.0 if re.match(r"^\d+ ", line) else 12.0
        elif line in LABELS and not plain:
            font = BOLD
        canvas.setFont(font, size)
        canvas.drawString(62, height - y, line)
        y += size * 1.4
        n += 1
    canvas.save()


@pytest.fixture(scope="module", params=["report", "plain"])
def seed_result(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The seed laid out (in each layout) and extracted once for every test here."""
    if not SEED.exists():
        pytest.skip("../shared/seed is not here")
    raw = tmp_path_factory.mktemp("seed")
    pdf = raw / "botkyrka_avun_2019_seed.pdf"
    lay_out(SEED.read_text(encoding="utf-8"), pdf, plain=request.param == "plain")
    return extract_document(pdf, raw)


@pytest.fixture(scope="module")
def seed_assessments(seed_result):
    return assessments_frame([seed_result])


@pytest.mark.real
def test_the_ten_goals_are_labelled_as_the_committee_wrote(seed_assessments):
    frame = seed_assessments
    assert len(frame) == 10
    assert Counter(frame.label) == {"met": 5, "partly_met": 5}
    assert list(frame.label) == ["met", "met", "partly_met", "partly_met", "partly_met",
                                 "partly_met", "met", "met", "met", "partly_met"]


@pytest.mark.real
def test_measure_sentences_and_area_assessments_are_not_evidence(seed_assessments):
    evidence = " ".join(seed_assessments.evidence)
    assert "Målet för andelen" not in evidence
    assert "beror på" not in evidence


@pytest.mark.real
def test_the_summary_claim_matches_the_assessments(seed_result):
    """ "Förvaltningen har nått fem av nämndens tio mål": five met of ten, said twice (in the
    decision summary and in section 2)."""
    assert [(c.claimed, c.of_total) for c in seed_result.claims] == [(5, 10), (5, 10)]
    assert sum(a.label == "met" for a in seed_result.assessments) == 5


@pytest.mark.real
def test_the_real_text_names_its_partners_and_programmes(seed_result):
    names = {t.norm for t in seed_result.text_tags if t.label in ("ORG", "PROGRAMME")}
    assert {"Arbetsförmedlingen", "SFI", "KAA", "YH", "DUA", "ESF"} <= names
