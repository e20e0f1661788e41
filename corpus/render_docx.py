"""A document as a municipal office writes it in Word (.docx by python-docx), converted to PDF
by LibreOffice: Word tables with rules per cell, header shading, zebra rows and merged header
cells; Heading styles (or, in a third of the reports, bold paragraphs); the running header and
"N (M)" in the section's own header and footer; a page break before every page; landscape
sections and two-column sections.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from docx import Document as new_word_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from corpus import office
from corpus.document import Document, Page, Row, Table, Text
from corpus.producers import soffice_convert
from corpus.style import Style, TableStyle

# (size in pt, bold, space before, space after) of each kind of text
TEXTS = {"title": (24, True, 140, 8), "subtitle": (13, False, 0, 6), "h1": (15, True, 12, 6),
         "h2": (12, True, 10, 4), "h3": (10.5, True, 8, 3), "p": (10, False, 0, 7),
         "small": (8, False, 0, 4)}
HEADING_STYLES = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}
CELL_STYLE = "Tabelltext"
THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# What follows each element we add, in the schema's order (Word rejects a file out of order).
TCPR_AFTER = {"w:tcBorders": ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection",
                              "w:tcFitText", "w:vAlign", "w:hideMark"),
              "w:shd": ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                        "w:hideMark"),
              "w:noWrap": ("w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                           "w:hideMark")}
PPR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind",
                    "w:jc", "w:rPr", "w:sectPr")


def lo_docx(doc: Document, style: Style, work: Path) -> bytes:
    source = work / f"{doc.name}.docx"
    word_document(doc, style).save(str(source))
    return soffice_convert(source, work)


def word_document(doc: Document, style: Style):  # -> docx.document.Document
    word = new_word_document()
    word.core_properties.title = doc.title
    _set_styles(word, style)
    writer = _Writer(word, style, doc.running_header,
                     headings=zlib.crc32(doc.name.encode()) % 3 != 0)
    for n, page in enumerate(doc.pages):
        writer.page(page, n)
    return word


# -- styles and sections ---------------------------------------------------------------------


def _set_styles(word, style: Style) -> None:
    defaults = word.styles.element.find(qn("w:docDefaults"))
    for rpr in defaults.iter(qn("w:rPr")):
        _set_font_element(rpr, style.font)
    normal = word.styles["Normal"]
    _style_font(normal, style.font, 10)
    normal.paragraph_format.space_after = Pt(7)
    normal.paragraph_format.line_spacing = 1.0
    for kind, name in HEADING_STYLES.items():
        size, _, before, after = TEXTS[kind]
        heading = word.styles[name]
        _style_font(heading, style.font, size, bold=True)
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(after)
    cells = word.styles.add_style(CELL_STYLE, 1)  # WD_STYLE_TYPE.PARAGRAPH
    cells.base_style = normal
    _style_font(cells, style.font, style.table.font_size)
    cells.paragraph_format.space_after = Pt(0)
    for name, size in (("Header", 7.5), ("Footer", 8)):
        _style_font(word.styles[name], style.font, size)
        word.styles[name].font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _style_font(word_style, font: str, size: float, bold: bool | None = None) -> None:
    word_style.font.name = font
    word_style.font.size = Pt(size)
    if bold is not None:
        word_style.font.bold = bold
    _set_font_element(word_style.element.get_or_add_rPr(), font)


def _set_font_element(rpr, font: str) -> None:
    """Name the font for every script: a theme font (the template's Calibri) wins over an
    explicit one, so those are dropped."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in THEME_FONTS:
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)


def _set_layout(section, landscape: bool, columns: int) -> None:
    page = office.geometry(landscape)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width), Mm(page.height)
    section.top_margin, section.bottom_margin = Mm(page.top), Mm(page.bottom)
    section.left_margin, section.right_margin = Mm(page.left), Mm(page.right)
    section.header_distance, section.footer_distance = Mm(page.header), Mm(page.footer)
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.insert_element_before(cols, "w:formProt", "w:vAlign", "w:noEndnote",
                                              "w:titlePg", "w:textDirection", "w:bidi",
                                              "w:rtlGutter", "w:docGrid")
    cols.set(qn("w:num"), str(columns))
    cols.set(qn("w:space"), str(round(page.gap / 25.4 * 1440)))


def _running_header(section, text: str) -> None:
    """The running header and "N (M)", in the section that follows the title page's (a
    "different first page" section would differ from the sections after it, and
    LibreOffice breaks the page at a continuous section break between such two)."""
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    head = section.header.paragraphs[0]
    head.text = text
    _bottom_rule(head)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _field(foot, "PAGE", "1")
    foot.add_run(" (")
    _field(foot, "NUMPAGES", "1")
    foot.add_run(")")


def _bottom_rule(paragraph: Paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "3"), ("w:space", "1"),
                       ("w:color", "999999")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *PPR_AFTER_BORDER)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# -- pages and blocks ------------------------------------------------------------------------


class _Writer:
    """Appends pages to a Word document, keeping track of the section it writes in: the page
    break owed to the next paragraph, and whether the last thing written was a table."""

    def __init__(self, word, style: Style, running_header: str, headings: bool) -> None:
        self.word, self.style, self.headings = word, style, headings
        self.running_header = running_header
        self.layout = (False, 1)  # (landscape, columns) of the section being written
        self.break_owed = False
        self.after_table = False
        self.two_column_page = False

    def page(self, page: Page, number: int) -> None:
        self.two_column_page = page.columns == 2
        for n, segment in enumerate(office.segments(page)):
            layout = (page.landscape, segment.columns)
            if number == 0 and n == 0:
                _set_layout(self.word.sections[-1], *layout)
                self.layout = layout
            elif number == 1 and n == 0:  # the title page is a section without header
                self._new_section(layout, WD_SECTION.NEW_PAGE)
                _running_header(self.word.sections[-1], self.running_header)
            elif layout != self.layout:
                self._new_section(layout, WD_SECTION.NEW_PAGE if n == 0
                                  else WD_SECTION.CONTINUOUS)
            elif n == 0:
                self.break_owed = True
            for block in segment.blocks:
                if isinstance(block, Text):
                    self.text(block)
                else:
                    self.table(block)

    def _new_section(self, layout: tuple[bool, int], start: WD_SECTION) -> None:
        """A section break, its sectPr kept in the section's last paragraph as Word keeps it
        (an empty paragraph of its own would take a line); after a table it needs one."""
        body = self.word.element.body
        last = body[-2] if len(body) > 1 else None
        section = self.word.add_section(start)
        holder = body[-2]
        if last is not None and last.tag == qn("w:p") and last.find(qn("w:pPr") + "/" +
                                                                    qn("w:sectPr")) is None:
            last.set_sectPr(holder.pPr.sectPr)
            body.remove(holder)
        else:
            _tiny(Paragraph(holder, self.word._body))
        _set_layout(section, *layout)
        self.layout = layout

    def paragraph(self, text: str, kind: str, *, bold: bool | None = None,
                  italic: bool = False, size: float | None = None,
                  style_name: str | None = None) -> Paragraph:
        own_size, own_bold, before, after = TEXTS[kind]
        paragraph = self.word.add_paragraph(style=style_name)
        if style_name is None:
            fmt = paragraph.paragraph_format
            fmt.space_before, fmt.space_after = Pt(before), Pt(after)
            run = paragraph.add_run(text)
            run.font.size = Pt(size or own_size)
            run.font.bold = own_bold if bold is None else bold
            run.font.italic = italic or None
        else:
            paragraph.add_run(text)
        self._owe(paragraph, before)
        return paragraph

    def _owe(self, paragraph: Paragraph, before: float) -> None:
        """Pay the page break owed, and keep a paragraph off the table above it."""
        if self.break_owed:
            paragraph.paragraph_format.page_break_before = True
            self.break_owed = False
        if self.after_table and before < 6:
            paragraph.paragraph_format.space_before = Pt(6)
        self.after_table = False

    def text(self, block: Text) -> None:
        if block.kind in HEADING_STYLES and self.headings:
            self.paragraph(block.text, block.kind, style_name=HEADING_STYLES[block.kind])
        else:
            self.paragraph(block.text, block.kind)

    def table(self, table: Table) -> None:
        above = []
        if table.caption:
            above.append(self.paragraph(table.caption, "p", italic=True))
            above[-1].paragraph_format.space_before = Pt(8)
        if table.title:
            above.append(self._title(table))
        if table.unit_line:
            above.append(self.paragraph(table.unit_line, "small", size=8.5))
        if not above and (self.break_owed or self._last_is_table()):
            above.append(self.paragraph("", "small"))
            _tiny(above[-1])
        if not self.two_column_page:
            # LibreOffice breaks the page before a kept paragraph that starts a section
            for paragraph in above:
                paragraph.paragraph_format.keep_with_next = True
        page = office.geometry(self.layout[0])
        width = page.column_width if self.layout[1] == 2 else page.text_width
        layout = office.table_layout(table, self.style.table, self.style.font, width)
        _word_table(self.word, table, self.style.table, layout)
        self.after_table = True
        if table.note:
            note = self.paragraph(table.note, "small", size=7.5)
            note.paragraph_format.space_before = Pt(3)

    def _title(self, table: Table) -> Paragraph:
        if table.heading_title:
            if self.headings:
                return self.paragraph(table.title, "h3", style_name=HEADING_STYLES["h3"])
            return self.paragraph(table.title, "h3")
        title = self.paragraph(table.title, "p", bold=True)
        title.paragraph_format.space_before = Pt(10)
        title.paragraph_format.space_after = Pt(3)
        return title

    def _last_is_table(self) -> bool:
        body = self.word.element.body
        return len(body) > 1 and body[-2].tag == qn("w:tbl")


def _tiny(paragraph: Paragraph) -> None:
    """An empty paragraph that holds a break and takes no room."""
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark = OxmlElement("w:rPr")
    mark.append(size)
    paragraph._p.get_or_add_pPr().insert_element_before(mark, "w:sectPr", "w:pPrChange")


# -- tables ----------------------------------------------------------------------------------


def _word_table(word, table: Table, style: TableStyle, layout: office.TableLayout
                ) -> WordTable:
    n_head = len(table.header)
    grid = word.add_table(rows=n_head + len(table.rows), cols=table.n_columns + 1)
    grid.autofit = False
    _table_properties(grid, sum(layout.widths), layout.padding)
    if n_head:
        _header(grid, table, style, layout.font_size)
    for n, row in enumerate(table.rows):
        _body_row(grid, n_head + n, n, row, style, layout.font_size)
    _column_widths(grid, layout.widths)
    return grid


def _table_properties(grid: WordTable, width: float, padding: float) -> None:
    tblPr = grid._tbl.tblPr
    tblW = tblPr.find(qn("w:tblW"))
    tblW.set(qn("w:type"), "dxa")
    tblW.set(qn("w:w"), str(_twips(width)))
    margins = OxmlElement("w:tblCellMar")
    for side, points in (("top", padding / 2), ("left", padding), ("bottom", padding / 2),
                         ("right", padding)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(points * 20)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def _column_widths(grid: WordTable, widths: tuple[float, ...]) -> None:
    for column, width in zip(grid._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Mm(width)
    for tr in grid._tbl.tr_lst:
        start = 0
        for tc in tr.tc_lst:
            tc.width = Mm(sum(widths[start:start + tc.grid_span]))
            start += tc.grid_span


def _header(grid: WordTable, table: Table, style: TableStyle, size: float) -> None:
    n_head = len(table.header)
    for tr in grid._tbl.tr_lst[:n_head]:
        _row_properties(tr, header=True)
    label = grid.cell(0, 0).merge(grid.cell(n_head - 1, 0)) if n_head > 1 else grid.cell(0, 0)
    _header_text(label, table.label_header, style, size, WD_ALIGN_PARAGRAPH.LEFT)
    _header_look(grid, 0, 0, n_head, n_head, style)
    for placed in office.placed_header(table.header):
        cell = placed.cell
        top = grid.cell(placed.row, placed.column + 1)
        bottom = grid.cell(placed.row + cell.rows - 1, placed.column + cell.span)
        merged = top.merge(bottom) if cell.rows > 1 or cell.span > 1 else top
        # a group over several columns is centred over them, as Word users centre it
        align = WD_ALIGN_PARAGRAPH.CENTER if cell.span > 1 else WD_ALIGN_PARAGRAPH.RIGHT
        _header_text(merged, cell.text, style, size, align)
        _header_look(grid, placed.row, placed.column + 1, cell.rows, n_head, style)


def _header_text(cell: _Cell, text: str, style: TableStyle, size: float,
                 align: WD_ALIGN_PARAGRAPH) -> None:
    _write(cell, text, align, size, bold=style.header_bold,
           colour=office.header_text_colour(style))
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM


def _header_look(grid: WordTable, row: int, column: int, rows: int, n_head: int,
                 style: TableStyle) -> None:
    borders = office.header_borders(style, last_row=row + rows == n_head)
    for tc in _covered(grid, row, rows, column):
        _cell_look(tc, borders, office.header_fill(style))


def _body_row(grid: WordTable, index: int, n: int, row: Row, style: TableStyle,
              size: float) -> None:
    tr = grid._tbl.tr_lst[index]
    _row_properties(tr, header=False)
    fill = office.body_fill(style, n)
    borders = office.body_borders(style, row)
    label = grid.cell(index, 0)
    _write(label, row.label, WD_ALIGN_PARAGRAPH.LEFT, size, bold=office.label_bold(row),
           indent=row.indent)
    for column, value in enumerate(row.cells, start=1):
        _write(grid.cell(index, column), value.text, WD_ALIGN_PARAGRAPH.RIGHT, size,
               bold=office.value_bold(row))
    for column, tc in enumerate(tr.tc_lst):
        _cell_look(tc, borders, fill, no_wrap=column > 0)


def _row_properties(tr, header: bool) -> None:
    """A row is never split over pages; header rows repeat on the next page, as Word's
    "Upprepa som rubrikrad" does."""
    trPr = tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:cantSplit"))
    if header:
        trPr.append(OxmlElement("w:tblHeader"))


def _covered(grid: WordTable, row: int, rows: int, column: int) -> list:
    """The w:tc elements a cell takes, one per row it stands over."""
    found = []
    for tr in grid._tbl.tr_lst[row:row + rows]:
        start = 0
        for tc in tr.tc_lst:
            if start == column:
                found.append(tc)
            start += tc.grid_span
    return found


def _write(cell: _Cell, text: str, align: WD_ALIGN_PARAGRAPH, size: float, *,
           bold: bool = False, colour: str = "000000", indent: bool = False) -> None:
    """A cell's text as printed; a "\\n" is a line break inside the cell."""
    paragraph = cell.paragraphs[0]
    paragraph.style = CELL_STYLE
    paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.left_indent = Pt(8)
    for n, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        if n:
            run._r.insert(0, OxmlElement("w:br"))
        run.font.bold = bold or None
        run.font.size = Pt(size)
        if colour != "000000":
            run.font.color.rgb = RGBColor.from_string(colour.upper())


def _cell_look(tc, borders: office.Borders, fill: str, no_wrap: bool = False) -> None:
    tcPr = tc.get_or_add_tcPr()
    sides = [(side, getattr(borders, side)) for side in ("top", "left", "bottom", "right")]
    if any(rule for _, rule in sides):
        element = OxmlElement("w:tcBorders")
        for side, rule in sides:
            if rule:
                element.append(_border(side, rule))
        tcPr.insert_element_before(element, *TCPR_AFTER["w:tcBorders"])
    if fill:
        shading = OxmlElement("w:shd")
        for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill.upper())):
            shading.set(qn(key), value)
        tcPr.insert_element_before(shading, *TCPR_AFTER["w:shd"])
    if no_wrap:
        tcPr.insert_element_before(OxmlElement("w:noWrap"), *TCPR_AFTER["w:noWrap"])


def _border(side: str, rule: office.Rule) -> BaseOxmlElement:
    width, colour = rule
    element = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", str(round(width * 8))), ("w:space", "0"),
                       ("w:color", colour.upper())):
        element.set(qn(key), value)
    return element


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)
