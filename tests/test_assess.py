"""Goal blocks and the committee's assessment of each goal (the rule layer of issue 4)."""

from __future__ import annotations

import pytest
from conftest import SAMPLES, extracted

from pipeline.core.records import BBox, Segment, TextLine
from pipeline.meaning.outline import markers
from pipeline.output.store import assessments_frame
from pipeline.text.assess import assess, document_scale, goal_blocks, rule_label, sentence_judgement
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


def _typed(rows: list[tuple[str, float, bool, float, float]]) -> list[tuple[int, list[TextLine]]]:
    """(text, size, bold, x0, top) lines of one page, in the order given (reading order)."""
    lines = []
    for text, size, bold, x0, top in rows:
        box = BBox(x0, top, x0 + 200, top + size)
        lines.append(TextLine((Segment(text, box, size, bold),), box))
    return [(1, lines)]


def test_a_goal_heading_ends_where_its_type_does_not_run_on_into_the_text_below():
    prose = _typed([("Nämndens mål: Fler invånare går vidare till arbete", 12, True, 50, 100),
                    ("Arbetet har gått bra under året. Målet är uppfyllt.", 9, False, 50, 114),
                    ("Mål 2: Handläggningen sker i tid", 12, True, 50, 140),
                    ("Vår bedömning är att målet inte är uppfyllt.", 9, False, 50, 154),
                    ("3.2 Nämndmål: Äldre känner sig trygga", 12, True, 50, 180),
                    ("Målet bedöms som delvis uppfyllt.", 9, False, 50, 194)])
    found = [m for m in markers(prose) if m.role == "goal"]
    assert [m.text for m in found] == ["Fler invånare går vidare till arbete",
                                       "Handläggningen sker i tid", "Äldre känner sig trygga"]
    assert [(b.goal, assess(b).label) for b in goal_blocks(prose, found)] == [
        ("Fler invånare går vidare till arbete", "met"),
        ("Handläggningen sker i tid", "not_met"),
        ("Äldre känner sig trygga", "partly_met")]


def test_a_labelled_goals_name_ends_at_a_gap_wider_than_the_lines_of_a_paragraph():
    """"Mål:" over the goal's name and its text, all in one type: the name is its own
    paragraph, which the gap under it (wider than the text's own leading) ends."""
    prose = _typed([("Mål:", 9, True, 50, 100),
                    ("Fler invånare går vidare till arbete", 9, False, 50, 111),
                    ("Arbetet har gått bra under året och fler personer än", 9, False, 50, 124),
                    ("förra året har fått jobb. Vi bedömer att målet är", 9, False, 50, 134),
                    ("uppfyllt för perioden.", 9, False, 50, 144)])
    found = [m for m in markers(prose) if m.role == "goal"]
    assert [m.text for m in found] == ["Fler invånare går vidare till arbete"]
    assert [(b.goal, assess(b).label) for b in goal_blocks(prose, found)] == [
        ("Fler invånare går vidare till arbete", "met")]


def test_a_labelled_goals_name_runs_on_over_lines_set_as_close_as_its_text():
    prose = _typed([("Mål:", 9, True, 50, 100),
                    ("Fler invånare går vidare till arbete eller", 9, False, 50, 111),
                    ("studier efter avslutad insats", 9, False, 50, 121),
                    ("Målet är uppfyllt. Fler personer än förra året har", 9, False, 50, 134),
                    ("fått ett arbete under perioden.", 9, False, 50, 144)])
    found = [m for m in markers(prose) if m.role == "goal"]
    assert [m.text for m in found] == [
        "Fler invånare går vidare till arbete eller studier efter avslutad insats"]


def test_a_heading_in_a_goals_text_ends_the_sentence_before_it_and_starts_none():
    """The title of the goal's table, read just before the right column's text, is no
    part of the verdict's sentence."""
    prose = _typed([("Mål 3: Fler elever fullföljer sin utbildning", 12, True, 50, 100),
                    ("Målsatta mått", 9, True, 50, 141),
                    ("Trots insatserna har målet inte uppnåtts. Flera insatser", 9, False, 310, 60),
                    ("har genomförts under året.", 9, False, 310, 72)])
    (block,) = goal_blocks(prose, markers(prose))
    judged = assess(block)
    assert (judged.label, judged.evidence) == (
        "not_met", "Trots insatserna har målet inte uppnåtts.")


def test_an_unnumbered_chapter_of_the_chapters_type_ends_the_last_goals_block():
    prose = _typed([("4 En hållbar kommun", 15, True, 50, 80),
                    ("4.1 Nämndens mål: Verksamheten bedrivs inom given budget", 12, True, 50, 110),
                    ("Vi bedömer att målet inte är uppfyllt.", 10, False, 50, 130),
                    ("Ekonomi", 15, True, 50, 170),
                    ("Budgeten är i balans och målet är uppfyllt.", 10, False, 50, 190),
                    ("4.2 Analys", 12, True, 50, 210)])
    assert [assess(b).label for b in goal_blocks(prose, markers(prose))] == ["not_met"]


def test_an_unnumbered_heading_inside_a_numbered_section_does_not_end_it():
    prose = _typed([("3.2 Kultur och fritid", 12, True, 50, 90),
                    ("Nämndens mål: Barn har en meningsfull fritid", 11, True, 50, 110),
                    ("Arbetet har gått bra under året.", 10, False, 50, 125),
                    ("Analys", 12, True, 50, 140),
                    ("Vi bedömer att målet är uppfyllt.", 10, False, 50, 160)])
    assert [assess(b).label for b in goal_blocks(prose, markers(prose))] == ["met"]


@pytest.mark.parametrize("line", ["Budget 2019 Utfall år 2019 Avvikelse mot budget",
                                  "Utfall 2019 Målvärde 2020 Bedömning"])
def test_a_line_with_no_full_stop_is_judged_by_the_rules_only(line):
    assert sentence_judgement(line) is None
    assert sentence_judgement("Målet är uppfyllt") is not None


def test_a_goals_text_is_what_follows_it_in_reading_order_not_what_is_below_it():
    """Two columns: the left one holds the goal headings, the right one their text, each
    read after the heading it follows though it stands higher on the page."""
    prose = _typed([("Nämndens mål: Barn har en meningsfull fritid", 12, True, 50, 100),
                    ("Målet är uppfyllt för året.", 9, False, 310, 60),
                    ("Nämndens mål: Miljöpåverkan minskar", 12, True, 50, 300),
                    ("Målet är inte uppfyllt.", 9, False, 310, 250)])
    found = markers(prose)
    assert [assess(b).label for b in goal_blocks(prose, found)] == ["met", "not_met"]


def test_a_goal_list_with_no_text_of_its_own_gives_no_block():
    prose = _typed([("Mål 1: Vi finns där medborgarna behöver oss.", 9, False, 50, 100),
                    ("Mål 2: Vi utvecklar verksamheten tillsammans.", 9, False, 50, 112)])
    assert goal_blocks(prose, markers(prose)) == []


@pytest.mark.parametrize("sentence", [
    "Målet om en sjukfrånvaro under sex procent nåddes inte.",
    "Flera aktiviteter bidrar till att målet kan nås på sikt.",
    "Syftet med insatserna är att målet ska uppfyllas under planperioden.",
])
def test_a_measures_target_a_contribution_or_a_purpose_is_no_verdict(sentence):
    assert sentence_judgement(sentence) is None


@pytest.mark.parametrize("sentence, label", [
    ("Målet bedöms i allt väsentligt vara uppfyllt.", "met"),
    ("Målet bedöms i huvudsak vara uppnått.", "partly_met"),
    ("Målet har nåtts till viss del men inte fullt ut.", "partly_met"),
    ("Trots insatserna har målet inte uppnåtts.", "not_met"),
    ("Målet har ej uppfyllts under året.", "not_met"),
])
def test_agency_wordings(sentence, label):
    judged = sentence_judgement(sentence)
    assert judged is not None and judged[0] == label
