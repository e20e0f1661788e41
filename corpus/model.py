"""What a generated report says: made-up municipalities and committees, their goals and
measures over the years, their finances, volumes and key figures.

Pure data from a seed (random.Random), written in the project's own words. A series is three
or more consecutive reports of one committee; each repeats earlier years, and one report
restates an earlier outcome (the later figure differs from the earlier report's).
How a report prints these figures is the style's business (corpus.style), not this module's.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

PLACES = ("Norrvik", "Älvsby", "Hagalund", "Sjöbo-Ås", "Lillträsk", "Granvik", "Östermark",
          "Bergsjö", "Västerå", "Kvarnby", "Tallnäs", "Ekhamn", "Lövstad", "Fjällvik",
          "Mossby", "Strandå")
PLACE_KINDS = ("kommun", "kommun", "kommun", "stad")
COMMITTEES = (
    "Arbetsmarknads- och vuxenutbildningsnämnden", "Kultur- och fritidsnämnden",
    "Utbildningsnämnden", "Socialnämnden", "Miljö- och byggnämnden", "Tekniska nämnden",
    "Vård- och omsorgsnämnden", "Barn- och ungdomsnämnden", "Servicenämnden",
)
REPORT_KINDS = ("verksamhetsberättelse", "delårsrapport", "tertialrapport", "årsredovisning")

AREAS = (
    "Ett tryggt och inkluderande samhälle", "Livslångt lärande och arbete för fler",
    "En hållbar och attraktiv kommun", "Delaktiga invånare och god service",
    "En effektiv och ansvarsfull organisation", "Goda livsvillkor för barn och unga",
)
GOALS = (
    "Fler invånare går vidare till arbete eller studier",
    "Invånarna upplever att de får god service och snabba svar",
    "Verksamheten bedrivs kostnadseffektivt och inom given budget",
    "Barn och unga har en meningsfull fritid",
    "Miljöpåverkan från nämndens verksamhet minskar",
    "Medarbetarna har en god och hälsosam arbetsmiljö",
    "Fler elever fullföljer sin utbildning med godkända resultat",
    "Äldre personer känner sig trygga med insatserna",
    "Kulturutbudet når fler invånare i alla delar av kommunen",
    "Handläggningen är rättssäker och sker i tid",
)
# (name, unit, low, high, decimals, has a kön split)
MEASURES = (
    ("Andel deltagare i arbetsmarknadsinsats som går vidare till arbete", "%", 20, 60, 0, True),
    ("Andel elever som klarar kursen inom planerad tid", "%", 40, 90, 0, True),
    ("Andel invånare som är nöjda med bemötandet vid kontakt med förvaltningen", "%", 55, 95,
     0, True),
    ("Antal besök på kommunens bibliotek per invånare", "antal", 2, 9, 1, False),
    ("Genomsnittlig handläggningstid för bygglov i veckor", "veckor", 3, 12, 1, False),
    ("Nöjd Kund Index för företagare", "index", 55, 80, 0, False),
    ("Andel ekologiska livsmedel av de livsmedel som köps in", "%", 20, 50, 1, False),
    ("Sjukfrånvaro bland medarbetarna i förvaltningen", "%", 4, 11, 1, True),
    ("Antal unga som deltar i feriearbete under sommaren", "antal", 150, 900, 0, True),
    ("Kommunens placering i Svenskt Näringslivs ranking", "placering", 40, 280, 0, False),
    ("Andel ärenden som avgörs inom lagstadgad tid", "%", 60, 99, 0, False),
    ("Antal deltagare i föreningsverksamhet för barn och unga", "antal", 1200, 9800, 0, True),
    ("Andel brukare som känner sig trygga i sitt boende", "%", 70, 97, 0, True),
    ("Energiförbrukning i kommunens lokaler per kvadratmeter i kWh", "kWh", 110, 190, 0,
     False),
)
TREND = (" ska öka", " ökar", " ska minska", "", "")
OPERATIONS = (
    "Nämnd och förvaltningsledning", "Vuxenutbildning", "Arbetsmarknadsenheten",
    "Bibliotek", "Fritidsgårdar", "Kulturskolan", "Föreningsbidrag", "Gymnasieskola",
    "Hemtjänst", "Särskilt boende", "Individ- och familjeomsorg", "Gator och vägar",
    "Parker och grönområden", "Miljötillsyn", "Bygglov", "Måltidsverksamhet",
    "Gemensamma tjänster", "Lokaler och fastigheter",
)
INCOME_LINES = ("Statsbidrag", "Avgifter och ersättningar", "Hyror och arrenden",
                "Försäljning av verksamhet", "Övriga intäkter")
COST_LINES = ("Personalkostnader", "Lokalkostnader", "Köp av verksamhet",
              "Material och tjänster", "Lämnade bidrag", "Kapitalkostnader", "Övriga kostnader")
INVESTMENTS = ("Inventarier", "IT-utrustning", "Ombyggnad av lokaler", "Fordon",
               "Lekplatser och utemiljö", "Digitala tjänster", "Konstnärlig utsmyckning")
# (item, unit, low, high) for volumes; key figures add "kr / <unit>" costs
VOLUMES = (
    ("Svenska för invandrare", "årsplatser", 300, 1800),
    ("Gymnasial vuxenutbildning", "årsplatser", 400, 2600),
    ("Arbetsmarknadsinsatser", "årsplatser", 80, 700),
    ("Besökare på biblioteken", "personer", 40_000, 320_000),
    ("Utlån av medier", "st", 60_000, 400_000),
    ("Elever i kulturskolan", "elever", 300, 1500),
    ("Hemtjänsttimmar", "timmar", 90_000, 600_000),
    ("Platser i särskilt boende", "platser", 60, 420),
    ("Sommarjobb för ungdomar", "personer", 150, 900),
)


@dataclass(frozen=True)
class Measure:
    name: str
    unit: str
    decimals: int
    outcomes: dict[int, float]  # year -> value
    targets: dict[int, float]  # year -> value
    by_sex: dict[str, dict[int, float]] = field(default_factory=dict)  # kön -> year -> value


@dataclass(frozen=True)
class Goal:
    text: str
    verdict: str  # met, partly_met, not_met
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class GoalArea:
    number: int
    name: str
    goals: tuple[Goal, ...]


@dataclass(frozen=True)
class Line:
    label: str
    role: str  # item, total, category
    values: dict[tuple[int, str], float] = field(default_factory=dict)  # (year, kind) -> value


@dataclass(frozen=True)
class FinanceTable:
    title: str
    unit: str  # tkr, mkr
    columns: tuple[tuple[int, str], ...]  # (year, kind) in print order
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class CountItem:
    item: str
    unit: str
    values: dict[tuple[int, str], float]


@dataclass(frozen=True)
class CountTable:
    dataset: str  # volumes, key_figures
    title: str
    columns: tuple[tuple[int, str], ...]
    items: tuple[CountItem, ...]


@dataclass(frozen=True)
class Report:
    municipality: str
    committee: str
    kind: str  # one of REPORT_KINDS
    year: int
    period_month: int  # 12 for a whole year; 4 or 8 for a tertial or delår
    areas: tuple[GoalArea, ...]
    finances: tuple[FinanceTable, ...]
    counts: tuple[CountTable, ...]
    restated: tuple[tuple[str, int], ...] = ()  # (measure, year) this report restates


def series(seed: int, reports: int = 3) -> list[Report]:
    """Consecutive reports of one committee; the last restates one earlier outcome."""
    rng = random.Random(seed)
    municipality = f"{rng.choice(PLACES)} {rng.choice(PLACE_KINDS)}"
    committee = rng.choice(COMMITTEES)
    kind = rng.choice(REPORT_KINDS)
    month = {"delårsrapport": 8, "tertialrapport": 4}.get(kind, 12)
    last = rng.randint(2017, 2025)
    years = list(range(last - reports + 1, last + 1))
    history = range(years[0] - 3, last + 1)
    measures = [_measure(rng, spec, history) for spec in rng.sample(MEASURES, 6)]
    areas = _areas(rng, measures)
    operations = rng.sample(OPERATIONS, rng.randint(4, 7))
    volume_items = rng.sample(VOLUMES, rng.randint(3, 5))
    out = []
    for year in years:
        out.append(Report(municipality, committee, kind, year, month,
                          _areas_as_of(rng, areas, year),
                          _finance_tables(random.Random(seed * 1000 + year), year, month,
                                          operations),
                          _count_tables(random.Random(seed * 1000 + year + 7), year,
                                        volume_items)))
    return _with_restatement(rng, out)


def _measure(rng: random.Random, spec: tuple, years: range) -> Measure:
    name, unit, low, high, decimals, split = spec
    name = name + rng.choice(TREND)
    start = rng.uniform(low, high)
    outcomes = {}
    for year in years:
        start = min(high, max(low, start + rng.uniform(-0.08, 0.08) * (high - low)))
        outcomes[year] = round(start, decimals)
    targets = {y: round(min(high, v * rng.uniform(1.0, 1.12)), decimals)
               for y, v in outcomes.items()}
    by_sex = {}
    if split and unit in ("%", "antal"):
        for sex, lean in (("kvinnor", 1.0), ("män", -1.0)):
            by_sex[sex] = {y: round(_sex_value(rng, v, unit, lean), decimals)
                           for y, v in outcomes.items()}
    return Measure(name, unit, decimals, outcomes, targets, by_sex)


def _sex_value(rng: random.Random, value: float, unit: str, lean: float) -> float:
    if unit == "antal":
        return value * (0.5 + lean * rng.uniform(0.0, 0.1))
    return min(100.0, value * (1.0 + lean * rng.uniform(0.0, 0.15)))


def _areas(rng: random.Random, measures: list[Measure]) -> tuple[GoalArea, ...]:
    names = rng.sample(AREAS, 2)
    goals = rng.sample(GOALS, 3)
    return (GoalArea(1, names[0], (Goal(goals[0], "", tuple(measures[:2])),
                                   Goal(goals[1], "", tuple(measures[2:4])))),
            GoalArea(2, names[1], (Goal(goals[2], "", tuple(measures[4:6])),)))


def _areas_as_of(rng: random.Random, areas: tuple[GoalArea, ...], year: int
                 ) -> tuple[GoalArea, ...]:
    """The goals as the report for `year` states them: outcomes up to that year and a
    target for it, and the committee's verdict."""
    def as_of(m: Measure) -> Measure:
        return replace(m, outcomes={y: v for y, v in m.outcomes.items() if y <= year},
                       targets={year: m.targets[year]},
                       by_sex={s: {y: v for y, v in vs.items() if y <= year}
                               for s, vs in m.by_sex.items()})
    return tuple(replace(a, goals=tuple(
        replace(g, verdict=rng.choice(("met", "partly_met", "not_met")),
                measures=tuple(as_of(m) for m in g.measures)) for g in a.goals))
        for a in areas)


def _finance_tables(rng: random.Random, year: int, month: int,
                    operations: list[str]) -> tuple[FinanceTable, ...]:
    whole_year = month == 12
    if whole_year:
        columns = ((year - 1, "actual"), (year, "budget"), (year, "actual"), (year, "deviation"))
    else:
        columns = ((year, "budget"), (year, "actual"), (year, "forecast"), (year, "deviation"))
    drift = []
    for label in operations:
        budget = -round(rng.uniform(3_000, 160_000))
        actual = round(budget * rng.uniform(0.9, 1.1))
        drift.append((label, budget, actual, round(budget * rng.uniform(0.9, 1.1))))
    lines = [_drift_line(label, columns, budget, actual, previous, whole_year)
             for label, budget, actual, previous in drift]
    lines.append(_total("Summa", lines, columns))
    tables = [FinanceTable("Driftredovisning", "tkr", columns, tuple(lines))]
    income = [(label, round(rng.uniform(500, 40_000))) for label in
              rng.sample(INCOME_LINES, rng.randint(2, 4))]
    costs = [(label, -round(rng.uniform(2_000, 120_000))) for label in
             rng.sample(COST_LINES, rng.randint(3, 5))]
    kinds = ((year - 1, "actual"), (year, "actual"), (year, "budget"))
    money = [Line("Intäkter", "category")]
    money += [_kinds_line(rng, label, value, kinds) for label, value in income]
    money.append(_total("Summa intäkter", money[1:], kinds, role="subtotal"))
    money.append(Line("Kostnader", "category"))
    start = len(money)
    money += [_kinds_line(rng, label, value, kinds) for label, value in costs]
    money.append(_total("Summa kostnader", money[start:], kinds, role="subtotal"))
    net = {k: money[start - 2].values[k] + money[-1].values[k] for k in kinds}
    money.append(Line("Nettokostnad", "total", net))
    tables.append(FinanceTable("Intäkter och kostnader", rng.choice(("tkr", "mkr")), kinds,
                               tuple(money)))
    invest_cols = ((year, "budget"), (year, "actual"), (year, "deviation"))
    invest = []
    for label in rng.sample(INVESTMENTS, rng.randint(3, 5)):
        budget = -round(rng.uniform(200, 9_000))
        actual = round(budget * rng.uniform(0.5, 1.2))
        invest.append(Line(label, "item", {invest_cols[0]: budget, invest_cols[1]: actual,
                                           invest_cols[2]: actual - budget}))
    invest.append(_total("Summa investeringar", invest, invest_cols))
    tables.append(FinanceTable("Investeringar", "tkr", invest_cols, tuple(invest)))
    return tuple(tables)


def _drift_line(label: str, columns: tuple[tuple[int, str], ...], budget: int, actual: int,
                previous: int, whole_year: bool) -> Line:
    year = columns[-1][0]
    values = {(year, "budget"): budget, (year, "actual"): actual,
              (year, "deviation"): actual - budget}
    if whole_year:
        values[(year - 1, "actual")] = previous
    else:
        forecast = round(budget + (actual - budget) * 1.5)
        values[(year, "forecast")] = forecast
        values[(year, "deviation")] = forecast - budget
    return Line(label, "item", {c: values[c] for c in columns})


def _kinds_line(rng: random.Random, label: str, value: int,
                kinds: tuple[tuple[int, str], ...]) -> Line:
    return Line(label, "item", {k: round(value * rng.uniform(0.85, 1.15)) for k in kinds})


def _total(label: str, lines: list[Line], columns: tuple[tuple[int, str], ...],
           role: str = "total") -> Line:
    items = [ln for ln in lines if ln.role == "item"]
    return Line(label, role, {c: sum(ln.values[c] for ln in items) for c in columns})


def _count_tables(rng: random.Random, year: int, items: list[tuple[str, str, int, int]]
                  ) -> tuple[CountTable, ...]:
    columns = ((year - 2, "actual"), (year - 1, "actual"), (year, "actual"), (year, "budget"))
    volumes, costs = [], []
    for item, unit, low, high in items:
        base = rng.uniform(low, high)
        values = {c: float(round(base * rng.uniform(0.85, 1.15))) for c in columns}
        volumes.append(CountItem(item, unit, values))
        per_unit = rng.uniform(800, 90_000) if unit != "st" else rng.uniform(5, 60)
        costs.append(CountItem(item, f"kr / {_singular(unit)}",
                               {c: float(round(per_unit * rng.uniform(0.9, 1.1)))
                                for c in columns}))
    return (CountTable("volumes", "Volymer", columns, tuple(volumes)),
            CountTable("key_figures", "Nyckeltal", columns, tuple(costs[:3])))


def _singular(unit: str) -> str:
    return {"årsplatser": "årsplats", "personer": "person", "elever": "elev",
            "timmar": "timme", "platser": "plats", "st": "utlån"}.get(unit, unit)


def _with_restatement(rng: random.Random, reports: list[Report]) -> list[Report]:
    """The last report states one earlier outcome differently from the report before it."""
    last = reports[-1]
    area = last.areas[0]
    goal = area.goals[0]
    measure = goal.measures[0]
    year = last.year - 1
    if year not in measure.outcomes:
        return reports
    step = 10.0 ** -measure.decimals
    changed = round(measure.outcomes[year] + rng.choice((-3, -2, 2, 3)) * step, measure.decimals)
    new_measure = replace(measure, outcomes={**measure.outcomes, year: changed})
    new_goal = replace(goal, measures=(new_measure, *goal.measures[1:]))
    new_area = replace(area, goals=(new_goal, *area.goals[1:]))
    restated = replace(last, areas=(new_area, *last.areas[1:]),
                       restated=((measure.name, year),))
    return [*reports[:-1], restated]
