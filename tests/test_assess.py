"""Goal blocks and the committee's assessment of each goal (the rule layer of issue 4)."""

from __future__ import annotations

import pytest
from conftest import SAMPLES, extracted

from pipeline.assess import rule_label
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
