"""Tags in the prose, goal-count claims and coloured status symbols."""

from __future__ import annotations

import pytest
from conftest import SAMPLES, extracted

from pipeline.core.records import BBox, Mark
from pipeline.meaning.outline import Marker, Position
from pipeline.text.assess import colour_label, symbol_labels
from pipeline.text.tags import tagger

REPORTS = sorted(SAMPLES.glob("*.pdf"))


@pytest.mark.parametrize("pdf", REPORTS, ids=lambda p: p.stem[-4:])
def test_title_page_names_its_partners(pdf):
    tags = [(t.page, t.label, t.text, t.norm) for t in extracted(pdf, SAMPLES).text_tags
            if t.page == 1]
    assert tags == [(1, "ORG", "Arbetsförmedlingen", "Arbetsförmedlingen"),
                    (1, "ORG", "Europeiska socialfonden", "ESF"), (1, "ORG", "ESF", "ESF"),
                    (1, "ORG", "DUA", "DUA"), (1, "PROGRAMME", "KAA", "KAA")]


def test_trends_are_read_on_lemmas():
    doc = tagger()("Andelen ökade medan sjukfrånvaron minskat och kostnaderna stiger.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("ökade", "TREND", "up"), ("minskat", "TREND", "down"), ("stiger", "TREND", "up")]


def test_gazetteer_matches_whatever_the_case():
    doc = tagger()("Eleverna på SFI och på sfi, inom yrkeshögskolan och Komvux.")
    assert [e.ent_id_ for e in doc.ents] == ["SFI", "SFI", "YH", "Komvux"]


@pytest.mark.parametrize("pdf", REPORTS, ids=lambda p: p.stem[-4:])
def test_summary_claim_counts_the_goals_met(pdf):
    """The generator writes "nått N av nämndens tio mål" from its data; the claim must read
    back as the number of goals the report assesses as met."""
    result = extracted(pdf, SAMPLES)
    met = sum(a.label == "met" for a in result.assessments)
    assert [(c.page, c.claimed, c.of_total) for c in result.claims] == [(1, met, 10)]


@pytest.mark.parametrize("pdf", REPORTS, ids=lambda p: p.stem[-4:])
def test_status_symbols_agree_with_the_text_in_the_samples(pdf):
    result = extracted(pdf, SAMPLES)
    assert all(a.symbol == a.label for a in result.assessments)
    assert not [p for p in result.problems if p.code == "symbol_text_disagree"]


@pytest.mark.parametrize("fill, label", [
    ((0.18, 0.62, 0.25), "met"), ((0.98, 0.76, 0.12), "partly_met"),
    ((0.85, 0.18, 0.15), "not_met"),
    ((0.5, 0.5, 0.5), ""),  # grey
    ((1.0, 1.0, 0.0, 0.0), ""),  # CMYK blue
    ((0.8, 0.0, 0.9, 0.1), "met"),  # CMYK green
])
def test_colours_read_as_labels(fill, label):
    assert colour_label(fill) == label


def test_the_last_symbol_on_a_goal_row_is_its_status():
    goal = Marker("goal", "Nämnden bidrar till X", Position(2, 100.0),
                  BBox(60, 100, 300, 110), 10.0)
    marks = [Mark(BBox(400, 101, 409, 110), (0.98, 0.76, 0.12)),  # forecast: yellow
             Mark(BBox(480, 101, 489, 110), (0.85, 0.18, 0.15)),  # year: red
             Mark(BBox(480, 201, 489, 210), (0.18, 0.62, 0.25))]  # another row
    assert symbol_labels([(2, marks)], [goal]) == {"Nämnden bidrar till X": "not_met"}
