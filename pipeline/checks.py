"""Arithmetic a report promises, and what its text claims, checked against its own figures.

- Sums: a total or subtotal equals the rows it adds up (meaning.row_meanings found them), in
  every column, to the printed precision: one unit of the total's last digit, or half a unit
  per rounded row beneath it (through subtotals) when many rows add up.
- Deviations: actual - budget = deviation, or budget - actual = deviation: each table's own
  sign convention is the one most of its rows follow; the rows that follow neither fail.
- Claims: "nått fem av nämndens tio mål" against the goals assessed as met.
- Restatements: a value that later reports state differently (a warning, not an error).

Pure functions over the typed frames; each failure names the file, page, table, row, column,
the value found and the value expected, and the cell's box for the auditors' crop.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from pipeline.numbers import parse_cell

CONVENTIONS = {
    "actual - budget": lambda t: t["actual"]["value"] - t["budget"]["value"],
    "budget - actual": lambda t: t["budget"]["value"] - t["actual"]["value"],
}


@dataclass(frozen=True)
class Failure:
    suite: str
    check: str
    source_file: str
    page: int
    table: str
    row_label: str
    column_label: str
    value: float | None
    expected: float | None
    message: str
    severity: str = "error"  # "error" or "warning"
    box: tuple[float, float, float, float] | None = None


def _unit_of_last_digit(raw_text: str) -> float:
    return 10.0 ** -parse_cell(str(raw_text)).decimals


def _box(row: pd.Series) -> tuple[float, float, float, float] | None:
    if "x0" not in row or pd.isna(row["x0"]):
        return None
    return (float(row["x0"]), float(row["top"]), float(row["x1"]), float(row["bottom"]))


def sum_checks(finances: pd.DataFrame) -> list[Failure]:
    out = []
    # Only totals whose rows the page confirms (some column adds up over them): where no
    # column does, the table's structure is our guess and a failure would accuse the report
    # of our own misreading.
    confirmed = finances.get("sums_confirmed", True)
    totals = finances[finances["line_role"].isin(["total", "subtotal"])
                      & (finances["sums"] != "") & finances["value"].notna() & confirmed]
    by_cell = {(r.table_id, r.column_label, r.row_label): r.value
               for r in finances.itertuples() if pd.notna(r.value)}
    # A column label or row label that repeats within a table cannot name one cell.
    seen = Counter((r.table_id, r.column_label, r.row_label) for r in finances.itertuples())
    ambiguous = {k for k, n in seen.items() if n > 1}
    # A part printed as words ("Ej aktuellt", "årligen, löpande") has no value to add.
    ambiguous |= {(r.table_id, r.column_label, r.row_label) for r in finances.itertuples()
                  if pd.isna(r.value) and str(r.raw_text).strip()}
    summed = {(r.table_id, r.column_label, r.row_label): json.loads(r.sums)
              for r in totals.itertuples()}

    def leaves(cell: tuple[str, str, str], depth: int = 0) -> int:
        """Rounded rows beneath a total, through its subtotals."""
        parts = summed.get(cell)
        if not parts or depth > 10:
            return 1
        return sum(leaves((cell[0], cell[1], p), depth + 1) for p in parts
                   if (cell[0], cell[1], p) in by_cell)

    for _, total in totals.iterrows():
        parts = json.loads(total["sums"])
        cells = [(total["table_id"], total["column_label"], p)
                 for p in [total["row_label"], *parts]]
        if any(c in ambiguous for c in cells):
            continue
        values = [by_cell.get((total["table_id"], total["column_label"], p)) for p in parts]
        present = [v for v in values if v is not None]
        if not present:
            continue
        expected = round(sum(present), 6)
        # Each rounded row beneath may be off by half a unit of the printed digit (tkr from
        # kronor): n rows may drift n/2 units, and one unit is always allowed.
        unit = _unit_of_last_digit(total["raw_text"])
        rows = leaves((total["table_id"], total["column_label"], total["row_label"]))
        if abs(expected - total["value"]) > max(unit, unit * rows / 2) + 1e-9:
            out.append(Failure(
                "finances", "parts_sum_to_total", total["source_file"], int(total["page"]),
                total["table_title"], total["row_label"], total["column_label"],
                float(total["value"]), expected,
                f"'{total['row_label']}' is printed as {total['raw_text']} but its "
                f"{len(present)} rows ({', '.join(parts[:4])}{', ...' if len(parts) > 4 else ''})"
                f" add up to {expected:g}", box=_box(total)))
    return out


def _holds(t: dict[str, pd.Series], name: str) -> bool:
    tolerance = _unit_of_last_digit(t["deviation"]["raw_text"])
    return bool(abs(CONVENTIONS[name](t) - t["deviation"]["value"]) <= tolerance + 1e-9)


def deviation_checks(finances: pd.DataFrame) -> list[Failure]:
    """Per table, the sign convention most rows follow; the item rows that break it fail.
    Totals are left to the sum check: a wrong deviation in a row must not fail twice."""
    out = []
    keyed = finances[finances["kind"].isin(["actual", "budget", "deviation"])
                     & finances["value"].notna() & (finances["line_role"] == "item")]
    for _, table in keyed.groupby("table_id"):
        triples = []
        for _, group in table.groupby(["row_label", "year", "period"], dropna=False):
            kinds = group.groupby("kind")
            if set(kinds.groups) != {"actual", "budget", "deviation"}:
                continue
            if any(len(rows) != 1 for _, rows in kinds):
                continue  # several actuals (intäkter and kostnader): no single identity
            row = {k: rows.iloc[0] for k, rows in kinds}
            triples.append(row)
        if not triples:
            continue
        name = max(CONVENTIONS, key=lambda n: sum(_holds(t, n) for t in triples))
        for t in triples:
            if _holds(t, name):
                continue
            dev = t["deviation"]
            expected = round(CONVENTIONS[name](t), 6)
            out.append(Failure(
                "finances", "deviation_is_actual_minus_budget", dev["source_file"],
                int(dev["page"]), dev["table_title"], dev["row_label"], dev["column_label"],
                float(dev["value"]), expected,
                f"deviation printed as {dev['raw_text']}, but {name} is "
                f"{t['actual']['raw_text']} and {t['budget']['raw_text']} gives {expected:g} "
                f"(the table's other rows follow {name})", box=_box(dev)))
    return out


def claim_checks(claims: pd.DataFrame, assessments: pd.DataFrame) -> list[Failure]:
    out = []
    for _, claim in claims.iterrows():
        mine = assessments[assessments["source_sha256"] == claim["source_sha256"]]
        if mine.empty:
            continue
        met = int((mine["label"] == "met").sum())
        if met != claim["claimed"] or len(mine) != claim["of_total"]:
            out.append(Failure(
                "assessments", "claimed_goal_count_matches", claim["source_file"],
                int(claim["page"]), "", claim["sentence"][:80], "", float(claim["claimed"]),
                float(met), f"the text claims {claim['claimed']} of {claim['of_total']} goals "
                f"met; the assessments read {met} met of {len(mine)}", box=_box(claim)))
    return out


def restatement_warnings(conflicts: pd.DataFrame) -> list[Failure]:
    out = []
    for _, row in conflicts.iterrows():
        listed = json.loads(row["values"])
        text = ", ".join(f"{v['source_file']}: {v['value']:g}" for v in listed)
        out.append(Failure(
            "measures_clean", "restated_between_reports", listed[-1]["source_file"], 0, "",
            row["measure_key"], f"{row['kind']} {row['year']}", listed[-1]["value"],
            None, f"reports disagree on {row['measure_key']} ({row['kind']} "
            f"{row['year']}{', ' + row['breakdown'] if row['breakdown'] else ''}): {text}",
            severity="warning"))
    return out


def all_checks(frames: dict[str, pd.DataFrame]) -> list[Failure]:
    empty = pd.DataFrame()
    finances = frames.get("finances", empty)
    failures: list[Failure] = []
    if not finances.empty:
        failures += sum_checks(finances) + deviation_checks(finances)
    # Shares in measures and personnel are checked by the Great Expectations suites.
    if not frames.get("claims", empty).empty:
        failures += claim_checks(frames["claims"], frames.get("assessments", empty))
    if not frames.get("conflicts", empty).empty:
        failures += restatement_warnings(frames["conflicts"])
    return failures
