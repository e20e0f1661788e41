"""Tables on one page: the page-local result of both finders, and the whitespace finder.

The whitespace finder reads a table the way a person does: rows are lines that end in values,
columns are where values line up, the header is the short text lines right above the first row,
and a row's label may wrap over several lines next to (or above) its values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from pipeline.core.catalogue import ProblemCode
from pipeline.core.records import BBox, Cell, Row, Rule, Segment, TextLine, Word, bbox_union
from pipeline.read.layout import join_label
from pipeline.swedish.numbers import LINE_BREAK_HYPHENS, CellKind
from pipeline.tables.cells import (
    HEADER_WORD,
    SENTENCE_BREAK,
    SUPERSCRIPT_DIGITS,
    clean_title,
    column_of,
    column_spans,
    header_labels,
    is_short_text,
    is_year_header,
    kind,
    names_columns,
    value_run_start,
    with_header_columns,
)

# "Tabell 98 Personalomsättning": a table's caption, never one of its header lines.
CAPTION = re.compile(r"^(?:tabell|tab\.|table|diagram|figur|bild)\s*\d+[a-z]?\b", re.I)
ROW_GAP_EM = 2.6  # rows further apart than this (in font sizes) are separate tables
HEADER_GAP_EM = 2.2
TITLE_GAP_EM = 2.6
WRAP_GAP_EM = 0.9  # a wrapped label line sits closer than this to its neighbour
MAX_CATEGORY_LINES = 6  # label-only lines between a header and the first row
WRAP_PITCH_EM = 1.35  # lines wrapped in one cell stand at most this far apart, top to top
ROW_PITCH_SLACK = 0.8  # points


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
    unit_note: str = ""  # a line above the table that says its unit ("Belopp i tkr")
    caption: str = ""  # a line above it that says what it belongs to ("Utfall per kön: ...")

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
    lines: Sequence[TextLine],
    rules: Sequence[Rule],
    page: int,
    context: Sequence[TextLine] = (),
    cell_boxes: Sequence[BBox] = (),
    method: str = "whitespace",
) -> list[PageTable]:
    """Tables among `lines`. `context` is the whole page, searched for titles; `cell_boxes`,
    for a ruled region, widen header words to the cell they sit in (merged header cells)."""
    # Words in two drawn cells are two cells, however close they are set.
    ordered = sorted((split_at_columns(ln, cell_boxes, ()) if cell_boxes else ln
                      for ln in lines), key=lambda ln: (ln.bbox.top, ln.bbox.x0))
    roles = [line_role(ln) for ln in ordered]
    blocks = _blocks(ordered, roles, cell_boxes)
    for block in blocks:
        _shed_header_rows(block, ordered, roles)
        _split_run_together(block, ordered)
    used = {i for b in blocks for i in b.members}
    tables = []
    for block in blocks:
        table = _table(ordered, roles, block, used, rules, page, context or ordered,
                       cell_boxes, method)
        if table is not None:
            tables.append(table)
    return tables


def _values(line: TextLine) -> list[Segment]:
    start = value_run_start(line.segments)
    return [] if start is None else list(line.segments[start:])


def _blocks(lines: Sequence[TextLine], roles: Sequence[str],
            cell_boxes: Sequence[BBox] = ()) -> list[_Block]:
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
        elif role == "text" and current is not None and _word_row(current, lines, line):
            current.rows.append(i)
            current.members.append(i)
        else:
            current = None
    for block in blocks:
        _drop_trailing_text(block, lines, cell_boxes)
    return blocks


def _shed_header_rows(block: _Block, lines: Sequence[TextLine], roles: list[str]) -> None:
    """A block's first row that is its header, set so tight that its cells ran together
    ("tkr Utfall 2018 Budget 2019 | 2019 | Avvikelse" reads as a label and two cells): split
    at the columns the other rows give, it names years and kinds, and no row it is."""
    while len(block.rows) >= 2:
        first = block.rows[0]
        spans = column_spans([_values(lines[i]) for i in block.rows[1:]])
        if not is_year_header(split_at_columns(lines[first], (), spans)):
            return
        roles[first] = "header"
        block.rows.remove(first)
        block.members = [i for i in block.members if i != first]
        block.values = [b for i in block.rows for b in (s.bbox for s in _values(lines[i]))]


# Right edges this close are one column's edge: numbers are set flush right.
EDGE_SLACK = 1.5
CELL_GAP_RATIO = 1.5  # a gap between two cells is at least this much wider than inside one


def _split_run_together(block: _Block, lines: list[TextLine]) -> None:
    """Cut value cells that ran together into one ("308 896 263 759" with a space's gap
    between the columns) where a number ends at a column's right edge that other rows show.

    Numbers are set flush right, so a column's cells share their right edge; a word inside a
    run that ends on such an edge, with more words after it, ends a cell. A thousands group
    inside a number ends on no other row's edge.
    """
    if len(block.rows) < 2:
        return
    ends = {i: [s.bbox.x1 for s in _values(lines[i])] for i in block.rows}
    most = max(len(xs) for xs in ends.values())
    cut = False
    for i in block.rows:
        others = [x for j, xs in ends.items() if j != i for x in xs]
        segments = [piece for seg in lines[i].segments for piece in (
            _cut_at_edges(seg, others) if len(seg.words) > 1 else [seg])]
        if segments and len(ends[i]) < most:
            segments[:1] = _cut_label_number(segments[0], others)
        if len(segments) != len(lines[i].segments):
            lines[i] = replace(lines[i], segments=tuple(segments))
            cut = True
    if cut:
        block.values = [s.bbox for i in block.rows for s in _values(lines[i])]


def _cut_at_edges(seg: Segment, edges: Sequence[float]) -> list[Segment]:
    if kind(seg.text) is not CellKind.NUMBER:
        return [seg]
    # gaps[n]: the gap before word n
    gaps = {n: after.bbox.x0 - word.bbox.x1
            for n, (word, after) in enumerate(zip(seg.words, seg.words[1:], strict=False), 1)}
    cuts = [n for n, gap in gaps.items() if gap > 0 and _on_edge(seg.words[n - 1], edges)]
    if not cuts:
        return [seg]
    # Cells are padded: the gap between two columns is wider than a thousands separator.
    inner = [gap for n, gap in gaps.items() if n not in cuts]
    if inner and min(gaps[n] for n in cuts) < CELL_GAP_RATIO * max(inner):
        return [seg]
    pieces = [_piece(seg, lo, hi) for lo, hi in zip([0, *cuts], [*cuts, len(seg.words)],
                                                    strict=False)]
    if any(kind(piece.text) is not CellKind.NUMBER for piece in pieces):
        return [seg]  # a cut that leaves no number on one side was no column's edge
    return pieces


def _cut_label_number(seg: Segment, edges: Sequence[float]) -> list[Segment]:
    """A long label that ran into its row's values ("... (kr / årsplats) 40 062", "... till
    arbete 54 % 56 % 57 %"): each number at its end is a cell when it ends on a column's edge
    that other rows show (the caller asks this only of a row with fewer values than others).
    """
    if len(seg.words) < 2 or kind(seg.text) is not CellKind.TEXT:
        return [seg]
    cuts: list[tuple[int, int]] = []
    hi = len(seg.words)
    while hi > 1 and _on_edge(seg.words[hi - 1], edges):
        # The longest run of words ending here that is one number ("57 %", "40 062").
        starts = [lo for lo in range(max(1, hi - MAX_NUMBER_WORDS), hi)
                  if kind(_text_of(seg, lo, hi)) is CellKind.NUMBER]
        if not starts:
            break
        cuts.insert(0, (starts[0], hi))
        hi = starts[0]
    if not cuts:
        return [seg]
    return [_piece(seg, lo, hi) for lo, hi in [(0, hi), *cuts]]


MAX_NUMBER_WORDS = 4  # "−1 234 567 %": the most words one printed number takes


def _on_edge(word: Word, edges: Sequence[float]) -> bool:
    """The word ends on one of the columns' right edges (numbers are set flush right)."""
    return any(abs(word.bbox.x1 - e) <= EDGE_SLACK for e in edges)


def _piece(seg: Segment, lo: int, hi: int) -> Segment:
    """Words lo up to hi of a segment, as a segment of their own."""
    words = seg.words[lo:hi]
    return Segment(_text_of(seg, lo, hi), bbox_union([w.bbox for w in words]), seg.size,
                   seg.bold, words)


def _text_of(seg: Segment, lo: int, hi: int) -> str:
    """The segment's text from word lo up to word hi, with the spaces it was printed with
    (a thin space between thousands stays one)."""
    starts, at = [], 0
    for word in seg.words:
        found = seg.text.find(word.text, at)
        if found < 0:
            return " ".join(w.text for w in seg.words[lo:hi])
        starts.append(found)
        at = found + len(word.text)
    end = starts[hi - 1] + len(seg.words[hi - 1].text)
    return seg.text[starts[lo]:end]


def _continues(block: _Block, lines: Sequence[TextLine], line: TextLine,
               values: list[BBox]) -> bool:
    gap = line.bbox.top - lines[block.members[-1]].bbox.bottom
    if gap > ROW_GAP_EM * line.size:
        return False
    return any(v.x_overlap(b) > 0 for v in values for b in block.values)


def _wraps_label(block: _Block, lines: Sequence[TextLine], line: TextLine) -> bool:
    gap = line.bbox.top - lines[block.members[-1]].bbox.bottom
    in_label_zone = line.bbox.x1 <= block.value_x0 + 1.0 or (
        len(line.segments) == 1 and _overruns(line, block.value_x0))
    sentence_end = line.text.rstrip().endswith(":")
    return in_label_zone and gap <= ROW_GAP_EM * line.size and not sentence_end


def _word_row(block: _Block, lines: Sequence[TextLine], line: TextLine) -> bool:
    """A row of word cells inside a table: "Korsavads simhall | Stängt | Stängt"."""
    last_row = lines[block.rows[-1]]
    gap = line.bbox.top - lines[block.members[-1]].bbox.bottom
    cells = [s for s in line.segments if s.bbox.x1 > block.value_x0 + 1.0]
    labels = [s for s in line.segments if s not in cells]
    aligned = all(any(c.bbox.x_overlap(v) > 0 for v in block.values) for c in cells)
    words = all(is_short_text(c.text) for c in cells)
    # A heading after a table starts at the margin and runs into the value columns.
    apart = bool(labels) and all(c.bbox.x0 > labels[-1].bbox.x1 for c in cells)
    same_type = abs(line.size - last_row.size) <= 0.6 and line.bold == last_row.bold
    fits = bool(cells) and aligned and words and apart and gap <= ROW_GAP_EM * line.size
    return fits and same_type and not names_columns(line, block.value_x0)


def _drop_trailing_text(block: _Block, lines: Sequence[TextLine],
                        cell_boxes: Sequence[BBox] = ()) -> None:
    """Text after the last row belongs to the table only if it sits as close as a wrap and
    the line above it is full (a note under the table starts a line of its own), or if it
    stands in the drawn cell that holds the row's label."""
    last_row = block.rows[-1]
    tail = [i for i in block.members if i > last_row]
    limit = label_limit(lines, [i for i in block.members if i <= last_row], block.value_x0)
    pitch = row_pitch(lines, block.members, set(block.rows))
    keep = []
    prev = last_row
    labelled = [i for i in block.members if i <= last_row
                and _has_label(lines[i], block.value_x0)]
    label_line = labelled[-1] if labelled else last_row  # the row's label may end above it
    # How far apart this table sets a label's wrapped lines (the gap above a line without
    # values) and its rows (the gap above a row): a line further below the last row than a
    # wrap starts something else (a note under the table); where rows are set clearly
    # further apart than wraps, a line at a wrap's distance is a wrap, capital or not
    # ("Kommunens placering i Svenskt" / "Näringslivs ranking").
    body = [i for i in block.members if i <= last_row]
    wrap_gaps, padded = _wrap_spacing(lines, body, set(block.rows), pitch)
    label_cell = _drawn_cell(lines[last_row].segments[0].bbox, cell_boxes)
    for i in tail:
        if _FOOTNOTE_START.match(lines[i].text):
            break  # "¹ Uppgifterna för året är preliminära.": a footnote, no label's wrap
        if label_cell is not None and label_cell.holds_centre_of(lines[i].bbox):
            keep.append(i)  # the cell's rules say whose line it is, whatever its width
            prev = label_line = i
            continue
        if wrap_gaps and _gap(lines, prev, i) > max(wrap_gaps) + 0.5 * lines[i].size:
            break
        close = _wraps_onto(lines[i], lines[prev]) or _wraps_onto(lines[prev], lines[i])
        spaced = pitch is not None and (
            lines[i].bbox.top - lines[prev].bbox.top >= pitch - ROW_PITCH_SLACK)
        as_wrap = padded and _wrap_step(lines, prev, i)
        if spaced or not (close and _fills(lines[label_line], block.value_x0, limit,
                                           lines[i], spaced_as_wrap=as_wrap)):
            break
        keep.append(i)
        prev = label_line = i
    block.members = [i for i in block.members if i <= last_row] + keep


# A line that starts with a footnote mark is the note it refers to.
_FOOTNOTE_START = re.compile(rf"^\s*(?:[{SUPERSCRIPT_DIGITS}]+|\*+)\s*\S")


def _drawn_cell(box: BBox, cell_boxes: Sequence[BBox]) -> BBox | None:
    """The drawn cell that holds `box` (a row's label), if there is one."""
    return next((c for c in cell_boxes if c.holds_centre_of(box)), None)


def label_limit(lines: Sequence[TextLine], members: Sequence[int], value_x0: float) -> float:
    """How far the label column reaches: the end of its widest line."""
    ends = [end for i in members if (end := _label_end(lines[i], value_x0)) is not None]
    return max(ends) if ends else value_x0


def _overruns(line: TextLine, value_x0: float) -> bool:
    """The line's label is a word too long for its column, run over the first value
    ("Hemtjänsttimmar" over "18 280"): it starts, and mostly lies, left of the values, and
    only its last word reaches them (a caption across the table has more)."""
    return bool(line.segments) and _runs_over(line.segments[0], value_x0)


def _runs_over(segment: Segment, x: float) -> bool:
    """Text that starts, and mostly lies, left of x, and only its last word reaches it."""
    box = segment.bbox
    return not _is_value(segment) and box.x0 < x < box.x1 and box.x_mid < x and (
        not segment.words or segment.words[-1].bbox.x0 < x)


def _has_label(line: TextLine, value_x0: float) -> bool:
    return _label_end(line, value_x0) is not None or _overruns(line, value_x0)


def _label_end(line: TextLine, value_x0: float) -> float | None:
    ends = [s.bbox.x1 for s in line.segments if s.bbox.x1 <= value_x0 + 1.0]
    return max(ends) if ends else None


def _starts_anew(text: str) -> bool:
    """Text that begins with a capital, as a label, a heading or a note does; a label's
    wrapped line goes on in lower case, or with an abbreviation ("LSS", "kWh")."""
    word = text.split()[0] if text.split() else ""
    return word[:1].isupper() and not word.isupper()


# Words no label ends with: after them it goes on, with a name perhaps ("inom ramen för" /
# "Jobbtorg", "kring" / "EU-valet").
_OPEN_ENDINGS = (
    "angående att av bakom beträffande bland både de den det där efter eller enligt "
    "exklusive för före från genom gentemot hos i inklusive inom jämfört kring med "
    "mellan mot och om per på runt samt som till trots under ur ut utan utöver via "
    "vid åt än över")
OPEN_ENDINGS = frozenset(_OPEN_ENDINGS.split())


def _ends_open(label: str) -> bool:
    words = label.split()
    return bool(words) and words[-1].casefold().strip(",") in OPEN_ENDINGS or label.rstrip(
        ).endswith(",")


def _gap(lines: Sequence[TextLine], above: int, below: int) -> float:
    return lines[below].bbox.top - lines[above].bbox.bottom


def _wrap_step(lines: Sequence[TextLine], above: int, below: int) -> bool:
    step = lines[below].bbox.top - lines[above].bbox.top
    return step <= WRAP_PITCH_EM * lines[below].size + ROW_PITCH_SLACK


def _wrap_spacing(lines: Sequence[TextLine], members: Sequence[int], rows: set[int],
                  pitch: float | None) -> tuple[list[float], bool]:
    """The gaps above the table's lines without values (its labels' wrapped lines), and
    whether its rows are set clearly further apart than those (padded cells), so that a
    line at a wrap's distance is a wrap, capital or not."""
    pairs = list(zip(members, members[1:], strict=False))
    wrap_gaps = [_gap(lines, a, b) for a, b in pairs if b not in rows]
    row_gaps = [_gap(lines, a, b) for a, b in pairs if b in rows]
    size = lines[members[0]].size if members else 0.0
    padded = pitch is not None or bool(
        wrap_gaps and row_gaps and min(row_gaps) > max(wrap_gaps) + 0.5 * size)
    return wrap_gaps, padded


def _fills(line: TextLine, value_x0: float, limit: float, following: TextLine,
           spaced_as_wrap: bool = False) -> bool:
    """A label line is full when the first word of the line below would not have fitted
    after it: only then does the line below continue its label. Beside a short one ("Intäkter"
    over "Statsbidrag"), the line below is a row, a category's child or a note of its own."""
    end = _label_end(line, value_x0)
    if end is None:
        return _overruns(line, value_x0)  # a word too long for its column filled it
    label = " ".join(s.text for s in line.segments if s.bbox.x1 <= value_x0 + 1.0)
    if label.rstrip().endswith(LINE_BREAK_HYPHENS):
        return True  # broken with a hyphen: "kostnads-" / "utveckling"
    if label.count("(") > label.count(")"):
        return True  # a bracket left open goes on below: "(kr /" / "person)"
    first = following.segments[0]
    start = line.segments[0].bbox.x0
    words_only = value_run_start(following.segments) is None
    if spaced_as_wrap and words_only:
        return True  # set inside the row's padding, as its wrapped lines are (a break)
    if _starts_anew(first.text) and not _ends_open(label) and words_only and (
            end - start < 0.85 * (limit - start)) and _CLOSES_GROUP.match(label):
        # A sum closes its group: "Kostnader" under a short "Summa intäkter" starts the
        # next one. Elsewhere a capital goes on a label when the word would not have fitted
        # ("Kommunens placering i Svenskt" / "Näringslivs ranking"), as the width says.
        return False
    width = _first_unbreakable_width(first)
    return end + 0.25 * following.size + width > limit - 1.0


_CLOSES_GROUP = re.compile(r"^(?:summa|totalt|total|netto|resultat)\b", re.IGNORECASE)


# No line breaks before these, even after a space (Unicode line breaking: closing marks,
# infix separators and "/"): "(kr /" wraps as one piece.
_NO_BREAK_BEFORE = tuple(")]}!?,.:;/%")


def _first_unbreakable_width(segment: Segment) -> float:
    words = segment.words
    if not words:
        return 0.5 * segment.size * len(segment.text.split()[0])
    last = 0
    while last + 1 < len(words) and words[last + 1].text.startswith(_NO_BREAK_BEFORE):
        last += 1
    return words[last].bbox.x1 - words[0].bbox.x0


def _table(
    lines: Sequence[TextLine],
    roles: Sequence[str],
    block: _Block,
    used: set[int],
    rules: Sequence[Rule],
    page: int,
    context: Sequence[TextLine],
    cell_boxes: Sequence[BBox],
    method: str,
) -> PageTable | None:
    header, leading, word_rows = _header_above(lines, roles, block, used, cell_boxes)
    members = sorted(leading + word_rows + block.members)
    label_x0 = _label_left(lines, block)
    value_spans = column_spans([_values(lines[i]) for i in block.rows])
    split = [split_at_columns(lines[i], cell_boxes, value_spans) for i in header]
    header_text = [seg for line in split for seg in line.segments]
    header_lines = [_widen(line, cell_boxes, value_spans, header_text) for line in split]
    body_text = [seg.bbox for i in members for seg in lines[i].segments
                 if seg.bbox.x1 <= min(v.x0 for v in value_spans) + 1.0]
    spans = with_header_columns(value_spans, header_lines, label_x0, body_text)
    label_end = label_limit(lines, members, min(v.x0 for v in value_spans))
    labels, label_header = header_labels(header_lines, spans, label_x0, label_end)
    body_box = bbox_union([lines[i].bbox for i in members])
    rows, findings = _rows(lines, members, block.rows + word_rows, spans, rules, body_box, page)
    box = bbox_union([lines[i].bbox for i in [*header, *members]])
    size = lines[min([*header, *members])].size
    caption = caption_above(context, box, size)
    # A caption's last line is no heading of the table: the caption says what it is.
    title = ("" if caption else heading_above(context, box, size)) or label_header
    return PageTable(page, method, box, title, label_header, bool(header), tuple(spans),
                     tuple(labels), tuple(rows), tuple(findings),
                     unit_note_above(context, box, size), caption)


def split_at_columns(line: TextLine, cell_boxes: Sequence[BBox],
                     value_spans: Sequence[BBox]) -> TextLine:
    """Header words set close enough to read as one phrase ("2021 Kvinnor") are two cells
    where they stand in two cells of a drawn header, or where one ends flush with a value
    column and the next begins past it (a right-aligned "2021" over its numbers: numbers are
    set flush right, so their columns' right edges are where cells end)."""
    if all(len(seg.words) <= 1 for seg in line.segments):
        return line
    # Only cells level with the line can hold its words.
    cell_boxes = [c for c in cell_boxes if c.top <= line.bbox.bottom and line.bbox.top <= c.bottom]
    segments: list[Segment] = []
    for seg in line.segments:
        pieces: list[list[Word]] = [[seg.words[0]]] if seg.words else []
        for word in seg.words[1:]:
            if _cell_border_between(pieces[-1][-1], word, cell_boxes, value_spans):
                pieces.append([word])
            else:
                pieces[-1].append(word)
        if len(pieces) <= 1:
            segments.append(seg)
            continue
        segments.extend(Segment(" ".join(w.text for w in ws), bbox_union([w.bbox for w in ws]),
                                seg.size, seg.bold, tuple(ws)) for ws in pieces)
    return TextLine(tuple(segments), line.bbox)


# A capitalised word that names a figure's kind begins a column's header ("tkr Utfall 2018
# Budget 2019" run together); inside one ("Avvikelse mot budget") it is written small.
STARTS_HEADER = re.compile(r"^(?:Utfall|Budget|Bokslut|Prognos|Mål|Målvärde|Avvikelse|"
                           r"Budgetavvikelse|Ack|Helår)$")


def _cell_border_between(left: Word, right: Word, cell_boxes: Sequence[BBox],
                         value_spans: Sequence[BBox]) -> bool:
    def cell_of(word: Word) -> BBox | None:
        around = [c for c in cell_boxes if c.holds_centre_of(word.bbox)]
        return min(around, key=lambda c: c.width) if around else None

    left_cell, right_cell = cell_of(left), cell_of(right)
    if left_cell is not None and right_cell is not None:
        return left_cell != right_cell and left_cell.x1 <= right_cell.x0 + 1.0
    # One word in a drawn cell and its neighbour outside it: the neighbour is in another.
    if right_cell is not None and left.bbox.x1 <= right_cell.x0 + 1.0:
        return True
    if left_cell is not None and right.bbox.x0 >= left_cell.x1 - 1.0:
        return True
    if value_spans and STARTS_HEADER.match(right.text):
        return True
    return any(abs(left.bbox.x1 - v.x1) <= EDGE_SLACK and right.bbox.x0 > v.x1
               for v in value_spans)


def _widen(line: TextLine, cell_boxes: Sequence[BBox], value_spans: Sequence[BBox],
           header_text: Sequence[Segment] = ()) -> TextLine:
    """Header words take the extent of the ruled cell they sit in ("Period" over its four
    columns), when that cell holds whole columns of values: a header cell that reaches only
    part way under the next column (Simrishamn's "Plan 2031" cell, half under "Total
    utgift") is drawn wider than its column, not merged over two."""
    if not cell_boxes:
        return line
    segments = []
    for seg in line.segments:
        # A cell holds one piece of header text, or pieces stacked in it ("Utfall" over
        # "2015"): a band behind the header, holding other columns' text, is no cell.
        around = [c for c in cell_boxes if c.holds_centre_of(seg.bbox)
                  and c.x0 <= seg.bbox.x0 + 1 and c.x1 >= seg.bbox.x1 - 1
                  and not any(c.holds_centre_of(o.bbox) and o.bbox.x_overlap(seg.bbox) == 0
                              for o in (*line.segments, *header_text) if o is not seg)]
        if around:
            cell = min(around, key=lambda c: c.width)
            wide = BBox(cell.x0, seg.bbox.top, cell.x1, seg.bbox.bottom)
            reached = [v for v in value_spans
                       if v.x_overlap(wide) > 0 and v.x_overlap(seg.bbox) == 0]
            if all(v.x0 >= wide.x0 - 1 and v.x1 <= wide.x1 + 1 for v in reached):
                seg = replace(seg, bbox=wide)
        segments.append(seg)
    return TextLine(tuple(segments), line.bbox)


def _label_left(lines: Sequence[TextLine], block: _Block) -> float:
    """Where the label column starts: header text that starts there names the label column.

    The label lines count as well as the rows: a label set beside the top of a row's values
    wraps onto lines above and below them, and the row's own line then starts at its values."""
    starts = [lines[i].bbox.x0 for i in block.members  # the rows are members too
              if lines[i].bbox.x0 < block.value_x0 - 1.0]
    return min(starts) if starts else block.value_x0


def _header_above(
    lines: Sequence[TextLine], roles: Sequence[str], block: _Block, used: set[int],
    cell_boxes: Sequence[BBox] = (),
) -> tuple[list[int], list[int], list[int]]:
    """Header lines above the first row, the label lines and rows of words below them.

    Label lines right above the first row are its wrapped label, or category rows such as
    "Färdigställda projekt"; category lines are only taken when a header stands above them,
    so that a heading or the end of a paragraph is never read as part of a table.
    """
    header: list[int] = []
    leading: list[int] = []
    categories: list[int] = []
    word_rows: list[int] = []  # header-shaped lines without a column word: rows of words
    value_x0 = block.value_x0
    spans = column_spans([_values(lines[i]) for i in block.rows])
    j = block.members[0] - 1
    below = lines[block.members[0]]
    label_end = label_limit(lines, block.members, value_x0)
    while j >= 0 and j not in used:
        line = split_at_columns(lines[j], (), spans)  # "Utfall 2020 Utfall 2021" set tight
        if below.bbox.top - line.bbox.bottom > HEADER_GAP_EM * line.size:
            break
        if CAPTION.match(line.text):
            break  # "Tabell 98 Personalomsättning": the table's caption, above any header
        label_only = line.bbox.x1 <= value_x0 + 1.0
        if header and _straddles(line, value_x0, label_end):
            break  # text across the label column's edge is in no cell: the table's heading
        header_type = abs(line.size - below.size) <= 1.5  # a heading is no column header
        if roles[j] == "header" or (roles[j] == "text" and header_type
                                    and _header_like(line, value_x0, first=not header)):
            if header or names_columns(line, value_x0):
                header.insert(0, j)
            else:
                word_rows.insert(0, j)
        elif roles[j] == "text" and label_only and not header:
            # A first row of values without a label takes the label set tight above it
            # (its values stand between the label's lines).
            unlabelled = below is lines[block.members[0]] and _values_only(below)
            wraps = _wraps_onto(line, below) and (unlabelled or _fills(
                line, value_x0, label_limit(lines, [j, *block.members], value_x0), below))
            if not categories and wraps:
                leading.insert(0, j)
            elif len(categories) < MAX_CATEGORY_LINES:
                categories.insert(0, j)
            else:
                break
        elif (roles[j] == "text" and label_only and header and _same_band(line, lines[header[0]])
              and not _outside_drawn_header(line, lines[header[0]], cell_boxes)
              and not (j > 0 and _ends_text_above(lines[j - 1], line, value_x0))):
            header.insert(0, j)
        else:
            break
        below = line
        j -= 1
    if header:
        return header, sorted(categories + leading), word_rows
    return word_rows, leading, []


def _straddles(line: TextLine, value_x0: float, label_end: float) -> bool:
    """One piece of text that starts over the labels' text and runs on over the values."""
    return (len(line.segments) == 1 and line.bbox.x0 < label_end - 1.0
            and line.bbox.x1 > value_x0 + 1.0)


def _wraps_onto(line: TextLine, below: TextLine) -> bool:
    """A label line wrapped above its row: same type, set as tight as a paragraph's lines."""
    gap = below.bbox.top - line.bbox.bottom
    same_type = abs(line.size - below.size) <= 0.6 and line.bold == below.bold
    return same_type and gap <= WRAP_GAP_EM * line.size


def _header_like(line: TextLine, value_x0: float, first: bool = True) -> bool:
    in_values = [s for s in line.segments if s.bbox.x1 > value_x0 + 1.0]
    short = all(len(s.text.split()) <= 5 and len(s.text) <= 40 for s in line.segments)
    prose = any(_sentence(s.text) for s in line.segments)
    # Right above the rows, one lone piece of text is a header only if it names something;
    # higher up it may be the first line of a tall header cell ("Anslags-sparande").
    lone = first and len(in_values) == 1 and not HEADER_WORD.search(in_values[0].text)
    return bool(in_values) and short and not prose and not lone


def _sentence(text: str) -> bool:
    """A header cell names a column; it does not end or hold a sentence ("... nämnvärt.")."""
    stripped = text.rstrip()
    ends = stripped.endswith((".", "!", "?")) and len(stripped.split()) >= 2
    return ends or bool(SENTENCE_BREAK.search(stripped))


def _ends_text_above(above: TextLine, line: TextLine, value_x0: float) -> bool:
    """`line` is the last line of a sentence that runs across the table above it (a caption
    that wrapped: "Utfall per kön: ... ska" / "minska"), not a label header's own line."""
    return above.bbox.x1 > value_x0 + 1.0 and _caption_goes_on(above, line)


def _outside_drawn_header(line: TextLine, header_line: TextLine,
                          cell_boxes: Sequence[BBox]) -> bool:
    """The header stands in drawn (shaded or ruled) cells and the line sits wholly above
    them and the drawn cells stacked on them (a group's cell): the table's title set close
    above it, not a header line. (A label header's cell is often left white, but it stands
    level with the drawn ones.)"""
    holding = [c for seg in header_line.segments for c in cell_boxes
               if c.holds_centre_of(seg.bbox)]
    if not holding:
        return False
    top = min(c.top for c in holding)
    while above := [c.top for c in cell_boxes
                    if -2.0 <= top - c.bottom <= header_line.size and c.top < top
                    and c.x_overlap(header_line.bbox) > 0]:
        top = min(above)
    return line.bbox.bottom <= top + 1.0


def _same_band(line: TextLine, header_line: TextLine) -> bool:
    """A label-column header wrapped onto a line of its own ("Verksamhet (i miljoner" /
    "kronor)") sits as close to the header below as header lines sit to each other."""
    same_type = abs(line.size - header_line.size) <= 0.6
    return same_type and header_line.bbox.top - line.bbox.bottom <= 0.6 * line.size


# A line above a table that only says its unit: "Belopp i tkr", "(mnkr)", "Tusental kronor".
UNIT_NOTE = re.compile(r"^\(?(?:belopp(?:en)?\s+(?:anges\s+)?i\s+|i\s+)?(?:tkr|mkr|mnkr|mdkr|kr|"
                       r"tusentals?\s+kronor|tusen\s+kronor|miljoner\s+kronor)\)?\.?$", re.I)


def _lines_above(context: Sequence[TextLine], box: BBox) -> list[TextLine]:
    """Lines above a table that stand over it, nearest first."""
    above = [ln for ln in context if ln.bbox.bottom <= box.top + 1.0
             and ln.bbox.x_overlap(box) > 0]
    return sorted(above, key=lambda ln: -ln.bbox.bottom)


# "Utfall per kön: Andel elever som ...": a line that ties the table below to what it names.
CAPTION_OF = re.compile(r"^[^:.]{3,40}:\s+\S.*[^.]$")


def caption_above(context: Sequence[TextLine], box: BBox, size: float) -> str:
    """The line right above a table that says what it belongs to, when there is one: a
    caption that names a long measure wraps, so its lines set tight above each other in
    one type are read as one."""
    above = _lines_above(context, box)
    if not above or box.top - above[0].bbox.bottom > TITLE_GAP_EM * size:
        return ""
    wrapped = [above[0]]
    for line in above[1:CAPTION_LINES]:
        if not _caption_goes_on(line, wrapped[-1]):
            break
        wrapped.append(line)
    for n in range(1, len(wrapped) + 1):
        text = " ".join(ln.text.strip() for ln in reversed(wrapped[:n]))
        if CAPTION_OF.match(text):
            return text
    return ""


CAPTION_LINES = 3


def _caption_goes_on(line: TextLine, below: TextLine) -> bool:
    """`below` goes on with `line`'s sentence: wrapped in the same type from the same left
    edge, and `line` ends without a full stop."""
    return (_wraps_onto(line, below) and abs(line.bbox.x0 - below.bbox.x0) <= 2.0
            and not line.text.rstrip().endswith("."))


def unit_note_above(context: Sequence[TextLine], box: BBox, size: float) -> str:
    """The line right above a table that says its unit, when there is one."""
    above = _lines_above(context, box)
    if above and UNIT_NOTE.match(above[0].text.strip()) and (
            box.top - above[0].bbox.bottom <= TITLE_GAP_EM * size):
        return above[0].text.strip()
    return ""


def heading_above(context: Sequence[TextLine], box: BBox, size: float) -> str:
    """The heading right above a table: bold or larger, short, not a sentence, no numbers.
    A line that only says the table's unit may stand between them."""
    above = _lines_above(context, box)
    if not above:
        return ""
    line, top = above[0], box.top
    if UNIT_NOTE.match(line.text.strip()) and len(above) > 1 and (
            top - line.bbox.bottom <= TITLE_GAP_EM * size):
        line, top = above[1], line.bbox.top
    close = top - line.bbox.bottom <= TITLE_GAP_EM * size
    emphasised = line.bold or line.size >= size + 1.0
    sentence = line.text.rstrip().endswith((".", ":")) or (
        not line.bold and CAPTION_OF.match(line.text.strip()) is not None)  # a caption
    is_row = value_run_start(line.segments) is not None
    if close and emphasised and not sentence and not is_row and len(line.text) <= 90:
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
    value_x0 = min(s.x0 for s in spans)
    groups = _group_lines(lines, members, set(row_lines), _bands(rules, body_box), value_x0,
                          label_limit(lines, members, value_x0))
    rows, findings = [], []
    outline = _outline_x(lines, row_lines, spans)
    current_group = ""
    for group in groups:
        label_parts, cells = [], []
        for i in group:
            line = lines[i]
            labels = [s for s in line.segments if _in_label_column(s, spans)]
            label_parts.append(" ".join(s.text for s in labels))
            for seg in line.segments:
                if seg in labels or not (_is_value(seg) or is_short_text(seg.text)):
                    continue
                col = column_of(seg.bbox, spans)
                if col is None:
                    findings.append(Finding(page, ProblemCode.CELL_OUTSIDE_COLUMNS,
                                            f"page {page}: value '{seg.text}' lies under no "
                                            "column of its table", seg.text))
                    continue
                cells.append(Cell(col, seg.text, seg.bbox))
        cells = _join_wrapped_cells(cells)
        if outline is not None:
            first = lines[group[0]]
            heads = [seg for seg in first.segments if seg.bbox.x1 < outline]
            if heads:
                current_group = " ".join(seg.text for seg in heads)
            elif current_group:
                label_parts.insert(0, current_group)
        box = bbox_union([lines[i].bbox for i in group])
        rows.append(Row(join_label(label_parts), box, tuple(cells), page))
    return rows, findings


def _outline_x(lines: Sequence[TextLine], row_lines: list[int],
               spans: Sequence[BBox]) -> float | None:
    """Where a second label column starts, when labels are printed in two columns.

    "Somalia | Under 18 år | 1 611" then "| Mellan 18-64 år | 4 207": the first column names
    a group that holds for the rows below it. Returns the x where the second column starts,
    or None when the labels are one column.
    """
    first_value = min(s.x0 for s in spans)
    starts: list[float] = []
    two_part = 0
    for i in row_lines:
        labels = [s for s in lines[i].segments if s.bbox.x1 <= first_value + 1.0]
        if len(labels) >= 2:
            two_part += 1
            starts.append(labels[1].bbox.x0)
        elif len(labels) == 1:
            starts.append(labels[0].bbox.x0)
    if two_part < 1 or len(starts) < 3:
        return None  # one group row is enough when the rows below line up with its second part
    second = sorted(starts)[len(starts) // 2]
    lone = [s for s in starts if abs(s - second) <= 2.0]
    return second - 1.0 if len(lone) * 2 > len(starts) else None


def _join_wrapped_cells(cells: list[Cell]) -> list[Cell]:
    """Cells of one row in the same column are one cell printed over several lines."""
    by_column: dict[int, list[Cell]] = {}
    for cell in cells:
        by_column.setdefault(cell.column, []).append(cell)
    out = []
    for col, parts in sorted(by_column.items()):
        parts.sort(key=lambda c: c.bbox.top)
        out.append(Cell(col, join_label([c.text for c in parts]),
                        bbox_union([c.bbox for c in parts])))
    return out


def _in_label_column(segment: Segment, spans: Sequence[BBox]) -> bool:
    """Left of the first value column, and under none ("Stängt" is wider than the numbers
    right-aligned below it, so it starts left of their column but is still a cell)."""
    first = spans[0].x0
    if segment.bbox.x1 <= first + 1.0:
        return True
    if _is_value(segment):
        return False
    # A word too long for the label column runs over the first column's cell, mostly left
    # of it ("Hemtjänsttimmar" over "18 280"); a word cell overhangs its column a little.
    overlaps = any(segment.bbox.x_overlap(s) > 0 for s in spans)
    return (not overlaps and segment.bbox.x0 < first) or _runs_over(segment, first)


def _values_only(line: TextLine) -> bool:
    """A row of values with no label of its own."""
    return all(_is_value(s) for s in line.segments)


def _is_value(segment: Segment) -> bool:
    return kind(segment.text) is not CellKind.TEXT


def _bands(rules: Sequence[Rule], box: BBox) -> list[float]:
    """y of horizontal rules that cross the table: they separate its rows.

    Exports often draw a row's border cell by cell, so pieces on one y are added up.
    """
    covered: dict[float, float] = {}
    for rule in rules:
        if rule.horizontal and box.top - 2 <= rule.bbox.top <= box.bottom + 2:
            y = round(rule.bbox.top)
            covered[y] = covered.get(y, 0.0) + rule.bbox.x_overlap(box)
    return sorted(y for y, width in covered.items() if width >= 0.5 * box.width)


def _group_lines(
    lines: Sequence[TextLine], members: list[int], row_lines: set[int], bands: list[float],
    value_x0: float, limit: float,
) -> list[list[int]]:
    """Each row line with the wrapped label lines that belong to it.

    Where horizontal rules separate rows, a label line belongs to the row in its band. Without
    rules it belongs to the neighbour it sits closer to. Label lines that belong to no row
    are category rows ("Gemensamma tjänster" above its parts).
    """
    def band(i: int) -> int:
        return sum(1 for y in bands if y < lines[i].bbox.y_mid)

    # Rules draw rows only where they part every two rows of values; rules over a sum row
    # alone (a "Summa" line's top border) leave other rows and headings in one band.
    if len({band(i) for i in row_lines}) < len(row_lines):
        bands = []

    pitch = row_pitch(lines, members, row_lines)
    _, padded = _wrap_spacing(lines, members, row_lines, pitch)

    def fills(i: int, following: int) -> bool:
        """Line i's label is full, and the line below is set as close as a wrap, not a
        row's distance further down; for a row whose values stand between its label's
        lines, the label line the group ends in counts."""
        step = lines[following].bbox.top - lines[i].bbox.top
        if pitch is not None and step >= pitch - ROW_PITCH_SLACK:
            return False
        group = next((g for g in reversed(groups) if i in g), [i])
        labelled = [j for j in group if j <= i and _has_label(lines[j], value_x0)]
        return _fills(lines[labelled[-1] if labelled else i], value_x0, limit,
                      lines[following], spaced_as_wrap=padded and _wrap_step(lines, i, following))

    groups: list[list[int]] = []
    pending: list[int] = []
    for pos, i in enumerate(members):
        prev = members[pos - 1] if pos else None
        if i in row_lines and groups and not pending and prev in groups[-1] and _cell_wrap(
                lines, prev, i):
            groups[-1].append(i)  # "Ej" / "aktuellt": the row's word cells wrap
        elif i in row_lines:
            mine = _wrapped_onto_row(lines, pending, i, band if bands else None, fills)
            groups.extend([p] for p in pending if p not in mine)
            groups.append([*mine, i])
            pending = []
        elif groups and not pending and _closer_to_previous(lines, members, pos, bands, band,
                                                            fills):
            groups[-1].append(i)
        else:
            pending.append(i)
    groups.extend([p] for p in pending)
    return [sorted(g) for g in groups]


def row_pitch(lines: Sequence[TextLine], members: Sequence[int],
              row_lines: set[int]) -> float | None:
    """The distance from one row to the next (top to top), where cell padding makes it
    clearly more than a line of wrapped text: the closest two rows of values that follow
    each other. None where rows are set as tight as wrapped lines."""
    steps = [lines[b].bbox.top - lines[a].bbox.top
             for a, b in zip(members, members[1:], strict=False)
             if a in row_lines and b in row_lines]
    if not steps:
        return None
    step = min(steps)
    size = max(lines[members[0]].size, 1.0)
    return step if step > WRAP_PITCH_EM * size + ROW_PITCH_SLACK else None


def _cell_wrap(lines: Sequence[TextLine], prev: int, i: int) -> bool:
    """A line of words set tight under a row continues that row's cells and label."""
    words_only = all(value_run_start(lines[j].segments) is None for j in (prev, i))
    return words_only and _wraps_onto(lines[prev], lines[i])


def _wrapped_onto_row(lines: Sequence[TextLine], pending: list[int], row: int,
                      band: Callable[[int], int] | None,
                      fills: Callable[[int, int], bool]) -> list[int]:
    """The label lines right above a row that are the start of its own label: set as
    tight as a wrap (in the row's band, where rules draw bands), and full."""
    mine: list[int] = []
    below = row
    for p in reversed(pending):
        same_band = band is None or band(p) == band(row)
        # A row of values without a label of its own takes the label set tight above it
        # (its values stand between the label's lines); a labelled line must be continued.
        needs_label = below == row and _values_only(lines[row])
        if not (same_band and _wraps_onto(lines[p], lines[below])
                and (band is not None or needs_label or fills(p, below))):
            break
        mine.insert(0, p)
        below = p
    return mine


def _closer_to_previous(lines: Sequence[TextLine], members: list[int], pos: int,
                        bands: list[float], band: Callable[[int], int],
                        fills: Callable[[int, int], bool]) -> bool:
    i, prev = members[pos], members[pos - 1]
    if lines[i].bold != lines[prev].bold or abs(lines[i].size - lines[prev].size) > 0.6:
        return False  # a bold category after a plain row starts something new
    if bands:
        return bool(band(prev) == band(i))
    if not fills(prev, i):
        return False  # the row's label ended short of the column: this line is not its
    nxt = members[pos + 1] if pos + 1 < len(members) else None
    gap_above = lines[i].bbox.top - lines[prev].bbox.bottom
    gap_below = lines[nxt].bbox.top - lines[i].bbox.bottom if nxt is not None else 1e9
    return gap_above <= gap_below + 0.5
