"""Goals listed in a table: the shape planning systems (Stratsys, Hypergene) export.

A goal table is headed by the kind of goal ("Verksamhetsmål", "Nämndmål", "Mål") over its
label column, often beside a "Bedömning" column. Each goal is a row, its text wrapped over
the lines below; its verdict is a word in the Bedömning column ("Delvis uppfyllt") or a
coloured status symbol there (often a small image); a "Kommentar:" row may follow with the
committee's comment, up to the next goal. A new goal starts where a symbol or a verdict
stands on its first line; in a table with neither, at the first line after a comment that
stands apart from it by a wider gap than the comment's own lines.

The label is the comment's own judgement where it states one, else the verdict cell's, else
the symbol's; the comment is the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median

from pipeline.core.records import Mark, Row, Table
from pipeline.meaning.outline import Outline
from pipeline.read.layout import join_label
from pipeline.text.assess import Assessment, GoalBlock, assess, colour_label, rule_label

GOAL_HEADER = re.compile(
    r"^(?:verksamhetsmål|nämndmål|nämndens mål|mål|delmål|effektmål|resultatmål"
    r"|inriktningsmål|strategiska mål|övergripande mål|kommunfullmäktiges mål|"
    r"fullmäktiges mål|prioriterade mål)\s*:?$", re.I)
VERDICT_HEADER = re.compile(r"^(?:bedömning|måluppfyllelse|status|uppfyllelse|"
                            r"bedömd måluppfyllelse|bedömning helår|utfall)\b", re.I)
COMMENT_LABEL = re.compile(r"^(?:kommentar|analys|kommentar och analys|"
                           r"analys och kommentar|uppföljning)\s*:?\s*", re.I)
ColourReader = Callable[[Sequence[float]], str]
SLACK = 4.0  # points: a symbol sits this far above or below its line, or past its cell
WIDER_GAP = 1.6  # a new goal stands this much further below a comment than its lines


@dataclass
class _Goal:
    page: int
    top: float
    lines: list[str] = field(default_factory=list)
    comment: list[str] = field(default_factory=list)
    symbol: str = ""
    cell: str = ""


def table_goals(tables: Sequence[Table], marks: Mapping[int, Sequence[Mark]],
                outline: Outline, read: ColourReader = colour_label) -> list[Assessment]:
    """One assessment per goal listed in a goal table, in document order. `read` turns a
    mark's fill into a label (the document's legend where it gives one)."""
    out = []
    for table in tables:
        if not GOAL_HEADER.match(table.label_header.strip()):
            continue
        for goal in _goals(table, marks, read):
            place = outline.place(goal.page, goal.top)
            out.append(_assessment(goal, place.goal_area or place.heading))
    return out


def _goals(table: Table, marks: Mapping[int, Sequence[Mark]],
           read: ColourReader) -> list[_Goal]:
    verdict = next((c for c in table.columns if VERDICT_HEADER.match(c.label.strip())), None)
    x0 = verdict.bbox.x0 - SLACK if verdict else table.bbox.x0 + 0.5 * table.bbox.width
    x1 = verdict.bbox.x1 + SLACK if verdict else table.bbox.x1 + SLACK
    symbols = {id(r): _symbol(r, marks.get(r.page or table.page, ()), x0, x1, read)
               for r in table.rows}
    has_signals = any(symbols.values()) or any(r.cells for r in table.rows)
    pitch = _line_pitch(table.rows)
    goals: list[_Goal] = []
    in_comment = False
    previous: Row | None = None
    for row in table.rows:
        label = row.label.strip()
        comment = COMMENT_LABEL.match(label)
        cell = next((c.text for c in row.cells if verdict and c.column == verdict.index), "")
        apart = (previous is not None and not has_signals
                 and row.bbox.top - previous.bbox.bottom > WIDER_GAP * pitch)
        if comment and goals:
            in_comment = True
            if label[comment.end():]:
                goals[-1].comment.append(label[comment.end():])
        elif symbols[id(row)] or cell or not goals or (in_comment and apart):
            goals.append(_Goal(row.page or table.page, row.bbox.top, [label],
                               symbol=symbols[id(row)], cell=cell))
            in_comment = False
        elif in_comment:
            goals[-1].comment.append(label)
        else:
            goals[-1].lines.append(label)
        previous = row
    return goals


def _symbol(row: Row, marks: Sequence[Mark], x0: float, x1: float,
            read: ColourReader) -> str:
    """The label of the status symbol on the row's first line, in the verdict column."""
    top, bottom = row.bbox.top - SLACK, row.bbox.top + row.bbox.height + SLACK
    line_bottom = min(bottom, row.bbox.top + 2 * SLACK + 12.0)  # its first line, not its wrap
    for mark in marks:
        if (top <= mark.bbox.y_mid <= line_bottom and x0 <= mark.bbox.x0 <= x1
                and 0.7 <= mark.bbox.width / max(mark.bbox.height, 0.1) <= 1.4):
            return read(mark.fill) or "unknown"
    return ""


def _line_pitch(rows: Sequence[Row]) -> float:
    gaps = [b.bbox.top - a.bbox.bottom for a, b in zip(rows, rows[1:], strict=False)
            if a.page == b.page and b.bbox.top > a.bbox.bottom]
    return max(median(gaps), 1.0) if gaps else 4.0


def _assessment(goal: _Goal, goal_area: str) -> Assessment:
    text, comment = join_label(goal.lines), join_label(goal.comment)
    said = assess(GoalBlock(goal_area, text, goal.page, comment)) if comment else None
    if said is not None and said.label != "unknown":
        return Assessment(goal_area, text, goal.page, said.label, said.evidence,
                          said.confidence, said.method, goal.symbol)
    from_cell = rule_label(goal.cell) if goal.cell else None
    if from_cell:
        return Assessment(goal_area, text, goal.page, from_cell, goal.cell, 1.0, "cell",
                          goal.symbol)
    if goal.symbol and goal.symbol != "unknown":
        return Assessment(goal_area, text, goal.page, goal.symbol, comment, SYMBOL_CONFIDENCE,
                          "symbol", goal.symbol)
    return Assessment(goal_area, text, goal.page, "unknown", comment, 0.0, "", goal.symbol)


SYMBOL_CONFIDENCE = 0.9  # the colour is read exactly; its meaning is the usual one
