"""The generated corpus: its scorer, its truth, and the reader measured on the committed test
set (seeds 1000-1023, rendered once by Chromium, LibreOffice, WeasyPrint and reportlab; the
reader was never tuned on it). No Chromium or LibreOffice is needed here."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from corpus import fonts
from corpus.generate import ORDER, generate, producer_of
from corpus.goals import Found, Known, generated
from corpus.goals import score as score_goals
from corpus.score import Tally, cell_keys, norm, score, typed_keys
from corpus.style import style_for
from pipeline.cli import main as pipeline_main

TESTSET = Path(__file__).parent / "corpus"

# What the test set scores (make score CORPUS=tests/corpus): floors per producer that the
# reader must not fall below. Every producer scores 1.0 now; a floor under that, were one
# needed, goes here and in the note.
UNDER_PERFECT: dict[str, dict[str, float]] = {}
FLOORS = {producer: {**dict.fromkeys(("cells", "measures", "finances", "volumes",
                                      "key_figures"), 1.0), **UNDER_PERFECT.get(producer, {})}
          for producer in ORDER}


# --- the scorer -------------------------------------------------------------------------

def test_tally_counts_matches_once_each() -> None:
    tally = Tally(Counter({"a": 2, "b": 1}), Counter({"a": 1, "b": 1, "c": 2}))
    assert tally.matched == 2
    assert tally.precision == pytest.approx(2 / 4)
    assert tally.recall == pytest.approx(2 / 3)
    assert tally.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_empty_tallies_are_perfect_only_when_nothing_was_due() -> None:
    assert Tally().precision == 1.0 and Tally().recall == 1.0
    assert Tally(Counter({"a": 1}), Counter()).precision == 0.0


def test_labels_compare_without_case_marks_or_runs_of_space() -> None:
    assert norm("Utfall  2022¹") == "utfall 2022"
    assert norm(None) == "" and norm(float("nan")) == ""


def test_cell_keys_skip_cells_without_a_value() -> None:
    frame = pd.DataFrame({"page": ["3", "3"], "row_label": ["Summa", "Summa"],
                          "column_label": ["Utfall 2022", "Not"], "value": ["-1633.7", ""]})
    assert cell_keys(frame, "f.pdf") == Counter({("f.pdf", 3, "summa", "utfall 2022",
                                                  "-1633.7"): 1})


def test_typed_keys_read_actual_as_outcome_for_measures_only() -> None:
    frame = pd.DataFrame({"measure": ["Andel"], "breakdown": ["kvinnor"], "year": ["2022.0"],
                          "kind": ["actual"], "value": ["45"]})
    assert typed_keys(frame, "measures", "f.pdf") == Counter(
        {("f.pdf", "andel", "kvinnor", "2022", "outcome", "45"): 1})
    volumes = frame.rename(columns={"measure": "item"})
    assert typed_keys(volumes, "volumes", "f.pdf") == Counter(
        {("f.pdf", "andel", "2022", "actual", "45"): 1})


def test_a_row_states_one_known_verdict_at_most() -> None:
    """Two goals on a page, judged in the same words: one row cannot be both; the pairing
    finds each goal its own row, the one that names it."""
    known = [Known(3, "Barn har en fritid", "met", "Målet är uppfyllt."),
             Known(3, "Äldre är trygga", "met", "Målet är uppfyllt.")]
    one = [Found(3, "Äldre är trygga", "met", "Målet är uppfyllt.")]
    assert (score_goals(one, known).found, score_goals(one, known).right) == (1, 1)
    both = [Found(3, "Äldre är trygga", "met", "Målet är uppfyllt."),
            Found(3, "Barn har en fritid", "not_met", "Målet är uppfyllt.")]
    scored = score_goals(both, known)
    assert (scored.found, scored.right, scored.extras) == (2, 1, ())
    assert [k.goal for k, _ in scored.misses] == ["Barn har en fritid"]


# --- the committed test set -------------------------------------------------------------

def test_the_test_set_has_four_reports_or_more_per_producer() -> None:
    per_producer = Counter(p.parent.name for p in TESTSET.rglob("*.pdf"))
    assert set(per_producer) == set(ORDER)
    assert min(per_producer.values()) >= 4, per_producer
    for pdf in TESTSET.rglob("*.pdf"):  # seed n is printed by producer n mod 8
        assert producer_of(int(pdf.name[1:5])) == pdf.parent.name


def test_truth_comes_from_the_generator_and_is_the_same_every_time(tmp_path: Path) -> None:
    """reportlab needs no outside program: render seed 1005 again, the truth is the same.
    (Its pages, and so its truth, depend on the fonts: without them the test cannot tell.)"""
    family = style_for(1005, "reportlab").font
    missing = [str(p) for p in fonts.FILES.get(family, ()) if not p.exists()]
    if missing:
        pytest.skip(f"the fonts seed 1005 is set in are not installed ({', '.join(missing)}); "
                    "bash ci/corpus.sh installs them")
    generate([1005], tmp_path, only={"reportlab"})
    again = sorted(tmp_path.rglob("*.csv"))
    assert again, "seed 1005 wrote nothing"
    for path in again:
        committed = TESTSET / path.relative_to(tmp_path)
        assert committed.exists(), committed
        with path.open(encoding="utf-8") as a, committed.open(encoding="utf-8") as b:
            assert list(csv.reader(a)) == list(csv.reader(b)), path.name


@pytest.fixture(scope="module")
def test_set_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("testset")
    code = pipeline_main(["extract", str(TESTSET), "--out", str(out), "--quiet",
                          "--workers", "2"])
    assert code in (0, 1), code  # 1: findings of checks, never a crash
    return out


@pytest.fixture(scope="module")
def test_set_scores(test_set_out: Path) -> dict:
    return score(TESTSET, test_set_out / "dataset")


@pytest.fixture(scope="module")
def test_set_goals(test_set_out: Path) -> dict:
    assessments = pd.read_csv(test_set_out / "dataset" / "assessments.csv",
                              keep_default_na=False)
    return {producer: rates for producer, (rates, _) in generated(TESTSET, assessments).items()}


@pytest.mark.parametrize("producer", ORDER)
def test_cells_are_found_in_place_on_the_test_set(test_set_scores: dict, producer: str) -> None:
    cells = test_set_scores[producer]["cells"]
    floor = FLOORS[producer]["cells"]
    assert cells.precision >= floor - 1e-9, (producer, cells.precision)
    assert cells.recall >= floor - 1e-9, (producer, cells.recall)


@pytest.mark.parametrize("producer", ORDER)
@pytest.mark.parametrize("dataset", ["measures", "finances", "volumes", "key_figures"])
def test_typed_rows_are_right_on_the_test_set(test_set_scores: dict, producer: str,
                                              dataset: str) -> None:
    tally = test_set_scores[producer][dataset]
    assert tally.f1 >= FLOORS[producer][dataset] - 1e-9, (producer, dataset, tally.f1)


# Goals of the test set as first measured (issue 14), never tuned on: (recall, precision,
# verdict accuracy) floors per producer. Every producer invents no goal. The misses: one
# lo-ods series (9 goals) and two weasyprint goals; the generated verdicts are otherwise
# right (195/196).
GOAL_FLOORS = {producer: (1.0, 1.0, 1.0) for producer in ORDER}


def test_the_test_set_holds_every_goal_with_its_verdict() -> None:
    for truth in TESTSET.rglob("*.goals.json"):
        goals = json.loads(truth.read_text(encoding="utf-8"))["goals"]
        assert goals and all(g["verdict"] in ("met", "partly_met", "not_met") and g["evidence"]
                             for g in goals), truth


@pytest.mark.parametrize("producer", ORDER)
def test_goals_and_verdicts_are_found_on_the_test_set(test_set_goals: dict,
                                                      producer: str) -> None:
    rates = test_set_goals[producer]
    recall, precision, accuracy = GOAL_FLOORS[producer]
    assert rates.recall >= recall - 1e-9, (producer, rates)
    assert rates.precision >= precision - 1e-9, (producer, rates)
    assert rates.accuracy >= accuracy - 1e-9, (producer, rates)
