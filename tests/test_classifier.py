"""The goal-assessment classifier: shipped sentences, a held-out split, a committed model."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import spacy

from pipeline.train_assessment import (
    MODEL_DIR,
    SENTENCES,
    macro_f1,
    main,
    predict,
    read_sentences,
    split,
)


def test_the_sentence_set_is_large_enough_and_labelled():
    rows = read_sentences()
    assert len(rows) >= 300
    assert set(Counter(label for _, label in rows)) == {"met", "partly_met", "not_met", "none"}
    assert len({text for text, _ in rows}) == len(rows)


def test_the_sentence_file_is_what_the_composer_writes():
    from data.compose_sentences import compose  # type: ignore[import-not-found]

    with SENTENCES.open(encoding="utf-8") as fh:
        shipped = [(r["text"], r["label"]) for r in csv.DictReader(fh)]
    assert shipped == compose()


def test_held_out_sentences_are_not_trained_on():
    train, held_out = split(read_sentences())
    assert not {t for t, _ in train} & {t for t, _ in held_out}
    assert len(held_out) >= 60


def test_committed_model_scores_at_least_0_95_on_held_out():
    nlp = spacy.load(MODEL_DIR)
    _, held_out = split(read_sentences())
    found = [max(predict(nlp, t).items(), key=lambda kv: kv[1])[0] for t, _ in held_out]
    score = macro_f1([label for _, label in held_out], found)
    metrics = json.loads((MODEL_DIR / "metrics.json").read_text(encoding="utf-8"))
    assert score >= 0.95
    assert round(score, 4) == metrics["macro_f1_held_out"]


def test_training_command_reproduces_the_committed_model(tmp_path: Path, capsys):
    assert main(["--out", str(tmp_path / "model")]) == 0
    trained = json.loads((tmp_path / "model" / "metrics.json").read_text(encoding="utf-8"))
    committed = json.loads((MODEL_DIR / "metrics.json").read_text(encoding="utf-8"))
    assert trained == committed


def test_macro_f1_of_a_known_case():
    gold = ["met", "met", "none", "not_met"]
    found = ["met", "none", "none", "not_met"]
    # met: p=1 r=.5 f=.667; none: p=.5 r=1 f=.667; not_met: 1; partly_met: 0 (absent)
    assert round(macro_f1(gold, found), 4) == round((2 / 3 + 2 / 3 + 1 + 0) / 4, 4)
