"""Arithmetic a report promises, and what its text claims, checked against its own figures.

- Sums: a total or subtotal equals the rows it adds up (meaning.row_meanings found them), in
  every column, to the printed precision: one unit of the total's last digit, or half a unit
  per rounded row beneath it (through subtotals) when many rows add up. Shares are not
  summed, and a total row that fails in more columns than it holds is left alone: that is
  our misreading of the table, not the report's error.
- Row totals: a "Summa" column equals the other cells of its row, where most rows do.
- Deviations: actual - budget = deviation, or budget - actual = deviation: each table's own
  sign convention is the one most of its rows follow; the rows that follow neither fail.
- Summary and detail: a line of a summary in mkr equals the same line of the detail in tkr.
- Volumes and key figures: a cost per unit times the volume cannot exceed the whole cost.
- Claims: "nått fem av nämndens tio mål" against the goals assessed as met.
- Restatements: a value that later reports state differently (a warning, not an error).

Pure functions over the typed frames; each failure names the file, page, table, row, column,
the value found and the value expected, and the cell's box for the auditors' crop.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import pandas as pd

from pipeline.core.catalogue import CHECKS as CATALOGUE_CHECKS
from pipeline.core.catalogue import ProblemCode
from pipeline.core.guard import Guard
from pipeline.meaning.labels import adds_up_within
from pipeline.meaning.merge import text_values
from pipeline.swedish.nlp import SEX_WORDS
from pipeline.swedish.numbers import format_number, parse_cell, scale_to_sek

ROW_TOTAL_COLUMN = re.compile(r"\b(?:total|totalt|summa)\b", re.I)

CODE_COLUMN = re.compile(r"\b(?:nr|nummer|kod|id|konto|prio)\b", re.I)  # "Proj Nr": no values

CONVENTIONS = ("actual - budget", "budget - actual")  # the first wins a tie


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
    printed: str = ""  # the value as the page prints it ("−1 633,7"), when it has one


TEXT_COLUMNS = ("unit", "kind", "line_role", "sums", "period", "table_title", "row_label",
                "column_label", "raw_text", "item", "sentence")


def _texts(frame: pd.DataFrame) -> pd.DataFrame:
    """The text columns with "" for nulls (None, NaN, pd.NA: a frame read back from CSV or
    a warehouse), so that comparing and parsing them never meets a null."""
    return frame.assign(**{c: text_values(frame[c]) for c in TEXT_COLUMNS if c in frame})


def _unit_of_last_digit(raw_text: str) -> float:
    return 10.0 ** -parse_cell(str(raw_text)).decimals


def _printed_sum_holds(parts_sum: float, parts: int, total: pd.Series) -> bool:
    """The tolerance the table finder uses to confirm sums (meaning.adds_up_within), to the
    total's printed precision."""
    return adds_up_within(parts_sum, parts, float(total["value"]),
                          parse_cell(str(total["raw_text"])).decimals)


def _box(row: pd.Series) -> tuple[float, float, float, float] | None:
    """The cell's box, or None when any side of it is missing (no crop then)."""
    sides = [row.get(side) for side in ("x0", "top", "x1", "bottom")]
    if any(side is None or pd.isna(side) for side in sides):
        return None
    x0, top, x1, bottom = (float(side) for side in sides)
    return (x0, top, x1, bottom)


def _at_cell(cell: pd.Series, check: str, expected: float | None, message: str,
             severity: str = "error", suite: str = "finances") -> Failure:
    """A failure of `check` at a typed row's cell: its file, page, table, row, column, value."""
    return Failure(suite, check, cell["source_file"], int(cell["page"]), cell["table_title"],
                   cell["row_label"], cell["column_label"], float(cell["value"]), expected,
                   message, severity=severity, box=_box(cell),
                   printed=str(cell.get("raw_text") or ""))


def sum_checks(finances: pd.DataFrame) -> list[Failure]:
    finances = _texts(finances)
    out = []
    # Only totals whose rows the page confirms (some column adds up over them): where no
    # column does, the table's structure is our guess and a failure would accuse the report
    # of our own misreading.
    confirmed = finances.get("sums_confirmed", True)
    totals = finances[finances["line_role"].isin(["total", "subtotal"])
                      & (finances["sums"] != "") & finances["value"].notna() & confirmed]
    by_cell: dict[tuple[str, str, str], float] = {}
    seen: Counter[tuple[str, str, str]] = Counter()
    ambiguous: set[tuple[str, str, str]] = set()
    for r in finances.itertuples():
        cell = (r.table_id, r.column_label, r.row_label)
        seen[cell] += 1
        if pd.notna(r.value):
            by_cell[cell] = r.value
        elif str(r.raw_text).strip():
            ambiguous.add(cell)  # a part printed as words ("Ej aktuellt") has no value to add
    # A column label or row label that repeats within a table cannot name one cell.
    ambiguous |= {k for k, n in seen.items() if n > 1}
    summed = {(r.table_id, r.column_label, r.row_label): json.loads(r.sums)
              for r in totals.itertuples()}

    def leaves(cell: tuple[str, str, str], depth: int = 0) -> int:
        """Rounded rows beneath a total, through its subtotals."""
        parts = summed.get(cell)
        if not parts or depth > 10:
            return 1
        return sum(leaves((cell[0], cell[1], p), depth + 1) for p in parts
                   if (cell[0], cell[1], p) in by_cell)

    candidates = []
    for _, total in totals.iterrows():
        if total.get("unit") == "%":
            continue  # shares and rates of the parts do not add up to the total's
        if ROW_TOTAL_COLUMN.search(str(total["column_label"])):
            # A column of row totals ("Total utgift") may mean the whole project on item
            # rows and the printed years on summary rows; down the column it is no sum.
            continue
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
        # Every rounded row beneath, through subtotals, may drift half a unit (tkr from kronor).
        rows = leaves((total["table_id"], total["column_label"], total["row_label"]))
        holds = _printed_sum_holds(expected, rows, total)
        candidates.append((total, parts, present, expected, holds))
    # A total row that fails in most of its columns is a structure we misread (the wrong
    # rows, a label split over two rows), not a report that errs in every column at once.
    verdicts: dict[tuple[str, str], list[bool]] = {}
    for total, _, _, _, holds in candidates:
        verdicts.setdefault((total["table_id"], total["row_label"]), []).append(holds)
    for total, parts, present, expected, holds in candidates:
        row_verdicts = verdicts[(total["table_id"], total["row_label"])]
        if holds:
            continue
        if _counts_of_people(parts) and total["value"] > expected:
            out.append(_at_cell(
                total, "parts_sum_to_total", expected,
                f"'{total['row_label']}' is printed as {total['raw_text']}, "
                f"{format_number(total['value'] - expected)} more than "
                f"{' + '.join(parts)} ({format_number(expected)}): "
                "a total that also counts those whose kön is not recorded?", "warning"))
            continue
        if 2 * sum(row_verdicts) < len(row_verdicts):
            continue
        out.append(_at_cell(
            total, "parts_sum_to_total", expected,
            f"'{total['row_label']}' is printed as {total['raw_text']} but its "
            f"{len(present)} rows ({', '.join(parts[:4])}{', ...' if len(parts) > 4 else ''})"
            f" add up to {format_number(expected)}"))
    return out


def _counts_of_people(parts: list[str]) -> bool:
    """Parts that are the sexes: a total over them may also hold people of unknown kön."""
    return bool(parts) and all(p.strip().lower() in SEX_WORDS for p in parts)


def row_total_checks(finances: pd.DataFrame) -> list[Failure]:
    """A column of row totals ("Summa" right of "<1 månad ... >5 år") equals the row's other
    cells. A table is held to it only when most of its rows, two at least, add up that way:
    where they do not, the column means something else ("Total utgift" of a whole project)."""
    finances = _texts(finances)
    cells = finances[finances["value"].notna() & (finances["unit"] != "%")
                     & ~finances["kind"].isin(["deviation", "change"])].copy()
    if cells.empty:
        return []
    cells = cells[~cells["column_label"].astype(str).str.contains(CODE_COLUMN)]
    cells["is_total"] = cells["column_label"].astype(str).str.contains(ROW_TOTAL_COLUMN)
    out = []
    for _, table in cells[cells["table_id"].isin(cells.loc[cells["is_total"], "table_id"])
                          ].groupby("table_id"):
        verdicts = []
        top = pd.to_numeric(table["top"], errors="coerce").round(0)  # objects, after nulls
        for _, row in table.groupby(["page", "row_label", top]):
            totals, parts = row[row["is_total"]], row[~row["is_total"]]
            if len(totals) != 1 or len(parts) < 2 or parts["unit"].nunique() > 1:
                continue
            total = totals.iloc[0]
            if parts["unit"].iloc[0] != total["unit"]:
                continue
            expected = round(float(parts["value"].sum()), 6)
            holds = _printed_sum_holds(expected, len(parts), total)
            verdicts.append((holds, total, parts, expected))
        held = sum(1 for v in verdicts if v[0])
        if held < 2 or 2 * held <= len(verdicts):
            continue
        for holds, total, parts, expected in verdicts:
            if holds:
                continue
            if parts["year"].notna().all() and total["value"] > expected >= 0:
                # Year columns are a window: a project's total may hold years before it.
                out.append(_at_cell(
                    total, "row_adds_up_to_its_total_column", expected,
                    f"'{total['row_label']}' has {total['raw_text']} in "
                    f"'{total['column_label']}', more than its printed years add up to "
                    f"({format_number(expected)}): a total that holds years outside the "
                    "table?", "warning"))
                continue
            out.append(_at_cell(
                total, "row_adds_up_to_its_total_column", expected,
                f"'{total['row_label']}' has {total['raw_text']} in '{total['column_label']}' "
                f"but its {len(parts)} cells ({', '.join(parts['raw_text'].astype(str))}) add "
                f"up to {format_number(expected)}; the table's other rows add up"))
    return out


def deviation_checks(finances: pd.DataFrame) -> list[Failure]:
    """Per table, the sign convention most rows follow; the item rows that break it fail.
    Totals are left to the sum check: a wrong deviation in a row must not fail twice."""
    finances = _texts(finances)
    keys = ["table_id", "row_label", "year", "period"]
    keyed = finances[finances["kind"].isin(["actual", "budget", "deviation"])
                     & finances["value"].notna()
                     & finances["line_role"].isin(["item", "of_which"])].copy()
    if keyed.empty:
        return []
    # Through objects: an object column holding pd.NA refuses astype("float64").
    keyed["year"] = keyed["year"].astype(object).where(keyed["year"].notna(), -1).astype(
        "float64")
    keyed["period"] = keyed["period"].fillna("")
    # Several actuals on one line (intäkter and kostnader) give no single identity.
    single = keyed.drop_duplicates(keys + ["kind"], keep=False)

    def of_kind(kind: str) -> pd.DataFrame:
        return single[single["kind"] == kind].set_index(keys)

    lines = of_kind("deviation").join(
        of_kind("actual")[["value", "raw_text"]].add_prefix("actual_"), how="inner").join(
        of_kind("budget")[["value", "raw_text"]].add_prefix("budget_"), how="inner")
    if lines.empty:
        return []
    lines = lines.reset_index()
    tolerance = lines["raw_text"].map(_unit_of_last_digit) + 1e-9
    difference = lines["actual_value"] - lines["budget_value"]
    given = {"actual - budget": difference, "budget - actual": -difference}
    holds = {name: (d - lines["value"]).abs() <= tolerance for name, d in given.items()}
    out = []
    for _, table in lines.groupby("table_id", sort=True):
        name = max(CONVENTIONS, key=lambda n: int(holds[n][table.index].sum()))
        for i in table.index[~holds[name][table.index]]:
            line = lines.loc[i]
            expected = round(float(given[name][i]), 6)
            out.append(_at_cell(
                line, "deviation_is_actual_minus_budget", expected,
                f"deviation printed as {line['raw_text']}, but {name} is "
                f"{line['actual_raw_text']} and {line['budget_raw_text']} gives "
                f"{format_number(expected)} "
                f"(the table's other rows follow {name})"))
    return out


def _same_line(label: str) -> str:
    """ "Nettokostnader (tkr)" and "Nettokostnader" name the same line in two tables."""
    return re.sub(r"\(.*?\)|[^a-zåäö]+", "", str(label).lower())


def summary_detail_checks(finances: pd.DataFrame) -> list[Failure]:
    """A summary in mkr against the detail in tkr of the same report: the lines both tables
    name, for the same year and kind, must agree to the summary's last printed digit.

    Two tables count as summary and detail when they share at least two such lines and most
    of them agree; tables that share names but not their scope (a unit's "Summa" beside the
    whole committee's) are left alone."""
    finances = _texts(finances)
    money = finances[finances["value_sek"].notna() & finances["year"].notna()
                     & (finances["kind"] != "") & ~finances["unit"].isin(["%", ""])].copy()
    if money.empty:
        return []
    money["line"] = money["row_label"].map(_same_line)
    money = money[money["line"] != ""]
    money["scale"] = money["unit"].map(lambda u: scale_to_sek(u) or 0.0)
    keys = ["source_sha256", "line", "year", "kind", "period"]
    coarse = money[money["scale"] >= 1e6]
    fine = money[(money["scale"] > 0) & (money["scale"] < 1e6)]
    if coarse.empty or fine.empty:
        return []
    # Lines a table names once, matched across tables of the same report.
    by_line = coarse.drop_duplicates(["table_id", *keys], keep=False).merge(
        fine.drop_duplicates(["table_id", *keys], keep=False), on=keys,
        suffixes=("", "_detail"))
    # The summary's net line ("Netto", a total) against the detail's grand total ("Total"):
    # the same sum under another name.
    totals = ["source_sha256", "year", "kind", "period"]
    by_total = _totals(coarse, totals).merge(_grand_totals(fine, totals), on=totals,
                                             suffixes=("", "_detail"))
    out = _compare_summary(by_line) + _compare_summary(by_total)
    return list(dict.fromkeys(out))  # a line that is also the net total is told once


def _totals(tables: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    totals = tables[tables["line_role"] == "total"]
    return totals.drop_duplicates(["table_id", *keys], keep=False)


def _grand_totals(tables: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Each table's last total row."""
    totals = tables[tables["line_role"] == "total"].sort_values(["page", "top"])
    last = totals.groupby("table_id")["row_label"].last().rename("last_total")
    totals = totals.join(last, on="table_id")
    totals = totals[totals["row_label"] == totals["last_total"]]
    return totals.drop(columns="last_total").drop_duplicates(["table_id", *keys], keep=False)


def _compare_summary(pairs: pd.DataFrame) -> list[Failure]:
    pairs = pairs[pairs["table_id"] != pairs["table_id_detail"]]
    if pairs.empty:
        return []
    tolerance = pairs["raw_text"].map(_unit_of_last_digit) * pairs["scale"]
    agree = (pairs["value_sek"] - pairs["value_sek_detail"]).abs() <= tolerance + 1e-6
    out = []
    for _, pair in pairs.groupby(["table_id", "table_id_detail"], sort=True):
        agreeing = agree[pair.index]
        if len(pair) < 2 or 2 * int(agreeing.sum()) <= len(pair):
            continue
        for _, row in pair[~agreeing].iterrows():
            expected = round(row["value_sek_detail"] / row["scale"], 6)
            out.append(_at_cell(
                row, "summary_matches_detail", expected,
                f"'{row['row_label']}' {row['kind']} {int(row['year'])} is {row['raw_text']} "
                f"{row['unit']} here but {row['raw_text_detail']} {row['unit_detail']} in "
                f"'{row['table_title_detail']}' on page {int(row['page_detail'])}, that is "
                f"{format_number(expected)} {row['unit']}"))
    return out


PER_UNIT = re.compile(r"^(t?kr|mkr)\s*/\s*(\w+)", re.I)
PLAUSIBLE_SHARE = 1.5  # an item may not cost more than the whole committee, with slack


def volume_key_figure_checks(volumes: pd.DataFrame, key_figures: pd.DataFrame,
                             finances: pd.DataFrame) -> list[Failure]:
    """Volumes and key figures together: a cost per unit ("kr / årsplats") times the
    volume of the same item, year and kind ("årsplatser") is what the item costs, and that
    cannot exceed the report's largest money figure for the year (its whole cost)."""
    if volumes.empty or key_figures.empty or finances.empty:
        return []
    volumes, key_figures = _texts(volumes), _texts(key_figures)
    per_unit = key_figures[key_figures["unit"].str.match(PER_UNIT) & key_figures["value"].notna()
                           & key_figures["year"].notna()].copy()
    if per_unit.empty:
        return []
    parts = per_unit["unit"].str.extract(PER_UNIT)
    per_unit["scale"] = parts[0].map(lambda u: scale_to_sek(u) or 0.0)
    per_unit["counted"] = parts[1].str.lower().str[:6]
    counted = volumes[volumes["value"].notna() & volumes["year"].notna()].copy()
    counted["counted"] = counted["unit"].str.lower().str[:6]
    keys = ["source_sha256", "item", "year", "kind", "counted"]
    pairs = per_unit.merge(counted.drop_duplicates(keys, keep=False), on=keys,
                           suffixes=("", "_volume"))
    money = finances[finances["value_sek"].notna() & finances["year"].notna()]
    whole = money.assign(size=money["value_sek"].abs()).groupby(
        ["source_sha256", "year"])["size"].max()
    out = []
    for _, row in pairs.iterrows():
        cost = abs(row["value"]) * row["scale"] * row["value_volume"]
        limit = whole.get((row["source_sha256"], row["year"]))
        if limit is None or cost <= PLAUSIBLE_SHARE * limit:
            continue
        out.append(_at_cell(
            row, "key_figure_times_volume_plausible", None,
            f"{row['raw_text']} {row['unit']} × {row['raw_text_volume']} {row['unit_volume']} "
            f"(page {int(row['page_volume'])}) = {format_number(cost / 1e6, 1)} mkr, more than "
            f"the report's largest money figure for {int(row['year'])} "
            f"({format_number(limit / 1e6, 1)} mkr): a unit "
            "slip (kr for tkr) in one of them?", suite="key_figures"))
    return out


def claim_checks(claims: pd.DataFrame, assessments: pd.DataFrame) -> list[Failure]:
    claims = _texts(claims)
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


def restatement_warnings(conflicts: pd.DataFrame,
                         measures: pd.DataFrame | None = None) -> list[Failure]:
    """A warning per restated value, at the newest stating report's cell: its page, and its
    table, box and printed text when `measures` holds the cell, so the crop shows it."""
    cells = _measure_cells(measures)
    out = []
    for _, row in conflicts.iterrows():
        listed = json.loads(row["values"])
        text = ", ".join(f"{v['source_file']}: {format_number(v['value'])}" for v in listed)
        source = str(row.get("source_file") or listed[-1]["source_file"])
        cell = cells.get(_measure_at(source, row))
        page = (int(cell["page"]) if cell is not None else
                int(row["page"]) if pd.notna(row.get("page")) else 0)
        out.append(Failure(
            "measures_clean", "restated_between_reports", source, page,
            "" if cell is None else str(cell["table_title"] or ""),
            row["measure_key"], f"{row['kind']} {row['year']}", listed[-1]["value"],
            None, f"reports disagree on {row['measure_key']} ({row['kind']} "
            f"{row['year']}{', ' + row['breakdown'] if row['breakdown'] else ''}): {text}",
            severity="warning", box=None if cell is None else _box(cell),
            printed="" if cell is None else str(cell["raw_text"] or "")))
    return out


def _measure_cells(measures: pd.DataFrame | None) -> dict[tuple, pd.Series]:
    """Each measure value's cell by (file, measure_key, breakdown, year, kind)."""
    if measures is None or measures.empty:
        return {}
    frame = _texts(measures)
    return {_measure_at(r["source_file"], r): r for _, r in frame.iterrows()
            if pd.notna(r.get("year"))}


def _measure_at(source: str, row: pd.Series) -> tuple:
    breakdown = row.get("breakdown")
    return (source, str(row["measure_key"]), "" if pd.isna(breakdown) else str(breakdown),
            int(row["year"]), str(row["kind"]))


def _finance_checks(check: Callable[[pd.DataFrame], list[Failure]]
                    ) -> Callable[[dict[str, pd.DataFrame]], list[Failure]]:
    def run(frames: dict[str, pd.DataFrame]) -> list[Failure]:
        finances = frames.get("finances", EMPTY)
        return [] if finances.empty else check(finances)
    return run


def _volume_checks(frames: dict[str, pd.DataFrame]) -> list[Failure]:
    return volume_key_figure_checks(frames.get("volumes", EMPTY),
                                    frames.get("key_figures", EMPTY),
                                    frames.get("finances", EMPTY))


def _claim_checks(frames: dict[str, pd.DataFrame]) -> list[Failure]:
    # Without assessments (none loaded) no claim can be held to them, as with none met.
    claims, assessments = frames.get("claims", EMPTY), frames.get("assessments", EMPTY)
    return [] if claims.empty or assessments.empty else claim_checks(claims, assessments)


def _restatements(frames: dict[str, pd.DataFrame]) -> list[Failure]:
    conflicts = frames.get("conflicts", EMPTY)
    return [] if conflicts.empty else restatement_warnings(conflicts, frames.get("measures"))


EMPTY = pd.DataFrame()
# What runs each check of the catalogue over the tables. Shares in measures and personnel are
# checked by the Great Expectations suites.
RUNS: dict[str, Callable[[dict[str, pd.DataFrame]], list[Failure]]] = {
    "parts_sum_to_total": _finance_checks(sum_checks),
    "row_adds_up_to_its_total_column": _finance_checks(row_total_checks),
    "deviation_is_actual_minus_budget": _finance_checks(deviation_checks),
    "summary_matches_detail": _finance_checks(summary_detail_checks),
    "key_figure_times_volume_plausible": _volume_checks,
    "claimed_goal_count_matches": _claim_checks,
    "restated_between_reports": _restatements,
}
# Every check, once, in the catalogue's order: (suite, check) as the report names it, and
# what runs it.
REGISTRY: tuple[tuple[str, str, Callable[[dict[str, pd.DataFrame]], list[Failure]]], ...] = tuple(
    (spec.suite, spec.check, RUNS[spec.check]) for spec in CATALOGUE_CHECKS)
CHECKS = tuple((suite, check) for suite, check, _ in REGISTRY)


def all_checks(frames: dict[str, pd.DataFrame], guard: Guard | None = None) -> list[Failure]:
    """Every registered check over the tables. With a guard, a check that fails to run is a
    problem (stage `checks`) and the others still run."""
    guard = guard or Guard(raises=True)
    failures: list[Failure] = []
    for suite, check, run in REGISTRY:
        failures += guard.run("checks", partial(run, frames), [], what=f"{suite}.{check}")
    problems = frames.get("problems", EMPTY)
    return guard.run("checks", partial(_ocr_pages_warn, failures, problems), failures,
                     what="warnings on pages read by OCR")


def _ocr_pages_warn(failures: list[Failure], problems: pd.DataFrame) -> list[Failure]:
    """On a page read by OCR a sum that fails more likely holds a misread digit than the
    report's error: a warning that sends the auditor to the page, not an error."""
    if problems.empty:
        return failures
    ocr = problems[problems["code"] == ProblemCode.READ_BY_OCR]
    pages = set(zip(ocr["source_file"], ocr["page"], strict=True))
    return [replace(f, severity="warning",
                    message=f"{f.message} (the page was read by OCR: the misreading may be "
                            "ours)") if (f.source_file, f.page) in pages else f
            for f in failures]
