"""A document as a spreadsheet, printed by LibreOffice Calc: the way offices print report
tables from Excel. Each document page is a worksheet of its own, set to fit one printed page;
headings and paragraphs are text rows merged over the table's width, each table is cells
(label column, value columns, merged header cells), and every value is a text cell holding
exactly the document's text, so Calc formats no numbers.

A page is first laid out as a `SheetPlan` (cells with their looks, column widths, row
heights: Calc sizes no rows when it opens a file, so the plan measures each wrapped text);
`lo_xlsx` writes the plans with openpyxl, `lo_ods` with odfpy. The two differ the way two
offices' templates do: the xlsx sizes value columns from the label share, sets everything in
the style's font and prints Calc's grid on some unruled tables; the ods sizes value columns
to their contents, pads its cells, sets the prose in Liberation Sans and never prints a grid.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus import fonts
from corpus.document import Document, Page, Row, Table, Text
from corpus.grid import Placed, header_places
from corpus.producers import soffice_convert
from corpus.style import Style, TableStyle

# Text rows: (font size, bold, italic) per kind of block.
TEXT_FONTS = {"title": (22.0, True, False), "subtitle": (13.0, False, False),
              "h1": (15.0, True, False), "h2": (12.0, True, False), "h3": (10.5, True, False),
              "p": (10.0, False, False), "small": (8.5, False, False),
              "caption": (10.0, False, True), "table_title": (10.0, True, False),
              "unit": (8.5, False, False), "note": (7.5, False, False)}
DARK_FILL = "#1f4e79"
ZEBRA_FILL = "#f0f0f0"
# Characters that LibreOffice's PDF export writes as plain spaces in these families (Carlito
# shares its space glyph with U+00A0, Caladea has no thin spaces; found by printing each), and
# the family such a text is set in instead so that the text layer keeps its character.
LO_SPACES = {"Carlito": ("\u00a0", "Liberation Sans"),
             "Caladea": ("\u202f\u2009", "Liberation Serif")}
LEADING = 1.25  # a wrapped line's height per point of font size
CELL_MARGIN = 7.0  # points of a column's width that Calc keeps free of text
SLACK = 2.0  # points a column is given beyond its widest text, for Calc's own rounding


@dataclass(frozen=True)
class Look:
    """How a cell prints; border sides are "", "thin" or "medium"."""

    size: float
    family: str
    bold: bool = False
    italic: bool = False
    colour: str = "#000000"
    fill: str = ""
    align: str = "left"
    valign: str = "top"
    wrap: bool = True
    indent: bool = False
    top: str = ""
    bottom: str = ""
    left: str = ""
    right: str = ""
    padding: float = 0.0  # points left and right of the text (half that above and below)


@dataclass(frozen=True)
class SheetCell:
    row: int  # 0-based
    column: int
    text: str
    look: Look
    span: int = 1
    rows: int = 1


@dataclass(frozen=True)
class Template:
    """What one office's sheets look like."""

    name: str
    width: Callable[[bool], float]  # points of columns per sheet, by landscape
    value_widths: Callable[[list[Table], Style, float, int], float]
    text_family: Callable[[Style], str]
    padded: bool  # cells have padding of their own (else the row height carries it)
    body_valign: str


@dataclass
class SheetPlan:
    widths: list[float]  # points per column, the label column first
    cells: list[SheetCell] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)
    n_rows: int = 0

    @property
    def n_columns(self) -> int:
        return len(self.widths)


# -- layout ----------------------------------------------------------------------------------


def plan_page(page: Page, style: Style, template: Template) -> SheetPlan:
    tables = [b for b in page.blocks if isinstance(b, Table)]
    n_values = max([4, *(t.n_columns for t in tables)])
    total = template.width(page.landscape)
    share = tables[0].label_share if tables else 0.4
    value = template.value_widths(tables, style, total * (1 - share), n_values)
    # the label column takes its share, or what narrow value columns leave of the width
    plan = SheetPlan([max(total * share, total - value * n_values)] + [value] * n_values)
    for block in page.blocks:
        if isinstance(block, Text):
            if block.kind in ("h1", "h2", "h3") and plan.n_rows:
                plan.n_rows += 1  # an empty row before a heading, as offices space them
            text_row(plan, block.kind, block.text, template.text_family(style))
        else:
            table_rows(plan, block, style, template)
    return plan


def text_row(plan: SheetPlan, kind: str, text: str, family: str) -> None:
    """A line of text in the first column, merged over the sheet's width so that it wraps."""
    size, bold, italic = TEXT_FONTS[kind]
    look = Look(size, family, bold, italic)
    room = sum(plan.widths) - CELL_MARGIN
    plan.cells.append(sheet_cell(plan.n_rows, 0, text, look, span=plan.n_columns))
    plan.heights[plan.n_rows] = height(text, room, look)
    plan.n_rows += 1


def sheet_cell(row: int, column: int, text: str, look: Look, span: int = 1,
               rows: int = 1) -> SheetCell:
    return SheetCell(row, column, text, replace(look, family=lo_family(text, look.family)),
                     span, rows)


def lo_family(text: str, family: str) -> str:
    spaces, instead = LO_SPACES.get(family, ("", family))
    return instead if any(ch in text for ch in spaces) else family


def height(text: str, room: float, look: Look, padding: float = 0.0) -> float:
    family = lo_family(text, look.family)
    lines = fonts.line_count(text, room, family, look.size, look.bold) if look.wrap \
        else text.count("\n") + 1
    return lines * look.size * LEADING + 2.0 + padding


def table_rows(plan: SheetPlan, table: Table, style: Style, template: Template) -> None:
    family = template.text_family(style)
    for kind, text in (("caption", table.caption), ("table_title", table.title),
                       ("unit", table.unit_line)):
        if text:
            text_row(plan, kind, text, family)
    header_rows(plan, table, style, template)
    for n, row in enumerate(table.rows):
        body_row(plan, row, n, style, template)
    if table.note:
        text_row(plan, "note", table.note, family)
    plan.n_rows += 1


def header_rows(plan: SheetPlan, table: Table, style: Style, template: Template) -> None:
    places = header_places(table)
    first, n = plan.n_rows, len(table.header)
    for place in places:
        look = header_look(style, template, place, last=place.row + place.rows == n)
        plan.cells.append(sheet_cell(first + place.row, place.column, place.text, look,
                                    place.span, place.rows))
    padding = style.table.padding
    heights = [style.table.font_size * LEADING + 2.0 + padding] * n
    for place in sorted(places, key=lambda p: p.rows):
        look = header_look(style, template, place, last=False)
        room = sum(plan.widths[place.column:place.column + place.span]) - room_lost(look)
        need = height(place.text, room, look, padding)
        below = range(place.row, place.row + place.rows)
        short = need - sum(heights[r] for r in below)
        if short > 0:  # a cell over several rows: the last of them grows
            heights[below[-1]] += short
    for r, h in enumerate(heights):
        plan.heights[first + r] = h
    plan.n_rows += n


def header_look(style: Style, template: Template, place: Placed, last: bool) -> Look:
    t = style.table
    dark = t.header_fill == DARK_FILL  # white on dark blue, and bold to read on it
    look = Look(t.font_size, style.font, bold=t.header_bold or dark,
                colour="#ffffff" if dark else "#000000", fill=t.header_fill,
                align="left" if place.column == 0 else ("center" if place.span > 1 else "right"),
                valign="bottom",
                padding=t.padding if template.padded else 0.0)
    return ruled(look, t, last_header=last)


def room_lost(look: Look) -> float:
    """The points of a cell's width that its text cannot use."""
    return CELL_MARGIN + 2 * look.padding + (10.0 if look.indent else 0.0)


def body_row(plan: SheetPlan, row: Row, index: int, style: Style, template: Template) -> None:
    t = style.table
    look = Look(t.font_size, style.font, bold=row.role in ("category", "subtotal", "total"),
                fill=ZEBRA_FILL if t.zebra and index % 2 == 1 else "",
                valign=template.body_valign, padding=t.padding if template.padded else 0.0)
    look = ruled(look, t, total=row.role in ("subtotal", "total"))
    r = plan.n_rows
    label = replace(look, indent=row.indent)
    plan.cells.append(sheet_cell(r, 0, row.label, label))
    values = replace(look, align="right", wrap=False)
    plan.cells += [sheet_cell(r, n, cell.text, values)
                   for n, cell in enumerate(row.cells, start=1)]
    room = plan.widths[0] - room_lost(label)
    plan.heights[r] = height(row.label, room, label, t.padding)
    plan.n_rows += 1


def ruled(look: Look, style: TableStyle, *, last_header: bool = False,
          total: bool = False) -> Look:
    """The borders of a table cell: every side in a grid, a line under each row with
    horizontal rules, a heavier one under the header, a line over sums."""
    if style.rules == "grid":
        return replace(look, top="thin", bottom="thin", left="thin", right="thin")
    top = "thin" if total and style.rules != "none" else ""
    if last_header and style.rules in ("horizontal", "header"):
        return replace(look, top=top, bottom="medium")
    return replace(look, top=top, bottom="thin" if style.rules == "horizontal" else "")


def gridlines(doc: Document, style: Style) -> bool:
    """Calc's own grid as the only ruling: for half the unruled documents, by name."""
    return style.table.rules == "none" and zlib.crc32(doc.name.encode()) % 2 == 0


def shared_widths(tables: list[Table], style: Style, room: float, n_values: int) -> float:
    """The value columns share what the label leaves, each at least as wide as its longest
    value or header word (the sheet grows and its print scale shrinks: Calc would break a
    word inside or cut a value at the column's edge)."""
    texts = [word for t in tables for row in t.header for c in row if c.span == 1
             for word in c.text.split()]
    return max(room / n_values, widest(tables, style, texts) + CELL_MARGIN + SLACK)


def content_widths(tables: list[Table], style: Style, room: float, n_values: int) -> float:
    """Value columns as wide as their longest value or header line, and never narrower
    than a short year header."""
    texts = [line for t in tables for row in t.header for c in row if c.span == 1
             for line in c.text.split("\n")]
    size = style.table.font_size
    return max(widest(tables, style, texts) + CELL_MARGIN + SLACK + 2 * style.table.padding,
               size * 5.0)


def widest(tables: list[Table], style: Style, header_texts: list[str]) -> float:
    """The widest of the tables' values and the given header texts, set in bold."""
    texts = [c.text for t in tables for r in t.rows for c in r.cells] + header_texts
    return max((fonts.width(text, lo_family(text, style.font), style.table.font_size,
                            bold=True) for text in texts), default=0.0)


XLSX = Template("xlsx", lambda landscape: 770.0 if landscape else 515.0, shared_widths,
                lambda style: style.font, padded=False, body_valign="bottom")
ODS = Template("ods", lambda landscape: 700.0 if landscape else 480.0, content_widths,
               lambda style: "Liberation Sans", padded=True, body_valign="top")


# -- xlsx ------------------------------------------------------------------------------------

POINTS_PER_CHAR = 5.55  # Calc's width of one Excel column unit (the default font's digit)
BORDER_COLOURS = {"thin": "444444", "medium": "000000"}


def lo_xlsx(doc: Document, style: Style, work: Path) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for number, page in enumerate(doc.pages, start=1):
        sheet = book.create_sheet(f"Sida {number}")
        write_xlsx_sheet(sheet, plan_page(page, style, XLSX))
        xlsx_print_setup(sheet, doc, style, page, number)
    source = work / f"{doc.name}.xlsx"
    book.save(source)
    return soffice_convert(source, work)


def write_xlsx_sheet(sheet, plan: SheetPlan) -> None:
    from openpyxl.utils import get_column_letter

    for n, width in enumerate(plan.widths, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width / POINTS_PER_CHAR
    for row, points in plan.heights.items():
        sheet.row_dimensions[row + 1].height = round(points, 1)
    for cell in plan.cells:
        target = sheet.cell(cell.row + 1, cell.column + 1)
        target.value = cell.text
        target.data_type = "s"  # a value like "=1" stays text too
        target.number_format = "@"
        xlsx_look(target, cell.look)
        if cell.span > 1 or cell.rows > 1:
            sheet.merge_cells(start_row=cell.row + 1, start_column=cell.column + 1,
                              end_row=cell.row + cell.rows, end_column=cell.column + cell.span)


def xlsx_look(target, look: Look) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    def side(kind: str) -> Side:
        return Side(kind, BORDER_COLOURS[kind]) if kind else Side()

    target.font = Font(name=look.family, size=look.size, bold=look.bold, italic=look.italic,
                       color=look.colour.lstrip("#").upper())
    target.alignment = Alignment(horizontal=look.align, vertical=look.valign,
                                 wrap_text=look.wrap, indent=1 if look.indent else 0)
    target.border = Border(left=side(look.left), right=side(look.right), top=side(look.top),
                           bottom=side(look.bottom))
    if look.fill:
        rgb = look.fill.lstrip("#").upper()
        target.fill = PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def xlsx_print_setup(sheet, doc: Document, style: Style, page: Page, number: int) -> None:
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if page.landscape else "portrait"
    setup.fitToWidth = setup.fitToHeight = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.headings = False  # no A, B, C or 1, 2, 3 beside the table
    sheet.print_options.gridLines = gridlines(doc, style)
    if number > 1:
        sheet.oddHeader.center.text = doc.running_header.replace("&", "&&")
        sheet.oddHeader.center.size = 8
        sheet.oddFooter.right.text = "&P (&N)"
        sheet.oddFooter.right.size = 8


# -- ods -------------------------------------------------------------------------------------

ODS_BORDERS = {"thin": "0.5pt solid #444444", "medium": "1.2pt solid #000000"}
PAPER = {False: ("21cm", "29.7cm"), True: ("29.7cm", "21cm")}


def lo_ods(doc: Document, style: Style, work: Path) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet

    book = OpenDocumentSpreadsheet()
    styles = OdsStyles(book, doc)
    for number, page in enumerate(doc.pages, start=1):
        plan = plan_page(page, style, ODS)
        master = styles.master(page.landscape, running=number > 1)
        book.spreadsheet.addElement(ods_table(plan, f"Sida {number}", master, styles))
    source = work / f"{doc.name}.ods"
    book.save(str(source))
    return soffice_convert(source, work)


def ods_table(plan: SheetPlan, name: str, table_style: str, styles: OdsStyles):
    from odf.table import CoveredTableCell, Table, TableColumn, TableRow

    table = Table(name=name, stylename=table_style)
    for width in plan.widths:
        table.addElement(TableColumn(stylename=styles.column(width)))
    placed = {(c.row, c.column): c for c in plan.cells}
    hidden = {(c.row + dr, c.column + dc) for c in plan.cells
              for dr in range(c.rows) for dc in range(c.span) if dr or dc}
    for r in range(plan.n_rows):
        row = TableRow(stylename=styles.row(plan.heights.get(r)))
        for c in range(plan.n_columns):
            if (r, c) in placed:
                row.addElement(ods_cell(placed[(r, c)], styles))
            elif (r, c) in hidden:
                row.addElement(CoveredTableCell())
            else:
                row.addElement(ods_empty())
        table.addElement(row)
    return table


def ods_cell(cell: SheetCell, styles: OdsStyles):
    from odf import teletype
    from odf.table import TableCell
    from odf.text import P

    spans = {}
    if cell.span > 1:
        spans["numbercolumnsspanned"] = cell.span
    if cell.rows > 1:
        spans["numberrowsspanned"] = cell.rows
    target = TableCell(valuetype="string", stylename=styles.cell(cell.look), **spans)
    for line in cell.text.split("\n") if cell.text else []:
        paragraph = P()
        teletype.addTextToElement(paragraph, line)
        target.addElement(paragraph)
    return target


def ods_empty():
    from odf.table import TableCell

    return TableCell()


class OdsStyles:
    """The automatic styles of one spreadsheet, made once per distinct look."""

    def __init__(self, book, doc: Document) -> None:
        self.book, self.doc = book, doc
        self.made: dict[object, str] = {}
        self.families: set[str] = set()

    def _add(self, key: object, build: Callable[[str], object]) -> str:
        if key not in self.made:
            name = f"s{len(self.made) + 1}"
            self.book.automaticstyles.addElement(build(name))
            self.made[key] = name
        return self.made[key]

    def column(self, width: float) -> str:
        from odf.style import Style as OdfStyle
        from odf.style import TableColumnProperties

        def build(name: str):
            style = OdfStyle(name=name, family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width:.1f}pt"))
            return style
        return self._add(("column", round(width, 1)), build)

    def row(self, height: float | None) -> str:
        from odf.style import Style as OdfStyle
        from odf.style import TableRowProperties

        def build(name: str):
            style = OdfStyle(name=name, family="table-row")
            style.addElement(TableRowProperties(rowheight=f"{height or 13.0:.1f}pt",
                                                useoptimalrowheight="false"))
            return style
        return self._add(("row", round(height or 13.0, 1)), build)

    def font(self, family: str) -> str:
        from odf.style import FontFace

        if family not in self.families:
            self.families.add(family)
            self.book.fontfacedecls.addElement(FontFace(
                name=family, fontfamily=f"'{family}'", fontpitch="variable",
                fontfamilygeneric="roman" if "Serif" in family or family == "Caladea"
                else "swiss"))
        return family

    def cell(self, look: Look) -> str:
        from odf.style import ParagraphProperties, TableCellProperties, TextProperties
        from odf.style import Style as OdfStyle

        family = self.font(look.family)

        def build(name: str):
            style = OdfStyle(name=name, family="table-cell")
            box = {f"border{side}": ODS_BORDERS[kind]
                   for side, kind in (("top", look.top), ("bottom", look.bottom),
                                      ("left", look.left), ("right", look.right)) if kind}
            if look.fill:
                box["backgroundcolor"] = look.fill
            style.addElement(TableCellProperties(
                wrapoption="wrap" if look.wrap else "no-wrap", textalignsource="fix",
                verticalalign={"bottom": "bottom", "top": "top"}[look.valign],
                paddingtop=f"{look.padding / 2:.1f}pt", paddingbottom=f"{look.padding / 2:.1f}pt",
                paddingleft=f"{look.padding:.1f}pt", paddingright=f"{look.padding:.1f}pt",
                **box))
            style.addElement(ParagraphProperties(
                textalign="end" if look.align == "right" else "start",
                marginleft="9pt" if look.indent else "0pt"))
            style.addElement(TextProperties(
                fontname=family, fontsize=f"{look.size}pt", color=look.colour,
                fontweight="bold" if look.bold else "normal",
                fontstyle="italic" if look.italic else "normal"))
            return style
        return self._add(("cell", look), build)

    def master(self, landscape: bool, running: bool) -> str:
        """A table style naming the master page: paper, orientation, one page per sheet,
        no grid or headings, and the running header and page mark on every page but the
        first."""
        from odf.style import Style as OdfStyle
        from odf.style import TableProperties

        page = self._master_page(landscape, running)

        def build(name: str):
            style = OdfStyle(name=name, family="table", masterpagename=page)
            style.addElement(TableProperties(display="true", writingmode="lr-tb"))
            return style
        return self._add(("table", page), build)

    def _master_page(self, landscape: bool, running: bool) -> str:
        from odf.style import (
            FooterStyle,
            HeaderFooterProperties,
            HeaderStyle,
            MasterPage,
            PageLayout,
            PageLayoutProperties,
        )

        name = f"{'Liggande' if landscape else 'Staende'}{'' if running else 'Forsta'}"
        if ("master", name) in self.made:
            return name
        layout = PageLayout(name=f"pl-{name}")
        width, height = PAPER[landscape]
        layout.addElement(PageLayoutProperties(
            pagewidth=width, pageheight=height,
            printorientation="landscape" if landscape else "portrait",
            margintop="1.5cm", marginbottom="1.5cm", marginleft="2cm", marginright="2cm",
            scaletopages="1", print="objects charts drawings zero-values",
            firstpagenumber="continue"))
        for kind in (HeaderStyle, FooterStyle):
            part = kind()
            part.addElement(HeaderFooterProperties(minheight="0.6cm", marginbottom="0.3cm",
                                                   margintop="0.3cm"))
            layout.addElement(part)
        self.book.automaticstyles.addElement(layout)
        master = MasterPage(name=name, pagelayoutname=layout)
        if running:  # the first page has neither
            master.addElement(self._header())
            master.addElement(self._footer())
        self.book.masterstyles.addElement(master)
        self.made[("master", name)] = name
        return name

    def _header(self):
        from odf.style import Header, RegionCenter
        from odf.text import P

        header, centre = Header(), RegionCenter()
        centre.addElement(P(text=self.doc.running_header))
        header.addElement(centre)
        return header

    def _footer(self):
        from odf.style import Footer, RegionRight
        from odf.text import P, PageCount, PageNumber

        footer, right, mark = Footer(), RegionRight(), P()
        mark.addElement(PageNumber(text="1"))
        mark.addText(" (")
        mark.addElement(PageCount(text="1"))
        mark.addText(")")
        right.addElement(mark)
        footer.addElement(right)
        return footer
