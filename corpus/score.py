"""Score the extraction of a generated corpus against its truth, per producer and dataset.

    python -m corpus.score corpus/dev            (make score)
    python -m corpus.score tests/corpus --explain 20

Cells: precision and recall of (page, row label, column label, value) over every value printed
in a table. Typed: F1 of measures (measure, breakdown, year, kind, value), finances
(statement, line, year, kind, value), volumes and key figures (item, year, kind, value).
Labels are compared as a reader compares them: case, runs of spaces and footnote marks aside.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

MARKS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*]+")
DATASETS = ("measures", "finances", "volumes", "key_figures")
TYPED_KEYS = {"measures": ("measure", "breakdown", "year", "kind"),
              "finances": ("statement", "line", "year", "kind"),
              "volumes": ("item", "year", "kind"),
              "key_figures": ("item", "year", "kind")}
MEASURE_KINDS = {"outcome": "outcome", "actual": "outcome", "target": "target"}


def norm(text: object) -> str:
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return " ".join(MARKS.sub("", str(text)).casefold().split())


def _value(v: object) -> str:
    try:
        return f"{float(v):.6g}"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""


def _year(v: object) -> str:
    text = str(v)
    return text[:-2] if text.endswith(".0") else ("" if text in ("nan", "<NA>") else text)


@dataclass
class Tally:
    truth: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)

    @property
    def matched(self) -> int:
        return sum((self.truth & self.found).values())

    @property
    def precision(self) -> float:
        n = sum(self.found.values())
        return self.matched / n if n else (1.0 if not self.truth else 0.0)

    @property
    def recall(self) -> float:
        n = sum(self.truth.values())
        return self.matched / n if n else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def cell_keys(frame: pd.DataFrame, file: str) -> Counter:
    return Counter((file, int(r.page), norm(r.row_label), norm(r.column_label), _value(r.value))
                   for r in frame.itertuples() if _value(r.value))


def typed_keys(frame: pd.DataFrame, dataset: str, file: str) -> Counter:
    keys = TYPED_KEYS[dataset]
    out: Counter = Counter()
    for row in frame.to_dict("records"):
        if not _value(row.get("value")):
            continue
        key = []
        for k in keys:
            v = row.get(k, "")
            if k == "year":
                v = _year(v)
            elif k == "kind" and dataset == "measures":
                v = MEASURE_KINDS.get(str(v), str(v))
            key.append(norm(v))
        out[(file, *key, _value(row["value"]))] += 1
    return out


def extract(folder: Path, out: Path, workers: int) -> None:
    subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(folder), "--out",
                    str(out), "--quiet", "--workers", str(workers)], check=False)


def score(folder: Path, dataset_dir: Path) -> dict[str, dict[str, Tally]]:
    """{producer: {"cells": Tally, "measures": Tally, ...}} over every truth file below
    `folder`, against the dataset extracted from it."""
    frames = {name: pd.read_csv(dataset_dir / f"{name}.csv", keep_default_na=False,
                                dtype=str) for name in ("observations", *DATASETS)}
    by_file = {name: dict(tuple(frame.groupby("source_file"))) for name, frame in
               frames.items()}
    empty = pd.DataFrame()
    out: dict[str, dict[str, Tally]] = {}
    for truth in sorted(folder.rglob("*.cells.csv")):
        pdf = truth.with_name(truth.name.replace(".cells.csv", ".pdf"))
        file = pdf.relative_to(folder).as_posix()
        producer = pdf.parent.name
        tallies = out.setdefault(producer, {n: Tally() for n in ("cells", *DATASETS)})
        tallies["cells"].truth += cell_keys(pd.read_csv(truth, keep_default_na=False,
                                                        dtype=str), file)
        tallies["cells"].found += cell_keys(by_file["observations"].get(file, empty), file)
        typed = pd.read_csv(truth.with_name(truth.name.replace(".cells.", ".typed.")),
                            keep_default_na=False, dtype=str)
        for dataset in DATASETS:
            tallies[dataset].truth += typed_keys(typed[typed["dataset"] == dataset], dataset,
                                                 file)
            tallies[dataset].found += typed_keys(by_file[dataset].get(file, empty), dataset,
                                                 file)
    return out


def report(scores: dict[str, dict[str, Tally]]) -> str:
    lines = [f"{'producer':<12} {'cells P':>8} {'cells R':>8} "
             + " ".join(f"{d + ' F1':>15}" for d in DATASETS)]
    total = {n: Tally() for n in ("cells", *DATASETS)}
    for producer, tallies in sorted(scores.items()):
        for name, tally in tallies.items():
            total[name].truth += tally.truth
            total[name].found += tally.found
        lines.append(_line(producer, tallies))
    lines.append(_line("all", total))
    return "\n".join(lines)


def _line(name: str, tallies: dict[str, Tally]) -> str:
    return (f"{name:<12} {tallies['cells'].precision:8.3f} {tallies['cells'].recall:8.3f} "
            + " ".join(f"{tallies[d].f1:15.3f}" for d in DATASETS))


def explain(scores: dict[str, dict[str, Tally]], limit: int) -> str:
    """The first missing and extra keys per producer and table: where to look."""
    lines = []
    for producer, tallies in sorted(scores.items()):
        for name, tally in tallies.items():
            missing = tally.truth - tally.found
            extra = tally.found - tally.truth
            for what, keys in (("missing", missing), ("extra", extra)):
                for key in sorted(keys)[:limit]:
                    lines.append(f"{producer} {name} {what}: {key}")
    return "\n".join(lines)


def as_json(scores: dict[str, dict[str, Tally]]) -> dict:
    return {p: {n: {"precision": round(t.precision, 4), "recall": round(t.recall, 4),
                    "f1": round(t.f1, 4), "truth": sum(t.truth.values()),
                    "found": sum(t.found.values())} for n, t in tallies.items()}
            for p, tallies in scores.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, default=None,
                        help="where to extract to (default: a temporary folder)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--explain", type=int, default=0, metavar="N",
                        help="list the first N missing and extra keys per producer and table")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="score-") as tmp:
        out = args.out or Path(tmp)
        extract(args.folder, out, args.workers)
        scores = score(args.folder, out / "dataset")
    print(report(scores))
    if args.explain:
        print(explain(scores, args.explain))
    if args.json:
        args.json.write_text(json.dumps(as_json(scores), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
