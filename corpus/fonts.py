"""The style's font families as TrueType files: for reportlab to draw with, and for the
spreadsheet producers to measure how a label wraps (Calc sizes no rows on import, so the
producer sets each row's height itself).

Fonts are registered with samples.layout's KeepNbspTTFont, so that a no-break space prints
as U+00A0 and not as a plain space. A family without a glyph that a text needs (Carlito has
no U+2011, Caladea no thin spaces) gives way to DejaVu Sans for that text.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from samples.layout import FONT_DIR, KeepNbspTTFont, register_fonts

TRUETYPE = Path("/usr/share/fonts/truetype")
FALLBACK = "DejaVu Sans"
# family -> (regular, bold, italic, bold italic) files; None where the machine has none
FILES: dict[str, tuple[Path, ...]] = {
    "DejaVu Sans": (FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf",
                    TRUETYPE / "dejavu/DejaVuSans-Oblique.ttf",
                    TRUETYPE / "dejavu/DejaVuSans-BoldOblique.ttf"),
    **{family: tuple(TRUETYPE / folder / f"{stem}-{face}.ttf"
                     for face in ("Regular", "Bold", "Italic", "BoldItalic"))
       for family, folder, stem in (("Liberation Sans", "liberation2", "LiberationSans"),
                                    ("Liberation Serif", "liberation2", "LiberationSerif"),
                                    ("Carlito", "crosextra", "Carlito"),
                                    ("Caladea", "crosextra", "Caladea"))},
}


def available(family: str) -> bool:
    return family in FILES and FILES[family][0].exists()


@cache
def font_name(family: str, bold: bool = False, italic: bool = False) -> str:
    """The registered reportlab name of a face (registered on first use); a face the
    machine lacks is drawn upright or regular, a family it lacks in DejaVu Sans."""
    register_fonts()  # patches KeepNbspTTFont and registers the shipped DejaVu
    if not available(family):
        family = FALLBACK
    index = (1 if bold else 0) + (2 if italic else 0)
    path = FILES[family][index]
    if not path.exists():
        path, index = FILES[family][index & 1], index & 1
    name = f"{family.replace(' ', '')}-{index}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(KeepNbspTTFont(name, str(path)))
    return name


def covers(name: str, text: str) -> bool:
    glyphs = pdfmetrics.getFont(name).face.charToGlyph
    return all(ord(ch) in glyphs for ch in text if ch not in "\n")


def face_for(text: str, family: str, bold: bool = False, italic: bool = False) -> str:
    """The face to draw `text` in: the family's, or DejaVu's where the family lacks a glyph."""
    name = font_name(family, bold, italic)
    return name if covers(name, text) else font_name(FALLBACK, bold, italic)


def width(text: str, family: str, size: float, bold: bool = False) -> float:
    return float(pdfmetrics.stringWidth(text, face_for(text, family, bold), size))


def wrapped(text: str, room: float, family: str, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap as an office program does it: at spaces, a word longer than the room
    on a line of its own; "\\n" breaks the line."""
    lines: list[str] = []
    for part in text.split("\n"):
        line = ""
        for word in part.split(" "):
            trial = f"{line} {word}" if line else word
            if line and width(trial, family, size, bold) > room:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def line_count(text: str, room: float, family: str, size: float, bold: bool = False) -> int:
    """Lines of `text` wrapped in `room` points, a word too long for a line broken over as
    many as it needs."""
    return sum(max(1, math.ceil(width(line, family, size, bold) / room - 1e-6))
               for line in wrapped(text, room, family, size, bold))
