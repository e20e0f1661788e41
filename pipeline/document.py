"""One document through the stages, from its pages read to its DocumentResult.

read PDF pages -> lines without running headers -> ruled and whitespace tables -> tables joined
across pages -> observations -> the document's context and outline -> typed datasets
(measures, finances, volumes, key figures, personnel) -> goal blocks, assessments, tags and
claims. A document that cannot be opened, or a page that fails, becomes a problems row;
everything else is still extracted.

The layer between the stages (read, tables, meaning, text) and what uses a document's result
(quality, output, run): it imports the stages, and none of them imports it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from functools import partial

from pipeline.core.catalogue import ProblemCode
from pipeline.core.guard import Guard
from pipeline.core.records import (
    Observation,
    PageLayout,
    Problem,
    Source,
    Table,
    TextLine,
)
from pipeline.meaning.datasets import Datasets, typed_datasets
from pipeline.meaning.outline import DocumentContext, Marker, Outline, document_context, markers
from pipeline.read.layout import (
    column_edges,
    columns_by_edges,
    content_lines,
    page_lines,
    reading_order,
    running_texts,
)
from pipeline.tables.assemble import join_tables, table_observations
from pipeline.tables.ruled import find_ruled_tables, grids
from pipeline.tables.whitespace import PageTable, find_whitespace_tables
from pipeline.text.assess import (
    Assessment,
    assess,
    assess_each,
    document_scale,
    goal_blocks,
    legend,
    legend_reader,
    symbol_labels,
    verdict_sections,
)
from pipeline.text.goal_tables import table_goals
from pipeline.text.tags import Claim, TextTag, claims, tag_lines

CONTEXT_PAGES = 3  # title page, inner title, contents: where a report says what it is


@dataclass
class DocumentResult:
    source: Source
    pages: int = 0
    tables: list[Table] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    context: DocumentContext = field(default_factory=DocumentContext)
    datasets: Datasets = field(default_factory=Datasets)
    assessments: list[Assessment] = field(default_factory=list)
    text_tags: list[TextTag] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    readable: bool = True
    seconds: float = 0.0


def document_from_pages(source: Source, layouts: list[PageLayout]) -> DocumentResult:
    """Tables, observations, context, typed datasets and goal assessments of one document
    from its pages, read (in page order). Each stage runs in a guard: one that fails is a
    `stage_failed` problem, and the document keeps what the earlier stages gave."""
    started = time.perf_counter()
    result = DocumentResult(source)
    guard = Guard(source, result.problems)
    read = read_text_and_tables(layouts, guard)
    tables, findings = guard.run("tables", partial(join_tables, read.page_tables, source),
                                 ([], []), what="joining tables across pages")
    result.tables = tables
    result.observations = [o for t in tables for o in guard.run(
        "tables", partial(table_observations, t), [], page=t.page,
        what=f"observations of table '{t.title[:60]}'")]
    prose_text = [ln.text for _, lines in read.prose for ln in lines]
    result.context = guard.run("outline", partial(document_context, read.first_pages,
                                                  read.running, source.file, prose_text),
                               DocumentContext(), what="who, what kind, which period")
    found_markers = guard.run("outline", partial(markers, read.prose), [],
                              what="goal areas, goals and headings")
    outline = Outline(tuple(found_markers))
    result.datasets = typed_datasets(tables, result.context, outline, guard)
    result.assessments = guard.run("nlp", partial(_assessments, layouts, read, found_markers,
                                                  tables), [], what="goal assessments")
    result.text_tags = guard.run("tags", partial(tag_lines, read.prose), [], what="text tags")
    result.claims = guard.run("tags", partial(claims, read.prose), [], what="goal-count claims")
    result.problems.extend(
        Problem(source.file, source.sha256, a.page, "assess", ProblemCode.SYMBOL_TEXT_DISAGREE,
                f"{source.file}, page {a.page}: goal '{a.goal[:80]}' is shown as {a.symbol} "
                f"by its coloured symbol but its text says {a.label} ('{a.evidence}')",
                a.evidence)
        for a in result.assessments if a.symbol and a.label != "unknown" and a.symbol != a.label)
    result.problems.extend(Problem(source.file, source.sha256, f.page, stage, f.code,
                                   f"{source.file}, {f.message}", f.raw_text)
                           for stage, found in (("tables", findings),
                                                ("datasets", result.datasets.findings))
                           for f in found)
    result.seconds = time.perf_counter() - started
    return result


def _assessments(layouts: list[PageLayout], read: DocumentText, found_markers: list[Marker],
                 tables: list[Table]) -> list[Assessment]:
    """Goals in the prose, assessed by their text (and their row's symbol in an overview),
    and goals listed in goal tables; in page order."""
    symbols = symbol_labels([(lay.page, lay.marks) for lay in layouts], found_markers)
    in_prose = [replace(assess(b), symbol=symbols.get(b.goal, ""))
                for b in goal_blocks(read.prose, found_markers)]
    known = legend([(lay.marks, lay.words) for lay in layouts if lay.marks])
    listed = table_goals(tables, {lay.page: lay.marks for lay in layouts},
                         Outline(tuple(found_markers)), legend_reader(known))
    # A report that labels its goals (in the prose or in goal tables) is read by its labels;
    # one that labels none (an agency's resultatredovisning) by its sections that judge a
    # goal they name. Labels with no text of their own (a list of "Mål 1: ...", an
    # overview) label no goal.
    labelled = listed or in_prose
    scale = document_scale(read.prose)
    judged = [] if labelled else [each for b in verdict_sections(read.prose, found_markers, scale)
                                  for each in assess_each(b, scale)]
    return sorted([*in_prose, *judged, *listed], key=lambda a: a.page)


@dataclass(frozen=True)
class DocumentText:
    """What one pass over the pages finds: tables, the prose between them, the first pages
    and the running headers (for the document's context)."""

    page_tables: list[PageTable]
    prose: list[tuple[int, list[TextLine]]]
    first_pages: list[list[TextLine]]
    running: list[str]


def read_text_and_tables(layouts: list[PageLayout], guard: Guard | None = None) -> DocumentText:
    """Lines, running headers, tables and prose of every page. With a guard, a page whose
    lines or tables cannot be found is reported (stage `layout` or `tables`, its page); its
    text still counts as prose where its lines were found."""
    guard = guard or Guard(raises=True)
    pages = [(layout, guard.run("layout", partial(page_lines, layout), [], page=layout.page,
                                what="words into lines"))
             for layout in layouts]  # built once, used twice
    # A page whose right column holds a line or two shows it by the other pages' columns.
    edges = column_edges([lines for _, lines in pages])
    pages = [(layout, guard.run("layout", partial(columns_by_edges, layout, lines, edges), lines,
                                page=layout.page, what="text columns"))
             for layout, lines in pages]
    running = guard.run("layout", partial(running_texts, pages), set(),
                        what="running headers and footers")
    found: list[PageTable] = []
    prose: list[tuple[int, list[TextLine]]] = []
    running_lines: list[str] = []
    for layout, lines in pages:
        content = guard.run("layout", partial(content_lines, layout, lines, running), lines,
                            page=layout.page, what="running headers out")
        on_page = guard.run("tables", partial(tables_on_page, layout, content), [],
                            page=layout.page, what="tables on the page")
        found.extend(on_page)
        # Read in order with the tables in place: a table across a two-column page ends
        # the stretch of columns above it, so the text below it is read after it.
        prose.append((layout.page, [ln for ln in reading_order(content) if not any(
            t.bbox.holds_centre_of(ln.bbox, slack=1.0) for t in on_page)]))
        if len(running_lines) < 20:
            kept = {id(ln) for ln in content}
            running_lines.extend(ln.text for ln in lines if id(ln) not in kept)
    first = [lines for _, lines in pages[:CONTEXT_PAGES]]
    return DocumentText(found, prose, first, running_lines)


def tables_on_page(layout: PageLayout, lines: list[TextLine]) -> list[PageTable]:
    ruled = find_ruled_tables(grids(layout.ruled_cells), layout.words, lines, layout.rules,
                              layout.page, layout.spaces)
    free = [ln for ln in lines if not any(b.holds_line(ln.bbox) for b in ruled.regions)]
    found = list(ruled.tables)
    for column in sorted({ln.column for ln in free}):  # two text columns: each on its own
        found += find_whitespace_tables([ln for ln in free if ln.column == column],
                                        layout.rules, layout.page, context=lines,
                                        cell_boxes=[*ruled.evidence, *layout.shaded])
    return sorted(found, key=lambda t: (t.bbox.top, t.bbox.x0))
