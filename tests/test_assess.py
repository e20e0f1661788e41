"""Goal blocks and the committee's assessment of each goal (the rule layer of issue 4)."""

from __future__ import annotations

import pytest
from conftest import SAMPLES, extracted

from pipeline.assess import document_scale, rule_label, sentence_judgement
from pipeline.records import BBox, Segment, TextLine
from pipeline.store import assessments_frame
from samples import botkyrka

REPORTS = sorted(SAMPLES.glob("*.pdf"))


@pytest.mark.parametrize("pdf", REPORTS, ids=lambda p: p.stem[-4:])
def test_sample_goals_are_assessed_as_written(pdf):
    """One row per goal, in order, labelled as the report's assessment sentence says."""
    year = int(pdf.stem[-4:])
    frame = assessments_frame([extracted(pdf, SAMPLES)])
    goals = [(a.title, g.title, g.assessment[year])
             for a in botkyrka.GOAL_AREAS for g in a.goals]
    assert list(zip(frame.goal_area, frame.goal, frame.label, strict=True)) == goals
    sentences = {s for group in botkyrka.ASSESSMENT_SENTENCE.values() for s in group}
    assert set(frame.evidence) <= sentences


@pytest.mark.parametrize("sentence, label", [
    ("Vår bedömning är att målet är uppfyllt.", "met"),
    ("Sammantaget bedömer vi måluppfyllelsen som god.", "met"),
    ("Nämnden når målet för året.", "met"),
    ("Målet är delvis uppfyllt.", "partly_met"),
    ("Vi bedömer att måluppfyllelsen är godtagbar.", "partly_met"),
    ("Målet är godtagbart.", "partly_met"),
    ("Målet bedöms som ej uppfyllt.", "not_met"),
    ("Vår bedömning är att målet inte är uppnått.", "not_met"),
    # Traps: a measure's target, and "bedömning" about something else.
    ("Målet för andelen elever som klarar kursen har inte uppnåtts.", None),
    ("Vår bedömning är att den ökade andelen nöjda beror på enkäten.", None),
])
def test_sentences_that_judge_the_goal(sentence, label):
    assert rule_label(sentence) == label


def _prose(*texts: str) -> list[tuple[int, list[TextLine]]]:
    boxes = [BBox(0, 10.0 * n, 100, 10.0 * n + 9) for n in range(len(texts))]
    return [(1, [TextLine((Segment(text, box, 10.0),), box) for text, box in zip(
        texts, boxes, strict=True)])]


def test_a_scale_the_document_defines_by_its_goals_grades_its_results():
    prose = _prose(
        "Varje område får bedömningen stark, medel eller svag.",
        "Bedömningen stark innebär att resultatet håller måttet eftersom",
        "alla våra målsättningar uppfylls.",
        "Bedömningen medel innebär att resultatet duger, då våra målsättningar",
        "inte uppfylls helt.",
        "Bedömningen svag innebär att resultatet brister då våra mål inte uppfylls.")
    scale = document_scale(prose)
    assert dict(scale.grades) == {"stark": "met", "medel": "partly_met", "svag": "not_met"}
    assert scale.label("Resultatet för handläggningen är i år medel.") == "partly_met"
    assert scale.label("Vi bedömer resultatet som fortsatt svagt.") == "not_met"  # by lemma
    assert scale.label("Resultatet kan vara starkt eller svagt.") is None
    assert scale.label("Handläggningen är stark.") is None  # grades a result, not anything
    assert sentence_judgement("Sammantaget är resultatet medel.", scale) == (
        "partly_met", 0.8, "scale")


def test_a_document_without_definitions_has_no_scale():
    prose = _prose("Resultatet är gott.", "Kvaliteten innebär att kunderna är nöjda.")
    assert document_scale(prose).grades == ()
    assert document_scale(prose).label("Resultatet är gott.") is None
