"""Render the sample verksamhetsberättelser 2017-2019 and their truth files.

    python -m samples.generate --out raw_pdfs

Each report is laid out twice: once to count its pages (for the "8(14)" page marks), once for
real. Output is byte-identical from run to run (reportlab's invariant mode, fonts shipped in
samples/fonts).
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from samples import botkyrka as data
from samples.layout import Meaning, TableRow, TableSpec, Value, Writer

NBSP, NNBSP = "\u00a0", "\u202f"
MINUS_HYPHEN, MINUS_SIGN, MINUS_NB_HYPHEN = "-", "\u2212", "\u2011"


def number(
    neutral: str | int | None,
    minus: str = MINUS_HYPHEN,
    sep: str = NBSP,
    percent: str = "",
) -> Value | None:
    """Print a number the way one table of the report does. `neutral` is "-15233" or "23,3"."""
    if neutral is None:
        return None
    text = str(neutral)
    if text == "-":
        return Value("-", None, "missing")
    negative = text.startswith("-")
    whole, _, frac = text.lstrip("-").partition(",")
    grouped = f"{int(whole):,}".replace(",", sep)
    printed = (minus if negative else "") + grouped + ("," + frac if frac else "") + percent
    value = float(text.replace(",", "."))
    return Value(printed, value, "number")


def meant(value: Value | None, dataset: str, **fields: object) -> Value | None:
    """The cell with the contract row it must become attached, for the typed truth files."""
    if value is None or value.kind == "missing":
        return value
    return replace(value, meaning=Meaning(dataset, tuple((k, str(v)) for k, v in fields.items())))


def finance(value: Value | None, statement: str, line: str, year: int, kind: str, unit: str,
            role: str = "item") -> Value | None:
    return meant(value, "finances", statement=statement, line=line, line_role=role, year=year,
                 kind=kind, unit=unit)


def item_and_unit(label: str) -> tuple[str, str]:
    """"Yrkeshögskola (årsplatser)" -> ("Yrkeshögskola", "årsplatser")."""
    match = re.fullmatch(r"(.*) \(([^()]*)\)", label)
    assert match, label
    return match.group(1), match.group(2)


def tkr_to_mkr(tkr: int) -> str:
    mkr = (Decimal(tkr) / 1000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return str(mkr).replace(".", ",")


def percent_suffix(unit: str, space: bool = True) -> str:
    return (" %" if space else "%") if unit == "%" else ""


# -- sections -------------------------------------------------------------------------------


def title_page(w: Writer, year: int) -> None:
    w.space(120)
    w.heading(f"Verksamhetsberättelse {year} (AVUX/{year}:91)", size=20)
    w.paragraph(data.COMMITTEE, size=13)
    w.paragraph(data.MUNICIPALITY, size=13)
    w.space(30)
    w.heading("Förslag till beslut", size=12)
    w.paragraph(f"{data.COMMITTEE} godkänner verksamhetsberättelsen för {year}.")
    w.heading("Sammanfattning", size=12)
    w.paragraph(goal_count_sentence(year))
    w.paragraph(
        "Förvaltningen hjälper fler invånare att få ett arbete eller börja studera. "
        "Verksamheterna har under året samarbetat tätt med Arbetsförmedlingen och med "
        "Europeiska socialfonden (ESF) inom ramen för DUA och KAA."
    )
    w.new_page()


SWEDISH_COUNT = {0: "noll", 1: "ett", 2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex",
                 7: "sju", 8: "åtta", 9: "nio", 10: "tio"}


def goal_count_sentence(year: int) -> str:
    labels = [g.assessment[year] for a in data.GOAL_AREAS for g in a.goals]
    met = SWEDISH_COUNT[labels.count("met")]
    return (f"Förvaltningen har nått {met} av nämndens {SWEDISH_COUNT[len(labels)]} mål. "
            f"För de övriga målen redovisas bedömningen under respektive målområde.")


def overview(w: Writer, year: int) -> None:
    w.heading("1 Måluppfyllelse", size=14)
    w.paragraph(f"Översikten visar bedömningen av varje nämndmål vid delår 2 och för helåret "
                f"{year}. Grön cirkel betyder uppfyllt, gul delvis uppfyllt och röd ej uppfyllt.")
    rows: list[tuple[str, str | None, str | None]] = []
    for area in data.GOAL_AREAS:
        rows.append((area.title, None, None))
        for goal in area.goals:
            rows.append((f"Nämndmål – {goal.title}", goal.assessment[year], goal.assessment[year]))
    w.status_overview(("Mål", "Prognos delår 2", "Årsutfall"), rows)


def summary(w: Writer, year: int) -> None:
    w.heading("2 Sammanfattning", size=14)
    rows = summary_rows(year)
    columns = ((year - 1, "actual"), (year, "actual"), (year, "budget"), (year, "deviation"))
    spec = TableSpec(
        None,
        "Verksamhet (i miljoner kronor)",
        (("Bokslut", str(year - 1)), ("Utfall period", str(year)), ("Budget", str(year)),
         ("Avvikelse", str(year))),
        tuple(TableRow(label, tuple(
            finance(number(v, minus=MINUS_NB_HYPHEN), "Sammanfattning", label, y, k, "mkr",
                    "total" if label.startswith("Netto ") else "item")
            for v, (y, k) in zip(values, columns, strict=True)))
              for label, *values in rows),
        label_width=170, column_width=75, style="grid", truth_title="Sammanfattning",
    )
    w.table(spec)
    netto = rows[2]
    w.paragraph(f"Nämndens ekonomiska resultat för året är {netto[2]} mkr mot en budget på "
                f"{netto[3].replace('-', MINUS_NB_HYPHEN)} mkr. Avvikelsen mot budget är "
                f"därmed {netto[4]} mkr, vilket främst förklaras av effektiviseringar och ett "
                f"statsbidrag som inte fanns med i budgeten.")


def summary_rows(year: int) -> list[tuple[str, str, str, str, str]]:
    """The mkr summary, derived from the tkr detail (as the real 2019 report's figures are)."""
    out = data.COST_TYPES_OUTCOME
    budget = data.COST_TYPES_BUDGET[year]

    def lines(src: dict[str, int]) -> tuple[int, int, int, int]:
        income, invest = src["Intäkter"], src["Nettoinvesteringar"]
        costs = src["Personal"] + src["Övriga kostnader"]
        return income, costs, income + costs, invest

    prev = lines({k: v[year - 1] for k, v in out.items()})
    now = lines({k: v[year] for k, v in out.items()})
    bud = lines(budget)
    labels = ("Intäkter (+)", "Kostnader (-)", "Netto (+/-)", "Nettoinvesteringar (+/-)")
    return [
        (label, tkr_to_mkr(p), tkr_to_mkr(n), tkr_to_mkr(b), tkr_to_mkr(n - b))
        for label, p, n, b in zip(labels, prev, now, bud, strict=True)
    ]


def goal_areas(w: Writer, year: int) -> None:
    w.new_page()
    w.heading("3 Mål och målsatta mått", size=14)
    for i, area in enumerate(data.GOAL_AREAS, start=1):
        w.heading(f"3.{i} Målområde {area.number}: {area.title}", size=12)
        if area.strengths:
            w.heading("Positiva iakttagelser", size=10)
            w.bullets(area.strengths)
        if area.improvements:
            w.heading("Förbättringsområden", size=10)
            w.bullets(area.improvements)
        for n, goal in enumerate(area.goals):
            goal_section(w, year, area, goal, n)


def goal_section(w: Writer, year: int, area: data.GoalArea, goal: data.Goal, n: int) -> None:
    w.heading("Nämndens mål:", size=10)
    w.paragraph(goal.title)
    w.heading("Analys", size=10)
    for text in goal.analysis:
        w.paragraph(text)
    phrasing = data.ASSESSMENT_SENTENCE[goal.assessment[year]]
    w.paragraph(phrasing[(year + n) % len(phrasing)])
    measures = [m for m in goal.measures if any(measure_cells(m, year))]
    pending: list[TableRow] = []
    first = True
    for m in measures:
        context = measure_context(area, goal, m, year)
        pending.append(TableRow(measure_name(m, year), tuple(measure_cells(m, year, context))))
        if sex_years(m, year):
            measure_table(w, year, pending, show_header=first)
            sex_table(w, m, year, context)
            pending, first = [], False
    if pending:
        measure_table(w, year, pending, show_header=first)


def measure_name(m: data.Measure, year: int) -> str:
    return m.name if year == 2019 or not m.earlier_name else m.earlier_name


def measure_headers(year: int) -> tuple[tuple[str, ...], ...]:
    return (("Utfall", str(year - 3)), ("Utfall", str(year - 2)), ("Utfall", str(year - 1)),
            ("Mål", str(year)), ("Utfall", str(year)))


def measure_context(area: data.GoalArea, goal: data.Goal, m: data.Measure,
                    year: int) -> dict[str, object]:
    return {"municipality": data.MUNICIPALITY, "committee": data.COMMITTEE,
            "report_year": year, "goal_area": area.title, "goal": goal.title,
            "measure": measure_name(m, year), "unit": m.unit}


def measure_cells(m: data.Measure, year: int,
                  context: dict[str, object] | None = None) -> list[Value | None]:
    restated = m.restated.get(year, {})
    outcomes = [restated.get(y, m.outcome.get(y)) for y in (year - 3, year - 2, year - 1)]
    values = [*outcomes, m.target.get(year), m.outcome.get(year)]
    columns = ((year - 3, "outcome"), (year - 2, "outcome"), (year - 1, "outcome"),
               (year, "target"), (year, "outcome"))
    return [meant(number(v, percent=percent_suffix(m.unit)), "measures", **(context or {}),
                  breakdown="", year=y, kind=k)
            for v, (y, k) in zip(values, columns, strict=True)]


def measure_table(w: Writer, year: int, rows: list[TableRow], show_header: bool) -> None:
    w.table(TableSpec(None, "Målsatta mått", measure_headers(year), tuple(rows),
                      label_width=196, column_width=55, style="hlines",
                      show_header=show_header, truth_title="Målsatta mått"))


def sex_years(m: data.Measure, year: int) -> list[int]:
    return [y for y in m.sex_years_order if year - 3 <= y <= year]


def sex_table(w: Writer, m: data.Measure, year: int, context: dict[str, object]) -> None:
    years = sex_years(m, year)
    rows = tuple(
        TableRow(sex, tuple(meant(number(m.by_sex[y][i],
                                         percent=percent_suffix("%", m.sex_space)),
                                  "measures", **context, breakdown=sex.lower(), year=y,
                                  kind="outcome")
                            for y in years))
        for i, sex in enumerate(("Män", "Kvinnor"))
    )
    w.table(TableSpec(None, "", tuple((str(y),) for y in years), rows, label_width=70,
                      column_width=48, style="none", x_offset=40, truth_title=""))
    w.paragraph(m.footnote, size=8)


def events(w: Writer, year: int) -> None:
    w.heading("4 Betydelsefulla händelser", size=14)
    w.paragraph(
        "Arbetet med unga som varken arbetar eller studerar har blivit en del av den "
        "ordinarie verksamheten. Tillsammans med socialförvaltningen och Arbetsförmedlingen "
        "planeras en motsvarande satsning för vuxna, med delfinansiering från ESF."
    )
    w.paragraph(
        f"Under {year} har verksamheterna för vuxnas lärande samlats i en organisation, så "
        "att den som vill studera möter en och samma väg in. Samverkansprojektet med "
        "kulturförvaltningen har dessutom gett deltagarna i daglig verksamhet fler "
        "möjligheter till fysisk aktivitet på fritiden."
    )


def finances(w: Writer, year: int) -> None:
    w.new_page()
    w.heading("5 Ekonomisk uppföljning och analys", size=14)
    empty = TableRow  # the template tables have labels and no values
    w.table(TableSpec(
        None, "",
        (("Utfall", str(year - 2)), ("Utfall", str(year - 1)), ("Budget", str(year)),
         ("Utfall", str(year)), ("Avvikelse",)),
        tuple(empty(label, (None,) * 5) for label in
              ("Intäkter", "Personal", "Övriga kostnader", "Total", "Investeringar")),
        label_width=120, column_width=70, style="grid"))
    w.table(TableSpec(
        None, "Verksamhet", (("Ack. utfall",), ("Budget", str(year)), ("Prognos",),
                             ("Avvikelse",)),
        tuple(empty(name, (None,) * 4) for name, *_ in data.DRIFT[year]) + (empty("Total",
                                                                              (None,) * 4),),
        label_width=150, column_width=75, style="grid"))
    w.heading("5.1 Driftredovisning", size=12)
    drift_table(w, year)
    w.paragraph(
        "Vuxenutbildningen fick ett utökat anslag för att fler ska kunna yrkesutbilda sig på "
        "gymnasial nivå. Jobbcenter fick lägre intäkter än väntat, eftersom ett statsbidrag "
        "för extratjänster uteblev, och redovisar därför ett underskott."
    )
    cost_type_table(w, year)
    w.heading("5.2 Investeringsredovisning", size=12)
    w.paragraph("Förvaltningen har inga fleråriga investeringsprojekt. De årliga "
                "investeringarna har främst gått till lokaler, inventarier och IT.")
    investment_table(w, year)


def drift_table(w: Writer, year: int) -> None:
    wrong = data.PLANTED_DEVIATION_ERROR.get(year)
    rows = [(name, out, bud, out - bud + (wrong[1] if wrong and wrong[0] == name else 0))
            for name, out, bud in data.DRIFT[year]]
    total = data.DRIFT_TOTAL_PRINTED.get(  # the column as printed adds up, misprint and all
        year, (sum(r[1] for r in rows), sum(r[2] for r in rows), sum(r[3] for r in rows)))

    title = "Driftredovisning verksamhet"
    columns = ((year, "actual"), (year, "budget"), (year, "deviation"))

    def cells(line: str, role: str, *values: int) -> tuple[Value | None, ...]:
        return tuple(finance(number(str(v), minus=MINUS_SIGN), title, line, y, k, "tkr", role)
                     for v, (y, k) in zip(values, columns, strict=True))

    body = [TableRow(name, cells(name, "item", out, bud, dev)) for name, out, bud, dev in rows]
    body.append(TableRow("Total", cells("Total", "total", *total), bold=True))
    w.table(TableSpec(title, "Verksamhet (tkr)",
                      (("Utfall", str(year)), ("Budget", str(year)), ("Avvikelse",)),
                      tuple(body), label_width=170, column_width=80, style="grid"))


def cost_type_table(w: Writer, year: int) -> None:
    out, budget = data.COST_TYPES_OUTCOME, data.COST_TYPES_BUDGET[year]
    years = (year - 2, year - 1, year)
    lines = ["Intäkter", "Personal", "Övriga kostnader"]

    title = "Driftuppföljning intäkter och kostnadsslag"
    columns = ((year - 2, "actual"), (year - 1, "actual"), (year, "actual"), (year, "budget"),
               (year, "deviation"))

    def row(label: str, values: Iterable[int], bold: bool = False) -> TableRow:
        role = "total" if bold else "item"
        return TableRow(label, tuple(finance(number(str(v)), title, label, y, k, "tkr", role)
                                     for v, (y, k) in zip(values, columns, strict=True)), bold)

    body = []
    for line in lines:
        vals = [out[line][y] for y in years]
        body.append(row(line, [*vals, budget[line], out[line][year] - budget[line]]))
    net = [sum(out[line][y] for line in lines) for y in years]
    net_budget = sum(budget[line] for line in lines)
    body.append(row("Netto", [*net, net_budget, net[-1] - net_budget], bold=True))
    inv = [out["Nettoinvesteringar"][y] for y in years]
    inv_budget = budget["Nettoinvesteringar"]
    body.append(row("Nettoinvesteringar", [*inv, inv_budget, inv[-1] - inv_budget]))
    w.table(TableSpec(
        title, "Nämnd (tkr)",
        (("Utfall", str(year - 2)), ("Utfall", str(year - 1)), ("Utfall", str(year)),
         ("Budget", str(year)), ("Avvikelse", str(year))),
        tuple(body), label_width=121, column_width=70, style="hlines"))


def investment_table(w: Writer, year: int) -> None:
    rows = data.INVESTMENTS[year]
    title = "Årliga investeringsprojekt (tkr)"
    columns = ((year, "actual"), (year, "budget"), (year, "deviation"))

    def cells(line: str, role: str, *values: int | None) -> tuple[Value | None, ...]:
        return tuple(finance(number(v), title, line, y, k, "tkr", role)
                     for v, (y, k) in zip(values, columns, strict=True))

    body = [TableRow(name, cells(name, "item", out, bud, (out or 0) - (bud or 0)))
            for name, out, bud in rows]
    total_out = sum(out or 0 for _, out, _ in rows)
    total_bud = sum(bud or 0 for _, _, bud in rows)
    printed_out = total_out + data.PLANTED_INVESTMENT_TOTAL_ERROR.get(year, 0)
    # Only the printed total is wrong: its deviation column still adds up.
    body.append(TableRow("Total", cells("Total", "total", printed_out, total_bud,
                                        total_out - total_bud), bold=True))
    w.table(TableSpec(None, title,
                      (("Utfall", str(year)), ("Budget", str(year)), ("Avvikelse",)),
                      tuple(body), label_width=150, column_width=80, style="grid"))


def volumes(w: Writer, year: int) -> None:
    w.new_page()
    w.heading("6 Volymer och nyckeltal", size=14)
    headers = (("Utfall", str(year - 2)), ("Utfall", str(year - 1)), ("Utfall", str(year)),
               ("Budget", str(year)))
    columns = ((year - 2, "actual"), (year - 1, "actual"), (year, "actual"), (year, "budget"))
    for title, source, breaks, dataset in (("6.1 Volymer", data.VOLUMES, None, "volumes"),
                                           ("6.2 Nyckeltal", data.KEY_FIGURES, 7,
                                            "key_figures")):
        rows = tuple(
            TableRow(label, tuple(
                meant(number(str(v), sep=NNBSP if breaks else NBSP), dataset,
                      item=item_and_unit(label)[0], unit=item_and_unit(label)[1], year=y,
                      kind=k)
                for v, (y, k) in zip([*(out[y] for y in range(year - 2, year + 1)),
                                      budget[year]], columns, strict=True)))
            for label, out, budget in source
        )
        w.heading(title, size=12)
        w.table(TableSpec(None, "Volymer", headers, rows, label_width=175, column_width=74,
                          style="none", break_after_row=breaks, truth_title=title[4:]))
    w.heading("6.3 Uppföljning och analys", size=12)
    w.paragraph("Volymer och nyckeltal granskas på nytt inför nästa delårsrapport, så att "
                "värdena blir mer träffsäkra.")


def personnel(w: Writer, year: int) -> None:
    w.new_page()
    w.heading("7 Personalredovisning", size=14)
    w.heading("7.1 Personalsammansättning", size=12)
    years = tuple(range(year - 5, year + 1))
    staff = dict(zip(data.STAFF_YEARS, zip(*(v for _, v in data.STAFF_COMPOSITION),
                                           strict=True), strict=True))
    metrics = staff_metrics()
    rows = tuple(
        TableRow(label, tuple(meant(number(staff[y][i] if y in staff else "-"), "personnel",
                                    metric=metrics[i][0], breakdown=metrics[i][1], year=y,
                                    unit="%")
                              for y in years))
        for i, (label, _) in enumerate(data.STAFF_COMPOSITION)
    )
    w.table(TableSpec(None, "Mått", tuple((str(y),) for y in years), rows, label_width=115,
                      column_width=56, style="hlines", truth_title="Personalsammansättning"))
    w.paragraph("Förvaltningen speglar ännu inte befolkningen i kommunen, även om andelen "
                "medarbetare med utländsk bakgrund ökar. Rekryteringen av chefer är särskilt "
                "viktig framåt.")
    turnover_years = (year - 2, year - 1, year)
    for title, source in (("Personalomsättning nyanställda", data.TURNOVER_NEW),
                          ("Personalomsättning avslutade", data.TURNOVER_LEFT)):
        rows = tuple(TableRow(group, tuple(
            meant(number(v[y], percent="%"), "personnel", metric=title,
                  breakdown="" if group == "Totalvärden" else group, year=y, unit="%")
            for y in turnover_years)) for group, v in source.items())
        w.table(TableSpec(title, "Åldersgrupp", tuple((str(y),) for y in turnover_years),
                          rows, label_width=120, column_width=60, style="hlines"))
    w.heading("7.2 Arbetsmiljö och hälsa", size=12)
    rows = tuple(TableRow(label, tuple(meant(number(v[y], percent="%"), "personnel",
                                             metric=label, breakdown="", year=y, unit="%")
                                       for y in turnover_years))
                 for label, v in data.SICK_LEAVE)
    w.table(TableSpec("Sjukfrånvaro", "År", tuple((str(y),) for y in turnover_years), rows,
                      label_width=200, column_width=60, style="hlines"))
    w.paragraph("Sjukfrånvaron fortsätter att minska. Korttidsfrånvaron har gått ned sedan "
                "förvaltningen började följa upp tidiga signaler, och fler långtidssjukskrivna "
                "har kommit tillbaka i arbete.")


def staff_metrics() -> list[tuple[str, str]]:
    """(metric, breakdown) per row: the kön rows break down the row above them."""
    out: list[tuple[str, str]] = []
    for label, _ in data.STAFF_COMPOSITION:
        if label in ("kvinnor", "män"):
            out.append((out[-1][0], label))
        else:
            out.append((label, ""))
    return out


def render(path: Path, year: int, total_pages: int = 0) -> Writer:
    w = Writer(path, f"Verksamhetsberättelse {year}, {data.COMMITTEE}",
               data.MUNICIPALITY, total_pages=total_pages)
    title_page(w, year)
    overview(w, year)
    summary(w, year)
    goal_areas(w, year)
    events(w, year)
    finances(w, year)
    volumes(w, year)
    personnel(w, year)
    w.save()
    return w


TRUTH_COLUMNS = ("page", "table_title", "row_label", "column_label", "raw_text", "value", "kind")
TYPED_DATASETS = ("measures", "finances", "volumes", "key_figures", "personnel")


def write_report(out_dir: Path, year: int) -> Path:
    pdf = out_dir / f"botkyrka_avun_verksamhetsberattelse_{year}.pdf"
    pages = render(pdf, year).page
    writer = render(pdf, year, total_pages=pages)
    truth_path = pdf.with_suffix(".truth.csv")
    with truth_path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(TRUTH_COLUMNS)
        for t in writer.truth:
            value = "" if t.value is None else repr(t.value)
            out.writerow((t.page, t.table_title, t.row_label, t.column_label, t.raw_text,
                          value, t.kind))
    for dataset in TYPED_DATASETS:
        write_typed_truth(pdf.with_suffix(f".{dataset}.csv"), dataset, writer)
    return pdf


def write_typed_truth(path: Path, dataset: str, writer: Writer) -> None:
    """One row per cell that becomes a row of the contract table `dataset`."""
    rows = [(t, dict(t.meaning.fields)) for t in writer.truth
            if t.meaning is not None and t.meaning.dataset == dataset]
    names = list(rows[0][1]) if rows else []
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(("page", *names, "raw_text", "value"))
        for t, fields in rows:
            out.writerow((t.page, *(fields[n] for n in names), t.raw_text, repr(t.value)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("raw_pdfs"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for year in data.YEARS:
        print(write_report(args.out, year))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
