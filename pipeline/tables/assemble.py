"""Page tables -> document tables -> observations.

A table continues when the next page starts with the same header, or when a headerless block
of rows lines up with a table shortly before it (a measure table interrupted by a small per-kön
table, or a table whose header was not repeated after a page break).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.core.catalogue import ProblemCode
from pipeline.core.records import Cell, Column, Observation, Row, Source, Table
from pipeline.swedish.numbers import CellKind, parse_cell
from pipeline.tables.whitespace import Finding, PageTable

LOOK_BACK = 8  # tables a headerless block may skip back over to find the one it continues
MONEY_UNITS = (
    (re.compile(r"\bmiljoner kronor\b|\bmnkr\b|\bmsek\b", re.I), "mkr"),
    (re.compile(r"\bmkr\b", re.I), "mkr"),
    (re.compile(r"\btusen(?:tal)? kronor\b|\btkr\b|\bksek\b", re.I), "tkr"),
    (re.compile(r"\bmdkr\b|\bmiljarder kronor\b", re.I), "mdkr"),
)


def join_tables(page_tables: Sequence[PageTable], source: Source) -> tuple[list[Table],
                                                                           list[Finding]]:
    tables: list[Table] = []
    findings: list[Finding] = []
    per_page: dict[int, int] = {}
    loose: dict[int, list[PageTable]] = {}
    for pt in page_tables:
        pt = label_from_word_column(pt)
        if _unlabelled(pt):
            loose.setdefault(pt.page, []).append(pt)
            continue
        findings.extend(pt.findings)
        target = _continued_table(tables, pt)
        if target is not None:
            idx, mapping = target
            tables[idx] = _append(tables[idx], pt, mapping)
            continue
        n = per_page.get(pt.page, 0) + 1
        per_page[pt.page] = n
        tables.append(_new_table(pt, source, n))
        if not pt.has_header and pt.n_values:
            findings.append(Finding(pt.page, ProblemCode.TABLE_WITHOUT_HEADER,
                                    f"page {pt.page}: a table of {len(pt.rows)} rows has no "
                                    "column header and continues no table before it; its "
                                    "values have empty column labels",
                                    pt.rows[0].label if pt.rows else ""))
    findings.extend(_loose_numbers(page, blocks) for page, blocks in sorted(loose.items()))
    return tables, findings


def _loose_numbers(page: int, blocks: list[PageTable]) -> Finding:
    """One problem per page for numbers that stand in no table (chart labels, axis ticks)."""
    texts = [c.text for pt in blocks for r in pt.rows for c in r.cells]
    return Finding(page, ProblemCode.UNLABELLED_NUMBERS,
                   f"page {page}: {len(texts)} numbers in {len(blocks)} places have no row "
                   "label (chart data labels or axis ticks?) and were not read as a table",
                   " ".join(texts)[:200])


def label_from_word_column(pt: PageTable) -> PageTable:
    """Rows that start with numbers ("1 | P | 6289 | Utrustning uppstart | 1 000") are labelled
    by the column that holds words, when the label column itself is empty."""
    if not _unlabelled(pt):
        return pt
    with_values = [r for r in pt.rows if r.cells]
    texts: dict[int, list[str]] = {}
    for row in with_values:
        for cell in row.cells:
            if parse_cell(cell.text).kind is CellKind.TEXT:
                texts.setdefault(cell.column, []).append(cell.text)
    # Of the columns that hold words in most rows, names are longer than codes ("P", "N").
    candidates = {c: t for c, t in texts.items() if 2 * len(t) > len(with_values)}
    if not candidates:
        return pt
    column = max(candidates, key=lambda c: sum(map(len, candidates[c])) / len(candidates[c]))
    rows = []
    for row in pt.rows:
        words = [c.text for c in row.cells if c.column == column]
        rest = tuple(c for c in row.cells if c.column != column)
        label = " ".join([row.label, *words]).strip()
        rows.append(replace(row, label=label, cells=rest))
    return replace(pt, rows=tuple(rows))


def _unlabelled(pt: PageTable) -> bool:
    """Most rows that hold values have no label: chart labels or loose numbers, no table."""
    with_values = [r for r in pt.rows if r.cells]
    bare = [r for r in with_values if not r.label.strip()]
    return bool(with_values) and 2 * len(bare) > len(with_values)


def _new_table(pt: PageTable, source: Source, n: int) -> Table:
    columns = tuple(Column(i, span, label)
                    for i, (span, label) in enumerate(zip(pt.spans, pt.column_labels,
                                                          strict=True)))
    return Table(source, pt.page, f"{source.sha256[:12]}-p{pt.page}-t{n}", pt.title, pt.bbox,
                 pt.method, pt.label_header, columns, pt.rows, (pt.page,), pt.unit_note,
                 pt.caption)


def _continued_table(tables: list[Table], pt: PageTable) -> tuple[int, dict[int, int]] | None:
    candidates = range(len(tables) - 1, max(-1, len(tables) - 1 - LOOK_BACK), -1)
    for idx in candidates:
        t = tables[idx]
        if pt.page - t.pages[-1] > 1 or t.method != pt.method:
            continue
        if pt.has_header and pt.caption and pt.caption != t.caption:
            continue  # a caption and header of its own ("Utfall per kön: <measure>"): new
        mapping = _column_mapping(t, pt)
        if mapping is None:
            continue
        if not pt.has_header:
            return idx, mapping
        repeated = [t.columns[mapping[i]].label for i in range(len(pt.spans))]
        new_page = pt.page == t.pages[-1] + 1 and idx == len(tables) - 1
        if new_page and repeated == list(pt.column_labels) and t.label_header == pt.label_header:
            return idx, mapping
    return None


def _column_mapping(t: Table, pt: PageTable) -> dict[int, int] | None:
    """Each column of the new block must sit under exactly one column of the table. A
    block without a header that has as many columns as the table, in the same order but
    set at other widths (a table laid out again on the next page), maps in order."""
    mapping: dict[int, int] = {}
    for i, span in enumerate(pt.spans):
        hits = [c.index for c in t.columns if c.bbox.x_overlap(span) > 0]
        if len(hits) != 1:
            mapping = {}
            break
        mapping[i] = hits[0]
    if mapping and len(set(mapping.values())) == len(mapping):
        return mapping
    if not pt.has_header and len(pt.spans) == len(t.columns) and _same_order(t, pt):
        return {i: c.index for i, c in enumerate(t.columns)}
    return None


def _same_order(t: Table, pt: PageTable) -> bool:
    """The block's columns stand left to right where the table's do, each within the
    table's extent: the same columns, set narrower or wider."""
    lefts = [c.bbox.x0 for c in t.columns]
    spans = [s.x0 for s in pt.spans]
    return lefts == sorted(lefts) and spans == sorted(spans) and (
        pt.spans[0].x0 >= t.bbox.x0 - 20 and pt.spans[-1].x1 <= t.bbox.x1 + 20)


def _append(t: Table, pt: PageTable, mapping: dict[int, int]) -> Table:
    rows = tuple(
        Row(r.label, r.bbox, tuple(Cell(mapping[c.column], c.text, c.bbox) for c in r.cells),
            r.page)
        for r in pt.rows
    )
    pages = t.pages if pt.page in t.pages else (*t.pages, pt.page)
    return replace(t, rows=t.rows + rows, pages=pages, bbox=t.bbox if pt.page != t.page
                   else t.bbox.union(pt.bbox))


def money_unit(*texts: str) -> str:
    for text in texts:
        for pattern, unit in MONEY_UNITS:
            if pattern.search(text):
                return unit
    return ""


def table_observations(table: Table) -> list[Observation]:
    base_unit = money_unit(table.title, table.label_header)
    numeric = {c.column for r in table.rows for c in r.cells
               if parse_cell(c.text).kind is CellKind.NUMBER}
    out = []
    for row in table.rows:
        for cell in row.cells:
            parsed = parse_cell(cell.text)
            if parsed.kind is CellKind.MISSING:
                continue
            if parsed.kind is CellKind.TEXT and cell.column not in numeric:
                continue  # words in a column of words are text, not a value cell
            column = table.columns[cell.column]
            unit = parsed.unit or money_unit(column.label, row.label) or base_unit
            out.append(Observation(
                source=table.source,
                page=row.page,
                table_id=table.table_id,
                table_title=table.title,
                row_label=row.label,
                column_label=column.label,
                raw_text=cell.text,
                value=parsed.value,
                unit=unit if parsed.kind is CellKind.NUMBER else "",
                bbox=cell.bbox,
                footnote=parsed.footnote,
                method=table.method,
            ))
    return out
