"""Words -> lines -> segments, and the running headers and footers to leave out.

Pure functions over records; no PDF library here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import accumulate

from pipeline.core.records import BBox, PageLayout, Segment, TextLine, Word, bbox_union
from pipeline.swedish.numbers import (
    LONE_MINUS,
    VALUE_LEADS,
    CellKind,
    continues_number,
    parse_cell,
)

# A space in the fonts seen so far is 0.25-0.33 em; a column gap is wider than that.
WORD_GAP_EM = 0.55
SPLIT_GAP_EM = 3.0  # a gap this wide (in font sizes) with a change of type splits a line
MARGIN_SHARE = 0.12  # running headers and footers sit in the top and bottom 12 % of a page
MARGIN_MIN = 72.0  # ... and within an inch of its edge, on a small page (A5) too
RUNNING_DEPTH = 3  # margin lines looked at from each edge: a browser's, a report's, a mark
PAGE_MARK = re.compile(r"^(?:sida\s+)?\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|/\s*\d{1,4}|av\s+\d{1,4})?$",
                       re.IGNORECASE)


def page_lines(page: PageLayout) -> list[TextLine]:
    """Lines of a page; a landscape page with a clear fold (a spread) is read half by half,
    and a stretch of two text columns column by column."""
    gutter = spread_gutter(page)
    if gutter is None:
        return text_columns(words_to_lines(page.words, page.spaces), page.spaces)
    halves = ([w for w in page.words if w.bbox.x_mid < gutter],
              [w for w in page.words if w.bbox.x_mid >= gutter])
    return sorted((ln for half in halves if half for ln in words_to_lines(half, page.spaces)),
                  key=lambda ln: (ln.bbox.top, ln.bbox.x0))


def columns_by_edges(page: PageLayout, lines: list[TextLine],
                     edges: Sequence[float]) -> list[TextLine]:
    """A page's lines read again with the right-column edges of the document's other pages,
    when none were found on it (a spread is read by halves)."""
    if not edges or any(ln.column for ln in lines) or spread_gutter(page) is not None:
        return lines
    return text_columns(lines, page.spaces, edges)


COLUMN_GAP_EM = 1.5  # the gutter between two text columns: wider than a word space
MIN_COLUMN_PROSE = 3  # lines of prose on both sides of a gutter that make it one
COLUMN_EDGE = 4.0  # points: a column's lines start this close to its edge (a cell's padding)
PROSE_WORDS = 5  # words of a column's piece of a line that make it prose, not a cell


def text_columns(lines: list[TextLine], spaces: Sequence[Word] = (),
                 edges: Sequence[float] = ()) -> list[TextLine]:
    """Two columns of text side by side are two: where lines of prose stand on both sides of
    one x (the right column's left edge), each line of that stretch is split there, and its
    pieces are marked column 1 and 2. A line that runs across the gutter (a heading, a row
    of a table the width of the page) is column 0. `edges` are the right column's edges the
    document's other pages show: there one line of prose starting at one is enough (a page
    whose column holds a paragraph's last lines, or whose left column holds headings)."""
    right = _right_column_x(lines) or _known_column_x(lines, edges)
    if right is None:
        return lines
    ordered = sorted(lines, key=lambda ln: ln.bbox.top)
    out: list[list[TextLine]] = []
    starts_column = [False] * len(ordered)  # a piece of prose at the right column's edge
    pending: list[tuple[int, list[Segment], list[Segment]]] = []
    for n, line in enumerate(ordered):
        left = [s for s in line.segments if s.bbox.x1 <= right - 2.0]
        rest = [s for s in line.segments if s.bbox.x0 >= right - COLUMN_EDGE]
        at_edge = bool(rest) and abs(rest[0].bbox.x0 - right) <= COLUMN_EDGE
        words = bool(rest) and parse_cell(rest[0].text).kind is CellKind.TEXT
        # Words in several cells and no value ("Utfall | Utfall | Utfall"): a header row,
        # whose column is that of the table under it, even when it starts at the edge.
        header_row = len(rest) > 1 and all(parse_cell(s.text).kind is CellKind.TEXT
                                           for s in rest)
        if len(left) + len(rest) != len(line.segments) or (rest and left and not words):
            # It crosses the gutter; or a table across the page has a value there.
            out.append([replace(line, column=0)])
        elif not rest:
            out.append([replace(line, column=1)])
        elif at_edge and words and not header_row:
            out.append(_pieces(left, rest))
            starts_column[n] = True
        else:
            # Right of the gutter but not starting at its edge: a header over a table's
            # values, of the table right below it (across the page, or in the right column).
            pending.append((len(out), left, rest))
            out.append([line])
    for index, left, rest in reversed(pending):
        line = out[index][0]
        below = [ln for group in out[index + 1:] for ln in group
                 if ln.bbox.top - line.bbox.bottom <= 2.5 * line.size
                 and ln.bbox.x1 >= rest[0].bbox.x0]
        column = min(below, key=lambda ln: ln.bbox.top).column if below else 2
        out[index] = _pieces(left, rest) if column == 2 else [replace(line, column=0)]
    out = _stretches_with_a_column(ordered, out, starts_column)
    return _only_beside_the_other(_wrapped_rows_across([ln for group in out for ln in group]))


STRETCH_GAP_EM = 3.0  # an empty band this high (in lines) ends a stretch of two columns


def _stretches_with_a_column(ordered: list[TextLine], groups: list[list[TextLine]],
                             starts_column: list[bool]) -> list[list[TextLine]]:
    """Two columns hold only where a line of the right column starts at its edge: a
    stretch (lines between lines across the page or wide empty bands) without one, such as
    a table's title over it or a footer split in two, is read across, its lines whole.
    `groups` are the pieces of each of the `ordered` lines."""
    out = list(groups)
    stretch: list[int] = []
    bottom = float("-inf")

    def close() -> None:
        if stretch and not any(starts_column[i] for i in stretch):
            for i in stretch:
                out[i] = [replace(ordered[i], column=0)]
        stretch.clear()

    for i, line in enumerate(ordered):
        across = len(groups[i]) == 1 and groups[i][0].column == 0
        if across or line.bbox.top - bottom > STRETCH_GAP_EM * line.size:
            close()
        if not across:
            stretch.append(i)
        bottom = max(bottom, line.bbox.bottom)
    close()
    return out


def _wrapped_rows_across(lines: list[TextLine]) -> list[TextLine]:
    """A label's wrapped line under a row of a table across the page is part of that table,
    though it has nothing right of the gutter: it starts left of the row's first value,
    follows the row within a line's spacing, and has no right-column text beside it."""
    ordered = sorted(lines, key=lambda ln: ln.bbox.top)
    right_side = [ln.bbox for ln in ordered if ln.column == 2]
    out: list[TextLine] = []
    row: TextLine | None = None  # the last row across with values, while its wraps follow
    for line in ordered:
        if line.column == 0:
            row = line if any(_looks_numeric(s.text) for s in line.segments[1:]) else None
        elif (line.column == 1 and row is not None and out
              and line.bbox.top - out[-1].bbox.bottom <= 0.8 * line.size
              and line.bbox.x1 < min(s.bbox.x0 for s in row.segments[1:])
              and not any(b.top < line.bbox.bottom and line.bbox.top < b.bottom
                          for b in right_side)):
            line = replace(line, column=0)
        else:
            row = None
        out.append(line)
    return out


def _pieces(left: list[Segment], rest: list[Segment]) -> list[TextLine]:
    """A line's two columns' pieces, each a line of its own."""
    return [TextLine(tuple(part), bbox_union([s.bbox for s in part]), column)
            for part, column in ((left, 1), (rest, 2)) if part]


def _right_column_x(lines: Sequence[TextLine]) -> float | None:
    """The left edge of a right-hand text column: an x where lines of prose start, right of
    a gutter, while other lines of prose end left of it. (A table's values start ragged, set
    flush right; its labels are no prose.)"""
    starts: Counter[int] = Counter()
    prose_at: dict[int, float] = {}  # x -> bottom of the last piece of prose counted there
    for line in sorted(lines, key=lambda ln: ln.bbox.top):
        for n, seg in _after_a_gutter(line):
            key = round(seg.bbox.x0 / 2.0)
            # A paragraph's last line is short; it counts where it follows prose at its x.
            follows = (key in prose_at and line.bbox.top - prose_at[key] <= 0.8 * line.size
                       and seg.text[:1].isalpha())
            if _prose_piece(line.segments[n:]) or _runs_on(seg) or follows:
                starts[key] += 1
                prose_at[key] = line.bbox.bottom
    for key, n in starts.most_common(3):
        x = key * 2.0
        left = sum(1 for ln in lines if ln.segments[0].bbox.x0 < x / 2
                   and _prose_piece([s for s in ln.segments if s.bbox.x1 <= x - 4.0])
                   and not any(s.bbox.x0 < x - 2.0 < s.bbox.x1 for s in ln.segments))
        if n >= MIN_COLUMN_PROSE - 1 and left >= MIN_COLUMN_PROSE - 1 and x > 100.0:
            return x
    return None


def _known_column_x(lines: Sequence[TextLine], edges: Sequence[float]) -> float | None:
    """One of the document's right-column edges where a piece of prose starts after a
    gutter on this page."""
    for x in edges:
        for line in lines:
            for n, seg in _after_a_gutter(line):
                if abs(seg.bbox.x0 - x) <= COLUMN_EDGE and _prose_piece(line.segments[n:]):
                    return x
    return None


def _after_a_gutter(line: TextLine) -> list[tuple[int, Segment]]:
    """The line's pieces (with their places) that start a gutter's width right of the piece
    before them, or of the page's left edge: where a column may begin."""
    return [(n, seg) for n, seg in enumerate(line.segments)
            if seg.bbox.x0 - (line.segments[n - 1].bbox.x1 if n else 0.0)
            >= COLUMN_GAP_EM * line.size]


def column_edges(pages: Sequence[Sequence[TextLine]]) -> list[float]:
    """The right column's left edges of the document: on each page where two text columns
    were found, where most of the right column's lines start."""
    edges: set[float] = set()
    for lines in pages:
        starts = Counter(round(ln.bbox.x0) for ln in lines if ln.column == 2)
        if starts:
            edges.add(float(starts.most_common(1)[0][0]))
    return sorted(edges)


SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _runs_on(segment: Segment) -> bool:
    """A piece that ends a sentence begun elsewhere, as a column's first line does when the
    text flows into it from the column before: words, the first in lower case, and a full
    stop. (An indented label, "avgår avyttrade anläggningar", has none.)"""
    words = segment.text.split()
    return (len(words) >= 3 and segment.text[:1].islower()
            and SENTENCE_END.search(segment.text) is not None
            and all(any(ch.isalpha() for ch in w) for w in words))


def _prose_piece(segments: Sequence[Segment]) -> bool:
    """Running text: words set as one phrase, not cells a gap apart ("2022 | Kvinnor")."""
    if not segments:
        return False
    words = segments[0].text.split()
    letters = sum(1 for w in words if any(ch.isalpha() for ch in w))
    return len(words) >= PROSE_WORDS and letters >= len(words) - 1


def _only_beside_the_other(lines: list[TextLine]) -> list[TextLine]:
    """A line marked as one column counts as one only inside a stretch where both columns
    have text; above and below it (a page's one-column part) it is a line across."""
    ordered = sorted(lines, key=lambda ln: ln.bbox.top)
    sides = [i for i, ln in enumerate(ordered) if ln.column == 2]
    if not sides:
        return [replace(ln, column=0) for ln in ordered]
    first = min(i for i, ln in enumerate(ordered) if ln.column)
    last = max(i for i, ln in enumerate(ordered) if ln.column)
    return [ln if first <= i <= last else replace(ln, column=0) for i, ln in enumerate(ordered)]


def reading_order(lines: Sequence[TextLine]) -> list[TextLine]:
    """Lines as a reader reads them: top to bottom, and a stretch of two columns the left
    column first."""
    ordered = sorted(lines, key=lambda ln: ln.bbox.top)
    stretch, keys = 0, []
    for n, line in enumerate(ordered):
        if n and (line.column == 0) != (ordered[n - 1].column == 0):
            stretch += 1
        keys.append((stretch, line.column, line.bbox.top))
    return [ln for _, ln in sorted(zip(keys, ordered, strict=True), key=lambda kv: kv[0])]


MIN_ROWS_ACROSS = 2  # rows of a table across a landscape page's middle: no spread


def spread_gutter(page: PageLayout) -> float | None:
    """x of the fold of two pages printed side by side: no word crosses the middle band, and
    no table runs across it. (A landscape table whose labels end far left of its numbers
    leaves an empty band there too, but it is one page.)"""
    if page.width <= page.height or len(page.words) < 20:
        return None
    middle = page.width / 2
    crosses = _crossing(page.words)
    for offset in range(0, int(page.width * 0.1), 2):
        for x in (middle - offset, middle + offset):
            if not crosses(x - 4, x + 4):
                return x if _pages_meet_at(page, x) else None
    return None


def _crossing(words: Sequence[Word]) -> Callable[[float, float], bool]:
    """Whether a word reaches into the open band (lo, hi): among the words that start left
    of hi, the furthest right end passes lo. (One sort, then a search per band.)"""
    ordered = sorted(words, key=lambda w: w.bbox.x0)
    starts = [w.bbox.x0 for w in ordered]
    reach = list(accumulate((w.bbox.x1 for w in ordered), max))

    def crosses(lo: float, hi: float) -> bool:
        n = bisect_left(starts, hi)  # the words with x0 < hi
        return n > 0 and reach[n - 1] > lo
    return crosses


def _pages_meet_at(page: PageLayout, x: float) -> bool:
    """Two pages, not one table across the sheet: lines that hold text left of x and
    numbers right of it on one baseline (a row's label and its values) are few."""
    lines = words_to_lines(page.words)
    both = [ln for ln in lines if ln.bbox.x0 < x < ln.bbox.x1]
    rows = [ln for ln in both if _label_then_values(ln, x)]
    return not (len(rows) >= MIN_ROWS_ACROSS and 2 * len(rows) >= len(both))


def _label_then_values(line: TextLine, x: float) -> bool:
    """A row of a table across x: something left of it (its label, maybe values), two or
    more numbers right of it and nothing else. (The right page of a spread starts its rows
    with their labels; a footnote's number comes before its sentence.)"""
    right = [parse_cell(s.text).kind for s in line.segments if s.bbox.x0 >= x]
    return (any(s.bbox.x1 <= x for s in line.segments)
            and right.count(CellKind.NUMBER) >= 2 and CellKind.TEXT not in right)


def words_to_lines(words: Sequence[Word], spaces: Sequence[Word] = ()) -> list[TextLine]:
    """Group words into visual lines by their vertical middle, then into segments.

    `spaces` are the page's non-breaking and narrow space characters: where one stands
    between two joined words it is kept, so that raw_text is what was printed.
    """
    ordered = sorted(words, key=lambda w: (w.bbox.y_mid, w.bbox.x0))
    groups: list[list[Word]] = []
    total = 0.0  # the last group's sum of middles, added in order as sum() adds them
    for word in ordered:
        mid = word.bbox.y_mid
        if groups and abs(mid - total / len(groups[-1])) <= 0.35 * max(word.size, 4.0):
            groups[-1].append(word)
            total += mid
        else:
            groups.append([word])
            total = 0.0 + mid
    lines = []
    for group in groups:
        for part in _split_at_type_change(sorted(group, key=lambda w: w.bbox.x0)):
            lines.append(_line(_superscripts(part), spaces))
    return lines


def _split_at_type_change(words: list[Word]) -> list[list[Word]]:
    """Words on one height but in different type, far apart, are different lines: the two
    pages of a spread, or a heading beside a table row."""
    parts: list[list[Word]] = [[words[0]]]
    for word in words[1:]:
        last = parts[-1][-1]
        gap = word.bbox.x0 - last.bbox.x1
        # A footnote mark ("procent¹") is smaller than its row: the type is the word's before.
        typed = parts[-1][-2] if _looks_like_mark(last) and len(parts[-1]) > 1 else last
        if gap > SPLIT_GAP_EM * max(word.size, typed.size) and abs(word.size - typed.size) > 1.5:
            parts.append([word])
        else:
            parts[-1].append(word)
    return parts


def _looks_like_mark(word: Word) -> bool:
    return bool(re.fullmatch(r"\d{1,3}|\*{1,3}", word.text))


SUPERSCRIPT = str.maketrans("0123456789*", "⁰¹²³⁴⁵⁶⁷⁸⁹*")


def _superscripts(words: list[Word]) -> list[Word]:
    """A small raised number is a footnote mark ("Generaldirektör⁷⁷"): written in superscript
    digits, joined to the word before it when it touches one, so it never reads as a value."""
    body = max(w.size for w in words)
    baseline = max(w.bbox.bottom for w in words if w.size == body)
    out: list[Word] = []
    for word in words:
        if not _is_footnote_mark(word, body, baseline):
            out.append(word)
            continue
        mark = word.text.translate(SUPERSCRIPT)
        prev = out[-1] if out else None
        if prev is not None and word.bbox.x0 - prev.bbox.x1 <= 0.3 * prev.size:
            out[-1] = Word(prev.text + mark, prev.bbox.union(word.bbox), prev.size, prev.bold)
        else:
            out.append(Word(mark, word.bbox, word.size, word.bold))
    return out


def _is_footnote_mark(word: Word, body: float, baseline: float) -> bool:
    small = word.size <= 0.85 * body
    raised = word.bbox.bottom < baseline - 0.15 * body
    return small and raised and _looks_like_mark(word)


def _line(words: list[Word], spaces: Sequence[Word]) -> TextLine:
    segments = words_to_segments(words, spaces)
    return TextLine(tuple(segments), bbox_union([s.bbox for s in segments]))


def _separator(left: BBox, right: Word, spaces: Sequence[Word]) -> str:
    mid = right.bbox.y_mid
    for space in spaces:
        box = space.bbox
        if left.x1 - 0.5 <= box.x_mid <= right.bbox.x0 + 0.5 and box.top <= mid <= box.bottom:
            return space.text
    return " "


def words_to_segments(words: Sequence[Word], spaces: Sequence[Word] = ()) -> list[Segment]:
    """Join words of one line that are one cell: a phrase, or a number printed with spaces."""
    segments: list[Segment] = []
    for word in words:
        if segments and _joins(segments[-1], word):
            last = segments[-1]
            segments[-1] = Segment(
                f"{last.text}{_separator(last.bbox, word, spaces)}{word.text}",
                last.bbox.union(word.bbox),
                max(last.size, word.size),
                last.bold and word.bold,
                (*last.words, word),
            )
        else:
            segments.append(Segment(word.text, word.bbox, word.size, word.bold, (word,)))
    return segments


def _joins(segment: Segment, word: Word) -> bool:
    gap = word.bbox.x0 - segment.bbox.x1
    if gap > WORD_GAP_EM * max(segment.size, word.size):
        return False
    # "97 %" is a whole value: a number after it starts the next cell, however close.
    left_is_value = _looks_numeric(segment.text.rsplit(" ", 1)[-1]) or (
        parse_cell(segment.text).kind is CellKind.NUMBER)
    right_is_value = _looks_numeric(word.text) or word.text in {"%", "*"}
    if left_is_value and right_is_value:
        # Two numbers a space apart are one number only when the digit grouping says so.
        return continues_number(_trailing_number(segment.text), word.text)
    if right_is_value and not left_is_value:
        # "Utfall 2019" is a phrase; "Netto -261 743" in a tight table is label + value.
        return word.text[0] not in VALUE_LEADS or len(word.text) == 1
    return True


def _looks_numeric(token: str) -> bool:
    return parse_cell(token).kind is not CellKind.TEXT or token in LONE_MINUS


def _trailing_number(text: str) -> str:
    """The part of a segment that is the number being built: "Netto -15 233" -> "-15 233"."""
    tokens = text.split(" ")
    out: list[str] = []
    for token in reversed(tokens):
        if not _looks_numeric(token):
            break
        out.insert(0, token)
    return " ".join(out)


def running_texts(pages: Sequence[tuple[PageLayout, Sequence[TextLine]]]) -> set[str]:
    """Texts in the page margins that repeat on many pages: running headers and footers.

    `pages` pairs each page with its lines. Whole margin lines are compared with page
    numbers masked; the outer lines of a page are also compared piece by piece in place, so
    that a spread's footer ("24 | ÅRSREDOVISNING 2012" on one half only) is still
    recognised. The edge line of each margin counts from a few pages on; a line inside it
    (a report's own running header under a browser's date and title line) only when it
    repeats on most pages, as a table's header repeated in place on a few pages does not.
    """
    counts: list[Counter[str]] = [Counter() for _ in range(RUNNING_DEPTH)]
    for page, lines in pages:
        for depth, layer in enumerate(_margin_layers(page, lines)):
            keys = {_line_key(ln, depth) for ln in layer}
            keys |= {_segment_key(seg, depth) for ln in layer for seg in ln.segments}
            counts[depth].update(keys)
    # A chapter's running header may stand on only a few pages, on every second one.
    needed = [2 if len(pages) < 6 else 3] + [max(3, len(pages) // 2)] * (RUNNING_DEPTH - 1)
    return {f"{depth}:{key}" for depth, layer in enumerate(counts)
            for key, n in layer.items() if n >= needed[depth]}


def margin_band(page: PageLayout) -> float:
    """How far from the top and bottom edges a running header or footer may stand."""
    return max(page.height * MARGIN_SHARE, min(MARGIN_MIN, page.height / 4))


def _in_margin(line: TextLine, page: PageLayout) -> bool:
    band = margin_band(page)
    return line.bbox.bottom <= band or line.bbox.top >= page.height - band


def _margin_layers(page: PageLayout, lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """The margin lines by depth: [the first and the last], [the second and the
    second-to-last], ..., top and bottom margins apart."""
    band = margin_band(page)
    ordered = sorted(lines, key=lambda ln: ln.bbox.top)
    top = [ln for ln in ordered if ln.bbox.bottom <= band]
    bottom = [ln for ln in reversed(ordered) if ln.bbox.top >= page.height - band]
    return [[*top[d:d + 1], *bottom[d:d + 1]] for d in range(RUNNING_DEPTH)]


def _masked(text: str, depth: int) -> str:
    """Page numbers masked at the edge; inside it the text must repeat as it is (a lone
    "2019" at the top of many pages is a table's header, not a running text)."""
    return re.sub(r"\d+", "#", text) if depth == 0 else text


def _line_key(line: TextLine, depth: int = 0) -> str:
    return f"line:{_masked(line.text, depth)}@{round(line.bbox.top / 6)}"


def _segment_key(segment: Segment, depth: int = 0) -> str:
    return (f"seg:{_masked(segment.text, depth)}@{round(segment.bbox.top / 6)},"
            f"{round(segment.bbox.x0 / 12)}")


def content_lines(page: PageLayout, lines: Sequence[TextLine],
                  running: set[str]) -> list[TextLine]:
    """The page's lines without running headers, footers and page marks: each margin is
    peeled from its edge inwards while its lines are running text."""
    dropped: set[int] = set()
    layers = _margin_layers(page, lines)
    for side in (0, -1):
        for depth, layer in enumerate(layers):
            edge = [ln for ln in layer if (ln.bbox.bottom <= page.height / 2) == (side == 0)]
            if not edge or not _is_running(edge[0], running, depth):
                break
            dropped.add(id(edge[0]))
    return [ln for ln in lines if id(ln) not in dropped]


def _is_running(line: TextLine, running: set[str], depth: int = 0) -> bool:
    """Running text, or a page mark, at this depth of a page's margin (inside the edge,
    only a mark that counts the pages: "3 (7)", "3/7", "3 av 7")."""
    if f"{depth}:{_line_key(line, depth)}" in running:
        return True
    return all(f"{depth}:{_segment_key(seg, depth)}" in running
               or (PAGE_MARK.match(seg.text) and (depth == 0 or not seg.text.isdigit()))
               for seg in line.segments)


def join_label(parts: Sequence[str]) -> str:
    """Join the lines of a wrapped label: "yrkeshögsko-" + "leutbildning", "a/" + "b", a
    soft hyphen's word halves. (Linear in the text's length: a document's whole prose is
    joined with it.)"""
    pieces: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if not pieces:
            pieces.append(part)
            continue
        tail = (pieces[-2][-2:] if len(pieces) > 1 else "") + pieces[-1]
        if tail.endswith("/") and not tail.endswith(" /"):
            pieces.append(part)  # "Sommarjobb/" + "feriepraktik"; but "(kr /" + "årsplats)"
        elif tail.endswith("\u00ad"):
            pieces[-1] = pieces[-1][:-1] + part  # a soft hyphen only breaks a word
        elif re.search(r"[a-zåäö]-$", tail[-2:]) and part[0].islower() and not _keeps_hyphen(part):
            pieces[-1] = pieces[-1][:-1] + part
        else:
            pieces.append(" " + part)
    return "".join(pieces)


def _keeps_hyphen(next_part: str) -> bool:
    """ "ut- och inflyttning": the hyphen stands for a shared word ending, keep it."""
    return next_part.split(" ", 1)[0] in {"och", "eller", "samt", "respektive", "som"}
