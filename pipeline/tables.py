"""Tables on one page: the page-local result of both finders, and the whitespace finder.

The whitespace finder reads a table the way a person does: rows are lines that end in values,
columns are where values line up, the header is the short text lines right above the first row,
and a row's label may wrap over several lines next to (or above) its values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.cells import (
    clean_title,
    column_of,
    column_spans,
    header_labels,
    is_year_header,
    with_header_columns,
    value_run_start,
)
from pipeline.layout import join_label
from pipeline.records import BBox, Cell, Row, Rule, Segment, TextLine, bbox_union

ROW_GAP_EM = 2.6  # rows further apart than this (in font sizes) are separate tables
HEADER_GAP_EM = 1.8
TITLE_GAP_EM = 2.6
WRAP_GAP_EM = 0.9  # a wrapped label line sits closer than this to its neighbour


@dataclass(frozen=True)
class Finding:
    """Something on the page that could not be used as it is: becomes a problems row."""

    page: int
    code: str
    message: str
    raw_text: str = ""


@dataclass(frozen=True)
class PageTable:
    page: int
    method: str
    bbox: BBox
    title: str
    label_header: str
    has_header: bool
    spans: tuple[BBox, ...]
    column_labels: tuple[str, ...]
    rows: tuple[Row, ...]
    findings: tuple[Finding, ...] = field(default=())

    @property
    def n_values(self) -> int:
        return sum(len(r.cells) for r in self.rows)


def line_role(line: TextLine) -> str:
    if is_year_header(line):
        return "header"
    return "row" if value_run_start(line.segments) is not None else "text"


@dataclass
class _Block:
    rows: list[int]
    members: list[int]
    values: list[BBox]

    @property
    def value_x0(self) -> float:
        return min(b.x0 for b in self.values)


def find_whitespace_tables(
    lines: Sequence[TextLine], rules: Sequence[Rule], page: int
) -> list[PageTable]:
    ordered = sorted(lines, key=lambda ln: (ln.bbox.top, ln.bbox.x0))
    roles = [line_role(ln) for ln in ordered]
    blocks = _blocks(ordered, roles)
    used = {i for b in blocks for i in b.members}
    tables = []
    for block in blocks:
        table = _table(ordered, roles, block, used, rules, page)
        if table is not None:
            tables.append(table)
    return tables


def _values(line: TextLine) -> list[Segment]:
    start = value_run_start(line.segments)
    return [] if start is None else list(line.segments[start:])


def _blocks(lines: Sequence[TextLine], roles: Sequence[str]) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for i, line in enumerate(lines):
        role = roles[i]
        if role == "row":
            values = [s.bbox for s in _values(line)]
            if current is not None and _continues(current, lines, line, values):
                current.rows.append(i)
                current.members.append(i)
                current.values.extend(values)
            else:
                current = _Block([i], [i], values)
                blocks.append(current)
        elif role == "text" and current is not None and _wraps_label(current, lines, line):
            current.members.append(i)
        else:
            current = None
    for block in blocks:
        _drop_trailing_text(block, lines)
    return blocks


def _continues(block: _Block, lines: Sequence[TextLine], line: TextLine,
               values: list[BBox]) -> bool:
    gap = line.bbox.top - lines[block.members[-1]].bbox.bottom
    if gap > ROW_GAP_EM * line.size:
        return False
    return any(v.x_overlap(b) > 0 for v in values for b in block.values)


def _wraps_label(block: _Block, lines: Sequence[TextLine], line: TextLine) -> bool:
    gap = line.bbox.top - lines[block.members[-1]].bbox.bottom
    in_label_zone = line.bbox.x1 <= block.value_x0 + 1.0
    sentence_end = line.text.rstrip().endswith(":")
    return in_label_zone and gap <= ROW_GAP_EM * line.size and not sentence_end


def _drop_trailing_text(block: _Block, lines: Sequence[TextLine]) -> None:
    """Text after the last row belongs to the table only if it sits as close as a wrap."""
    last_row = block.rows[-1]
    tail = [i for i in block.members if i > last_row]
    keep = []
    prev = last_row
    for i in tail:
        if not _wraps_onto(lines[i], lines[prev]) and not _wraps_onto(lines[prev], lines[i]):
            break
        keep.append(i)
        prev = i
    block.members = [i for i in block.members if i <= last_row] + keep


def _table(
    lines: Sequence[TextLine],
    roles: Sequence[str],
    block: _Block,
    used: set[int],
    rules: Sequence[Rule],
    page: int,
) -> PageTable | None:
    header, leading = _header_above(lines, roles, block, used)
    members = sorted(leading + block.members)
    header_lines = [lines[i] for i in header]
    label_x0 = _label_left(lines, members, block)
    spans = with_header_columns(column_spans([_values(lines[i]) for i in block.rows]),
                                header_lines, label_x0)
    labels, label_header = header_labels(header_lines, spans, label_x0)
    body_box = bbox_union([lines[i].bbox for i in members])
    rows, findings = _rows(lines, members, block.rows, spans, rules, body_box, page)
    top = min([*header, *members])
    title = _title_above(lines, top, used) or label_header
    box = bbox_union([lines[i].bbox for i in [*header, *members]])
    return PageTable(page, "whitespace", box, title, label_header, bool(header), tuple(spans),
                     tuple(labels), tuple(rows), tuple(findings))


def _label_left(lines: Sequence[TextLine], members: list[int], block: _Block) -> float:
    """Where the label column starts: header text that starts there names the label column."""
    starts = [lines[i].bbox.x0 for i in members if lines[i].bbox.x0 < block.value_x0 - 1.0]
    return min(starts) if starts else block.value_x0


def _header_above(
    lines: Sequence[TextLine], roles: Sequence[str], block: _Block, used: set[int]
) -> tuple[list[int], list[int]]:
    """Header lines above the first row, and wrapped label lines between them and the row."""
    header: list[int] = []
    leading: list[int] = []
    value_x0 = block.value_x0
    j = block.members[0] - 1
    below = lines[block.members[0]]
    while j >= 0 and j not in used:
        line = lines[j]
        if below.bbox.top - line.bbox.bottom > HEADER_GAP_EM * line.size:
            break
        label_only = line.bbox.x1 <= value_x0 + 1.0
        header_type = abs(line.size - below.size) <= 1.5  # a heading is no column header
        if roles[j] == "header" or (roles[j] == "text" and header_type
                                    and _header_like(line, value_x0)):
            header.insert(0, j)
        elif roles[j] == "text" and label_only and not header and _wraps_onto(line, below):
            leading.insert(0, j)
        elif roles[j] == "text" and label_only and header and _same_band(line, lines[header[0]]):
            header.insert(0, j)
        else:
            break
        below = line
        j -= 1
    return header, leading


def _wraps_onto(line: TextLine, below: TextLine) -> bool:
    """A label line wrapped above its row: same type, set as tight as a paragraph's lines."""
    gap = below.bbox.top - line.bbox.bottom
    same_type = abs(line.size - below.size) <= 0.6 and line.bold == below.bold
    return same_type and gap <= WRAP_GAP_EM * line.size


def _header_like(line: TextLine, value_x0: float) -> bool:
    reaches_values = any(s.bbox.x1 > value_x0 + 1.0 for s in line.segments)
    short = all(len(s.text.split()) <= 5 and len(s.text) <= 40 for s in line.segments)
    return reaches_values and short


def _same_band(line: TextLine, header_line: TextLine) -> bool:
    """A label-column header wrapped onto a line of its own ("Verksamhet (i miljoner" /
    "kronor)") sits as close to the header below as header lines sit to each other."""
    same_type = abs(line.size - header_line.size) <= 0.6
    return same_type and header_line.bbox.top - line.bbox.bottom <= 0.6 * line.size


def _title_above(lines: Sequence[TextLine], top: int, used: set[int]) -> str:
    k = top - 1
    if k < 0 or k in used:
        return ""
    line, first = lines[k], lines[top]
    close = first.bbox.top - line.bbox.bottom <= TITLE_GAP_EM * first.size
    emphasised = line.bold or line.size >= first.size + 1.0
    sentence = line.text.rstrip().endswith((".", ":"))
    if close and emphasised and not sentence and len(line.text) <= 90:
        return clean_title(line.text)
    return ""


def _rows(
    lines: Sequence[TextLine],
    members: list[int],
    row_lines: list[int],
    spans: Sequence[BBox],
    rules: Sequence[Rule],
    body_box: BBox,
    page: int,
) -> tuple[list[Row], list[Finding]]:
    groups = _group_lines(lines, members, set(row_lines), _bands(rules, body_box))
    rows, findings = [], []
    for group in groups:
        label_parts, cells = [], []
        for i in group:
            line = lines[i]
            start = value_run_start(line.segments) if i in row_lines else None
            label_segments = line.segments if start is None else line.segments[:start]
            label_parts.append(" ".join(s.text for s in label_segments))
            for seg in line.segments[len(label_segments):]:
                col = column_of(seg.bbox, spans)
                if col is None:
                    findings.append(Finding(page, "cell_outside_columns",
                                            f"page {page}: value '{seg.text}' lies under no "
                                            "column of its table", seg.text))
                    continue
                cells.append(Cell(col, seg.text, seg.bbox))
        box = bbox_union([lines[i].bbox for i in group])
        rows.append(Row(join_label(label_parts), box, tuple(cells), page))
    return rows, findings


def _bands(rules: Sequence[Rule], box: BBox) -> list[float]:
    """y of horizontal rules that cross the table: they separate its rows."""
    ys = [
        r.bbox.top
        for r in rules
        if r.horizontal
        and r.bbox.x_overlap(box) >= 0.5 * box.width
        and box.top - 2 <= r.bbox.top <= box.bottom + 2
    ]
    return sorted(ys)


def _group_lines(
    lines: Sequence[TextLine], members: list[int], row_lines: set[int], bands: list[float]
) -> list[list[int]]:
    """Each row line with the wrapped label lines that belong to it.

    Where horizontal rules separate rows, a label line belongs to the row in its band. Without
    rules it belongs to the neighbour it sits closer to. Label lines that belong to no row
    are category rows ("Gemensamma tjänster" above its parts).
    """
    def band(i: int) -> int:
        mid = (lines[i].bbox.top + lines[i].bbox.bottom) / 2
        return sum(1 for y in bands if y < mid)

    groups: list[list[int]] = []
    pending: list[int] = []
    for pos, i in enumerate(members):
        if i in row_lines:
            mine = [p for p in pending if not bands or band(p) == band(i)]
            groups.extend([p] for p in pending if p not in mine)
            groups.append([*mine, i])
            pending = []
        elif groups and not pending and _closer_to_previous(lines, members, pos, bands, band):
            groups[-1].append(i)
        else:
            pending.append(i)
    groups.extend([p] for p in pending)
    return [sorted(g) for g in groups]


def _closer_to_previous(lines, members, pos, bands, band) -> bool:  # type: ignore[no-untyped-def]
    i, prev = members[pos], members[pos - 1]
    if bands:
        return bool(band(prev) == band(i))
    nxt = members[pos + 1] if pos + 1 < len(members) else None
    gap_above = lines[i].bbox.top - lines[prev].bbox.bottom
    gap_below = lines[nxt].bbox.top - lines[i].bbox.bottom if nxt is not None else 1e9
    return gap_above <= gap_below + 0.5
