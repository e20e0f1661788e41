"""Goal verdicts found against goal verdicts known: hand-labelled (real reports) or generated.

A known verdict is found when an assessment on its page states it (or on the page before:
a row stands on its goal's page): its evidence holds the known verdict's words (or they hold
its evidence), or, on the same page, its goal is the known goal by most of its words. The
label must then agree. Assessments that match no known verdict are the rows that are not
goals (the golden files list every verdict a report states).

    python -m corpus.goals DATASET_DIR GOLDEN_DIR   # accuracy per report, misses, extras
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
    used: set[int] = set()
    right = hits = 0
    misses = []
    for k in known:
        candidates = [n for n, f in enumerate(found) if _states(f, k)]
        best = next((n for n in candidates if found[n].label == k.verdict), None)
        if best is None and candidates:
            best = candidates[0]
        if best is None:
            misses.append((k, "no row"))
            continue
        used.add(best)
        hits += 1
        if found[best].label == k.verdict:
            right += 1
        else:
            misses.append((k, f"{found[best].label}: {found[best].evidence[:100]}"))
    # The golden files list every verdict a report states, so any other row is not a goal.
    extras = tuple(f for n, f in enumerate(found) if n not in used)
    return Scored(len(known), hits, right, extras, tuple(misses))


def read_known(path: Path) -> tuple[str, list[Known]]:
    golden = json.loads(path.read_text(encoding="utf-8"))
    return golden["file"], [Known(int(g["page"]), g.get("goal") or "", g["verdict"],
                                  g.get("evidence") or "") for g in golden["goals"]]


def read_found(assessments: pd.DataFrame, file: str) -> list[Found]:
    rows = assessments[assessments.source_file == file]
    return [Found(int(r.page), str(r.goal), str(r.label), str(r.evidence))
            for r in rows.itertuples()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("golden", type=Path)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args(argv)
    assessments = pd.read_csv(args.dataset / "assessments.csv", keep_default_na=False) if (
        args.dataset / "assessments.csv").exists() else pd.read_csv(
        args.dataset / "dataset" / "assessments.csv", keep_default_na=False)
    total = right = 0
    for path in sorted(args.golden.glob("*.json")):
        file, known = read_known(path)
        result = score(read_found(assessments, file), known)
        total, right = total + result.known, right + result.right
        print(f"{file}: {result.right}/{result.known} right, {result.found} found, "
              f"{len(result.extras)} rows that are not goals")
        if args.explain:
            for k, why in result.misses:
                print(f"   miss p{k.page} {k.verdict} {k.goal[:50]!r} <- {why}")
            for f in result.extras:
                print(f"   extra p{f.page} {f.label} {f.goal[:50]!r} | {f.evidence[:80]}")
    print(f"all: {right}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
