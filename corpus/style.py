"""How a generated report prints what it says: the things real reports vary.

Table style (full grid, horizontal rules, shaded or coloured header, zebra rows, no rules,
padding), header wording and breaks ("Utfall 2019", "Utfall\\n2019", "Utfall år 2019",
"Bokslut 2018", year-only headers, group headers over two rows), column order and label
widths, number typography (space, NBSP or thin space between thousands; "−", "‑" or "-" as
minus; "%" attached or spaced), where the unit is said (title, label header, column header,
a line above), how a kön split is shown (extra columns, a sub-table under a caption, "varav"
rows), and pages (tables broken over pages with or without their header, landscape pages,
two-column text), footnote marks and empty template tables. How goals are marked up and
judged (corpus.style.GoalStyle) is drawn apart, so that a table style stays as it was.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"
MINUS_SIGN, NB_HYPHEN = "\u2212", "\u2011"


@dataclass(frozen=True)
class NumberStyle:
    thousands: str = NBSP
    minus: str = "-"
    percent_space: bool = True


@dataclass(frozen=True)
class TableStyle:
    rules: str = "grid"  # grid, horizontal, header, none
    header_fill: str = ""  # "" or a CSS colour
    zebra: bool = False
    padding: float = 3.0  # points
    font_size: float = 9.0
    header_bold: bool = True


@dataclass(frozen=True)
class Style:
    numbers: NumberStyle
    table: TableStyle
    actual_words: str  # "Utfall {y}", "Utfall\n{y}", "Utfall år {y}", "{y}"
    past_words: str  # how a finance table names last year's actuals: "Bokslut {y}", ...
    target_words: str  # "Mål {y}", "Målvärde {y}", "Mål\n{y}"
    target_first: bool  # the target column before the outcomes
    grouped_years: bool  # "Utfall" over its years on a row of its own
    unit_place: str  # title, label_header, column_header, line_above
    sex_as: str  # columns, subtable, varav
    break_table: bool  # the driftredovisning continues on the next page
    repeat_header: bool
    landscape: bool  # the finance page is landscape
    two_columns: bool  # the volumes page is set in two columns
    footnotes: bool
    template_table: bool  # an empty template table (header and labels, no values)
    label_share: float  # share of a table's width given to its labels (narrow: they wrap)
    browser_header_footer: bool  # Chromium's own date/title/URL/"1/3" lines
    font: str = "DejaVu Sans"
    goals: GoalStyle = field(default_factory=lambda: GoalStyle())


@dataclass(frozen=True)
class GoalStyle:
    """How a report marks its goals and words its verdicts: the things real reports vary."""

    markup: str = "nämndens mål"  # nämndens mål, nämndmål, numbered, verksamhetsmål, label
    chapters: str = "areas"  # areas (Målområde N: ...), numbered (3 / 3.1), flat (one chapter)
    verdict_at: str = "end"  # end, start (before the prose), heading (under "Bedömning")
    wording: str = "committee"  # committee, agency, scale (a scale the report defines)
    overview: bool = False  # the summary lists every goal with its verdict
    next_chapter: bool = False  # a chapter follows the last goal on its page
    two_columns: bool = False  # the goal pages are set in two columns


def goal_style_for(seed: int, producer: str) -> GoalStyle:
    rng = random.Random(seed * 104729 + 31)
    feature = PRODUCER_FEATURES.get(producer, frozenset())
    return GoalStyle(
        markup=rng.choice(("nämndens mål", "nämndmål", "numbered", "verksamhetsmål", "label")),
        chapters=rng.choice(("areas", "numbered", "flat")),
        verdict_at=rng.choice(("end", "end", "start", "heading")),
        wording=rng.choice(("committee", "committee", "agency", "scale")),
        overview=rng.random() < 0.4,
        next_chapter=rng.random() < 0.5,
        two_columns="columns" in feature and rng.random() < 0.35,
    )


def style_for(seed: int, producer: str) -> Style:
    rng = random.Random(seed * 7919 + 17)
    feature = PRODUCER_FEATURES.get(producer, frozenset())
    rules = rng.choice(("grid", "horizontal", "header", "none"))
    return Style(
        numbers=NumberStyle(rng.choice((" ", NBSP, NNBSP, THIN)),
                            rng.choice(("-", MINUS_SIGN, NB_HYPHEN)),
                            rng.random() < 0.6),
        table=TableStyle(rules, rng.choice(("", "", "#d9d9d9", "#dce6f1", "#1f4e79")),
                         rng.random() < 0.3 and rules != "none",
                         rng.choice((1.5, 3.0, 5.0)), rng.choice((8.0, 9.0, 10.0)),
                         rng.random() < 0.8),
        actual_words=rng.choice(("Utfall {y}", "Utfall\n{y}", "Utfall år {y}", "{y}")),
        past_words=rng.choice(("Bokslut {y}", "Utfall {y}", "Utfall\n{y}", "Bokslut\n{y}")),
        target_words=rng.choice(("Mål {y}", "Målvärde {y}", "Mål\n{y}")),
        target_first=rng.random() < 0.3,
        grouped_years=rng.random() < 0.3,
        unit_place=rng.choice(("title", "label_header", "column_header", "line_above")),
        sex_as=rng.choice(("columns", "subtable", "varav")),
        break_table=rng.random() < 0.4,
        repeat_header=rng.random() < 0.6,
        landscape="landscape" in feature and rng.random() < 0.3,
        two_columns="columns" in feature and rng.random() < 0.35,
        footnotes=rng.random() < 0.4,
        template_table=rng.random() < 0.3,
        label_share=rng.choice((0.3, 0.38, 0.45, 0.55)),
        browser_header_footer="header_footer" in feature and rng.random() < 0.5,
        font=rng.choice(FONTS),
        goals=goal_style_for(seed, producer),
    )


FONTS = ("DejaVu Sans", "Liberation Sans", "Carlito", "Liberation Serif", "Caladea")
# What each producer can lay out; the rest of a style is printed the same way everywhere.
PRODUCER_FEATURES: dict[str, frozenset[str]] = {
    "chromium": frozenset({"landscape", "columns", "header_footer"}),
    "weasyprint": frozenset({"landscape", "columns"}),
    "lo-html": frozenset(),
    "lo-odt": frozenset({"landscape"}),
    "lo-docx": frozenset({"landscape", "columns"}),
    "lo-xlsx": frozenset({"landscape"}),
    "lo-ods": frozenset({"landscape"}),
    "reportlab": frozenset({"landscape", "columns"}),
}


def number_text(value: float, decimals: int, style: NumberStyle, percent: bool = False) -> str:
    """A value printed as this report prints numbers: "−15 233", "85 %", "13,6%"."""
    text = f"{abs(value):,.{decimals}f}".replace(",", "#").replace(".", ",")
    text = text.replace("#", style.thousands)
    if value < 0 and round(abs(value), decimals) != 0:
        text = style.minus + text
    if percent:
        text += (" %" if style.percent_space else "%")
    return text
