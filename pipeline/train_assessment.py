"""Train the goal-assessment sentence classifier from the shipped labelled sentences.

    python -m pipeline.train_assessment        # or: make train

Reads data/assessment_sentences.csv, holds out a fifth of each label (fixed seed), trains a
spaCy text classifier (bag of lemma uni- and bigrams, exclusive labels) on spacy.blank("sv"),
reports macro-F1 on the held-out sentences and writes the model and its metrics to
models/assessment/. The model reads lemma text (pipeline.nlp.lemmas), so that "målet är
uppfyllt" and "målen uppfylls" meet.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import defaultdict
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from pipeline.nlp import lemmas

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "data" / "assessment_sentences.csv"
MODEL_DIR = ROOT / "models" / "assessment"
LABELS = ("met", "partly_met", "not_met", "none")
HELD_OUT_SHARE = 0.2
EPOCHS = 20
SEED = 2019


def lemma_text(sentence: str) -> str:
    return " ".join(lemmas(sentence))


def read_sentences(path: Path = SENTENCES) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [(row["text"], row["label"]) for row in csv.DictReader(fh)]


def split(rows: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A fixed fifth of each label is held out."""
    by_label: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        by_label[row[1]].append(row)
    rng = random.Random(SEED)
    train, held_out = [], []
    for label in sorted(by_label):
        group = sorted(by_label[label])
        rng.shuffle(group)
        cut = round(len(group) * HELD_OUT_SHARE)
        held_out.extend(group[:cut])
        train.extend(group[cut:])
    return train, held_out


def train(rows: list[tuple[str, str]]) -> spacy.language.Language:
    fix_random_seed(SEED)
    nlp = spacy.blank("sv")
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
        "ngram_size": 2, "no_output_layer": False, "length": 65536}})
    for label in LABELS:
        textcat.add_label(label)  # type: ignore[attr-defined]
    examples = [Example.from_dict(nlp.make_doc(lemma_text(text)),
                                  {"cats": {lab: float(lab == label) for lab in LABELS}})
                for text, label in rows]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(SEED)
    for _ in range(EPOCHS):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return nlp


def predict(nlp: spacy.language.Language, sentence: str) -> dict[str, float]:
    return dict(nlp(lemma_text(sentence)).cats)


def macro_f1(gold: list[str], found: list[str]) -> float:
    scores = []
    for label in LABELS:
        tp = sum(g == f == label for g, f in zip(gold, found, strict=True))
        fp = sum(f == label and g != label for g, f in zip(gold, found, strict=True))
        fn = sum(g == label and f != label for g, f in zip(gold, found, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall
                      else 0.0)
    return sum(scores) / len(scores)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args(argv)
    rows = read_sentences()
    train_rows, held_out = split(rows)
    nlp = train(train_rows)
    found = [max(predict(nlp, text).items(), key=lambda kv: kv[1])[0] for text, _ in held_out]
    score = macro_f1([label for _, label in held_out], found)
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    metrics = {"sentences": len(rows), "train": len(train_rows), "held_out": len(held_out),
               "macro_f1_held_out": round(score, 4), "epochs": EPOCHS, "seed": SEED}
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n",
                                           encoding="utf-8")
    print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
