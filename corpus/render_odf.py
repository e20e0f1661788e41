"""A document as LibreOffice Writer saves it (.odt by odfpy), converted to PDF by LibreOffice:
tables with rules, header fill and zebra rows in automatic cell styles, spanned header cells
with their covered cells, Heading styles (or, in a third of the reports, bold paragraphs), a
title page without header, the running header and "N (M)" in the master page's header and
footer, and landscape pages on a master page of their own.

Every page after the first starts with a paragraph or table whose style names its master
page, which is how Writer breaks a page and changes the page style at once. A two-column page
is set in one column here (lo-odt has no "columns" feature in corpus.style).
"""

from __future__ import annotations

import zlib
from pathlib import Path

from odf import teletype
from odf.dc import Title
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    FontFace,
    Footer,
    FooterStyle,
    Header,
    HeaderFooterProperties,
    HeaderStyle,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import CoveredTableCell, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.table import Table as OdfTable
from odf.text import H, P, PageCount, PageNumber

from corpus import office
from corpus.document import Document, Page, Row, Table, Text
from corpus.producers import soffice_convert
from corpus.style import Style as ReportStyle
from corpus.style import TableStyle

SERIF = ("Liberation Serif", "Caladea")
# Named paragraph styles: (display name, parent, size pt, bold, italic, space above, below)
PARAGRAPHS = {
    "Title": ("Title", "Standard", 24, True, False, 140, 8),
    "Subtitle": ("Subtitle", "Standard", 13, False, False, 0, 6),
    "Heading_20_1": ("Heading 1", "Standard", 15, True, False, 12, 6),
    "Heading_20_2": ("Heading 2", "Standard", 12, True, False, 10, 4),
    "Heading_20_3": ("Heading 3", "Standard", 10.5, True, False, 8, 3),
    "Text_20_body": ("Text body", "Standard", 10, False, False, 0, 7),
    "Small": ("Small", "Standard", 8, False, False, 0, 4),
    "Table_20_title": ("Table title", "Standard", 10, True, False, 10, 3),
    "Table_20_caption": ("Table caption", "Standard", 10, False, True, 8, 3),
    "Unit": ("Unit", "Standard", 8.5, False, False, 0, 3),
    "Table_20_note": ("Table note", "Standard", 7.5, False, False, 3, 6),
    "Table_20_Contents": ("Table Contents", "Standard", 9, False, False, 0, 0),
    "Header": ("Header", "Standard", 7.5, False, False, 0, 0),
    "Footer": ("Footer", "Standard", 8, False, False, 0, 0),
}
TEXT_STYLES = {"title": "Title", "subtitle": "Subtitle", "h1": "Heading_20_1",
               "h2": "Heading_20_2", "h3": "Heading_20_3", "p": "Text_20_body",
               "small": "Small"}
LEVELS = {"h1": 1, "h2": 2, "h3": 3}
KEEP_WITH_TABLE = ("Table_20_title", "Table_20_caption", "Unit", "Heading_20_1",
                   "Heading_20_2", "Heading_20_3")
FIRST, PORTRAIT, LANDSCAPE = "First_20_Page", "Standard", "Landscape"


def lo_odt(doc: Document, style: ReportStyle, work: Path) -> bytes:
    source = work / f"{doc.name}.odt"
    odt_document(doc, style).save(str(source))
    return soffice_convert(source, work)


def odt_document(doc: Document, style: ReportStyle) -> OpenDocumentText:
    odt = OpenDocumentText()
    odt.meta.addElement(Title(text=doc.title))
    _named_styles(odt, style)
    _master_pages(odt, doc.running_header)
    writer = _Writer(odt, style, headings=zlib.crc32(doc.name.encode()) % 3 != 0)
    for n, page in enumerate(doc.pages):
        writer.page(page, FIRST if n == 0 else LANDSCAPE if page.landscape else PORTRAIT)
    return odt


# -- named styles and master pages -----------------------------------------------------------


def _named_styles(odt: OpenDocumentText, style: ReportStyle) -> None:
    generic = "roman" if style.font in SERIF else "swiss"
    odt.fontfacedecls.addElement(FontFace(name=style.font, fontfamily=f"'{style.font}'",
                                          fontfamilygeneric=generic, fontpitch="variable"))
    default = DefaultStyle(family="paragraph")
    default.addElement(TextProperties(fontname=style.font, fontsize="10pt", language="sv",
                                      country="SE"))
    odt.styles.addElement(default)
    odt.styles.addElement(Style(name="Standard", family="paragraph"))
    sizes = {"Table_20_Contents": style.table.font_size}
    for name, (shown, parent, size, bold, italic, above, below) in PARAGRAPHS.items():
        named = Style(name=name, displayname=shown, family="paragraph",
                      parentstylename=parent)
        keep = "always" if name in KEEP_WITH_TABLE else "auto"
        named.addElement(ParagraphProperties(margintop=f"{above}pt", marginbottom=f"{below}pt",
                                             keepwithnext=keep))
        named.addElement(_text_properties(sizes.get(name, size), bold, italic,
                                          "555555" if name in ("Header", "Footer") else ""))
        odt.styles.addElement(named)


def _text_properties(size: float, bold: bool, italic: bool = False,
                     colour: str = "") -> TextProperties:
    properties = {"fontsize": f"{size}pt", "fontweight": "bold" if bold else "normal",
                  "fontweightcomplex": "bold" if bold else "normal"}
    if italic:
        properties["fontstyle"] = "italic"
    if colour:
        properties["color"] = f"#{colour}"
    return TextProperties(**properties)


def _master_pages(odt: OpenDocumentText, running_header: str) -> None:
    """The title page without header or footer; portrait and landscape pages with the
    running header and "N (M)"."""
    first = odt_page_layout(odt, "pm_first", office.PORTRAIT, with_header=False)
    odt.masterstyles.addElement(MasterPage(name=FIRST, displayname="First Page",
                                           pagelayoutname=first, nextstylename=PORTRAIT))
    for name, page in ((PORTRAIT, office.PORTRAIT), (LANDSCAPE, office.LANDSCAPE)):
        layout = odt_page_layout(odt, f"pm_{name.lower()}", page, with_header=True)
        master = MasterPage(name=name, pagelayoutname=layout)
        header = Header()
        header.addElement(P(stylename=_header_rule(odt), text=running_header))
        master.addElement(header)
        footer = Footer()
        folio = P(stylename=_folio_style(odt))
        folio.addElement(PageNumber(selectpage="current", text="1"))
        folio.addText(" (")
        folio.addElement(PageCount(text="1"))
        folio.addText(")")
        footer.addElement(folio)
        master.addElement(footer)
        odt.masterstyles.addElement(master)


def odt_page_layout(odt: OpenDocumentText, name: str, page: office.Geometry,
                    with_header: bool) -> PageLayout:
    """A page layout with Word's geometry: Writer counts the header inside the top margin,
    so the margin is the header's distance from the edge and the header takes the rest."""
    top = page.header if with_header else page.top
    bottom = page.footer if with_header else page.bottom
    layout = PageLayout(name=name)
    layout.addElement(PageLayoutProperties(
        pagewidth=f"{page.width}mm", pageheight=f"{page.height}mm",
        printorientation="landscape" if page.width > page.height else "portrait",
        margintop=f"{top}mm", marginbottom=f"{bottom}mm", marginleft=f"{page.left}mm",
        marginright=f"{page.right}mm"))
    if with_header:
        head = HeaderStyle()
        head.addElement(HeaderFooterProperties(minheight="0mm",
                                               marginbottom=f"{page.top - page.header - 4}mm"))
        layout.addElement(head)
        foot = FooterStyle()
        foot.addElement(HeaderFooterProperties(minheight="0mm",
                                               margintop=f"{page.bottom - page.footer - 4}mm"))
        layout.addElement(foot)
    odt.automaticstyles.addElement(layout)
    return layout


def _header_rule(odt: OpenDocumentText) -> Style:
    rule = Style(name="RunningHeader", family="paragraph", parentstylename="Header")
    rule.addElement(ParagraphProperties(borderbottom="0.4pt solid #999999",
                                        paddingbottom="1pt"))
    odt.automaticstyles.addElement(rule)
    return rule


def _folio_style(odt: OpenDocumentText) -> Style:
    folio = Style(name="Folio", family="paragraph", parentstylename="Footer")
    folio.addElement(ParagraphProperties(textalign="end"))
    odt.automaticstyles.addElement(folio)
    return folio


# -- automatic styles ------------------------------------------------------------------------


class _Styles:
    """Automatic styles made once for each look they give, as Writer names them (P1, Ce2)."""

    def __init__(self, odt: OpenDocumentText) -> None:
        self.odt = odt
        self.made: dict[tuple, Style] = {}

    def _make(self, key: tuple, prefix: str, family: str, *properties, **attributes
              ) -> Style:
        if key not in self.made:
            made = Style(name=f"{prefix}{len(self.made) + 1}", family=family, **attributes)
            for element in properties:
                made.addElement(element)
            self.odt.automaticstyles.addElement(made)
            self.made[key] = made
        return self.made[key]

    def starting(self, parent: str, master: str) -> Style:
        """A paragraph style that starts a page of `master`."""
        return self._make(("start", parent, master), "P", "paragraph",
                          parentstylename=parent, masterpagename=master)

    def spaced(self, parent: str, above: float) -> Style:
        """A paragraph kept off the table above it."""
        return self._make(("spaced", parent, above), "P", "paragraph",
                          ParagraphProperties(margintop=f"{above}pt"), parentstylename=parent)

    def cell_text(self, align: str, size: float, bold: bool, colour: str, indent: bool
                  ) -> Style:
        paragraph = ParagraphProperties(textalign=align, marginleft="8pt" if indent else "0pt")
        return self._make(("cell text", align, size, bold, colour, indent), "P", "paragraph",
                          paragraph, _text_properties(size, bold, colour=colour),
                          parentstylename="Table_20_Contents")

    def cell(self, borders: office.Borders, fill: str, padding: float, bottom: bool) -> Style:
        sides = {f"border{side}": _rule(getattr(borders, side))
                 for side in ("top", "bottom", "left", "right")}
        properties = TableCellProperties(
            paddingtop=f"{padding / 2}pt", paddingbottom=f"{padding / 2}pt",
            paddingleft=f"{padding}pt", paddingright=f"{padding}pt",
            verticalalign="bottom" if bottom else "top",
            backgroundcolor=f"#{fill}" if fill else "transparent", **sides)
        return self._make(("cell", borders, fill, padding, bottom), "Ce", "table-cell",
                          properties)

    def table(self, width: float, master: str | None) -> Style:
        properties = TableProperties(width=f"{width:.2f}mm", align="left",
                                     bordermodel="collapsing", marginbottom="0mm")
        extra = {"masterpagename": master} if master else {}
        return self._make(("table", round(width, 2), master), "Table", "table", properties,
                          **extra)

    def column(self, width: float) -> Style:
        return self._make(("column", round(width, 2)), "Co", "table-column",
                          TableColumnProperties(columnwidth=f"{width:.2f}mm"))


def _rule(rule: office.Rule | None) -> str:
    return f"{rule[0]}pt solid #{rule[1]}" if rule else "none"


# -- pages and blocks ------------------------------------------------------------------------


class _Writer:
    """Appends pages to the text: the master page owed to the next paragraph or table, and
    whether the last thing written was a table."""

    def __init__(self, odt: OpenDocumentText, style: ReportStyle, headings: bool) -> None:
        self.odt, self.style, self.headings = odt, style, headings
        self.styles = _Styles(odt)
        self.master: str | None = None
        self.landscape = False
        self.after_table = False
        self.tables = 0

    def page(self, page: Page, master: str) -> None:
        self.master, self.landscape, self.after_table = master, page.landscape, False
        for block in page.blocks:
            if isinstance(block, Text):
                self.text(block)
            else:
                self.table(block)

    def paragraph(self, text: str, style_name: str, level: int = 0) -> None:
        style = self._style_for(style_name)
        element = H(outlinelevel=level, stylename=style) if level else P(stylename=style)
        teletype.addTextToElement(element, text)  # "\n" a line break, runs of spaces kept
        self.odt.text.addElement(element)

    def _style_for(self, name: str) -> Style | str:
        above = PARAGRAPHS[name][5]
        if self.master:
            style = self.styles.starting(name, self.master)
            self.master = None
        elif self.after_table and above < 6:
            style = self.styles.spaced(name, 6)
        else:
            style = name
        self.after_table = False
        return style

    def text(self, block: Text) -> None:
        # without headings, a heading is a paragraph that only looks like one
        level = LEVELS.get(block.kind, 0) if self.headings else 0
        self.paragraph(block.text, TEXT_STYLES[block.kind], level)

    def table(self, table: Table) -> None:
        if table.caption:
            self.paragraph(table.caption, "Table_20_caption")
        if table.title:
            if table.heading_title:
                self.paragraph(table.title, "Heading_20_3", 3 if self.headings else 0)
            else:
                self.paragraph(table.title, "Table_20_title")
        if table.unit_line:
            self.paragraph(table.unit_line, "Unit")
        width = office.geometry(self.landscape).text_width
        layout = office.table_layout(table, self.style.table, self.style.font, width)
        self.tables += 1
        self.odt.text.addElement(self._odf_table(table, layout))
        self.after_table = True
        if table.note:
            self.paragraph(table.note, "Table_20_note")

    def _odf_table(self, table: Table, layout: office.TableLayout) -> OdfTable:
        style = self.styles.table(sum(layout.widths), self.master)
        self.master = None
        element = OdfTable(name=f"Tabell{self.tables}", stylename=style)
        for width in layout.widths:
            element.addElement(TableColumn(stylename=self.styles.column(width)))
        if table.header:
            head = TableHeaderRows()
            for row in _header_rows(self.styles, table, self.style.table, layout):
                head.addElement(row)
            element.addElement(head)
        for n, row in enumerate(table.rows):
            element.addElement(_body_row(self.styles, row, n, self.style.table, layout))
        return element


# -- tables ----------------------------------------------------------------------------------


def _header_rows(styles: _Styles, table: Table, style: TableStyle,
                 layout: office.TableLayout) -> list[TableRow]:
    """The header rows: the label header standing over all of them, each header cell
    spanning its columns and rows, and a covered cell in every slot a span takes."""
    n_head = len(table.header)
    slots: list[list[TableCell | CoveredTableCell | None]] = [
        [None] * (table.n_columns + 1) for _ in range(n_head)]
    slots[0][0] = _header_cell(styles, table.label_header, 1, n_head, n_head, "start",
                               style, layout)
    for placed in office.placed_header(table.header):
        cell = placed.cell
        align = "center" if cell.span > 1 else "end"
        slots[placed.row][placed.column + 1] = _header_cell(
            styles, cell.text, cell.span, cell.rows, n_head - placed.row, align, style, layout)
    rows = []
    for row_slots in slots:
        row = TableRow()
        for slot in row_slots:
            row.addElement(slot if slot is not None else CoveredTableCell())
        rows.append(row)
    return rows


def _header_cell(styles: _Styles, text: str, span: int, rows: int, rows_left: int,
                 align: str, style: TableStyle, layout: office.TableLayout) -> TableCell:
    borders = office.header_borders(style, last_row=rows == rows_left)
    spans = {}
    if span > 1:
        spans["numbercolumnsspanned"] = span
    if rows > 1:
        spans["numberrowsspanned"] = rows
    cell = TableCell(stylename=styles.cell(borders, office.header_fill(style), layout.padding,
                                           bottom=True), **spans)
    cell.addElement(_cell_paragraph(styles, text, align, layout.font_size, style.header_bold,
                                    office.header_text_colour(style)))
    return cell


def _body_row(styles: _Styles, row: Row, n: int, style: TableStyle,
              layout: office.TableLayout) -> TableRow:
    look = styles.cell(office.body_borders(style, row), office.body_fill(style, n),
                       layout.padding, bottom=False)
    element = TableRow()
    label = TableCell(stylename=look)
    label.addElement(_cell_paragraph(styles, row.label, "start", layout.font_size,
                                     office.label_bold(row), indent=row.indent))
    element.addElement(label)
    for value in row.cells:
        cell = TableCell(stylename=look)
        cell.addElement(_cell_paragraph(styles, value.text, "end", layout.font_size,
                                        office.value_bold(row)))
        element.addElement(cell)
    return element


def _cell_paragraph(styles: _Styles, text: str, align: str, size: float, bold: bool,
                    colour: str = "000000", indent: bool = False) -> P:
    paragraph = P(stylename=styles.cell_text(align, size, bold, colour, indent))
    teletype.addTextToElement(paragraph, text)
    return paragraph
