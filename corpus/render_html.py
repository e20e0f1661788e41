"""A document as HTML and CSS, for the producers that print HTML: Chromium, WeasyPrint and
LibreOffice Writer. Every page of the document is a section that ends in a page break."""

from __future__ import annotations

import html

from corpus.document import Document, HeaderCell, Page, Row, Table, Text
from corpus.style import Style, TableStyle

TAGS = {"title": "h1", "subtitle": "p", "h1": "h1", "h2": "h2", "h3": "h3", "p": "p",
        "small": "p"}


def document_html(doc: Document, style: Style, *, folios: bool = True,
                  running: bool = True, break_paragraphs: bool = False) -> str:
    """The whole document. `break_paragraphs`: each page after the first starts with an
    empty paragraph that breaks the page (LibreOffice's HTML import ignores a section's
    break-after)."""
    pages = [page_html(page, n, len(doc.pages), doc, style, folios, running)
             for n, page in enumerate(doc.pages, start=1)]
    if break_paragraphs:
        pages = [pages[0], *(f"<p style='page-break-before: always; margin: 0'></p>{p}"
                             for p in pages[1:])]
    return (f"<!doctype html>\n<html lang='sv'><head><meta charset='utf-8'>"
            f"<title>{html.escape(doc.title)}</title><style>{css(style)}</style></head>"
            f"<body>{''.join(pages)}</body></html>\n")


def css(style: Style) -> str:
    t = style.table
    rule = "0.6pt solid #444"
    cells = {"grid": f"border: {rule};", "horizontal": f"border-bottom: {rule};",
             "header": "", "none": ""}[t.rules]
    head_rule = "border-bottom: 1.2pt solid #000;" if t.rules in ("header", "horizontal") \
        else ""
    ink = "#fff" if t.header_fill == "#1f4e79" else "#000"
    fill = f"background: {t.header_fill}; color: {ink};" if t.header_fill else ""
    total_rule = "border-top: 0.8pt solid #000;" if t.rules != "none" else ""
    zebra = "tbody tr:nth-child(even) td { background: #f0f0f0; }" if t.zebra else ""
    return f"""
@page {{ size: A4; margin: 18mm 16mm 20mm 18mm; }}
@page landscape {{ size: A4 landscape; margin: 16mm 18mm; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: '{style.font}', sans-serif; font-size: 10pt; line-height: 1.3; }}
section {{ break-after: page; page-break-after: always; position: relative; }}
section:last-child {{ break-after: auto; page-break-after: auto; }}
section.landscape {{ page: landscape; }}
section.two .flow {{ column-count: 2; column-gap: 9mm; }}
section.two .flow div.table.full {{ column-span: all; }}
div.table {{ break-inside: avoid; }}
.running {{ font-size: 7.5pt; color: #555; border-bottom: 0.4pt solid #999;
            margin-bottom: 8mm; }}
.folio {{ font-size: 8pt; color: #555; text-align: right; margin-top: 6mm; }}
h1 {{ font-size: 15pt; margin: 4mm 0 2mm; }} h2 {{ font-size: 12pt; margin: 4mm 0 2mm; }}
h3 {{ font-size: 10.5pt; margin: 3mm 0 1mm; }}
p {{ margin: 0 0 2.5mm; }}
p.subtitle {{ font-size: 13pt; }} h1.title {{ font-size: 24pt; margin-top: 50mm; }}
p.table-title {{ font-weight: bold; margin: 4mm 0 1mm; }}
p.caption {{ font-style: italic; margin: 3mm 0 1mm; }}
p.unit {{ font-size: 8.5pt; margin: 0 0 1mm; }}
p.note {{ font-size: 7.5pt; margin: 1mm 0 3mm; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; font-size: {t.font_size}pt;
         margin-bottom: 3mm; break-inside: avoid; }}
table.column {{ width: 100%; font-size: {min(t.font_size, 7.5)}pt; }}
th, td {{ padding: {t.padding * 0.5:.1f}pt {t.padding:.1f}pt; {cells} vertical-align: top; }}
th {{ font-weight: {'bold' if t.header_bold else 'normal'}; text-align: right;
      vertical-align: bottom; {fill} }}
th.label {{ text-align: left; }}
thead tr:last-child th {{ {head_rule} }}
td {{ text-align: right; white-space: nowrap; }}
td.label {{ text-align: left; white-space: normal; }}
tr.category td.label {{ font-weight: bold; }}
tr.total td, tr.subtotal td {{ font-weight: bold; {total_rule} }}
td.indent {{ padding-left: {t.padding + 8:.1f}pt; }}
{zebra}
"""


def page_html(page: Page, number: int, total: int, doc: Document, style: Style,
              folios: bool, running: bool) -> str:
    classes = " ".join(c for c in ("landscape" if page.landscape else "",
                                   "two" if page.columns == 2 else "") if c)
    head = (f"<div class='running'>{html.escape(doc.running_header)}</div>"
            if running and number > 1 else "")
    body = "".join(block_html(b, style) for b in page.blocks)
    foot = f"<div class='folio'>{number} ({total})</div>" if folios and number > 1 else ""
    return (f"<section class='{classes}'>{head}<div class='flow'>{body}</div>{foot}"
            "</section>")


def block_html(block: Text | Table, style: Style) -> str:
    if isinstance(block, Text):
        tag = TAGS[block.kind]
        return f"<{tag} class='{block.kind}'>{html.escape(block.text)}</{tag}>"
    return table_html(block, style.table)


def table_html(table: Table, style: TableStyle) -> str:
    parts = []
    if table.caption:
        parts.append(f"<p class='caption'>{html.escape(table.caption)}</p>")
    if table.title:
        parts.append(f"<p class='table-title'>{html.escape(table.title)}</p>")
    if table.unit_line:
        parts.append(f"<p class='unit'>{html.escape(table.unit_line)}</p>")
    share = table.label_share * 100
    value_share = (100 - share) / max(1, table.n_columns)
    cols = f"<col style='width:{share:.0f}%'>" + "".join(
        f"<col style='width:{value_share:.1f}%'>" for _ in range(table.n_columns))
    head = ""
    if table.header:
        rows = []
        for n, header_row in enumerate(table.header):
            label = (f"<th class='label' rowspan='{len(table.header)}'>"
                     f"{html.escape(table.label_header)}</th>" if n == 0 else "")
            rows.append(f"<tr>{label}{''.join(_header_cell(c) for c in header_row)}</tr>")
        head = f"<thead>{''.join(rows)}</thead>"
    body = "".join(_row(r) for r in table.rows)
    width = "column" if table.width == "column" else "full"
    parts.append(f"<table class='{width}'><colgroup>{cols}</colgroup>{head}"
                 f"<tbody>{body}</tbody></table>")
    if table.note:
        parts.append(f"<p class='note'>{html.escape(table.note)}</p>")
    # The title stays with its table, in one column or across both.
    return f"<div class='table {width}'>{''.join(parts)}</div>"


def _header_cell(cell: HeaderCell) -> str:
    text = "<br>".join(html.escape(line) for line in cell.text.split("\n"))
    # A header over several columns is centred over them, as offices set group headers.
    span = f" colspan='{cell.span}' style='text-align:center'" if cell.span > 1 else ""
    span += f" rowspan='{cell.rows}'" if cell.rows > 1 else ""
    return f"<th{span}>{text}</th>"


def _row(row: Row) -> str:
    # Alignment inline as well: LibreOffice's HTML import ignores class selectors.
    label_class = "label indent" if row.indent else "label"
    cells = "".join(f"<td style='text-align:right'>{html.escape(c.text)}</td>"
                    for c in row.cells)
    return (f"<tr class='{row.role}'><td class='{label_class}' style='text-align:left'>"
            f"{html.escape(row.label)}</td>{cells}</tr>")
