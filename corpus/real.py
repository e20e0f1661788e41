"""How the reader does on the real reports: the held-out golden tables and, per file, the
cells without a column label and the typed rows without a year or a kind.

    python -m corpus.real OUT/dataset [--before OTHER/dataset]

The held-out tables (tests/golden/real_heldout, real_heldout_typed) were checked by hand
against the page images and are never tuned on. A cell counts when its page, row label,
column label and value are the truth's (labels compared as corpus.score compares them); a
typed row when its line or item, year, kind and value are.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import pandas as pd

from corpus.score import _value, _year, norm

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"
TYPED = ("measures", "finances", "volumes", "key_figures", "personnel")
NAME_COLUMN = {"finances": "line", "volumes": "item", "key_figures": "item",
               "personnel": "metric", "measures": "measure"}


def _read(dataset: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(dataset / f"{name}.csv", keep_default_na=False, dtype=str)


def _recall(truth: Counter, found: Counter) -> tuple[int, int]:
    return sum((truth & found).values()), sum(truth.values())


def heldout_cells(dataset: Path, folder: Path = GOLDEN / "real_heldout"
                  ) -> list[tuple[str, int, int]]:
    """(table, cells right, cells) per held-out table."""
    observations = _read(dataset, "observations")
    out = []
    for golden in sorted(folder.glob("*.csv")):
        report, page, _ = golden.name.split(".", 2)
        truth = pd.read_csv(golden, keep_default_na=False, dtype=str)
        mine = observations[(observations["source_file"] == f"{report}.pdf")
                            & (observations["page"] == page.lstrip("p"))]
        right, total = _recall(_cell_keys(truth), _cell_keys(mine))
        out.append((golden.stem, right, total))
    return out


def _cell_keys(frame: pd.DataFrame) -> Counter:
    return Counter((norm(r.row_label), norm(r.column_label), _value(r.value))
                   for r in frame.itertuples() if _value(r.value))


def heldout_typed(dataset: Path, folder: Path = GOLDEN / "real_heldout_typed"
                  ) -> list[tuple[str, int, int]]:
    """(table, typed rows right, typed rows) per held-out typed table."""
    frames = {name: _read(dataset, name) for name in TYPED}
    out = []
    for golden in sorted(folder.glob("*.csv")):
        report, page, name, _ = golden.name.split(".", 3)
        truth = pd.read_csv(golden, keep_default_na=False, dtype=str)
        frame = frames[name]
        mine = frame[(frame["source_file"] == f"{report}.pdf")
                     & (frame["page"] == page.lstrip("p"))]
        # The fields the truth gives: name, breakdown (personnel), year, kind, value.
        fields = [NAME_COLUMN[name], *(f for f in ("breakdown", "kind") if f in truth)]
        right, total = _recall(_typed_keys(truth, fields), _typed_keys(mine, fields))
        out.append((golden.stem, right, total))
    return out


def _typed_keys(frame: pd.DataFrame, fields: list[str]) -> Counter:
    return Counter((*(norm(r[f]) for f in fields), _year(r["year"]), _value(r["value"]))
                   for r in frame.to_dict("records") if _value(r["value"]))


def unlabelled(dataset: Path) -> dict[str, tuple[int, int, int, int]]:
    """Per file: (cells, cells without a column label, typed rows, typed rows without a year
    or a kind)."""
    observations = _read(dataset, "observations")
    out: dict[str, list[int]] = {}
    for file, group in observations.groupby("source_file"):
        out[str(file)] = [len(group), int((group["column_label"].str.strip() == "").sum()),
                          0, 0]
    for name in TYPED:
        frame = _read(dataset, name)
        kinds = frame["kind"] if "kind" in frame else pd.Series("", index=frame.index)
        missing = (frame["year"] == "") | (kinds == "")
        for file, group in frame.groupby("source_file"):
            counts = out.setdefault(str(file), [0, 0, 0, 0])
            counts[2] += len(group)
            counts[3] += int(missing[group.index].sum())
    return {file: (a, b, c, d) for file, (a, b, c, d) in sorted(out.items())}


def _share(right: int, total: int) -> str:
    return f"{right}/{total} ({right / total:.0%})" if total else "0/0"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path, help="OUT/dataset of a run over the real reports")
    parser.add_argument("--before", type=Path, default=None,
                        help="another run's OUT/dataset, to print before -> after")
    args = parser.parse_args(argv)
    runs = [("before", args.before)] if args.before else []
    runs.append(("now", args.dataset))
    for what, measure in (("held-out cells", heldout_cells), ("held-out typed", heldout_typed)):
        results = {label: measure(path) for label, path in runs}
        print(f"{what} (right/total per table, {' -> '.join(label for label, _ in runs)})")
        tables = [name for name, _, _ in results["now"]]
        for n, name in enumerate(tables):
            print(f"  {name:<70} " + " -> ".join(_share(r[n][1], r[n][2])
                                                 for r in results.values()))
        totals = [(sum(r for _, r, _ in res), sum(t for _, _, t in res))
                  for res in results.values()]
        print(f"  {'all':<70} " + " -> ".join(_share(*t) for t in totals))
    counts = {label: unlabelled(path) for label, path in runs}
    print("per file: cells without a column label / cells; typed rows without a year or kind"
          " / typed rows")
    for file in sorted(set().union(*(c.keys() for c in counts.values()))):
        shown = [counts[label].get(file, (0, 0, 0, 0)) for label, _ in runs]
        print(f"  {file:<64} " + " -> ".join(f"{c[1]}/{c[0]}; {c[3]}/{c[2]}" for c in shown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
