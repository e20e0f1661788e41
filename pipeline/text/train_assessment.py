"""Train the goal-assessment sentence classifier from the shipped labelled sentences.

    python -m pipeline.text.train_assessment        # or: make train

Trains on the composed sentences (data/assessment_sentences.csv) and the sentences written
by several writers in several styles (data/sentences/train_*.csv): a spaCy text classifier
(bag of lemma uni- and bigrams, exclusive labels) on spacy.blank("sv"). It is measured on
data/sentences/held_out.csv, written apart by another writer who saw none of the training
sentences, and writes the model and its metrics to pipeline/resources/models/assessment/. The
model reads lemma text (pipeline.swedish.nlp.lemmas), so that "målet är uppfyllt" and "målen
uppfylls" meet.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from pipeline.core.resources import resource_path
from pipeline.swedish.nlp import lemmas

ROOT = Path(__file__).resolve().parents[2]  # the repository: training runs from its tree
SENTENCES = ROOT / "data" / "assessment_sentences.csv"
WRITTEN = ROOT / "data" / "sentences"
HELD_OUT = WRITTEN / "held_out.csv"
MODEL_DIR = resource_path("models", "assessment")
LABELS = ("met", "partly_met", "not_met", "none")
EPOCHS = 20
SEED = 2019


def lemma_text(sentence: str) -> str:
    return " ".join(lemmas(sentence))


def read_sentences(path: Path = SENTENCES) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [(row["text"], row["label"]) for row in csv.DictReader(fh)]


def held_out_sentences() -> list[tuple[str, str]]:
    return read_sentences(HELD_OUT)


def training_sentences() -> list[tuple[str, str]]:
    """The composed set and every writer's file, each sentence once; none that is also held
    out."""
    held = {_key(text) for text, _ in held_out_sentences()}
    seen: set[str] = set()
    out = []
    for path in (SENTENCES, *sorted(WRITTEN.glob("train_*.csv"))):
        for text, label in read_sentences(path):
            if _key(text) not in seen and _key(text) not in held:
                seen.add(_key(text))
                out.append((text, label))
    return out


def _key(text: str) -> str:
    return " ".join(text.lower().rstrip(".").split())


def label_f1(gold: list[str], found: list[str]) -> dict[str, float]:
    return {label: round(_f1(gold, found, label), 4) for label in LABELS}


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
    return sum(_f1(gold, found, label) for label in LABELS) / len(LABELS)


def _f1(gold: list[str], found: list[str], label: str) -> float:
    tp = sum(g == f == label for g, f in zip(gold, found, strict=True))
    fp = sum(f == label and g != label for g, f in zip(gold, found, strict=True))
    fn = sum(g == label and f != label for g, f in zip(gold, found, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def best(nlp: spacy.language.Language, sentence: str) -> str:
    cats = predict(nlp, sentence)
    return max(cats, key=lambda k: cats[k])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args(argv)
    train_rows, held_out = training_sentences(), held_out_sentences()
    nlp = train(train_rows)
    gold = [label for _, label in held_out]
    found = [best(nlp, text) for text, _ in held_out]
    fitted = [best(nlp, text) for text, _ in train_rows]
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    metrics = {"train": len(train_rows), "held_out": len(held_out),
               "macro_f1_train": round(macro_f1([lab for _, lab in train_rows], fitted), 4),
               "macro_f1_held_out": round(macro_f1(gold, found), 4),
               "f1_held_out": label_f1(gold, found), "epochs": EPOCHS, "seed": SEED}
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n",
                                           encoding="utf-8")
    print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
