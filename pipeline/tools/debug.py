"""Draw what the pipeline found on a page over an image of it, as pdfplumber's debugger does.

Tables are outlined in blue, their columns shaded green, rows in grey, and every value cell that
became an observation in red with its column number. Rendering uses pypdfium2 only.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from pipeline.core.records import BBox
from pipeline.read.pdf import DocumentError
from pipeline.read.render import render_page
from pipeline.run.api import extract_document


def draw_page(path: Path, page: int, out: Path, scale: float = 2.0) -> int:
    """Write a PNG of `page` with the tables found on it drawn over. Returns the table count.
    A page too large for `scale` (200 x 200 inches) is drawn smaller (pipeline.read.render)."""
    result = extract_document(path, path.parent)
    if not result.readable:  # the command says why, as for any file it cannot read
        raise DocumentError(next((p.message for p in result.problems if p.stage == "read"),
                                 f"{path.name} cannot be read"))
    if result.pages and not 1 <= page <= result.pages:
        raise IndexError(f"--page {page} is outside 1..{result.pages} of {path.name}")
    rendered, scale = render_page(path, page, scale)
    image = rendered.convert("RGBA")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(overlay)

    def box(b: BBox) -> tuple[float, float, float, float]:
        return (b.x0 * scale, b.top * scale, b.x1 * scale, b.bottom * scale)

    tables = [t for t in result.tables if page in t.pages]
    for table in tables:
        rows = [r for r in table.rows if r.page == page]
        if not rows:
            continue
        top = min(r.bbox.top for r in rows)
        bottom = max(r.bbox.bottom for r in rows)
        for column in table.columns:
            pen.rectangle(box(BBox(column.bbox.x0, top, column.bbox.x1, bottom)),
                          fill=(40, 170, 60, 40))
        for row in rows:
            pen.rectangle(box(row.bbox), outline=(120, 120, 120, 200), width=1)
            for cell in row.cells:
                pen.rectangle(box(cell.bbox), outline=(220, 30, 30, 255), width=2)
                pen.text((cell.bbox.x0 * scale, cell.bbox.bottom * scale), str(cell.column),
                         fill=(220, 30, 30, 255))
        outline = BBox(table.bbox.x0, min(top, table.bbox.top if table.page == page else top),
                       table.bbox.x1, bottom)
        pen.rectangle(box(outline), outline=(30, 80, 220, 255), width=3)
        pen.text((outline.x0 * scale, outline.top * scale - 12),
                 f"{table.table_id} [{table.method}] {table.title}", fill=(30, 80, 220, 255))
    Image.alpha_composite(image, overlay).convert("RGB").save(out)
    return len(tables)
