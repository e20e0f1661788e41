"""Tables -> the contract's typed datasets: measures, finances, volumes, key figures, personnel.

Each table is first given a kind from its title, its label header and the heading it stands
under; then every cell becomes one typed value through the meaning of its column and its row.
A per-kön table right after a measure belongs to that measure. A column whose header says
neither year nor kind is kept with those fields empty and reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from pipeline.core.catalogue import ProblemCode
from pipeline.core.guard import Guard
from pipeline.core.records import (
    Cell,
    Cited,
    CountValue,
    FinanceValue,
    MeasureValue,
    PersonnelValue,
    Row,
    Table,
)
from pipeline.meaning.labels import ColumnMeaning, RowMeaning, column_meaning, row_meanings, squash
from pipeline.meaning.outline import DocumentContext, Outline, Place
from pipeline.swedish.nlp import SEX_GROUPS, measure_key
from pipeline.swedish.numbers import CellKind, parse_cell, scale_to_sek
from pipeline.tables.assemble import money_unit
from pipeline.tables.whitespace import Finding

DATASET_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("key_figures", ("nyckeltal",)),
    ("personnel", ("personal", "sjukfrånvaro", "frisknärvaro", "anställda", "medarbetare",
                   "årsarbetare", "åldersgrupp")),
    ("volumes", ("volym", "statistik", "besökare", "prestation")),
    ("finances", ("driftredovisning", "drift", "ekonomi", "resultat", "intäkter", "kostnader",
                  "investering", "budget", "anslag", "bidrag", "balansräkning", "kassaflöde",
                  "finansiering", "belopp", "ekonomisk")),
)
MEASURE_WORDS = ("målsatta mått", "mått", "indikator", "nyckeltal för mål")
OF_WHICH_PART = re.compile(r"^[-–•]?\s*(?:varav|därav|av dessa)\s+", re.I)
APPROXIMATE = re.compile(r"^(?:ung\.?|ca\.?|cirka|ungefär|~)\s*(.+)$", re.I)
UNIT_IN_LABEL = re.compile(r"^(.*\S)\s*\(((?:kr|tkr|mkr)\b[^()]*|[a-zåäö][^()]{0,30})\)$")
# The unit word must not follow a number: "Barn 0-3 år" is an age group, not a unit.
UNIT_AT_END = re.compile(r"^(.*?[^\d\s]),?\s+(%|kr|tkr|mkr|mnkr|mdkr|dagar|dygn|timmar|minuter|kg|"
                         r"ton|procent|st|år|månader|veckor|årsplatser|personer)$")
# A group label carried down before a capitalised kön ("Polisregion Väst Män"); a label that
# ends in prose ("... tid för kvinnor") is a metric of its own.
SEX_AT_END = re.compile(r"^(.*\S)\s+(Män|Kvinnor|Pojkar|Flickor)$")
AGE_GROUP = re.compile(r"^(?:[<>≤≥=]{1,2}\s?\d{1,3}|\d{1,3}\s?[-–]\s?\d{1,3}|totalvärden|"
                       r"totalt?|samtliga|alla)\b", re.I)
MONEY_KINDS = {"budget", "deviation", "forecast"}


@dataclass
class Datasets:
    measures: list[MeasureValue] = field(default_factory=list)
    finances: list[FinanceValue] = field(default_factory=list)
    volumes: list[CountValue] = field(default_factory=list)
    key_figures: list[CountValue] = field(default_factory=list)
    personnel: list[PersonnelValue] = field(default_factory=list)
    table_kinds: dict[str, str] = field(default_factory=dict)
    table_places: dict[str, Place] = field(default_factory=dict)  # headings above each table
    findings: list[Finding] = field(default_factory=list)

    def add(self, other: Datasets) -> None:
        """Another part's values after these (one table's, typed on its own)."""
        for name in ("measures", "finances", "volumes", "key_figures", "personnel",
                     "findings"):
            getattr(self, name).extend(getattr(other, name))
        self.table_kinds.update(other.table_kinds)
        self.table_places.update(other.table_places)


def typed_datasets(tables: Sequence[Table], context: DocumentContext, outline: Outline,
                   guard: Guard | None = None) -> Datasets:
    """Every table's values, typed. With a guard, a table whose typing fails is reported
    (stage `typing`, its page) and the other tables are still typed."""
    guard = guard or Guard(raises=True)
    out = Datasets()
    last_measures: list[tuple[Row, MeasureValue]] = []  # first value of each measure row
    for table in tables:
        out.add(guard.run("typing", partial(_type_table, table, context, outline, last_measures),
                          Datasets(), page=table.page, what=f"table '{table.title[:60]}'"))
    out.finances, unit_findings = guard.run("typing", partial(_document_unit, out.finances),
                                            (out.finances, []), what="the document's unit")
    out.findings.extend(unit_findings)
    return out


def _type_table(table: Table, context: DocumentContext, outline: Outline,
                last_measures: list[tuple[Row, MeasureValue]]) -> Datasets:
    """One table's values; a per-kön table takes the measure above it from
    `last_measures`, and a measure table adds its rows there."""
    out = Datasets()
    place = outline.place(table.page, table.bbox.top)
    out.table_places[table.table_id] = place
    if not table.n_values:
        return out
    kind = table_kind(table, place)
    if kind == "measures" or (is_sex_table(table) and last_measures):
        kind = "measures"
    out.table_kinds[table.table_id] = kind
    if kind == "other":
        return out
    columns = _with_numbering(table, [column_meaning(c.label, context.report_year)
                                      for c in table.columns])
    out.findings.extend(_unknown_headers(table, columns))
    if kind == "measures":
        if is_sex_table(table):
            parent = _measure_above(table, last_measures)
            out.measures.extend(_sex_values(table, columns, parent))
        else:
            values = list(_measure_values(table, columns, context, outline))
            out.measures.extend(values)
            firsts = {v.at.row_label: v for v in reversed(values) if not v.breakdown}
            last_measures.extend((r, firsts[r.label]) for r in table.rows
                                 if r.label in firsts)
    elif kind == "finances":
        money, counts = _finance_values(table, columns, place)
        out.finances.extend(money)
        out.volumes.extend(counts)
    elif kind in ("volumes", "key_figures"):
        getattr(out, kind).extend(
            _count_values(table, columns, "antal" if kind == "volumes" else ""))
    elif kind == "personnel":
        out.personnel.extend(_personnel_values(table, columns))
    return out


def _document_unit(values: list[FinanceValue]) -> tuple[list[FinanceValue], list[Finding]]:
    """A finance table that prints no unit takes the one unit all the document's other finance
    tables print (Göteborg's per-service tables sit among tables "i mnkr"), and says so."""
    # Money units only: a share ("85 %") is a cell's unit, never a table's.
    units = {v.unit for v in values if scale_to_sek(v.unit)}
    unitless = {v.at.table_id: v for v in values if not v.unit}
    if not unitless:
        return values, []
    assumed = units.pop() if len(units) == 1 else ""
    findings = []
    for v in unitless.values():
        what = (f"prints no unit; the unit of the report's other finance tables, {assumed}, "
                "is assumed" if assumed else "prints no unit and the report's other tables "
                "do not agree on one; value_sek is left empty")
        code = ProblemCode.UNIT_FROM_DOCUMENT if assumed else ProblemCode.UNIT_UNKNOWN
        findings.append(Finding(v.at.page, code,
                                f"page {v.at.page}, table '{v.at.table_title}' {what}",
                                v.at.table_title))
    if not assumed:
        return [replace(v, unit_source="" if not v.unit else v.unit_source) for v in values], \
            findings
    scale = scale_to_sek(assumed) or 1.0
    return [v if v.unit else replace(v, unit=assumed, unit_source="document",
                                     value_sek=None if v.value is None else v.value * scale)
            for v in values], findings


# -- what a table is ------------------------------------------------------------------------


def table_kind(table: Table, place: Place) -> str:
    """The title decides first, then the label header, then the heading above the table."""
    own = f"{table.title} {table.label_header} {table.unit_note}".lower()
    title = table.title.lower()
    if any(w in title for w in MEASURE_WORDS) and not _words(title, "key_figures"):
        return "measures"
    if money_unit(title) or re.match(r"^not \d", title):
        return "finances"  # "Not 4 Kostnader för personal (tkr)" is a note to the accounts
    for kind, _ in DATASET_WORDS:
        if _words(title, kind):
            return kind
    if any(w in own for w in MEASURE_WORDS):
        return "measures"
    for text in (own, place.heading.lower()):
        for kind, _ in DATASET_WORDS:
            if _words(text, kind):
                return kind
    columns = [column_meaning(c.label, None) for c in table.columns]
    if money_unit(own) or any(c.kind in MONEY_KINDS for c in columns):
        return "finances"
    if place.goal and any(c.kind == "target" for c in columns):
        return "measures"
    return "other"


def _words(text: str, kind: str) -> bool:
    words = dict(DATASET_WORDS)[kind]
    return any(w in text for w in words)


def is_sex_table(table: Table) -> bool:
    labels = [r.label.strip().lower() for r in table.rows if r.cells]
    return bool(labels) and all(label in SEX_GROUPS for label in labels) and not table.title


def _sex_group(label: str) -> str | None:
    group = label.strip().lower()
    return group if group in SEX_GROUPS else None


# -- cells ------------------------------------------------------------------------------------


def _cited(table: Table, row: Row, cell: Cell) -> Cited:
    return Cited(table.source, row.page, table.table_id, table.title, row.label,
                 table.columns[cell.column].label, cell.text, cell.bbox)


def _value(text: str) -> tuple[float | None, str, bool]:
    """Value, unit printed with it, and whether it was printed as approximate ("ung 116 000")."""
    parsed = parse_cell(text)
    if parsed.kind is CellKind.TEXT:
        approx = APPROXIMATE.match(text.strip())
        if approx and parse_cell(approx.group(1)).kind is CellKind.NUMBER:
            inner = parse_cell(approx.group(1))
            return inner.value, inner.unit, True
    return parsed.value, parsed.unit, False


def _with_numbering(table: Table, columns: list[ColumnMeaning]) -> list[ColumnMeaning]:
    """A headerless column that counts 1, 2, 3, ... down the rows numbers notes or rows
    (Försvarsmakten's missions 1-7): references like a "Not" column, not values."""
    out = list(columns)
    for i, column in enumerate(columns):
        if column.label.strip():
            continue
        values = [parse_cell(c.text).value for r in table.rows for c in r.cells if c.column == i]
        if len(values) >= 3 and values == [float(n) for n in range(1, len(values) + 1)]:
            out[i] = replace(column, is_note=True)
    return out


def _numeric_columns(table: Table) -> frozenset[int]:
    return frozenset(c.column for r in table.rows for c in r.cells
                     if parse_cell(c.text).kind is CellKind.NUMBER)


def _value_cells(row: Row, columns: Sequence[ColumnMeaning],
                 numeric: frozenset[int]) -> Iterable[Cell]:
    """Cells that hold a value or a word standing for one ("Stängt") in a column of numbers;
    not missing marks, and not note references (those stay in observations)."""
    for cell in row.cells:
        parsed = parse_cell(cell.text)
        if parsed.kind is CellKind.MISSING:
            continue
        if parsed.kind is CellKind.TEXT and cell.column not in numeric:
            continue
        if columns and columns[cell.column].is_note:
            continue
        yield cell


def _unknown_headers(table: Table, columns: Sequence[ColumnMeaning]) -> list[Finding]:
    """One problem per column whose header says no year or no kind; columns without any
    header are reported together, once per table."""
    numeric = _numeric_columns(table)
    used = {c.column for r in table.rows for c in _value_cells(r, columns, numeric)}
    unknown = [columns[i] for i in sorted(used) if not columns[i].known]
    out = []
    bare = [m for m in unknown if not m.label.strip()]
    if bare:
        out.append(Finding(table.page, ProblemCode.UNKNOWN_COLUMN_HEADER,
                           f"page {table.page}, table '{table.title}': {len(bare)} value "
                           "column(s) have no header; their values are kept with year and "
                           "kind empty", ""))
    for meaning in unknown:
        if not meaning.label.strip():
            continue
        missing = " and ".join(x for x, ok in (("year", meaning.year is not None),
                                                ("kind", bool(meaning.kind))) if not ok)
        out.append(Finding(table.page, ProblemCode.UNKNOWN_COLUMN_HEADER,
                           f"page {table.page}, table '{table.title}': column "
                           f"'{meaning.label}' says no {missing}; its values are kept with "
                           f"{missing} empty", meaning.label))
    return out


# -- measures ---------------------------------------------------------------------------------


def _measure_values(table: Table, columns: Sequence[ColumnMeaning], context: DocumentContext,
                    outline: Outline) -> Iterable[MeasureValue]:
    numeric = _numeric_columns(table)
    measure, measure_unit_ = "", ""
    for row in table.rows:
        cells = list(_value_cells(row, columns, numeric))
        if not cells:
            continue
        row_place = outline.place(row.page, row.bbox.top)  # a table may run on into a new goal
        # "varav kvinnor" / "Män" under a measure: that measure's values for a group.
        group = _sex_group(OF_WHICH_PART.sub("", row.label)) if measure else None
        if group is None:
            measure = row.label
            measure_unit_ = measure_unit(row.label, [c.text for c in cells])
        for cell in cells:
            meaning = columns[cell.column]
            value, _, _ = _value(cell.text)
            yield MeasureValue(_cited(table, row, cell), context.municipality,
                               context.committee, context.report_year, row_place.goal_area,
                               row_place.goal, measure, measure_key(measure),
                               group or meaning.breakdown, meaning.year,
                               _measure_kind(meaning), value, measure_unit_)


def _measure_kind(meaning: ColumnMeaning) -> str:
    return {"actual": "outcome", "target": "target", "budget": "target"}.get(meaning.kind, "")


def measure_unit(label: str, texts: Sequence[str]) -> str:
    low = label.lower()
    if any(parse_cell(t).unit == "%" for t in texts):
        return "%"
    if "ranking" in low or "placering" in low:
        return "placering"
    if re.search(r"\bnki\b|\bindex\b|genomsnittlig|betyg|nöjd", low):
        return "index"
    if re.search(r"\b(?:kr|kronor|tkr)\b", low):
        return "kr"
    if low.startswith(("andel", "andelen")):
        return "%"
    return "antal"


def _measure_above(table: Table, measures: Sequence[tuple[Row, MeasureValue]]) -> MeasureValue:
    """The measure the per-kön table's caption names ("Utfall per kön: <measure>"), else
    the measure whose row ends last before the table starts."""
    named = squash(table.caption.split(":", 1)[1]) if ":" in table.caption else ""
    if named:
        for _, value in reversed(measures):
            if squash(value.measure) == named or squash(value.at.row_label) == named:
                return value
    before = [(r, v) for r, v in measures
              if (r.page, r.bbox.top) < (table.page, table.bbox.top)]
    if not before:
        return measures[-1][1]
    return max(before, key=lambda rv: (rv[0].page, rv[0].bbox.top))[1]


def _sex_values(table: Table, columns: Sequence[ColumnMeaning],
                parent: MeasureValue) -> Iterable[MeasureValue]:
    numeric = _numeric_columns(table)
    for row in table.rows:
        for cell in _value_cells(row, columns, numeric):
            meaning = columns[cell.column]
            value, unit, _ = _value(cell.text)
            yield MeasureValue(_cited(table, row, cell), parent.municipality, parent.committee,
                               parent.report_year, parent.goal_area, parent.goal,
                               parent.measure, parent.measure_key,
                               row.label.strip().lower(), meaning.year,
                               _measure_kind(meaning), value, unit or parent.unit)


# -- finances ---------------------------------------------------------------------------------


def _finance_values(table: Table, columns: Sequence[ColumnMeaning],
                    place: Place) -> tuple[list[FinanceValue], list[CountValue]]:
    numeric = _numeric_columns(table)
    # Not the heading's unit: a heading may stand far above (a "Not 41" over an appendix).
    base_unit = money_unit(table.title, table.label_header, table.unit_note)
    has_kind = any(c.kind and c.kind != "actual" for c in columns)
    roles = row_meanings(table.rows, has_kind)
    money: list[FinanceValue] = []
    counts: list[CountValue] = []
    for row, role in zip(table.rows, roles, strict=True):
        for cell in _value_cells(row, columns, numeric):
            meaning = columns[cell.column]
            value, printed_unit, approx = _value(cell.text)
            at = _cited(table, row, cell)
            if meaning.facet == "antal":
                counts.append(CountValue(at, role.line, "antal", role.parent, meaning.year,
                                         meaning.kind, value, approx))
                continue
            unit = (printed_unit or _percent_unit(meaning.label)
                    or money_unit(meaning.label, row.label) or base_unit)
            kind = role.kind or meaning.kind
            scale = scale_to_sek(unit) if unit else None
            money.append(FinanceValue(
                at, table.title, role.line, _line_role(role), role.parent,
                _sum_labels(table.rows, role), meaning.year, kind, meaning.period,
                meaning.facet, value, unit,
                None if value is None or scale is None else value * scale,
                sums_confirmed=role.sums_confirmed))
    return money, counts


def _percent_unit(label: str) -> str:
    """A column of shares ("%", "Andel, %", "procent") holds no money."""
    return "%" if re.search(r"%|\bprocent\b|\bandel\b", label.lower()) else ""


def _line_role(role: RowMeaning) -> str:
    return "item" if role.role in ("kind", "category") else role.role


def _sum_labels(rows: Sequence[Row], role: RowMeaning) -> tuple[str, ...]:
    return tuple(rows[i].label for i in role.sums)


# -- volumes and key figures ----------------------------------------------------------------


def item_and_unit(label: str) -> tuple[str, str]:
    """ "Yrkeshögskola (årsplatser)" -> ("Yrkeshögskola", "årsplatser"); an acronym in
    brackets ("(SFI)") is part of the name."""
    match = UNIT_IN_LABEL.match(label.strip())
    if match:
        return match.group(1), match.group(2).strip()
    match = UNIT_AT_END.match(label.strip())  # "Förvaltningskostnad, mnkr", "... dagar"
    if match:
        return match.group(1).rstrip(","), match.group(2)
    return label.strip(), ""


def _count_values(table: Table, columns: Sequence[ColumnMeaning],
                  default_unit: str) -> Iterable[CountValue]:
    """Volumes (a count unless the page says otherwise) and key figures (no unit assumed)."""
    numeric = _numeric_columns(table)
    roles = row_meanings(table.rows, True)
    table_unit = item_and_unit(table.label_header)[1] or item_and_unit(table.title)[1]
    category_unit = ""
    for row, role in zip(table.rows, roles, strict=True):
        if role.role == "category":
            category_unit = _unit_of_category(role.line)
            continue
        item, unit = item_and_unit(row.label)
        for cell in _value_cells(row, columns, numeric):
            meaning = columns[cell.column]
            value, printed_unit, approx = _value(cell.text)
            yield CountValue(_cited(table, row, cell), item,
                             unit or printed_unit or category_unit or table_unit or default_unit,
                             role.parent, meaning.year, meaning.kind, value, approx)


def _unit_of_category(label: str) -> str:
    """ "Antal besökare" -> "besökare"; "deltagartillfällen" -> itself."""
    words = label.strip().split()
    if words and words[0].lower() == "antal":
        words = words[1:]
    return " ".join(words).lower() if 0 < len(words) <= 3 else ""


# -- personnel --------------------------------------------------------------------------------


def _personnel_values(table: Table, columns: Sequence[ColumnMeaning]) -> Iterable[PersonnelValue]:
    numeric = _numeric_columns(table)
    by_group = bool(re.search(r"ålder|grupp", squash(table.label_header))) or all(
        AGE_GROUP.match(r.label.strip()) for r in table.rows if r.cells)
    metric = ""
    for row in table.rows:
        label = row.label.strip()
        if by_group:
            this_metric = table.title or table.label_header
            breakdown = "" if re.match(r"^(?:totalvärden|totalt?|samtliga|alla)$", label,
                                       re.I) else label
        elif label.lower() in SEX_GROUPS and metric:
            this_metric, breakdown = metric, label.lower()
        elif SEX_AT_END.match(label):  # "Polisregion Väst Män": a group carried down, then kön
            found = SEX_AT_END.match(label)
            assert found is not None
            this_metric, breakdown = found.group(1), found.group(2).lower()
        else:
            this_metric, breakdown = label, ""
            metric = label
        for cell in _value_cells(row, columns, numeric):
            meaning = columns[cell.column]
            value, unit, _ = _value(cell.text)
            yield PersonnelValue(_cited(table, row, cell), this_metric,
                                 breakdown or meaning.breakdown,
                                 meaning.year, meaning.kind, value,
                                 unit or _personnel_unit(this_metric))


def _personnel_unit(metric: str) -> str:
    low = metric.lower()
    if "andel" in low or "%" in low or "procent" in low:
        return "%"
    if "antal" in low:
        return "antal"
    return ""
