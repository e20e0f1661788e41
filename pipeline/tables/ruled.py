"""Ruled tables: the grid comes from the ruling lines, the text from the words inside each cell."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.core.records import BBox, Cell, Row, Rule, TextLine, Word, bbox_union
from pipeline.read.layout import join_label, words_to_lines
from pipeline.swedish.numbers import CellKind
from pipeline.tables.cells import is_short_text, is_year, kind
from pipeline.tables.whitespace import PageTable, find_whitespace_tables, heading_above

MAX_HEADER_ROWS = 3
MIN_BODY_ROWS = 2  # rows of values that make a grid a table's own region


def _edges(values: Sequence[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _index(edges: Sequence[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def grids(ruled_cells: Sequence[Sequence[BBox]]) -> list[Sequence[BBox]]:
    """The ruled regions that are grids: two rows and two columns of cells at least. A
    shaded header row, or one zebra stripe, is drawn as a row of filled cells that the
    line finder also returns; it bounds no table, and must not take its lines from one."""
    out = []
    for cells in ruled_cells:
        rows = _edges([c.top for c in cells] + [c.bottom for c in cells])
        columns = _edges([c.x0 for c in cells] + [c.x1 for c in cells])
        if len(rows) >= 3 and len(columns) >= 3:
            out.append(cells)
    return out


@dataclass(frozen=True)
class RuledResult:
    tables: list[PageTable]
    regions: list[BBox]  # the grids that hold their tables: no other finder reads in them
    evidence: list[BBox]  # cells of the other grids (a shaded header, a stripe)


def find_ruled_tables(
    ruled_cells: Sequence[Sequence[BBox]],
    words: Sequence[Word],
    lines: Sequence[TextLine],
    rules: Sequence[Rule],
    page: int,
    spaces: Sequence[Word] = (),
) -> RuledResult:
    """Tables inside ruled regions.

    The rulings give the region, the row bands and the extent of merged header cells; rows,
    columns and labels are read from the text as in a whitespace table, because exported
    grids are often finer than the table's logical columns (one column drawn as three
    cells, a label split over two cell rows). A ruled region without values is read from
    its grid: an empty template table. A grid that holds no table body of its own (a
    shaded header above rows drawn without rules) is evidence for the whitespace finder,
    not a region of its own.
    """
    out = RuledResult([], [], [])
    for cells in ruled_cells:
        box = bbox_union(list(cells))
        inside = [ln for ln in lines if box.holds_line(ln.bbox)]
        found = find_whitespace_tables(inside, rules, page, context=lines, cell_boxes=cells,
                                       method="ruled")
        read = sum(len(t.rows) for t in found if t.n_values) >= MIN_BODY_ROWS
        # The grid's own reading is needed where the text's found no table, or several.
        table = (_ruled_table(cells, words, lines, page, spaces)
                 if not read or len(found) > 1 else None)
        if read:
            # One grid read as several tables, some without a header (rows of many wrapped
            # lines broke the text's rows apart): the grid's own cells hold it together.
            if table is not None and _fragmented(found, table):
                found = [table]
            out.tables.extend(found)
            out.regions.append(box)
            continue
        if table is not None and table.n_values == 0 and table.has_header and table.rows:
            out.tables.append(table)
            out.regions.append(box)
            continue
        out.evidence.extend(cells)
    return out


def _fragmented(found: Sequence[PageTable], grid_table: PageTable) -> bool:
    """The text's reading of one grid fell apart where the grid's did not: most of its rows
    in tables without a header, and the grid's reading has a header and as many rows."""
    headless = sum(len(t.rows) for t in found if not t.has_header)
    rows = sum(len(t.rows) for t in found)
    return (len(found) > 1 and 2 * headless >= rows and grid_table.has_header
            and len(grid_table.rows) >= rows)


def _ruled_table(
    cells: Sequence[BBox],
    words: Sequence[Word],
    lines: Sequence[TextLine],
    page: int,
    spaces: Sequence[Word],
) -> PageTable | None:
    xs = _edges([c.x0 for c in cells] + [c.x1 for c in cells])
    ys = _edges([c.top for c in cells] + [c.bottom for c in cells])
    n_cols, n_rows = len(xs) - 1, len(ys) - 1
    if n_cols < 2 or n_rows < 2:
        return None
    grid: dict[tuple[int, int], tuple[str, BBox, BBox]] = {}
    # Words by their middle's height, so each cell looks only at the words of its band.
    by_height = sorted(words, key=lambda w: w.bbox.y_mid)
    heights = [w.bbox.y_mid for w in by_height]
    for cell in cells:
        band = by_height[bisect_left(heights, cell.top):bisect_right(heights, cell.bottom)]
        inside = [w for w in band if cell.holds_centre_of(w.bbox)]
        text = join_label([ln.text for ln in words_to_lines(inside, spaces)]) if inside else ""
        text_box = bbox_union([w.bbox for w in inside]) if inside else cell
        grid[(_index(ys, cell.top), _index(xs, cell.x0))] = (text, text_box, cell)
    header_rows = _header_rows(grid, n_rows, n_cols)
    if header_rows == n_rows:
        return None  # a header drawn as a grid over rows drawn without one
    label_col = _label_column(grid, header_rows, n_rows, n_cols)
    body_text = any(grid[(r, c)][0] for r in range(header_rows, n_rows)
                    for c in range(n_cols) if c != label_col and (r, c) in grid)
    labels = _column_labels(grid, header_rows, _body_extents(grid, header_rows, xs, n_cols))
    numeric = {c for c in range(n_cols) if c != label_col and any(
        kind(grid[(r, c)][0]) is CellKind.NUMBER for r in range(header_rows, n_rows)
        if (r, c) in grid)}
    rows: list[Row] = []
    reach = 0.0  # how far down the cells of the last row reach
    for r in range(header_rows, n_rows):
        label = grid.get((r, label_col), ("", None, None))[0]
        row_cells = []
        for c in sorted(numeric):
            if (r, c) not in grid:
                continue
            text, text_box, _ = grid[(r, c)]
            k = kind(text)
            if k is CellKind.NUMBER or (k is CellKind.TEXT and is_short_text(text)):
                row_cells.append(Cell(c, text, text_box))
        row_box = BBox(xs[0], ys[r], xs[-1], ys[r + 1])
        if rows and not row_cells and label and ys[r] < reach - 1.0:
            # A cell of the row above spans this band too (merged down): the label's
            # second line, drawn in a cell of its own.
            above = rows[-1]
            rows[-1] = Row(join_label([above.label, label]), bbox_union([above.bbox, row_box]),
                           above.cells, page)
            continue
        if label or row_cells:
            rows.append(Row(label, row_box, tuple(row_cells), page))
            reach = max(grid[(r, c)][2].bottom for c in range(n_cols) if (r, c) in grid)
    if body_text and not any(r.cells for r in rows):
        return None  # words under a header, and no values: more header, not a template
    box = BBox(xs[0], ys[0], xs[-1], ys[-1])
    label_header = " ".join(grid[(r, label_col)][0] for r in range(header_rows)
                            if (r, label_col) in grid and grid[(r, label_col)][0])
    title = heading_above(lines, box, lines[0].size if lines else 10.0) or label_header
    kept = [c for c in range(n_cols) if c != label_col]  # the label column is no value column
    position = {c: i for i, c in enumerate(kept)}
    rows = [Row(r.label, r.bbox, tuple(Cell(position[c.column], c.text, c.bbox)
                                       for c in r.cells), r.page) for r in rows]
    return PageTable(page, "ruled", box, title, label_header, header_rows > 0,
                     tuple(BBox(xs[c], box.top, xs[c + 1], box.bottom) for c in kept),
                     tuple(labels[c] for c in kept), tuple(rows))


def _header_rows(grid: dict[tuple[int, int], tuple[str, BBox, BBox]], n_rows: int,
                 n_cols: int) -> int:
    """Leading rows that name columns: words and years, never other numbers."""
    count = 0
    for r in range(min(MAX_HEADER_ROWS, n_rows)):
        texts = [grid[(r, c)][0] for c in range(1, n_cols) if (r, c) in grid]
        filled = [t for t in texts if t]
        if not filled:
            break
        if any(kind(t) is CellKind.NUMBER and not is_year(t) for t in filled):
            break
        count += 1
    return count


def _label_column(grid: dict[tuple[int, int], tuple[str, BBox, BBox]], header_rows: int,
                  n_rows: int, n_cols: int) -> int:
    """The first column whose body is mostly words, and words longer than codes: that is
    where row labels are. A status column of letters ("P", "N") before the names is not."""
    worded = []
    for c in range(n_cols):
        texts = [grid[(r, c)][0] for r in range(header_rows, n_rows) if (r, c) in grid]
        filled = [t for t in texts if t]
        words = [t for t in filled if kind(t) is CellKind.TEXT]
        if filled and len(words) * 2 > len(filled):
            worded.append((c, sorted(len(t) for t in words)))
    named = [c for c, lengths in worded if lengths[len(lengths) // 2] > MAX_CODE_CHARS]
    return named[0] if named else worded[0][0] if worded else 0


MAX_CODE_CHARS = 3  # "P", "N", "Ja": a column of codes, not of row labels


def _body_extents(grid: dict[tuple[int, int], tuple[str, BBox, BBox]], header_rows: int,
                  xs: Sequence[float], n_cols: int) -> list[tuple[float, float]]:
    """Where each grid column's body cells reach, left to right: the commonest extent of
    the cells that start in it, or the grid column where none does."""
    out = []
    for c in range(n_cols):
        spans = Counter((round(cell.x0, 1), round(cell.x1, 1)) for (r, col), (_, _, cell)
                        in grid.items() if col == c and r >= header_rows)
        out.append(spans.most_common(1)[0][0] if spans else (xs[c], xs[c + 1]))
    return out


def _column_labels(grid: dict[tuple[int, int], tuple[str, BBox, BBox]], header_rows: int,
                   extents: Sequence[tuple[float, float]]) -> list[str]:
    """Join header cells top to bottom; a header cell spanning columns names each of them.
    Where header and body are drawn on different grids (the header's last cells cut
    elsewhere than the body's), a body column takes, on each header row, the cell that
    covers most of it."""
    header = sorted(((r, c), text, cell) for (r, c), (text, _, cell) in grid.items()
                    if r < header_rows and text)
    labels = []
    for x0, x1 in extents:
        parts = []
        for r in sorted({r for (r, _), _, _ in header}):
            covers = [(min(x1, cell.x1) - max(x0, cell.x0), text)
                      for (row, _), text, cell in header if row == r]
            best = max(covers, default=(0.0, ""))
            if best[0] >= 0.5 * (x1 - x0):
                parts.append(best[1])
        labels.append(" ".join(parts))
    return labels
