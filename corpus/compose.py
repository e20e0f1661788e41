"""A report and a style into a document: its pages, headings, prose and tables, each value
cell with its truth. The truth comes from the report's own figures, never from a PDF.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace

from corpus.document import (
    Cell,
    Document,
    GoalTruth,
    HeaderCell,
    Page,
    Row,
    Table,
    Text,
    Truth,
    Typed,
    column_labels,
)
from corpus.model import CountTable, FinanceTable, Goal, GoalArea, Measure, Report
from corpus.style import Style, number_text

KIND_TITLES = {"verksamhetsberättelse": "Verksamhetsberättelse {y}",
               "delårsrapport": "Delårsrapport augusti {y}",
               "tertialrapport": "Tertialrapport 1 {y}",
               "årsredovisning": "Årsredovisning {y}"}
# The sentences a report states its verdict in, by how it words them: a committee's plain
# words, an agency's (Sammantaget bedöms ..., i allt väsentligt, i huvudsak), or the grades
# of a scale the report defines first.
VERDICTS = {
    "committee": {
        "met": ("Vår bedömning är att målet är uppfyllt.",
                "Nämnden bedömer att målet har uppnåtts under året.",
                "Sammantaget är målet uppfyllt.",
                "Målet har nåtts, och utfallen ligger över målvärdena."),
        "partly_met": ("Vår bedömning är att målet är delvis uppfyllt.",
                       "Nämnden bedömer att måluppfyllelsen är godtagbar.",
                       "Målet bedöms som delvis uppfyllt.",
                       "Målet har nåtts till viss del men inte fullt ut."),
        "not_met": ("Vår bedömning är att målet inte är uppfyllt.",
                    "Nämnden bedömer att målet inte har nåtts.",
                    "Målet är inte uppfyllt för året.",
                    "Trots insatserna har målet inte uppnåtts."),
    },
    "agency": {
        "met": ("Sammantaget bedöms målet vara uppfyllt.",
                "Målet bedöms i allt väsentligt vara uppfyllt.",
                "Målet är uppfyllt."),
        "partly_met": ("Sammantaget bedöms målet vara delvis uppfyllt.",
                       "Målet bedöms i huvudsak vara uppnått.",
                       "Målet har delvis uppfyllts."),
        "not_met": ("Sammantaget bedöms målet inte vara uppfyllt.",
                    "Målet har ej uppfyllts under året.",
                    "Målet bedöms som ej uppfyllt."),
    },
    "scale": {
        "met": ("Måluppfyllelsen bedöms som god.",
                "Nämnden bedömer att måluppfyllelsen är god.",
                "Vi bedömer måluppfyllelsen för året som god."),
        "partly_met": ("Måluppfyllelsen bedöms som godtagbar.",
                       "Nämnden bedömer att måluppfyllelsen är godtagbar."),
        "not_met": ("Måluppfyllelsen bedöms som ej godtagbar.",
                    "Nämnden bedömer att måluppfyllelsen inte är godtagbar."),
    },
}
SCALE_DEFINITION = ("Måluppfyllelsen bedöms i tre steg. God måluppfyllelse innebär att målet "
                    "är uppfyllt, godtagbar måluppfyllelse att det är delvis uppfyllt och ej "
                    "godtagbar måluppfyllelse att målet inte är uppfyllt.")
OVERVIEW_WORDS = {"met": "uppfyllt", "partly_met": "delvis uppfyllt", "not_met": "ej uppfyllt"}
# Sentences about a goal that judge nothing: plans, contributions, purposes.
DISTRACTORS = ("Arbetet för att nå målet fortsätter under kommande år.",
               "Flera aktiviteter bidrar till att målet kan nås på sikt.",
               "Syftet med insatserna är att målet ska uppfyllas under planperioden.")
NEXT_CHAPTER = ("Sjukfrånvaron har ökat något under året, och arbetsmiljöarbetet fortsätter. "
                "Målet om en sjukfrånvaro under sex procent nåddes inte.")
PROSE = (
    "Arbetet under perioden har präglats av omställning och nya arbetssätt i flera "
    "verksamheter.",
    "Förvaltningen har fortsatt att utveckla samverkan med andra aktörer i kommunen.",
    "Resultaten följs upp löpande och redovisas för nämnden vid varje sammanträde.",
    "Flera insatser har genomförts för att nå fler invånare med nämndens tjänster.",
    "Kostnadsutvecklingen har varit stabil, och verksamheten har anpassats efter budget.",
)
NOTES = ("¹ Uppgifterna för året är preliminära.", "* Avser helårsprognos.")
KÖN = (("kvinnor", "Kvinnor"), ("män", "Män"))


def compose(report: Report, style: Style, name: str) -> Document:
    rng = random.Random(zlib.crc32(name.encode()) + report.year)
    title = KIND_TITLES[report.kind].format(y=report.year)
    pages = [_title_page(report, title), _summary_page(rng, report, style)]
    goals: list[GoalTruth] = []
    numbered = iter(range(1, 100))
    for n, area in enumerate(report.areas):
        page, truths = _area_page(rng, report, style, area, numbered, first=n == 0,
                                  last=n == len(report.areas) - 1)
        pages.append(page)
        goals += [replace(t, page=len(pages)) for t in truths]
    pages += _finance_pages(report, style)
    pages.append(_count_page(report, style))
    return Document(name, f"{report.municipality} – {title}",
                    f"{report.municipality} · {report.committee} · {title}", tuple(pages),
                    tuple(goals))


def _title_page(report: Report, title: str) -> Page:
    return Page((Text("subtitle", report.municipality), Text("title", title),
                 Text("subtitle", report.committee),
                 Text("p", f"Rapporten beskriver nämndens verksamhet och ekonomi för "
                           f"{report.year}.")))


def _summary_page(rng: random.Random, report: Report, style: Style) -> Page:
    """Prose, a count of the goals met (a claim, no goal), and as the style has it the
    scale the report grades by and a list of every goal with its verdict (an overview, no
    goals of its own)."""
    goals = [g for a in report.areas for g in a.goals]
    met = sum(1 for g in goals if g.verdict == "met")
    words = ("noll", "ett", "två", "tre", "fyra", "fem", "sex")
    blocks: list[Text | Table] = [
        Text("h1", "Sammanfattning"), Text("p", " ".join(rng.sample(PROSE, 3))),
        Text("p", f"Nämnden har nått {words[met]} av sina {words[len(goals)]} mål under "
                  "året.")]
    if style.goals.wording == "scale":
        blocks.append(Text("p", SCALE_DEFINITION))
    if style.goals.overview:
        blocks.append(Text("h2", "Måluppfyllelse i sammandrag"))
        blocks += [Text("p", f"– {g.text} – {OVERVIEW_WORDS[g.verdict]}") for g in goals]
    return Page(tuple(blocks))


# -- goals and measures ---------------------------------------------------------------------

LOWER = {"h1": "h2", "h2": "h3", "h3": "h3"}


def _area_page(rng: random.Random, report: Report, style: Style, area: GoalArea,
               numbered: Iterator[int], first: bool, last: bool
               ) -> tuple[Page, list[GoalTruth]]:
    """One goal area's page: its heading, then each goal's heading, prose, verdict and
    measure tables, laid out as the style has it; and the goals' truth (page 0: the
    caller knows the page)."""
    look = style.goals
    chapter = area.number + 2
    blocks: list[Text | Table] = []
    if look.chapters == "areas":
        blocks.append(Text("h1", f"Målområde {area.number}: {area.name}"))
        level = "h2"
    elif look.chapters == "numbered":
        blocks.append(Text("h1", f"{chapter} {area.name}"))
        level = "h2"
    else:
        blocks += [Text("h1", "Mål och resultat")] if first else []
        blocks.append(Text("h2", area.name))
        level = "h3"
    truths = []
    for i, goal in enumerate(area.goals, start=1):
        heading = _goal_heading(look.markup, goal.text, next(numbered))
        if look.chapters == "numbered":
            heading = f"{chapter}.{i} {heading}"
        if look.markup == "label":
            blocks += [Text(level, f"{chapter}.{i} Mål:" if look.chapters == "numbered"
                            else "Mål:"), Text("p", goal.text)]
        else:
            blocks.append(Text(level, heading))
        verdict = rng.choice(VERDICTS[look.wording][goal.verdict])
        prose = rng.choice(PROSE) + (f" {rng.choice(DISTRACTORS)}" if rng.random() < 0.3
                                     else "")
        tables = _measure_tables(report, style, goal)
        if look.verdict_at == "heading":
            blocks += [Text("p", prose), *tables, Text(LOWER[level], "Bedömning"),
                       Text("p", verdict)]
        elif look.verdict_at == "start":
            blocks += [Text("p", f"{verdict} {prose}"), *tables]
        else:
            blocks += [Text("p", f"{prose} {verdict}"), *tables]
        truths.append(GoalTruth(0, goal.text, goal.verdict, verdict))
    if last and look.next_chapter:
        blocks += [Text("h1", f"{chapter + 1} Personal" if look.chapters == "numbered"
                        else "Personal"), Text("p", NEXT_CHAPTER)]
    return Page(tuple(blocks), columns=2 if look.two_columns else 1), truths


def _goal_heading(markup: str, text: str, number: int) -> str:
    return {"nämndens mål": f"Nämndens mål: {text}", "nämndmål": f"Nämndmål: {text}",
            "numbered": f"Mål {number}: {text}", "verksamhetsmål": f"Verksamhetsmål – {text}",
            "label": text}[markup]


def _measure_years(report: Report) -> list[int]:
    return [report.year - 2, report.year - 1, report.year]


def _measure_tables(report: Report, style: Style, goal: Goal) -> list[Table]:
    years = _measure_years(report)
    split = style.sex_as == "columns"
    columns: list[tuple[str, int, str]] = []  # (kind, year, breakdown)
    outcome_columns = [("outcome", y, "") for y in years]
    if split:
        outcome_columns = [("outcome", y, "") for y in years[:-1]] + [
            ("outcome", years[-1], sex) for sex, _ in KÖN] + [("outcome", years[-1], "")]
    target = [("target", report.year, "")]
    columns = target + outcome_columns if style.target_first else outcome_columns + target
    header = _measure_header(style, columns)
    rows = []
    for m in goal.measures:
        rows.append(Row(m.name, tuple(_measure_cell(style, m, goal, c, m.name, header_of)
                                      for c, header_of in zip(columns, column_labels(header),
                                                              strict=True))))
        if style.sex_as == "varav" and m.by_sex:
            for sex, shown in KÖN:
                label = f"varav {shown.lower()}"
                rows.append(Row(label, tuple(
                    _measure_cell(style, m, goal, (kind, year, sex), label, head)
                    if kind == "outcome" and not breakdown else Cell("")
                    for (kind, year, breakdown), head in zip(columns, column_labels(header),
                                                             strict=True)), indent=True))
    tables = [Table("Målsatta mått", "Mått", header, tuple(rows), label_share=style.label_share,
                    note=NOTES[0] if style.footnotes else "")]
    if style.sex_as == "subtable":
        for m in goal.measures:
            if m.by_sex:
                tables.append(_sex_table(style, goal, m, years))
    return tables


def _measure_header(style: Style, columns: list[tuple[str, int, str]]
                    ) -> tuple[tuple[HeaderCell, ...], ...]:
    marked = max(y for k, y, _ in columns if k == "outcome") if style.footnotes else None

    def words(kind: str, year: int) -> str:
        pattern = style.target_words if kind == "target" else style.actual_words
        mark = "¹" if kind == "outcome" and year == marked else ""
        return pattern.format(y=year) + mark

    if any(b for _, _, b in columns):  # a kön split under its year: two header rows
        top: list[HeaderCell] = []
        below: list[HeaderCell] = []
        for n, (kind, year, breakdown) in enumerate(columns):
            split = _split_year(columns, year, kind)
            if n and columns[n - 1][:2] == (kind, year):
                top[-1] = HeaderCell(top[-1].text, top[-1].span + 1)
            else:
                top.append(HeaderCell(words(kind, year), rows=1 if split else 2))
            if split:
                below.append(HeaderCell(dict(KÖN).get(breakdown, "Totalt")))
        return (tuple(top), tuple(below))
    if style.grouped_years and style.actual_words != "{y}":
        group = style.actual_words.replace("{y}", "").strip()
        top, below = [], []
        for kind, year, _ in columns:
            if kind == "outcome":
                if top and top[-1].text == group:
                    top[-1] = HeaderCell(group, top[-1].span + 1)
                else:
                    top.append(HeaderCell(group))
                below.append(HeaderCell(str(year) + ("¹" if year == marked else "")))
            else:
                top.append(HeaderCell(words(kind, year).split("\n")[0].split(" ")[0]))
                below.append(HeaderCell(str(year)))
        return (tuple(top), tuple(below))
    return (tuple(HeaderCell(words(k, y)) for k, y, _ in columns),)


def _split_year(columns: list[tuple[str, int, str]], year: int, kind: str) -> bool:
    return any(b and y == year and k == kind for k, y, b in columns)


def _measure_cell(style: Style, m: Measure, goal: Goal, column: tuple[str, int, str],
                  label: str, column_label: str) -> Cell:
    kind, year, breakdown = column
    if kind == "target":
        value = m.targets.get(year)
    elif breakdown:
        value = m.by_sex.get(breakdown, {}).get(year)
    else:
        value = m.outcomes.get(year)
    if value is None:
        return Cell("")
    text = number_text(value, m.decimals, style.numbers, percent=m.unit == "%")
    typed = Typed("measures", (("measure", m.name), ("breakdown", breakdown),
                               ("year", str(year)), ("kind", kind)))
    return Cell(text, value, Truth(label, column_label, typed))


def _sex_table(style: Style, goal: Goal, m: Measure, years: list[int]) -> Table:
    header = (tuple(HeaderCell(style.actual_words.format(y=y)) for y in years),)
    labels = column_labels(header)
    rows = []
    for sex, shown in KÖN:
        cells = []
        for year, column_label in zip(years, labels, strict=True):
            value = m.by_sex[sex].get(year)
            if value is None:
                cells.append(Cell(""))
                continue
            typed = Typed("measures", (("measure", m.name), ("breakdown", sex),
                                       ("year", str(year)), ("kind", "outcome")))
            cells.append(Cell(number_text(value, m.decimals, style.numbers, m.unit == "%"),
                              value, Truth(shown, column_label, typed)))
        rows.append(Row(shown, tuple(cells)))
    return Table("", "", header, tuple(rows), caption=f"Utfall per kön: {m.name}",
                 label_share=0.3)


# -- finances --------------------------------------------------------------------------------


def _finance_words(style: Style, report: Report, year: int, kind: str) -> str:
    if kind == "actual":
        return (style.actual_words if year == report.year else style.past_words).format(y=year)
    if kind == "budget":
        return f"Budget {year}"
    if kind == "forecast":
        return "Prognos helår"
    return "Avvikelse" if report.period_month == 12 else "Avvikelse mot budget"


def _finance_table(report: Report, style: Style, table: FinanceTable) -> Table:
    unit = table.unit
    title = table.title + (f" ({unit})" if style.unit_place == "title" else "")
    words = [_finance_words(style, report, y, k) for y, k in table.columns]
    if style.unit_place == "column_header":
        words = [f"{w}, {unit}" if "\n" not in w else f"{w}\n{unit}" for w in words]
    header = (tuple(HeaderCell(w) for w in words),)
    labels = column_labels(header)
    rows = []
    for line in table.lines:
        if line.role == "category":
            rows.append(Row(line.label, tuple(Cell("") for _ in table.columns), "category"))
            continue
        cells = []
        for (year, kind), column_label in zip(table.columns, labels, strict=True):
            value = line.values[(year, kind)]
            decimals = 1 if unit == "mkr" else 0
            shown = round(value / 1000 if unit == "mkr" else value, decimals)
            mark = "*" if style.footnotes and kind == "forecast" and line.role == "total" \
                else ""
            typed = Typed("finances", (("statement", title), ("line", line.label),
                                       ("year", str(year)), ("kind", kind)))
            cells.append(Cell(number_text(shown, decimals, style.numbers) + mark, shown,
                              Truth(line.label, column_label, typed)))
        rows.append(Row(line.label, tuple(cells), line.role,
                        indent=line.role == "item" and any(r.role == "category"
                                                           for r in rows)))
    label_header = {"label_header": unit}.get(style.unit_place, "")
    unit_line = f"Belopp i {unit}" if style.unit_place == "line_above" else ""
    marked = style.footnotes and any(k == "forecast" for _, k in table.columns)
    return Table(title, label_header, header, tuple(rows), unit_line=unit_line,
                 label_share=style.label_share, note=NOTES[1] if marked else "")


def _finance_pages(report: Report, style: Style) -> list[Page]:
    drift, money, invest = (_finance_table(report, style, t) for t in report.finances)
    head = [Text("h1", "Ekonomi"), Text("p", PROSE[4])]
    if style.break_table and len(drift.rows) > 3:
        cut = len(drift.rows) // 2
        first = replace(drift, rows=drift.rows[:cut])
        rest = replace(drift, rows=drift.rows[cut:], continued=True,
                       title="" if not style.repeat_header else drift.title,
                       header=drift.header if style.repeat_header else (),
                       unit_line="" if not style.repeat_header else drift.unit_line)
        pages = [Page((*head, first), landscape=style.landscape),
                 Page((rest, money), landscape=style.landscape)]
    else:
        pages = [Page((*head, drift, money), landscape=style.landscape)]
    blocks: list[Text | Table] = [Text("h2", "Investeringar"), invest]
    if style.template_table:
        blocks += [Text("h2", "Exploateringsprojekt"), _template(invest)]
    pages.append(Page(tuple(blocks)))
    return pages


def _template(like: Table) -> Table:
    """A table printed as a template: its header and labels, and no values."""
    rows = tuple(Row(label, tuple(Cell("") for _ in like.rows[0].cells))
                 for label in ("Projekt A", "Projekt B", "Summa"))
    return replace(like, title="Exploateringsprojekt (tkr)", rows=rows, unit_line="")


# -- volumes and key figures -----------------------------------------------------------------


def _count_table(report: Report, style: Style, table: CountTable) -> Table:
    words = [style.actual_words.format(y=y) if k == "actual" else f"Budget {y}"
             for y, k in table.columns]
    header = (tuple(HeaderCell(w) for w in words),)
    labels = column_labels(header)
    rows = []
    for item in table.items:
        label = f"{item.item} ({item.unit})"
        cells = []
        for (year, kind), column_label in zip(table.columns, labels, strict=True):
            value = item.values[(year, kind)]
            typed = Typed(table.dataset, (("item", item.item), ("year", str(year)),
                                          ("kind", kind)))
            cells.append(Cell(number_text(value, 0, style.numbers), value,
                              Truth(label, column_label, typed)))
        rows.append(Row(label, tuple(cells)))
    in_column = style.two_columns and table.dataset == "key_figures"
    # In one column of two, the labels get a fixed share of its width (and the producers a
    # smaller type), so that no word and no number is wider than its column: a browser
    # would print it over its neighbour.
    return Table(table.title, "", header, tuple(rows),
                 label_share=0.45 if in_column else style.label_share,
                 width="column" if in_column else "full")


def _count_page(report: Report, style: Style) -> Page:
    volumes, key_figures = (_count_table(report, style, t) for t in report.counts)
    prose = [Text("p", p) for p in PROSE[:3]] if style.two_columns else [Text("p", PROSE[0])]
    blocks: Iterable[Text | Table] = (Text("h1", "Volymer och nyckeltal"), *prose, volumes,
                                      Text("p", PROSE[3]), key_figures)
    return Page(tuple(blocks), columns=2 if style.two_columns else 1)
