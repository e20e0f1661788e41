"""Goal verdicts found against goal verdicts known: hand-labelled (real reports) or generated.

A known verdict is found when an assessment on its page states it (or on the page before:
a row stands on its goal's page): its evidence holds the known verdict's words (or they hold
its evidence), or, on the same page, its goal is the known goal by most of its words. The
label must then agree. Assessments that match no known verdict are the rows that are not
goals (the golden files list every verdict a report states).

    python -m corpus.goals DATASET_DIR GOLDEN_DIR   # accuracy per report, misses, extras
    python -m corpus.goals DATASET_DIR CORPUS_DIR   # a generated corpus: rates per producer
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

MIN_SHARED_WORDS = 0.6  # of the known goal's or evidence's words, to be the same


@dataclass(frozen=True)
class Known:
    page: int
    goal: str
    verdict: str
    evidence: str


@dataclass(frozen=True)
class Found:
    page: int
    goal: str
    label: str
    evidence: str


@dataclass(frozen=True)
class Scored:
    known: int
    found: int  # known verdicts some assessment states
    right: int  # of them, with the known label
    extras: tuple[Found, ...]  # assessments that state no known verdict
    misses: tuple[tuple[Known, str], ...]  # (known, what was found instead)

    @property
    def accuracy(self) -> float:
        return self.right / self.known if self.known else 1.0


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _shares(small: str, large: str) -> bool:
    need = words(small)
    have = set(words(large))
    return bool(need) and sum(w in have for w in need) >= MIN_SHARED_WORDS * len(need)


def _states(found: Found, known: Known) -> bool:
    # A row stands on its goal's page; the verdict may close the goal's text a page later.
    if abs(found.page - known.page) > 1:
        return False
    if known.evidence and found.evidence and (
            _shares(known.evidence, found.evidence) or _shares(found.evidence, known.evidence)):
        return True
    return found.page == known.page and bool(known.goal) and _shares(known.goal, found.goal)


def score(found: Sequence[Found], known: Sequence[Known]) -> Scored:
    """Each row states one known verdict at most: known verdicts and the rows that could
    state them are paired so that most are found, then most are right, then most pairs
    name their goal (an assignment; scipy comes with Great Expectations)."""
    from scipy.optimize import linear_sum_assignment

    cost = [[0.0 if not _states(f, k) else
             -(100.0 + 10.0 * (f.label == k.verdict)
               + (bool(k.goal) and _shares(k.goal, f.goal)))
             for f in found] for k in known]
    row_of = {}
    if known and found:
        for i, n in zip(*linear_sum_assignment(cost), strict=True):
            if cost[i][n] < 0:
                row_of[int(i)] = int(n)
    right = 0
    misses = []
    for i, k in enumerate(known):
        n = row_of.get(i)
        if n is None:
            misses.append((k, "no row"))
        elif found[n].label == k.verdict:
            right += 1
        else:
            misses.append((k, f"{found[n].label}: {found[n].evidence[:100]}"))
    used = set(row_of.values())
    # The golden files list every verdict a report states, so any other row is not a goal.
    extras = tuple(f for n, f in enumerate(found) if n not in used)
    return Scored(len(known), len(row_of), right, extras, tuple(misses))


def read_known(path: Path) -> tuple[str, list[Known]]:
    golden = json.loads(path.read_text(encoding="utf-8"))
    return golden["file"], [Known(int(g["page"]), g.get("goal") or "", g["verdict"],
                                  g.get("evidence") or "") for g in golden["goals"]]


def read_found(assessments: pd.DataFrame, file: str) -> list[Found]:
    rows = assessments[assessments.source_file == file]
    return [Found(int(r.page), str(r.goal), str(r.label), str(r.evidence))
            for r in rows.itertuples()]


@dataclass(frozen=True)
class Rates:
    """Goals of a generated corpus found, per producer: recall and precision of goals (a row
    that states no known goal is an invented one) and the accuracy of their verdicts."""

    known: int
    found: int
    right: int
    extras: int

    @property
    def recall(self) -> float:
        return self.found / self.known if self.known else 1.0

    @property
    def precision(self) -> float:
        rows = self.found + self.extras
        return self.found / rows if rows else 1.0

    @property
    def accuracy(self) -> float:
        return self.right / self.found if self.found else 1.0


def generated(folder: Path, assessments: pd.DataFrame
              ) -> dict[str, tuple[Rates, list[tuple[str, Scored]]]]:
    """{producer: (rates, [(file, scored), ...])} over every NAME.goals.json below
    `folder` (one folder per producer), against the assessments extracted from it."""
    out: dict[str, tuple[Rates, list[tuple[str, Scored]]]] = {}
    for path in sorted(folder.rglob("*.goals.json")):
        _, known = read_known(path)
        file = path.with_name(path.name.replace(".goals.json", ".pdf")).relative_to(
            folder).as_posix()
        scored = score(read_found(assessments, file), known)
        rates, files = out.get(path.parent.name, (Rates(0, 0, 0, 0), []))
        out[path.parent.name] = (Rates(rates.known + scored.known, rates.found + scored.found,
                                       rates.right + scored.right,
                                       rates.extras + len(scored.extras)),
                                 [*files, (file, scored)])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("golden", type=Path)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args(argv)
    assessments = pd.read_csv(args.dataset / "assessments.csv", keep_default_na=False) if (
        args.dataset / "assessments.csv").exists() else pd.read_csv(
        args.dataset / "dataset" / "assessments.csv", keep_default_na=False)
    if any(args.golden.rglob("*.goals.json")):  # a generated corpus
        for producer, (rates, files) in generated(args.golden, assessments).items():
            print(f"{producer:<12} goals R {rates.recall:.3f} P {rates.precision:.3f}  "
                  f"verdicts {rates.accuracy:.3f}  ({rates.found}/{rates.known} found, "
                  f"{rates.right} right, {rates.extras} invented)")
            for file, result in files if args.explain else ():
                _explain(file, result)
        return 0
    total = right = 0
    for path in sorted(args.golden.glob("*.json")):
        file, known = read_known(path)
        result = score(read_found(assessments, file), known)
        total, right = total + result.known, right + result.right
        print(f"{file}: {result.right}/{result.known} right, {result.found} found, "
              f"{len(result.extras)} rows that are not goals")
        if args.explain:
            _explain(file, result)
    print(f"all: {right}/{total}")
    return 0


def _explain(file: str, result: Scored) -> None:
    for k, why in result.misses:
        print(f"   {file} miss p{k.page} {k.verdict} {k.goal[:50]!r} <- {why}")
    for f in result.extras:
        print(f"   {file} extra p{f.page} {f.label} {f.goal[:50]!r} | {f.evidence[:80]}")


if __name__ == "__main__":
    sys.exit(main())
