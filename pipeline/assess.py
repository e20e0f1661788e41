"""Goal blocks and the committee's assessment of each goal.

A goal block is the prose between a goal's title and the next goal, goal area or higher
heading, across page breaks (running headers and tables are already out). The assessment is
read from its sentences by rules on lemmas: a sentence must judge the goal ("målet",
"måluppfyllelsen"), not one measure ("målet för andelen ..."), and say how it went
(uppfyllt, delvis, godtagbar, inte uppnått). The last such sentence decides; it is kept as
evidence.

A small text classifier trained on the shipped sentences (models/assessment, see
pipeline.train_assessment) reads each sentence too: it finds judgements the rules do not
know, and its probability is the confidence. Where the rules see a judgement and the model
does not agree, the rules' label stands (they only match explicit wording) with the model's
lower confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.layout import join_label
from pipeline.nlp import lemmas, sentences
from pipeline.outline import Marker, Outline
from pipeline.records import Mark, TextLine

GOAL_WORDS = frozenset({"mål", "måluppfyllelse", "måluppfyllnad"})
DONE_WORDS = frozenset({"uppfylla", "uppnå", "nå"})
PARTLY_WORDS = frozenset({"delvis", "godtagbar", "acceptabel", "godtagbart"})
NEGATIONS = frozenset({"inte", "ej", "icke", "ingen"})
GOOD_WORDS = frozenset({"god", "hög", "mycket"})
LOW_WORDS = frozenset({"låg", "otillräcklig", "bristfällig"})
MEASURE_LEVEL = frozenset({"målvärde", "målnivå"})
MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "assessment"
MODEL_THRESHOLD = 0.6  # the model alone decides only above this probability
PERIOD_WORDS = frozenset({"år", "period", "helår", "verksamhetsår"})


@dataclass(frozen=True)
class GoalBlock:
    goal_area: str
    goal: str
    page: int
    text: str


@dataclass(frozen=True)
class Assessment:
    goal_area: str
    goal: str
    page: int
    label: str  # "met", "partly_met", "not_met", "unknown"
    evidence: str
    confidence: float
    method: str = ""  # "rules+model" (both agree), "rules", "model"
    symbol: str = ""  # the label the report's coloured status symbol shows, if it has one


def goal_blocks(prose: Sequence[tuple[int, Sequence[TextLine]]],
                markers: Sequence[Marker]) -> list[GoalBlock]:
    """The text of each goal, in document order. Goals listed in an overview (one after
    the other, with no text of their own) give no block."""
    flat = [(page, ln) for page, lines in prose for ln in lines]
    places = Outline(tuple(markers)).places
    out = []
    for n, m in enumerate(markers):
        if m.role != "goal":
            continue
        end = next((x for x in markers[n + 1:] if x.role in ("goal", "goal_area")
                    or (x.role == "heading" and x.size > m.size + 1.0)), None)
        start = (m.last.page, m.last.top)
        stop = (end.at.page, end.at.top) if end else (10**9, 0.0)
        parts = [ln.text for page, ln in flat if start < (page, ln.bbox.top) < stop]
        if any(p.rstrip().endswith((".", "!", "?")) for p in parts):  # prose, not a list
            out.append(GoalBlock(places[n].goal_area, m.text, m.at.page, join_label(parts)))
    return out


@cache
def classifier() -> Language:
    """The trained sentence classifier, loaded from the repository (never downloaded)."""
    return spacy.load(MODEL_DIR)


def sentence_judgement(sentence: str) -> tuple[str, float, str] | None:
    """(label, confidence, method) when the sentence judges the goal, else None."""
    words = lemmas(sentence)
    ruled = sentence_label(words)
    cats = classifier()(" ".join(words)).cats
    best = max(cats, key=lambda k: cats[k])
    if ruled is not None:
        return ruled, round(cats[ruled], 3), "rules+model" if best == ruled else "rules"
    if best != "none" and cats[best] >= MODEL_THRESHOLD and not _judges_a_measure(words):
        return best, round(cats[best], 3), "model"
    return None


def assess(block: GoalBlock) -> Assessment:
    """The last sentence of the block that judges the goal decides."""
    decided: tuple[str, str, float, str] | None = None
    for sentence in sentences(block.text):
        judged = sentence_judgement(sentence)
        if judged is not None:
            decided = (judged[0], sentence, judged[1], judged[2])
    if decided is None:
        return Assessment(block.goal_area, block.goal, block.page, "unknown", "", 0.0)
    label, evidence, confidence, method = decided
    return Assessment(block.goal_area, block.goal, block.page, label, evidence, confidence,
                      method)


def sentence_label(words: Sequence[str]) -> str | None:
    """The judgement a sentence makes on the goal, or None when it makes none."""
    if not GOAL_WORDS & set(words) or MEASURE_LEVEL & set(words):
        return None
    if _judges_a_measure(words):
        return None
    done = bool(DONE_WORDS & set(words))
    if PARTLY_WORDS & set(words) and (done or "måluppfyllelse" in words
                                      or "måluppfyllnad" in words or "mål" in words):
        return "partly_met"
    if done and NEGATIONS & set(words):
        return "not_met"
    if done:
        return "met"
    quality = {"måluppfyllelse", "måluppfyllnad"} & set(words)
    if quality and LOW_WORDS & set(words):
        return "not_met"
    if quality and GOOD_WORDS & set(words):
        return "met"
    return None


def _judges_a_measure(words: Sequence[str]) -> bool:
    """ "Målet för andelen ... har inte uppnåtts" speaks of one measure's target; "målet för
    året" is still the goal."""
    return any(w == "mål" and words[i + 1] == "för"
               and (i + 2 >= len(words) or words[i + 2] not in PERIOD_WORDS)
               for i, w in enumerate(words[:-1]))


# -- coloured status symbols -------------------------------------------------------------------


def colour_label(fill: Sequence[float]) -> str:
    """Green, yellow and red status circles as labels; other colours say nothing."""
    r, g, b = _rgb(fill)
    if g > 0.45 and g > r + 0.15 and g > b:
        return "met"
    if r > 0.6 and g >= 0.45 and b < 0.5:
        return "partly_met"
    if r > 0.6 and g < 0.45 and b < 0.45:
        return "not_met"
    return ""


def _rgb(fill: Sequence[float]) -> tuple[float, float, float]:
    if len(fill) == 4:  # CMYK
        c, m, y, k = fill
        return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    if len(fill) == 3:
        return fill[0], fill[1], fill[2]
    grey = fill[0] if fill else 0.0
    return grey, grey, grey


def symbol_labels(marks: Sequence[tuple[int, Sequence[Mark]]],
                  markers: Sequence[Marker]) -> dict[str, str]:
    """For goals listed with status symbols (an overview table), the label of the last symbol
    on the goal's row: the status for the whole year when the row also shows a forecast."""
    by_page = dict(marks)
    out: dict[str, str] = {}
    for m in markers:
        if m.role != "goal" or not by_page.get(m.at.page):
            continue
        top, bottom = m.at.top - 4.0, m.last.top + m.bbox.height + 4.0
        on_row = [k for k in by_page[m.at.page] if top <= k.bbox.y_mid <= bottom]
        labels = [colour_label(k.fill) for k in sorted(on_row, key=lambda k: k.bbox.x0)]
        labels = [label for label in labels if label]
        if labels:
            out[m.text] = labels[-1]
    return out
