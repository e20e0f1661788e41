"""The analysts' page, overview/index.html: per organisation and goal, each measure's series
over the years as a small chart with its targets and its split by kön, the goal's verdict per
report year with the sentence that decided it, and the finances per year.

The charts are SVG written here (no library, no network), so the page works from its folder.
Each point links to a crop of the page it was read from: one crop per table row on a page,
with the row's cells outlined, so that a point shows the figures beside it as printed.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.core.guard import Guard
from pipeline.meaning.merge import text_value, text_values
from pipeline.quality.validation import crop_around, page_image
from pipeline.swedish.numbers import format_number

WIDTH, HEIGHT = 420, 190  # px of one chart
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 58, 110, 12, 26
# Outcome lines per breakdown, the whole population first; targets are drawn dashed in grey.
COLOURS = ("#1f5fa8", "#c0392b", "#16873d", "#8e44ad", "#d35400", "#2c3e50")
TARGET_COLOUR = "#777"
NO_GOAL = "(measures without a goal)"
LABELS = {"met": "met", "partly_met": "partly met", "not_met": "not met", "unknown": "unknown"}
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Point:
    """One value of a series, with the place it was read from."""

    year: int
    value: float
    source_file: str
    page: int
    crop: str = ""  # relative to overview/, "" when the page could not be drawn


@dataclass(frozen=True)
class Series:
    breakdown: str  # "" for the whole population
    kind: str  # outcome or target
    points: tuple[Point, ...]


@dataclass
class Chart:
    measure_key: str
    measure: str
    unit: str
    series: list[Series] = field(default_factory=list)


def write_overview(folder: Path, raw_dir: Path, frames: Mapping[str, pd.DataFrame],
                   guard: Guard | None = None) -> list[str]:
    """overview/index.html and its crops; the outputs written, relative to the generation."""
    guard = guard or Guard(raises=True)
    crops = crop_rows(folder / "crops", raw_dir, _frame(frames, "measures"), guard)
    page = render_overview(_frame(frames, "measures_clean"), _frame(frames, "assessments"),
                           _frame(frames, "finances_clean"), _frame(frames, "documents"), crops)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(page, encoding="utf-8")
    return ["overview/index.html"]


def _frame(frames: Mapping[str, pd.DataFrame], name: str) -> pd.DataFrame:
    frame = frames.get(name)
    return frame if frame is not None else pd.DataFrame()


# source_file, page, measure_key, breakdown, year, kind
CellKey = tuple[str, int, str, str, int, str]


def crop_rows(folder: Path, raw_dir: Path, measures: pd.DataFrame, guard: Guard
              ) -> dict[CellKey, str]:
    """One crop per table row of each page that states measures, the row's cells outlined;
    each measure cell's crop, by its key. A page that cannot be drawn gives no crops (the
    guard notes it) and its points link nowhere."""
    needed = {"source_file", "page", "table_id", "row_label", "x0", "top", "x1", "bottom"}
    if measures.empty or not needed <= set(measures.columns):
        return {}
    folder.mkdir(parents=True, exist_ok=True)
    placed = measures.dropna(subset=["x0", "top", "x1", "bottom"])
    found: dict[CellKey, str] = {}
    n = 0
    for (source, page_no), on_page in placed.groupby(["source_file", "page"], sort=True):
        # One rendered page in memory at a time: its rows are all cropped before the next.
        rendered = page_image({}, raw_dir / str(source), int(page_no), guard)
        for _, rows in on_page.groupby(["table_id", "row_label"], sort=True):
            name = f"{n:04d}.png"
            n += 1
            boxes = [_box(r) for r in rows.itertuples()]
            drawn = guard.run("overview", partial(crop_around, rendered, boxes, folder / name),
                              False, what=f"crop of {source}, page {page_no}")
            if drawn:
                for r in rows.itertuples():
                    found[_cell_key(r)] = f"crops/{name}"
    return found


def _box(row: Any) -> Box:
    return (float(row.x0), float(row.top), float(row.x1), float(row.bottom))


def _cell_key(row: Any) -> CellKey:
    return (str(row.source_file), int(row.page), str(row.measure_key),
            text_value(row.breakdown), int(row.year), str(row.kind))


def charts(clean: pd.DataFrame, crops: Mapping[CellKey, str]) -> dict[tuple[str, str],
                                                                     list[Chart]]:
    """The measures of the multi-year dataset as charts, by (organisation, goal)."""
    out: dict[tuple[str, str], list[Chart]] = {}
    if clean.empty:
        return out
    clean = clean.dropna(subset=["value", "year"])
    for (org, key), rows in clean.groupby(["organisation", "measure_key"], sort=True,
                                         dropna=False):
        newest = rows.sort_values("year").iloc[-1]
        chart = Chart(str(key), text_value(newest["measure"]) or str(key),
                      text_value(newest["unit"]))
        for (breakdown, kind), part in rows.groupby(["breakdown", "kind"], sort=False,
                                                    dropna=False):
            points = tuple(
                Point(int(r.year), float(r.value), str(r.source_file), int(r.page),
                      crops.get((str(r.source_file), int(r.page), str(key),
                                 text_value(breakdown), int(r.year), str(kind)), ""))
                for r in part.sort_values("year").itertuples())
            chart.series.append(Series(text_value(breakdown), str(kind), points))
        chart.series.sort(key=lambda s: (s.kind != "outcome", s.breakdown != "", s.breakdown))
        goal = text_value(newest["goal"]) or NO_GOAL
        out.setdefault((text_value(org), goal), []).append(chart)
    return out


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round axis values spanning [low, high]: steps of 1, 2 or 5 times a power of ten."""
    if not math.isfinite(low) or not math.isfinite(high):
        return [0.0]
    if high - low <= 1e-9 * max(1.0, abs(low), abs(high)):  # flat: an axis around the value
        high = low + max(abs(low), 1.0)
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    # Whole multiples of the step, counted in integers so that no rounding piles up.
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [k * step for k in range(first, max(last, first + 1) + 1)]


def chart_svg(chart: Chart) -> str:
    """A line chart of the chart's series: years along, values up, a legend at the right.
    Outcomes are solid, one colour per breakdown; targets are dashed grey."""
    points = [p for s in chart.series for p in s.points]
    if not points:
        return ""
    years = sorted({p.year for p in points})
    values = [p.value for p in points]
    ticks = nice_ticks(min(0.0, *values), max(values))
    low, high = ticks[0], ticks[-1]
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def x(year: int) -> float:
        if len(years) == 1:
            return MARGIN_LEFT + plot_w / 2
        return MARGIN_LEFT + plot_w * (year - years[0]) / (years[-1] - years[0])

    def y(value: float) -> float:
        return MARGIN_TOP + plot_h * (1 - (value - low) / (high - low))

    parts = [f"<line class='axis' x1='{MARGIN_LEFT}' y1='{y(low):.1f}' x2='{MARGIN_LEFT + plot_w}'"
             f" y2='{y(low):.1f}' stroke='#444'/>"]
    for tick in ticks:
        parts.append(f"<line x1='{MARGIN_LEFT}' y1='{y(tick):.1f}' x2='{MARGIN_LEFT + plot_w}' "
                     f"y2='{y(tick):.1f}' stroke='#e4e4e4'/><text x='{MARGIN_LEFT - 6}' "
                     f"y='{y(tick) + 4:.1f}' text-anchor='end'>{_e(format_number(tick))}</text>")
    for year in years:
        parts.append(f"<text x='{x(year):.1f}' y='{HEIGHT - 8}' text-anchor='middle'>{year}"
                     "</text>")
    outcome_colour = iter(COLOURS * (1 + len(chart.series) // len(COLOURS)))
    for n, series in enumerate(chart.series):
        colour = TARGET_COLOUR if series.kind == "target" else next(outcome_colour)
        dash = " stroke-dasharray='5 3'" if series.kind == "target" else ""
        path = " ".join(f"{x(p.year):.1f},{y(p.value):.1f}" for p in series.points)
        if len(series.points) > 1:
            parts.append(f"<polyline class='line' points='{path}' fill='none' "
                         f"stroke='{colour}' stroke-width='2'{dash}/>")
        for p in series.points:
            parts.append(_point_svg(chart, series, p, x(p.year), y(p.value), colour))
        name = _series_name(series)
        legend_y = MARGIN_TOP + 14 * n + 8
        parts.append(f"<line x1='{WIDTH - MARGIN_RIGHT + 10}' y1='{legend_y - 4}' "
                     f"x2='{WIDTH - MARGIN_RIGHT + 26}' y2='{legend_y - 4}' stroke='{colour}' "
                     f"stroke-width='2'{dash}/><text x='{WIDTH - MARGIN_RIGHT + 30}' "
                     f"y='{legend_y}'>{_e(name)}</text>")
    title = f"{chart.measure} ({chart.unit})" if chart.unit else chart.measure
    return (f"<svg class='series-chart' data-measure='{_e(chart.measure_key)}' "
            f"viewBox='0 0 {WIDTH} {HEIGHT}' width='{WIDTH}' height='{HEIGHT}' role='img' "
            f"xmlns='http://www.w3.org/2000/svg'><title>{_e(title)}</title>"
            + "".join(parts) + "</svg>")


def _series_name(series: Series) -> str:
    who = series.breakdown or "all"
    return f"{who}, target" if series.kind == "target" else who


def _point_svg(chart: Chart, series: Series, p: Point, cx: float, cy: float,
               colour: str) -> str:
    shown = format_number(p.value)
    unit = f" {chart.unit}" if chart.unit else ""
    tip = (f"{p.year} {_series_name(series)}: {shown}{unit} ({p.source_file}, page {p.page})")
    shape = "square" if series.kind == "target" else "round"
    circle = (f"<circle class='point' data-kind='{_e(series.kind)}' data-year='{p.year}' "
              f"data-value='{p.value!r}' data-shape='{shape}' cx='{cx:.1f}' cy='{cy:.1f}' "
              f"r='{3.5 if series.kind == 'target' else 4}' fill='"
              f"{'#fff' if series.kind == 'target' else colour}' stroke='{colour}' "
              f"stroke-width='1.5'><title>{_e(tip)}</title></circle>")
    if not p.crop:
        return circle
    return f"<a class='point-link' href='{_e(p.crop)}'>{circle}</a>"


def verdicts(assessments: pd.DataFrame, organisations: Mapping[str, str]
             ) -> dict[tuple[str, str], list[dict]]:
    """Each goal's verdict per report year, by (organisation, goal)."""
    out: dict[tuple[str, str], list[dict]] = {}
    if assessments.empty:
        return out
    for r in assessments.sort_values(["report_year", "source_file", "page"]).itertuples():
        org = organisations.get(str(r.source_file), "") or text_value(r.committee)
        out.setdefault((org, text_value(r.goal)), []).append({
            "report_year": text_value(r.report_year), "label": text_value(r.label),
            "evidence": text_value(r.evidence), "source_file": str(r.source_file),
            "page": int(r.page)})
    return out


def finance_tables(clean: pd.DataFrame) -> dict[str, list[tuple[str, pd.DataFrame]]]:
    """Per organisation, each statement's lines by year and kind, as printed in its unit."""
    out: dict[str, list[tuple[str, pd.DataFrame]]] = {}
    if clean.empty:
        return out
    for (org, statement), rows in clean.groupby(["organisation", "statement_key"], sort=True,
                                                dropna=False):
        rows = rows.assign(column=[
            " ".join(filter(None, (str(int(r.year)), text_value(r.kind), text_value(r.period),
                                   text_value(r.facet))))
            for r in rows.itertuples()])
        order = list(dict.fromkeys(rows["line"].astype(str)))
        wide = rows.pivot_table(index="line", columns="column", values="value", aggfunc="first")
        wide = wide.reindex(order)[sorted(wide.columns)]
        units = sorted({text_value(u) for u in rows["unit"]} - {""})
        title = text_value(rows["statement"].iloc[0]) or text_value(statement)
        out.setdefault(text_value(org), []).append((f"{title} ({', '.join(units)})" if units
                                               else title, wide))
    return out


def render_overview(clean: pd.DataFrame, assessments: pd.DataFrame, finances: pd.DataFrame,
                    documents: pd.DataFrame, crops: Mapping[CellKey, str]) -> str:
    organisations = ({} if documents.empty else
                     dict(zip(documents["source_file"].astype(str),
                              text_values(documents["organisation"]), strict=True)))
    by_goal = charts(clean, crops)
    judged = verdicts(assessments, organisations)
    money = finance_tables(finances)
    names = sorted({org for org, _ in by_goal} | {org for org, _ in judged} | set(money))
    sections = "".join(_organisation(org, by_goal, judged, money.get(org, [])) for org in names)
    count = sum(len(c) for c in by_goal.values())
    return f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Overview</title>
<style>{STYLE}</style></head><body>
<h1>Overview</h1>
<p id="overview-summary">{len(names)} organisation(s), {count} measure series,
{sum(len(v) for v in judged.values())} goal verdict(s). Each point links to the page it was
read from; the auditors' findings are in <a href="../validation/index.html">the validation
report</a>.</p>
{sections or "<p>Nothing was read.</p>"}
</body></html>
"""


STYLE = """
body { font-family: sans-serif; margin: 2em; max-width: 80em; }
td, th { text-align: left; padding: 0.15em 0.7em; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.goal { border-top: 1px solid #ccc; margin-top: 1.5em; }
.charts { display: flex; flex-wrap: wrap; gap: 1em; }
figure { margin: 0; } figcaption { max-width: 420px; font-size: 0.9em; }
svg text { font-size: 11px; fill: #333; } .met { color: #070; } .not_met { color: #b00; }
.partly_met { color: #a60; }
"""


def _organisation(org: str, by_goal: Mapping[tuple[str, str], list[Chart]],
                  judged: Mapping[tuple[str, str], list[dict]],
                  money: Sequence[tuple[str, pd.DataFrame]]) -> str:
    goals = sorted({g for o, g in by_goal if o == org} | {g for o, g in judged if o == org},
                   key=lambda g: (g == NO_GOAL, g))
    body = "".join(_goal(g, by_goal.get((org, g), []), judged.get((org, g), [])) for g in goals)
    return (f"<section class='organisation' data-organisation='{_e(org)}'>"
            f"<h2>{_e(org or '(organisation not named)')}</h2>{body}{_finances(money)}</section>")


def _goal(goal: str, charted: Iterable[Chart], judged: list[dict]) -> str:
    figures = "".join(f"<figure>{chart_svg(c)}<figcaption>{_e(c.measure)}"
                      f"{f' ({_e(c.unit)})' if c.unit else ''}</figcaption></figure>"
                      for c in charted)
    rows = "".join(
        f"<tr><td>{_e(v['report_year'])}</td><td class='{_e(v['label'])}'>"
        f"{_e(LABELS.get(v['label'], v['label']))}</td><td>{_e(v['evidence'])}</td>"
        f"<td>{_e(v['source_file'])}, page {v['page']}</td></tr>" for v in judged)
    table = ("<table class='verdicts'><tr><th>report year</th><th>verdict</th><th>evidence</th>"
             f"<th>read from</th></tr>{rows}</table>") if rows else ""
    return (f"<div class='goal'><h3>{_e(goal)}</h3>{table}"
            f"{f'<div class=charts>{figures}</div>' if figures else ''}</div>")


def _finances(money: Sequence[tuple[str, pd.DataFrame]]) -> str:
    if not money:
        return ""
    parts = []
    for title, wide in money:
        head = "".join(f"<th>{_e(c)}</th>" for c in wide.columns)
        rows = "".join(
            f"<tr><td>{_e(line)}</td>" + "".join(
                f"<td class='number'>{'' if pd.isna(v) else _e(format_number(float(v)))}</td>"
                for v in values) + "</tr>"
            for line, values in zip(wide.index, wide.itertuples(index=False), strict=True))
        parts.append(f"<details class='statement'><summary>{_e(title)}</summary>"
                     f"<table class='finances'><tr><th>line</th>{head}</tr>{rows}</table>"
                     "</details>")
    return f"<h3>Finances</h3>{''.join(parts)}"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)
