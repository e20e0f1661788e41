"""A document drawn with reportlab's platypus, as reports made by a script are: a page
template per orientation, the running header and an "N (M)" page mark drawn on each page,
tables built with TableStyle commands (rules, fills, zebra, padding, SPAN for grouped
headers), and a page break after every document page.

A page set in two columns balances its text over two columns and lets a full-width table
stand across both, as CSS `column-span: all` does: each run of column text is a borderless
two-cell table, cut where its columns come out most even (a two-frame template cannot put
a table across its frames, and BalancedColumns draws nothing inside KeepInFrame). Each
page's content is kept in one frame (KeepInFrame, shrinking) so that a page never runs over.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from corpus import fonts
from corpus.document import Document, Page, Row, Table, Text
from corpus.grid import header_places
from corpus.style import Style, TableStyle

MM = 72 / 25.4
MARGINS = (18 * MM, 16 * MM, 22 * MM, 20 * MM)  # left, right, top, bottom
COLUMN_GAP = 9 * MM
# (size, bold, italic, space before, space after) per kind of text
TEXTS = {"title": (24.0, True, False, 120.0, 10.0), "subtitle": (13.0, False, False, 4.0, 6.0),
         "h1": (15.0, True, False, 12.0, 6.0), "h2": (12.0, True, False, 10.0, 5.0),
         "h3": (10.5, True, False, 8.0, 3.0), "p": (10.0, False, False, 0.0, 7.0),
         "small": (8.5, False, False, 0.0, 5.0), "caption": (10.0, False, True, 8.0, 3.0),
         "table_title": (10.0, True, False, 10.0, 3.0), "unit": (8.5, False, False, 0.0, 3.0),
         "note": (7.5, False, False, 3.0, 8.0)}
DARK_FILL = "#1f4e79"
RULE, RULE_COLOUR, HEAVY = 0.6, "#444444", 1.2
MIN_SIZE = 6.0
MIN_LABEL_SHARE = 0.25


def reportlab_pdf(doc: Document, style: Style, work: Path) -> bytes:
    from reportlab.platypus import BaseDocTemplate, NextPageTemplate, PageBreak

    buffer = io.BytesIO()
    names = [template_name(page) for page in doc.pages]
    first = doc.pages[0].landscape if doc.pages else False
    out = BaseDocTemplate(buffer, pagesize=paper(first), title=doc.title,
                          author=doc.running_header.split(" · ")[0], invariant=1,
                          leftMargin=MARGINS[0], rightMargin=MARGINS[1], topMargin=MARGINS[2],
                          bottomMargin=MARGINS[3])
    out.addPageTemplates(page_templates(doc, style, first_landscape=first))
    story: list = []
    for n, page in enumerate(doc.pages):
        story.append(page_content(page, style))
        if n + 1 < len(doc.pages):
            story += [NextPageTemplate(names[n + 1]), PageBreak()]
    out.build(story)
    return buffer.getvalue()


def paper(landscape: bool) -> tuple[float, float]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as turned

    return turned(A4) if landscape else A4


def template_name(page: Page) -> str:
    return "landscape" if page.landscape else "portrait"


def frame_size(landscape: bool) -> tuple[float, float]:
    width, height = paper(landscape)
    left, right, top, bottom = MARGINS
    return width - left - right, height - top - bottom


def page_templates(doc: Document, style: Style, first_landscape: bool) -> list:
    """Portrait and landscape, the first page's orientation first (a document starts on
    the first template)."""
    from reportlab.platypus import Frame, PageTemplate

    templates = []
    for landscape in sorted((False, True), key=lambda t: t != first_landscape):
        width, height = frame_size(landscape)
        frame = Frame(MARGINS[0], MARGINS[3], width, height, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        templates.append(PageTemplate(id="landscape" if landscape else "portrait",
                                      frames=[frame], pagesize=paper(landscape),
                                      onPage=page_marks(doc, style, landscape)))
    return templates


def page_marks(doc: Document, style: Style, landscape: bool):
    """The running header over a rule and "N (M)" at the foot, on every page but the
    first."""
    width, height = paper(landscape)
    total = len(doc.pages)

    def draw(canvas, _template) -> None:
        number = canvas.getPageNumber()
        if number == 1:
            return
        canvas.saveState()
        canvas.setFillColor("#555555")
        canvas.setFont(fonts.face_for(doc.running_header, style.font), 7.5)
        canvas.drawString(MARGINS[0], height - 13 * MM, doc.running_header)
        canvas.setStrokeColor("#999999")
        canvas.setLineWidth(0.4)
        canvas.line(MARGINS[0], height - 14.5 * MM, width - MARGINS[1], height - 14.5 * MM)
        mark = f"{number} ({total})"
        canvas.setFont(fonts.face_for(mark, style.font), 8)
        canvas.drawRightString(width - MARGINS[1], 12 * MM, mark)
        canvas.restoreState()
    return draw


# -- a page's content ------------------------------------------------------------------------


def page_content(page: Page, style: Style):
    """The page's flowables in one frame-sized box that shrinks them if they run over."""
    from reportlab.platypus import KeepInFrame

    width, height = frame_size(page.landscape)
    if page.columns == 2:
        content = two_columns(page, style, width)
    else:
        content = [f for block in page.blocks for f in block_flowables(block, style, width)]
    return KeepInFrame(width, height, content, mode="shrink")


def two_columns(page: Page, style: Style, width: float) -> list:
    """Runs of text and column tables balanced over two columns, full tables between them."""
    column = (width - COLUMN_GAP) / 2
    out: list = []
    run: list[list] = []  # the blocks of a run, each its flowables
    for block in page.blocks:
        if isinstance(block, Table) and block.width == "full":
            out += [balanced(run, column)] if run else []
            out += block_flowables(block, style, width)
            run = []
        else:
            run.append(block_flowables(block, style, column))
    return out + ([balanced(run, column)] if run else [])


def balanced(blocks: list[list], column: float):
    """The blocks in two columns of a borderless table, cut where the columns come out
    most even (between blocks: a table and its title stay in one column)."""
    from reportlab.platypus import Table as Grid

    heights = [sum(f.wrap(column, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                   for f in block) for block in blocks]
    cut = min(range(1, len(blocks) + 1),
              key=lambda k: max(sum(heights[:k]), sum(heights[k:])))
    left = [f for block in blocks[:cut] for f in block]
    right = [f for block in blocks[cut:] for f in block]
    grid = Grid([[left, "", right]], colWidths=[column, COLUMN_GAP, column], hAlign="LEFT")
    grid.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                   ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                   ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    return grid


def block_flowables(block: Text | Table, style: Style, width: float) -> list:
    if isinstance(block, Text):
        return [paragraph(block.kind, block.text, style.font)]
    lines = [paragraph(kind, text, style.font) for kind, text in
             (("caption", block.caption), ("table_title", block.title),
              ("unit", block.unit_line)) if text]
    after = [paragraph("note", block.note, style.font)] if block.note else []
    return [*lines, table_flowable(block, style, width), *after]


def paragraph(kind: str, text: str, family: str, align: str = "left"):
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    size, bold, italic, before, after = TEXTS[kind]
    look = ParagraphStyle(kind, fontName=fonts.face_for(text, family, bold, italic),
                          fontSize=size, leading=size * 1.3, spaceBefore=before,
                          spaceAfter=after, splitLongWords=0,
                          alignment=TA_RIGHT if align == "right" else TA_LEFT)
    return Paragraph(lines_markup(text), look)


def lines_markup(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.split("\n"))


# -- tables ----------------------------------------------------------------------------------


def table_flowable(table: Table, style: Style, width: float):
    from reportlab.platypus import Table as Grid

    t = style.table
    label, size = fitting_columns(table, style, width)
    value = (width - label) / max(1, table.n_columns)
    data = header_data(table, style, size) + [body_data(row, style, size)
                                              for row in table.rows]
    grid = Grid(data, colWidths=[label] + [value] * table.n_columns, hAlign="LEFT",
                spaceAfter=0.0 if table.note else 8.0)
    grid.setStyle(table_commands(table, t, style.font, size))
    return grid


def fitting_columns(table: Table, style: Style, width: float) -> tuple[float, float]:
    """The label column's width and the font size at which every value and header word
    fits its column: the label column gives way first (down to a quarter of the width, its
    labels wrap), then the font shrinks (down to MIN_SIZE)."""
    t = style.table
    n = max(1, table.n_columns)
    size = t.font_size
    need = widest(table, style.font, size) + 2 * t.padding + 1
    label = max(min(width * table.label_share, width - n * need), width * MIN_LABEL_SHARE)
    room = (width - label) / n - 2 * t.padding - 1
    while size > MIN_SIZE and widest(table, style.font, size) > room:
        size -= 0.5
    return label, size


def widest(table: Table, family: str, size: float) -> float:
    """The widest value text, or word of a header over one column."""
    texts = [c.text for r in table.rows for c in r.cells]
    texts += [word for p in header_places(table) if p.column and p.span == 1
              for word in p.text.split()]
    return max((fonts.width(text, family, size, bold=True) for text in texts), default=0.0)


def header_data(table: Table, style: Style, size: float) -> list[list]:
    t = style.table
    colour = "#ffffff" if t.header_fill == DARK_FILL else "#000000"
    rows: list[list] = [[""] * (table.n_columns + 1) for _ in table.header]
    for place in header_places(table):
        # A header over several columns is centred over them, as offices set group headers.
        rows[place.row][place.column] = cell_paragraph(
            place.text, style.font, size, bold=t.header_bold, colour=colour,
            align="left" if place.column == 0 else ("center" if place.span > 1 else "right"))
    return rows


def body_data(row: Row, style: Style, size: float) -> list:
    bold = row.role in ("category", "subtotal", "total")
    label = cell_paragraph(row.label, style.font, size, bold=bold, indent=8.0 * row.indent)
    return [label, *(cell.text for cell in row.cells)]


def cell_paragraph(text: str, family: str, size: float, *, bold: bool = False,
                   colour: str = "#000000", align: str = "left", indent: float = 0.0):
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    look = ParagraphStyle("cell", fontName=fonts.face_for(text, family, bold), fontSize=size,
                          leading=size * 1.2, textColor=colour, leftIndent=indent,
                          splitLongWords=0,
                          alignment={"right": TA_RIGHT, "center": TA_CENTER}.get(align, TA_LEFT))
    return Paragraph(lines_markup(text), look)


def table_commands(table: Table, t: TableStyle, family: str, size: float) -> list:
    head = len(table.header)
    commands: list = [
        ("LEFTPADDING", (0, 0), (-1, -1), t.padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), t.padding),
        ("TOPPADDING", (0, 0), (-1, -1), t.padding / 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.padding / 2 + 1),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, head), (-1, -1), "RIGHT"),
    ]
    if head:
        commands.append(("VALIGN", (0, 0), (-1, head - 1), "BOTTOM"))
    commands += [("SPAN", (p.column, p.row), (p.column + p.span - 1, p.row + p.rows - 1))
                 for p in header_places(table) if p.span > 1 or p.rows > 1]
    commands += value_fonts(table, family, size, head)
    commands += rules(table, t, head)
    if t.header_fill and head:
        commands.append(("BACKGROUND", (0, 0), (-1, head - 1), t.header_fill))
    if t.zebra:
        commands += [("BACKGROUND", (0, head + n), (-1, head + n), "#f0f0f0")
                     for n in range(1, len(table.rows), 2)]
    return commands


def value_fonts(table: Table, family: str, size: float, head: int) -> list:
    """Each value cell's face: bold in sums, and DejaVu where the family lacks a glyph."""
    commands = []
    for r, row in enumerate(table.rows, start=head):
        bold = row.role in ("category", "subtotal", "total")
        for c, cell in enumerate(row.cells, start=1):
            face = fonts.face_for(cell.text, family, bold)
            commands.append(("FONT", (c, r), (c, r), face, size, size * 1.2))
    return commands


def rules(table: Table, t: TableStyle, head: int) -> list:
    if t.rules == "grid":
        return [("GRID", (0, 0), (-1, -1), RULE, RULE_COLOUR)]
    commands: list = []
    if t.rules == "horizontal":
        commands.append(("LINEBELOW", (0, 0), (-1, -1), RULE, RULE_COLOUR))
    if t.rules in ("horizontal", "header") and head:
        commands.append(("LINEBELOW", (0, head - 1), (-1, head - 1), HEAVY, "#000000"))
    if t.rules != "none":
        commands += [("LINEABOVE", (0, r), (-1, r), 0.8, "#000000")
                     for r, row in enumerate(table.rows, start=head)
                     if row.role in ("subtotal", "total")]
    return commands
