"""What a segment is as a table cell, and how header texts become column labels.

Shared by the ruled and the whitespace table finders.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.core.records import BBox, Segment, TextLine, bbox_union
from pipeline.read.layout import join_label
from pipeline.swedish.numbers import (
    MINUS_BEFORE_DIGITS,
    RANGE_DASHES,
    YEARS,
    CellKind,
    parse_cell,
)

YEAR = re.compile(rf"^({YEARS})$")
# Column heads such as age groups: "-24", "25-29", "65-", "<29", ">= 60".
RANGE_HEAD = re.compile(rf"^(?:\d{{1,3}}\s?[{RANGE_DASHES}]\s?\d{{1,3}}"
                        rf"|[<>≤≥={RANGE_DASHES}]{{1,2}}\s?\d{{1,3}}"
                        rf"|\d{{1,3}}\s?[+{RANGE_DASHES}])(?:\s?år)?$")
YEAR_OR_RANGE = re.compile(rf"^({YEARS})(?:\s?[/{RANGE_DASHES}]\s?(?:19|20)?\d\d)?$")
# Words that name columns. A header-shaped line without one of these (or a year) is more
# likely a row of word cells: "Korsavads simhall | Stängt | Stängt | Stängt".
HEADER_WORD = re.compile(
    r"\b(?:utfall|budget|bokslut|mål|målvärde|prognos|avvik|avvikelse|budgetavvikelse|"
    r"återstår|antal|andel|ack|ackumulerat|total|totalt|summa|kvinnor|män|tkr|mkr|mnkr|"
    r"kr|belopp|förändring|procent|helår|period|perioden|delår|tertial|år|plan|ram|"
    r"disponibelt|anslag|indikator|nivå|värde|jämförelse|föregående|fg|snitt|genomsnitt)\b"
    r"|(?:19[5-9]\d|20[0-4]\d)|%",
    re.IGNORECASE,
)
# The words that name what kind of figure a column holds.
KIND_WORD = re.compile(r"\b(?:utfall|budget|bokslut|prognos|mål|målvärde|avvikelse|"
                       r"budgetavvikelse|helår|ackumulerat)\b", re.IGNORECASE)
UNIT_WORD = re.compile(r"^\(?(?:tkr|mkr|mnkr|mdkr|kr|%|belopp|belopp i tkr|belopp i mkr)\)?$",
                       re.IGNORECASE)
MAX_TEXT_CELL_WORDS = 4
MAX_TEXT_CELL_CHARS = 40
MAX_SIZE_DIFFERENCE = 1.5  # points between a row's label and its values
MAX_LABEL_WORDS = 10  # more words on one line of a label is a sentence
MAX_ROW_LABEL_WORDS = 20  # ... unless two numbers or more follow it: a measure's long name
SENTENCE_BREAK = re.compile(r"[a-zåäö\d]{3,}\. [A-ZÅÄÖ][a-zåäö]")
HEADING_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[A-Z]\.)\s+")


def kind(text: str) -> CellKind:
    return parse_cell(text).kind


def is_year(text: str) -> bool:
    return bool(YEAR.match(unmarked(text)))


def is_short_text(text: str) -> bool:
    """A word cell such as "Stängt" or "Ej aktuellt", not a sentence."""
    words = text.split()
    return (
        0 < len(words) <= MAX_TEXT_CELL_WORDS
        and len(text) <= MAX_TEXT_CELL_CHARS
        and not text.rstrip().endswith((".", ":"))
    )


def value_run_start(segments: Sequence[Segment]) -> int | None:
    """Index where a line's trailing value cells begin, or None when it has no numbers.

    The run is the longest suffix of numbers, missing marks and short words that starts with
    a number or missing mark: "Avux | 4 700 | −4 700" keeps "Avux" as the label.
    """
    start = len(segments)
    while start > 0:
        text = segments[start - 1].text
        if kind(text) is CellKind.TEXT and not is_short_text(text):
            break
        start -= 1
    while start < len(segments) and kind(segments[start].text) is CellKind.TEXT:
        start += 1
    run = segments[start:]
    if not any(kind(s.text) is CellKind.NUMBER for s in run):
        return None
    if start and any(abs(s.size - segments[start - 1].size) > MAX_SIZE_DIFFERENCE for s in run):
        return None  # chart labels beside a line of prose are not that line's values
    numbers = sum(1 for s in run if kind(s.text) is CellKind.NUMBER)
    # A label run into its row's first values ("... till arbete 54 % 56 % 57 %" | "59 %"):
    # those count as values, not as the label's words (the table cuts them off at its
    # columns' edges).
    run_in = _trailing_numbers(segments[start - 1].text) if start else 0
    if _prose(segments[:start], numbers + run_in, run_in):
        return None
    return start


def _trailing_numbers(text: str) -> int:
    """How many numbers a text ends with, where each is marked as a figure: "54 % 56 %"."""
    words = text.split()
    count = 0
    while len(words) >= 3 and words[-1] == "%" and NUMBER_WORD.match(words[-2]):
        words = words[:-2]
        count += 1
    return count if words else 0


NUMBER_WORD = re.compile(rf"^[{MINUS_BEFORE_DIGITS}]?\d+(?:,\d+)?$")


def _prose(label: Sequence[Segment], numbers: int = 1, run_in: int = 0) -> bool:
    """A label that is a sentence, or lines of two text columns side by side, is prose that
    happens to end in a number ("... tilldelat Försvarsmakten 351"). Before a row of two
    numbers or more a label may be as long as a measure's name. `run_in` numbers at the
    label's end ("54 %") are values that ran into it, not its words."""
    words = [len(s.text.split()) for s in label]
    if run_in and words:
        words[-1] -= 2 * run_in
    limit = MAX_LABEL_WORDS if numbers < 2 else MAX_ROW_LABEL_WORDS
    if sum(words) > limit or SENTENCE_BREAK.search(" ".join(s.text for s in label)):
        return True
    return sum(1 for n in words if n >= 5) >= 2


def names_columns(line: TextLine, label_limit: float) -> bool:
    """Some text right of the label column is a column word or a year."""
    return any(HEADER_WORD.search(s.text) for s in line.segments if s.bbox.x1 > label_limit)


SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
FOOTNOTE_MARKS = re.compile(rf"[{SUPERSCRIPT_DIGITS}*]+$")


def unmarked(text: str) -> str:
    """A header's text without its footnote mark: "2023¹" names the year 2023."""
    return FOOTNOTE_MARKS.sub("", text.strip()).strip()


def _year_piece(text: str) -> bool:
    """A year, alone or among column words: "2020", "år 2020" (the second line of a header
    "Utfall / år 2020" broken in a narrow column)."""
    if YEAR_OR_RANGE.match(text):
        return True
    words = text.split()
    return len(words) <= 3 and sum(1 for w in words if YEAR_OR_RANGE.match(w)) == 1 and all(
        YEAR_OR_RANGE.match(w) or HEADER_WORD.search(w) for w in words)


def _column_words(text: str) -> bool:
    """A cell of column words only: "Kvinnor", "Totalt", "Budget helår"."""
    words = text.split()
    return 0 < len(words) <= 3 and all(HEADER_WORD.fullmatch(w) for w in words)


def is_year_header(line: TextLine) -> bool:
    """A line of column years ("2017 2018 2019") or ranges ("-24 25-29 ... 65- Totalt"),
    maybe after a short label ("Mått")."""
    start = value_run_start(line.segments)
    if start is None:
        return False
    values = [unmarked(s.text) for s in line.segments[start:]]
    label = " ".join(s.text for s in line.segments[:start])
    years = all(_year_piece(t) for t in values)
    two_sided = sum(1 for t in values if RANGE_HEAD.match(t)
                    and re.search(rf"\d\s?[{RANGE_DASHES}]\s?\d", t))
    heads = all(YEAR_OR_RANGE.match(t) or RANGE_HEAD.match(t) or HEADER_WORD.search(t)
                for t in values)
    ranges = two_sided >= 2 and heads
    # "2010 2011 2012 Budget" (over "2012"): years and column words, no value among them.
    # Without a label, one year and a column word are a header too ("2023 | Mål" over the
    # columns of a two-row header): a row of values has a label.
    # And a line whose numbers are all years beside a word that names a kind of figure
    # ("Budget 2023 | 2023 | Prognos helår | Avvikelse"): the first column's header stands
    # where a row's label would.
    n_years = sum(1 for t in values if _year_piece(t))
    named = bool(KIND_WORD.search(line.text))
    mixed = heads and n_years >= (2 if label and not named else 1) and not any(
        parse_cell(t).kind is CellKind.NUMBER and not YEAR_OR_RANGE.match(t) for t in values)
    # Before the first number, a label header ("Mått"), or the first columns' headers where
    # they ran together with it ("tkr Utfall 2018 Budget 2019"): all column words but one.
    words = label.split()
    named_label = named and sum(1 for w in words if HEADER_WORD.search(w)
                                or YEAR_OR_RANGE.match(unmarked(w))) >= len(words) - 1
    # Or, before them, more column headers with their years ("år 2020 | år 2021 | 2022"),
    # maybe after the label header and among part headers ("Mått | år 2016 | år 2017 |
    # Kvinnor | Män | Totalt | 2018": the second line of a two-line header).
    before = [unmarked(s.text) for s in line.segments[:start]]
    headers_before = bool(words) and (all(_year_piece(t) for t in before) or (
        len(before) >= 3 and len(before[0].split()) <= 3
        and all(_year_piece(t) or _column_words(t) for t in before[1:])
        and any(_year_piece(t) for t in before[1:])))
    return (years or ranges or mixed) and (len(words) <= 3 or named_label or headers_before)


def clean_title(text: str) -> str:
    """ "6.2 Nyckeltal" -> "Nyckeltal": section numbers are not part of a title."""
    return HEADING_NUMBER.sub("", text.strip()).strip()


def column_spans(rows: Sequence[Sequence[Segment]]) -> list[BBox]:
    """Columns from value cells of many rows: cells that overlap horizontally share a column.

    A merged span that would hold two cells of the same row is split at the gap between them,
    so that two narrow neighbouring columns never become one.
    """
    cells = sorted((c.bbox for row in rows for c in row), key=lambda b: b.x0)
    spans: list[BBox] = []
    for box in cells:
        if spans and box.x0 < spans[-1].x1 - 0.5:
            spans[-1] = spans[-1].union(box)
        else:
            spans.append(box)
    return _split_crowded(spans, rows)


def _split_crowded(spans: list[BBox], rows: Sequence[Sequence[Segment]]) -> list[BBox]:
    out: list[BBox] = []
    for span in spans:
        crowded = [row for row in rows if sum(_centre_in(c.bbox, span) for c in row) > 1]
        if not crowded:
            out.append(span)
            continue
        members = sorted((c.bbox for c in crowded[0] if _centre_in(c.bbox, span)),
                         key=lambda b: b.x0)
        cuts = [(a.x1 + b.x0) / 2 for a, b in zip(members, members[1:], strict=False)]
        edges = [span.x0, *cuts, span.x1]
        out.extend(BBox(lo, span.top, hi, span.bottom) for lo, hi in zip(edges, edges[1:],
                                                                          strict=False))
    return out


def _centre_in(box: BBox, span: BBox) -> bool:
    return span.x0 <= box.x_mid <= span.x1


def column_of(box: BBox, spans: Sequence[BBox]) -> int | None:
    """The column a cell belongs to: most overlap, else the nearest centre within reach."""
    best, best_overlap = None, 0.0
    for i, span in enumerate(spans):
        overlap = box.x_overlap(span)
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    if best is not None:
        return best
    if not spans:
        return None
    nearest = min(range(len(spans)), key=lambda i: abs(spans[i].x_mid - box.x_mid))
    reach = max(spans[nearest].width, 12.0)
    return nearest if abs(spans[nearest].x_mid - box.x_mid) <= reach else None


def _names_label_column(segment: Segment, label_x0: float,
                        first_value: float | None = None, label_end: float | None = None
                        ) -> bool:
    """Header text that starts where the labels start, or that starts over the labels and
    ends before the first value column ("Mått" set flush right in its header cell), names
    the labels."""
    if segment.bbox.x0 <= label_x0 + 2.0:
        return True
    before_values = first_value is not None and segment.bbox.x1 <= first_value - 2.0
    if before_values and not HEADER_WORD.search(segment.text) and not any(
            YEAR_OR_RANGE.match(unmarked(word)) for word in segment.text.split()):
        return True  # "Mått" set flush right in a wide label cell: it names no column
    over_labels = label_end is not None and segment.bbox.x0 < label_end
    unit = bool(UNIT_WORD.match(segment.text.strip()))  # "tkr" set flush right over labels
    return before_values and (over_labels or unit)


def with_header_columns(spans: list[BBox], header_lines: Sequence[TextLine],
                        label_x0: float, body_text: Sequence[BBox] = ()) -> list[BBox]:
    """Add columns that only the header shows (no value in this block), in x order.

    A header over words in the body ("Ålder/ kön" over "Under 18 år") names a second label
    column, not an empty value column.
    """
    extra: list[BBox] = []
    first_value = min((s.x0 for s in spans), default=None)
    widths = sorted(s.width for s in spans)
    reach = 1.2 * widths[len(widths) // 2] if widths else 0.0
    cells = [_header_cells(line) for line in header_lines]
    for n, line_cells in enumerate(cells):
        lower = [c.bbox for later in cells[n + 1:] for c in later]
        for segment in line_cells:
            if _names_label_column(segment, label_x0, first_value):
                continue
            if lower and (GROUP_KIND.match(segment.text.strip())
                          or any(segment.bbox.x_overlap(b) > 0 for b in lower)):
                continue  # over a lower header word: that one names the column
            if any(segment.bbox.x_overlap(s) > 0 for s in [*spans, *extra, *body_text]):
                continue
            others = [o for o in header_lines[n].segments if o is not segment]
            if _group_over_years(segment, others, spans, header_lines[n + 1:]) or (
                    _over_parts(segment, [c for later in cells[n + 1:] for c in later],
                                spans)):
                continue  # a group header set flush left in its merged cell ("2025" over
                # "Kvinnor Män Totalt"): it heads those, it is no column of its own
            # A left-aligned header over right-aligned numbers stands just beside its
            # column; only a header well away from every value column is a column of its own.
            # Beside a column that another word of this line already names, it is not
            # that column's header ("Kvinnor" right of "2021", whose numbers are absent).
            mid = segment.bbox.x_mid
            near = [s for s in spans if s.x0 - reach <= mid <= s.x1 + reach]
            if any(not any(o is not segment and o.bbox.x_overlap(s) > 0 for o in line_cells)
                   for s in near):
                continue
            extra.append(segment.bbox)
    return sorted([*spans, *extra], key=lambda b: b.x0)


def _over_parts(segment: Segment, lower: Sequence[Segment], spans: Sequence[BBox]) -> bool:
    """A year (or kind and year) with the parts of it ("Kvinnor", "Män") named on a lower
    header line starting within a column's pitch to its right: a group header set flush
    left, even where those parts have no values for the columns to be found by."""
    if not GROUP_PERIOD.match(unmarked(segment.text.strip())) or len(spans) < 2:
        return False
    pitch = (spans[-1].x1 - spans[0].x1) / (len(spans) - 1)
    return any(PART_WORD.match(unmarked(c.text)) and
               segment.bbox.x0 - 2.0 <= c.bbox.x0 <= segment.bbox.x1 + pitch for c in lower)


def _header_cells(line: TextLine) -> list[Segment]:
    """A header line's cells: a segment of column names set tight ("Kvinnor Män Totalt",
    "2019 2020") is a cell per word."""
    out: list[Segment] = []
    for seg in line.segments:
        if len(seg.words) > 1 and all(PART_WORD.match(unmarked(w.text))
                                      or YEAR.match(unmarked(w.text)) for w in seg.words):
            out.extend(Segment(w.text, w.bbox, seg.size, seg.bold, (w,)) for w in seg.words)
        else:
            out.append(seg)
    return out


def _label_head(segment: Segment, first_value: float | None,
                label_end: float | None) -> tuple[str, Segment]:
    """Words of a header segment that start over the labels and end before every value
    column, run into the first column's header ("Mått 2019" set tight): the label column's
    header, and the rest. A kind word there ("Utfall 2019" set flush left) is the column's."""
    if first_value is None or label_end is None or len(segment.words) < 2:
        return "", segment
    k = 0
    while k < len(segment.words) and segment.words[k].bbox.x1 < first_value - 1.0:
        k += 1
    head = " ".join(w.text for w in segment.words[:k])
    if (k == 0 or k == len(segment.words) or segment.words[0].bbox.x0 >= label_end
            or GROUP_KIND.match(head) or YEAR.search(head)):
        return "", segment
    rest = segment.words[k:]
    return head, Segment(" ".join(w.text for w in rest), bbox_union([w.bbox for w in rest]),
                         segment.size, segment.bold, rest)


def header_labels(header_lines: Sequence[TextLine], spans: Sequence[BBox],
                  label_x0: float, label_end: float | None = None) -> tuple[list[str], str]:
    """Column labels from header lines: each header word goes to the column under it.

    Returns (labels per column, label-column header). Header text that starts at the label
    column's left edge names the label column. A phrase over several columns is a group
    header ("Varav årets investeringar") when header lines below it name those columns one
    by one, and then prefixes each of them; otherwise it is split word by word ("Utfall 2017
    Utfall 2018" set tight on one line).
    """
    parts: list[list[str]] = [[] for _ in spans]
    label_parts: list[str] = []
    first_value = min((s.x0 for s in spans), default=None)
    stacked: dict[tuple[int, int], list[int]] = {}  # a group header's second line: its columns
    for n, line in enumerate(header_lines):
        line_parts: list[list[str]] = [[] for _ in spans]
        for segment in line.segments:
            if (n, id(segment)) in stacked:
                for col in stacked[(n, id(segment))]:
                    line_parts[col].append(segment.text)
                continue
            head, segment = _label_head(segment, first_value, label_end)
            if head:
                label_parts.append(head)
            if _names_label_column(segment, label_x0, first_value, label_end):
                label_parts.append(segment.text)
                continue
            covered = _covered_columns(segment, spans)
            grouped = not _repeats(segment.text)
            heads: set[int] = set()
            if len(covered) > 1 and grouped and _named_below(covered, header_lines[n + 1:], spans):
                heads = set(covered)
            others = [s for s in line.segments if s is not segment]
            over_years = _group_over_years(segment, others, spans, header_lines[n + 1:])
            k, below = _stacked_under(segment, header_lines[n + 1:]) if (
                not heads) else (0, None)
            if below is not None and over_years and _years_beside(below, over_years,
                                                                  header_lines[n + k], spans):
                below = None  # "Utfall" centred over "2015 2016 2017": it heads the years
            if below is not None:  # "Utfall" over "2022", broken in a narrow group cell
                whole = Segment(f"{segment.text} {below.text}", segment.bbox.union(below.bbox),
                                segment.size, segment.bold)
                others = [s for s in header_lines[n + k].segments if s is not below]
                parts_of_whole = _group_over_years(whole, others, spans,
                                                   header_lines[n + k + 1:])
                if parts_of_whole:
                    stacked[(n + k, id(below))] = parts_of_whole
                    over_years = parts_of_whole
            # A group header heads the columns it stands over and, centred or set flush
            # left over its parts, those it reaches only part of the way.
            heads |= set(over_years)
            if heads:
                for col in sorted(heads):
                    line_parts[col].append(segment.text)
                continue
            for piece_text, piece_box in _pieces(segment, spans, covered):
                target = column_of(piece_box, spans)
                if target is None:
                    label_parts.append(piece_text)
                else:
                    line_parts[target].append(piece_text)
        for col, texts in enumerate(line_parts):
            if texts:
                parts[col].append(" ".join(texts))
    return [join_label(p) for p in parts], join_label(label_parts)


# A header line's word that names the kind of the years below it: "Utfall" over "2015 2016
# 2017", centred over them, may stand over none of their numbers, or over the middle one's.
_PERIOD_KINDS = "Utfall|Bokslut|Budget|Prognos|Mål|Målvärde"
GROUP_KIND = re.compile(rf"^(?:{_PERIOD_KINDS}|Avvikelse)(?:\s+år)?$", re.IGNORECASE)
# A kind and year, or a year, over the parts it is split into: "Utfall 2022" over "Kvinnor
# Män Totalt".
GROUP_PERIOD = re.compile(rf"^(?:(?:{_PERIOD_KINDS})(?:\s+år)?\s+)?{YEAR.pattern[1:-1]}\W*$",
                          re.IGNORECASE)
PART_WORD = re.compile(r"^(?:Kvinnor|Män|Flickor|Pojkar|Totalt|Total|Samtliga|Summa|Alla)\W*$",
                       re.IGNORECASE)


def _in_drawn_cell(segment: Segment) -> bool:
    """The segment has taken the extent of the ruled cell it sits in: wider than its ink."""
    if not segment.words:
        return False
    ink_x0 = min(w.bbox.x0 for w in segment.words)
    ink_x1 = max(w.bbox.x1 for w in segment.words)
    return segment.bbox.x0 < ink_x0 - 2.0 or segment.bbox.x1 > ink_x1 + 2.0


def _stacked_under(segment: Segment,
                   lower: Sequence[TextLine]) -> tuple[int, Segment | None]:
    """The piece of a lower header line set right under a kind word and centred with it:
    the group header's second line ("Utfall" / "2022"), and how many lines down it is. The
    cells beside it may be centred otherwise, so a line between them may hold other cells'
    words, none under this one."""
    if not GROUP_KIND.match(unmarked(segment.text.strip())) or _in_drawn_cell(segment):
        return 0, None
    for k, line in enumerate(lower[:2], 1):
        gap = (0.6 if k == 1 else 1.2) * segment.size
        for piece in line.segments:
            # centred with it, or both set flush left (a spreadsheet's merged cell)
            aligned = (abs(piece.bbox.x_mid - segment.bbox.x_mid) <= 3.0
                       or abs(piece.bbox.x0 - segment.bbox.x0) <= 1.5)
            if (YEAR.match(unmarked(piece.text)) and aligned
                    and piece.bbox.top - segment.bbox.bottom <= gap):
                return k, piece
        if any(piece.bbox.x_overlap(segment.bbox) > 0 for piece in line.segments):
            return 0, None
    return 0, None


def _years_beside(below: Segment, columns: Sequence[int], line: TextLine,
                  spans: Sequence[BBox]) -> bool:
    """The line under a kind word names, beside the year right under it, other years of the
    columns the kind would head: the kind is centred over a row of years, not the first line
    of a two-line cell ("Utfall" / "2018" over "Kvinnor Män Totalt")."""
    own = column_of(below.bbox, spans)
    return any(piece is not below and YEAR.match(unmarked(piece.text))
               and (col := column_of(piece.bbox, spans)) in columns and col != own
               for piece in line.segments)


def _group_over_years(segment: Segment, others: Sequence[Segment], spans: Sequence[BBox],
                      lower: Sequence[TextLine]) -> list[int]:
    """The columns a group header heads: a kind word over bare years ("Utfall" over "2015
    2016 2017"), or a year with or without its kind over the parts of it ("Utfall 2022" over
    "Kvinnor Män Totalt"). They are the longest run of neighbouring columns, so named by a
    lower header line and headed by no other word of this line, that the header is centred
    over or set flush left in the first of. (Centred over three columns, it stands over the
    middle one's middle too: a kind over one year between two bare years is no header
    anyone writes.)"""
    text = unmarked(segment.text.strip())
    kind_over_years = bool(GROUP_KIND.match(text))
    if kind_over_years:
        names_part = YEAR.match
    elif GROUP_PERIOD.match(text):
        names_part = PART_WORD.match
    else:
        return []
    if not lower or len(spans) < 2 or _in_drawn_cell(segment):
        return []  # a drawn cell says itself which columns it heads
    if kind_over_years and any(abs(segment.bbox.x1 - s.x1) <= 1.5 for s in spans):
        return []  # "Utfall" set flush right over "2015" and its numbers: one column's header

    def nearest(box: BBox) -> int:
        return min(range(len(spans)), key=lambda i: abs(spans[i].x_mid - box.x_mid))

    claimed = {nearest(s.bbox) for s in others}
    named: dict[int, BBox] = {}  # column: where the lower lines name it
    for low in lower:
        for piece in _header_cells(low):
            col = column_of(piece.bbox, spans)
            if col is not None and col not in claimed and names_part(unmarked(piece.text)):
                named[col] = named[col].union(piece.bbox) if col in named else piece.bbox
    parts = set(named)
    home = nearest(segment.bbox)
    if home not in parts:  # flush left before its first column's numbers: that column
        home = next((c for c in sorted(parts) if spans[c].x1 > segment.bbox.x0), home)
    if home not in parts:
        return []
    first = last = home
    while first - 1 in parts:
        first -= 1
    while last + 1 in parts:
        last += 1
    edges = _cell_edges(spans)
    reach = 0.25 * (edges[-1] - edges[0]) / len(spans)
    box = segment.bbox
    # Centred over the names of the run or over their cells, or set flush left in its
    # first cell (a spreadsheet's way).
    runs = [(a, b) for a in range(first, home + 1) for b in range(home, last + 1)
            if abs((named[a].x0 + named[b].x1) / 2 - box.x_mid) <= reach
            or abs((edges[a] + edges[b + 1]) / 2 - box.x_mid) <= reach
            or edges[a] - 2.0 <= box.x0 <= edges[a] + reach]
    if not runs:
        return []
    a, b = max(runs, key=lambda r: r[1] - r[0])
    return list(range(a, b + 1)) if b > a else []


def _cell_edges(spans: Sequence[BBox]) -> list[float]:
    """Where the cells of the value columns begin and end. Numbers are set flush right, so
    a cell ends where its numbers do and begins where its left neighbour's end; the first
    is taken as wide as the second."""
    rights = [s.x1 for s in spans]
    return [rights[0] - (rights[1] - rights[0]), *rights]


def _repeats(text: str) -> bool:
    """ "Bokslut Bokslut", "Utfall 2017 Utfall 2018": one header per column, set tight."""
    tokens = [re.sub(r"\d", "#", t) for t in text.split()]
    for k in range(1, len(tokens) // 2 + 1):
        if len(tokens) % k == 0 and tokens == tokens[:k] * (len(tokens) // k):
            return True
    return False


def _covered_columns(segment: Segment, spans: Sequence[BBox]) -> list[int]:
    """Columns whose middle lies under the segment: a phrase there speaks for all of them."""
    return [i for i, s in enumerate(spans) if segment.bbox.x0 <= s.x_mid <= segment.bbox.x1]


def _named_below(columns: list[int], lower: Sequence[TextLine], spans: Sequence[BBox]) -> bool:
    named = {column_of(s.bbox, spans) for line in lower for s in line.segments}
    return sum(1 for c in columns if c in named) >= 2


def _pieces(segment: Segment, spans: Sequence[BBox],
            covered: list[int]) -> list[tuple[str, BBox]]:
    if len(covered) <= 1 or not segment.words:
        return [(segment.text, segment.bbox)]
    # Split by word, keeping words of one column together.
    groups: list[tuple[list[str], BBox, int | None]] = []
    for word in segment.words:
        col = column_of(word.bbox, spans)
        if groups and groups[-1][2] == col:
            texts, box, _ = groups[-1]
            groups[-1] = ([*texts, word.text], box.union(word.bbox), col)
        else:
            groups.append(([word.text], word.bbox, col))
    return [(" ".join(t), b) for t, b, _ in groups]
