"""What a table's columns and rows mean.

Columns: a header such as "Utfall 2019", "Period Avvik else", "Helår Bokslut fg år" or a bare
"2025" becomes (year, kind, period). Words broken over header lines are read as one, and a
header without a year takes the report's year. A header that says neither is not guessed.

Rows: category rows (a label without values, above the rows it names), totals and subtotals
("Total", "Summa totalt", "Netto", "Resultat", "Total förvaltning") with the rows they sum, and
rows that only restate another row's budget or deviation (Simrishamn's "Budget" under
"Nettokostnader").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.core.records import Row
from pipeline.swedish.numbers import RANGE_DASHES, YEARS, CellKind, parse_cell

YEAR = re.compile(rf"(?<!\d)({YEARS})(?!\d)")
SHORT_YEAR_RANGE = re.compile(rf"(?<!\d)({YEARS})\s?[/{RANGE_DASHES}]\s?(\d\d)(?!\d)")
# Matched against the header with spaces and hyphens removed, so that "Avvik else" and
# "Budgetav vikelse" read as the words they were before the line broke. First match wins.
KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("avvikelse", "deviation"), ("avvik", "deviation"), ("återstår", "deviation"),
    ("sparande", "deviation"), ("differens", "deviation"), ("överskott", "deviation"),
    ("jämfört", "change"),  # "Utfall perioden jämfört med samma period föregående år"
    ("prognos", "forecast"), ("förändring", "change"), ("ökning", "change"),
    ("saldo", "deviation"),
    ("budget", "budget"), ("disponib", "budget"), ("tilldelat", "budget"), ("ram", "budget"),
    ("plan", "budget"), ("tilldelning", "budget"), ("finansielltvillkor", "budget"),
    ("anvisat", "budget"),
    ("mål", "target"),
    ("utfall", "actual"), ("bokslut", "actual"), ("redovisat", "actual"),
    ("verkligt", "actual"), ("resultat", "actual"), ("ack", "actual"), ("förbrukat", "actual"),
    ("utgifter", "actual"), ("inkomster", "actual"),
)
PREVIOUS_YEAR = ("fgår", "föregåendeår", "fjol")
PERIOD_WORDS = (("helår", "helår"), ("period", "period"), ("ack", "ackumulerat"))
FACETS = (("fgprognos", "föregående prognos"), ("intäkter", "intäkter"),
          ("kostnader", "kostnader"), ("antal", "antal"), ("resultat", "resultat"),
          ("netto", "netto"))

TOTAL = re.compile(r"^(?:total|totalt|summa|s:a|netto|nettokostnad(?:er)?|resultat|"
                   r"årets resultat|nämnden totalt|hela nämnden)\b|\b(?:summa|totalt)$", re.I)
KIND_ROW = {"budget": "budget", "budgetavvikelse": "deviation", "avvikelse": "deviation",
            "avvikelse mot budget": "deviation", "prognos": "forecast"}
MAX_CHILDREN = 40  # rows below a row that may add up to it
CHILD_MARK = re.compile(r"^[-–•]\s*")
# "– varav till skolhuvudmän": a part of the row above, already inside it, never a part of a sum.
OF_WHICH = re.compile(r"^[-–•]?\s*(?:varav|därav)\b", re.I)


@dataclass(frozen=True)
class ColumnMeaning:
    label: str
    year: int | None
    kind: str  # "actual", "budget", "deviation", "forecast", "target", "change", "" unknown
    period: str  # "period", "helår" or ""
    facet: str  # "intäkter", "kostnader", "antal", ... when the header names one
    year_from: str  # "header", "report" (no year printed), "previous" ("fg år")
    breakdown: str = ""  # a column per group ("Kvinnor", "Män"): the group, lower case
    is_note: bool = False  # a column of note references ("Not"), not of values

    @property
    def known(self) -> bool:
        return self.year is not None and bool(self.kind)


def squash(text: str) -> str:
    return re.sub(r"[\s\-\u00ad]+", "", text.lower())


BREAKDOWN_COLUMNS = {"kvinnor": "kvinnor", "män": "män", "pojkar": "pojkar", "flickor": "flickor",
                     "totalt": "", "total": "", "samtliga": "", "summa": ""}
NOTE_COLUMN = re.compile(r"^(?:not|noter|not nr|notnr)\.?$", re.I)
# Columns of references to rows, not figures: "Proj Nr", "Prio", "Id", "Kod" (squashed, so a
# header broken inside the word, "Pri o", still says it).
REFERENCE_COLUMN = re.compile(r"^(?:\w*nr|\w*nummer|id|prio|prioritet|kod|ref|referens)\.?$")
UNIT_WORDS = re.compile(r"^(?:mnkr|mkr|tkr|kr|%|procent|antal|st|tal|belopp|tusental)$")
DATE = re.compile(rf"(?<!\d)({YEARS})-\d\d-\d\d(?!\d)")


SHORT_DATE = re.compile(r"^(\d\d)-(?:0[1-9]|1[0-2])-(?:[0-2]\d|3[01])$")


FOOTNOTE_MARKS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*+$")


def column_meaning(label: str, report_year: int | None) -> ColumnMeaning:
    """The year, kind, period and group a column's header names. A group word beside the
    rest ("Utfall 2019 Kvinnor": a kön split under its year) names the breakdown, and the
    rest the year and kind; footnote marks ("2023¹") say nothing of either."""
    printed = label
    label = FOOTNOTE_MARKS.sub("", label).strip()
    words = label.split()
    groups = [w for w in words if w.lower() in BREAKDOWN_COLUMNS]
    if groups and len(groups) < len(words):
        rest = " ".join(w for w in words if w.lower() not in BREAKDOWN_COLUMNS)
        meaning = column_meaning(rest, report_year)
        if meaning.known:
            return replace(meaning, label=printed,
                           breakdown=BREAKDOWN_COLUMNS[groups[-1].lower()])
    return replace(_column_meaning(label, report_year), label=printed)


def _column_meaning(label: str, report_year: int | None) -> ColumnMeaning:
    short = SHORT_DATE.match(label.strip())
    if short:  # "14-12-31": a balance date with a two-digit year, in YEAR's range
        two_digits = int(short.group(1))
        label_year = (2000 if two_digits < 50 else 1900) + two_digits
        return ColumnMeaning(label, label_year, "actual", "", "", "header")
    if NOTE_COLUMN.match(label.strip()) or REFERENCE_COLUMN.match(squash(label)):
        return ColumnMeaning(label, None, "", "", "", "", is_note=True)
    group = _breakdown(label)
    if group is not None:
        return ColumnMeaning(label, report_year, "actual" if report_year else "", "", "",
                             "report", breakdown=group)
    flat = squash(label)
    kind = next((k for word, k in KIND_WORDS if _has_word(flat, label, word)), "")
    period = next((p for word, p in PERIOD_WORDS if word in flat), "")
    facet = next((f for word, f in FACETS if word in flat and f != kind), "")
    years = YEAR.findall(label)
    if years:
        year: int | None = int(years[-1])
        year_from = "header"
    elif any(word in flat for word in PREVIOUS_YEAR):
        year = report_year - 1 if report_year else None
        year_from = "previous"
    elif kind:
        year, year_from = report_year, "report"
    else:
        year, year_from = None, ""
    if not kind and len(years) == 2 and re.search(r"%|procent", flat):
        kind = "change"  # "2015–2016, procent": the change from one year to the next
    if not kind and years and (_only_year(flat, years[-1], facet) or _dated(label)):
        # A bare year ("2025", "Antal 2024", "2014 mnkr", "2016-12-31"): what was, up to the
        # report's year; a plan after it.
        kind = "budget" if report_year and year and year > report_year else "actual"
    return ColumnMeaning(label, year, kind, period, facet, year_from)


def _only_year(flat: str, year: str, facet: str) -> bool:
    rest = re.split(r"[\s,()]+", YEAR.sub(" ", flat.replace(facet, " ", 1)))
    return all(not word or UNIT_WORDS.match(word) for word in rest)


def _dated(label: str) -> bool:
    """ "2016-12-31", "2016-01-01 –2016-12-31": a balance date or a dated period."""
    rest = re.sub(r"[\s\-–—,]+", "", DATE.sub("", label))
    return bool(DATE.search(label)) and not rest


def _breakdown(label: str) -> str | None:
    """ "Kvinnor", "Män", "Totalt": a column per group, for the report's year."""
    words = re.split(r"[\s,]+", label.strip().lower())
    words = [w for w in words if w and not UNIT_WORDS.match(w)]
    if len(words) == 1 and words[0] in BREAKDOWN_COLUMNS:
        return BREAKDOWN_COLUMNS[words[0]]
    return None


def _has_word(flat: str, label: str, word: str) -> bool:
    """Short words must stand as words ("Ram 2019", not "program"); long ones may be glued."""
    if len(word) > 4:
        return word in flat
    return re.search(rf"(?<![a-zåäö]){word}", label.lower()) is not None


# -- rows ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowMeaning:
    index: int
    role: str  # "item", "category", "subtotal", "total", "of_which" (a part of the row
    # `parent` names, printed "varav ..."), "kind" (budget/deviation of `line`)
    line: str  # the row's own name, or for a kind row the line it belongs to
    parent: str  # the category it stands under
    sums: tuple[int, ...] = ()  # rows a total or subtotal adds up
    kind: str = ""  # for kind rows: "budget", "deviation", "forecast"
    sums_confirmed: bool = False  # some column of the page adds up over `sums`


def row_meanings(rows: Sequence[Row], columns_have_kind: bool) -> list[RowMeaning]:
    """Roles for the rows of one table, in order."""
    rows = _joined_categories(rows)
    out: list[RowMeaning] = []
    category, category_children = "", 0
    open_rows: list[int] = []  # rows not yet added into a total
    last_line = ""
    children = implicit_children(rows)
    for i, row in enumerate(rows):
        label = row.label.strip()
        if i in children:
            out.append(RowMeaning(i, "of_which", label, rows[children[i]].label.strip()))
            continue
        if not row.cells:
            is_category = _starts_group(rows, i)
            out.append(RowMeaning(i, "category" if is_category else "item", label, ""))
            if is_category:
                category, category_children = label, 0
            continue
        row_kind = KIND_ROW.get(label.lower().rstrip(":")) if not columns_have_kind else None
        if row_kind and last_line:
            out.append(RowMeaning(i, "kind", last_line, category, kind=row_kind))
            continue
        if OF_WHICH.match(label) and last_line:
            out.append(RowMeaning(i, "of_which", label, last_line))
            continue
        if TOTAL.search(label):
            summed, confirmed = summed_rows(rows, open_rows, i)
            out.append(RowMeaning(i, "total", label, "", tuple(summed),
                                  sums_confirmed=confirmed))
            open_rows = [r for r in open_rows if r not in summed] + [i]
            if _closes(label, category):
                category = ""
            last_line = label
            continue
        if category and not _under(label, category, category_children, rows, i):
            category = ""
        parent = category
        if parent:
            category_children += 1
        out.append(RowMeaning(i, "item", label, parent))
        open_rows.append(i)
        last_line = label
    return _subtotals(out)


def summed_rows(rows: Sequence[Row], open_rows: Sequence[int],
                total: int) -> tuple[list[int], bool]:
    """The rows a total adds up, and whether the page confirms it.

    The shortest run of open rows right above the total whose values add up to it in every
    column (to the printed precision) is confirmed. Failing that, the run that adds up in the
    most columns, if any column does: the other columns then hold a sum error the document
    makes. When no column adds up for any run, all open rows, unconfirmed: the structure is
    a guess, and validation does not hold the document to it."""
    wanted = _numbers(rows[total])
    if not wanted:
        return list(open_rows), False
    best: tuple[int, list[int]] = (0, list(open_rows))
    for start in range(len(open_rows) - 1, -1, -1):
        run = open_rows[start:]
        parts = [_numbers(rows[r]) for r in run]
        matching = sum(_adds_up([p.get(col) for p in parts], value, decimals)
                       for col, (value, decimals) in wanted.items())
        if matching == len(wanted):
            return list(run), True
        if matching > best[0]:
            best = (matching, list(run))
    return best[1], best[0] > 0


def implicit_children(rows: Sequence[Row]) -> dict[int, int]:
    """Rows printed under a row they add up to, without a "varav" or a dash: Polisen's
    "Insatser inom ramen för EU" and the missions below it. The rows right below a row are
    its children when they add up to it in every column they fill, and either fill fewer
    columns than it does, or add up in two columns or more; a single row below must repeat
    all its values. Returns child -> parent."""
    out: dict[int, int] = {}
    i = 0
    while i < len(rows):
        found = _children_of(rows, i)
        for child in found:
            out[child] = i
        i = (found[-1] + 1) if found else i + 1
    return out


def _children_of(rows: Sequence[Row], parent: int) -> list[int]:
    mine = _numbers(rows[parent])
    if not mine or TOTAL.search(rows[parent].label.strip()):
        return []
    totals: dict[int, float] = {}
    counts: dict[int, int] = {}
    for j in range(parent + 1, min(len(rows), parent + 1 + MAX_CHILDREN)):
        theirs = _numbers(rows[j])
        label = rows[j].label.strip()
        if (not theirs or TOTAL.search(label) or label.lower().rstrip(":") in KIND_ROW
                or not set(theirs) <= set(mine)):
            return []  # a kind row: Budget + Budgetavvikelse = Utfall, no parts
        for col, (value, _) in theirs.items():
            totals[col] = totals.get(col, 0.0) + value
            counts[col] = counts.get(col, 0) + 1
        fewer = len(totals) < len(mine)
        # One row alone is a part only when it repeats every value of the row above
        # (Skolverket's "1:7 Maxtaxa" over its only item "003, Mindre barngrupper").
        enough = j - parent >= 2 or (len(totals) >= 2 and not fewer)
        if enough and (fewer or len(totals) >= 2) and all(
                adds_up_within(totals[col], counts[col], *mine[col]) for col in totals):
            return list(range(parent + 1, j + 1))
    return []


def adds_up_within(parts_sum: float, parts: int, total: float, decimals: int) -> bool:
    """Whether `parts` rows that add up to `parts_sum` make the printed `total` (printed to
    `decimals`): each rounded row may be off by half a unit, and one unit is always allowed."""
    unit = 10.0 ** -decimals
    return abs(parts_sum - total) <= max(unit, unit * parts / 2) + 1e-9


def _numbers(row: Row) -> dict[int, tuple[float, int]]:
    out = {}
    for cell in row.cells:
        parsed = parse_cell(cell.text)
        if parsed.kind is CellKind.NUMBER and parsed.value is not None:
            out[cell.column] = (parsed.value, parsed.decimals)
    return out


def _adds_up(parts: Sequence[tuple[float, int] | None], total: float, decimals: int) -> bool:
    values = [p[0] for p in parts if p is not None]
    return bool(values) and adds_up_within(sum(values), len(values), total, decimals)


def _joined_categories(rows: Sequence[Row]) -> list[Row]:
    """A category label broken over two value-less rows ("Gemensamma" / "tjänster") is one
    label; the first row keeps its place, emptied, so that indexes still match the table."""
    out = list(rows)
    for i in range(len(out) - 1):
        here, below = out[i], out[i + 1]
        if not here.cells and not below.cells and below.label[:1].islower() and here.label:
            out[i + 1] = replace(below, label=f"{here.label} {below.label}")
            out[i] = replace(here, label="")
    return out


def _closes(total: str, category: str) -> bool:
    """A total ends its category when it names it ("Summa färdigställda projekt") or is a
    grand total; a subtotal inside it ("1:1 Anslag 1.1 summa") does not."""
    low = total.lower()
    return bool(category) and (category.lower() in low
                               or re.match(r"^(?:summa )?total", low) is not None)


def _starts_group(rows: Sequence[Row], i: int) -> bool:
    """A label without values that rows with values follow."""
    return i + 1 < len(rows) and bool(rows[i + 1].cells)


def _under(label: str, category: str, children: int, rows: Sequence[Row], i: int) -> bool:
    """Whether a row still belongs to the category above it: rows marked as children
    ("- Ekonomi") belong while the marks last; unmarked rows belong to the end of the
    table or the next category or total."""
    first_child = rows[i - children].label.strip() if children else label
    if CHILD_MARK.match(first_child):
        return bool(CHILD_MARK.match(label))
    return True


def _subtotals(rows: list[RowMeaning]) -> list[RowMeaning]:
    """Totals that a later total adds up are subtotals."""
    totals = [r.index for r in rows if r.role == "total"]
    summed = {i for r in rows if r.role == "total" for i in r.sums}
    return [replace(r, role="subtotal")
            if r.role == "total" and r.index in summed and r.index != totals[-1] else r
            for r in rows]
