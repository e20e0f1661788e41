"""Swedish number typography, parsed in one place.

Reports exported from Word, Stratsys or InDesign print numbers as "‑15 233", "−267,4",
"85 %", "13,6%", "- 6 279", "-400*". This module turns such text into a value and says
what kind of cell it was, so that no other module ever splits or cleans number strings.
"(6014)" is text: Swedish reports do not bracket negatives, and a project number in
brackets must not become one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

MINUS_SIGNS = "-\u2010\u2011\u2012\u2013\u2212"  # any a printed number may start with
# A minus set tight to its digits in one word ("−4 700"), and the dash a label may end on
# before its value: a word that starts with one of these after a label is a value.
MINUS_BEFORE_DIGITS = "-\u2011\u2212"
VALUE_LEADS = MINUS_BEFORE_DIGITS + "\u2013"
LONE_MINUS = frozenset(MINUS_BEFORE_DIGITS)  # a minus standing apart from its digits
RANGE_DASHES = "\u2013-"  # "2019–2020", "18-24 år" (the hyphen last: literal in a [class])
LINE_BREAK_HYPHENS = ("-", "\u2010", "\u2013")  # "kostnads-" ending a line: the word goes on
# The years a report names (1950-2049), as a regular expression to build others with; a
# looser one (1900-2099) where any year-like number is to be told from a figure.
YEARS = r"(?:19[5-9]\d|20[0-4]\d)"
ANY_YEAR = r"(?:19|20)\d\d"
THOUSANDS_SEPARATORS = " \u00a0\u202f\u2009"
MISSING_MARKS = frozenset({"", "-", "\u2013", "\u2014", "\u2011", "\u2212", "..", "…", "x"})

_SEP = f"[{THOUSANDS_SEPARATORS}]"
_FOOTNOTE = r"(?:\*+|[¹²³])"  # "-400*", "1 513¹": a mark after the number, not part of it
_NUMBER = re.compile(
    rf"""^
    (?P<sign>[{MINUS_SIGNS}+])?\s?
    (?P<int>\d{{1,3}}(?:{_SEP}\d{{3}})+|\d+)
    (?:,(?P<frac>\d+))?
    {_SEP}?(?P<pct>%)?
    (?P<foot>{_FOOTNOTE})?
    $""",
    re.VERBOSE,
)

SCALE_TO_SEK = {"kr": 1.0, "tkr": 1e3, "mkr": 1e6, "mnkr": 1e6, "mdkr": 1e9, "mdr": 1e9}


class CellKind(StrEnum):
    NUMBER = "number"
    MISSING = "missing"
    TEXT = "text"


@dataclass(frozen=True)
class ParsedCell:
    """What a printed cell says: a number (with unit and footnote), a missing mark, or text."""

    raw_text: str
    kind: CellKind
    value: float | None = None
    unit: str = ""
    footnote: str = ""
    decimals: int = 0


def format_number(value: float, decimals: int | None = None) -> str:
    """A value written as a Swedish report prints it: "−1 633,7" (a true minus, no-break
    spaces between digit groups, a decimal comma). Without `decimals`, as many as the value
    needs, up to six."""
    if decimals is None:
        text = f"{abs(value):.6f}".rstrip("0").rstrip(".")
    else:
        text = f"{abs(value):.{max(decimals, 0)}f}"
    whole, _, frac = text.partition(".")
    groups = f"{int(whole):,}".replace(",", "\u00a0")
    sign = "\u2212" if value < 0 and float(text) != 0 else ""
    return f"{sign}{groups}{',' + frac if frac else ''}"


def normalise_spaces(text: str) -> str:
    """Collapse every kind of space to one ASCII space and trim."""
    for ch in THOUSANDS_SEPARATORS[1:]:
        text = text.replace(ch, " ")
    return " ".join(text.split())


# Each cell is asked about many times (value runs, columns, headers) and a page repeats its
# texts; the parse is pure and ParsedCell frozen, so one parse per distinct text is shared.
@lru_cache(maxsize=1 << 16)
def parse_cell(raw_text: str) -> ParsedCell:
    """Parse one printed table cell the way a Swedish reader would."""
    text = normalise_spaces(raw_text)
    if text in MISSING_MARKS:
        return ParsedCell(raw_text, CellKind.MISSING)
    match = _NUMBER.match(text)
    if match is None:
        return ParsedCell(raw_text, CellKind.TEXT)
    digits = re.sub(rf"{_SEP}", "", match["int"])
    frac = match["frac"] or ""
    value = float(f"{digits}.{frac}" if frac else digits)
    if match["sign"] and match["sign"] != "+":
        value = -value
    return ParsedCell(
        raw_text,
        CellKind.NUMBER,
        value=value,
        unit="%" if match["pct"] else "",
        footnote=match["foot"] or "",
        decimals=len(frac),
    )


# The pieces a number's word gaps cut it into: the same marks parse_cell reads, so that
# "−15" + "233¹" and "85" + "%*" join as "−15 233¹" and "85 %*" parse.
_DIGIT_GROUP = re.compile(rf"^\d{{3}}(?:,\d+)?%?{_FOOTNOTE}?$")
_LEADING_GROUP = re.compile(rf"^[{MINUS_SIGNS}+]?\d{{1,3}}$")
_MARKS_AFTER = re.compile(rf"^(?:%{_FOOTNOTE}?|\*+)$")


def continues_number(left: str, right: str) -> bool:
    """True when `right` is the next piece of the number that `left` began.

    Used when words separated by a narrow gap are joined into cells: "−15" + "233" is one
    number, "85" + "%" is one, a lone "−" + "6 279" is one, but "143" + "145" are two numbers
    in two columns (the caller only asks for gaps no wider than a space).
    """
    left = normalise_spaces(left)
    right = normalise_spaces(right)
    if _MARKS_AFTER.match(right):
        return bool(re.search(r"\d$", left))
    if len(left) == 1 and left in MINUS_SIGNS:
        return bool(re.match(r"^\d", right))
    last_group = left.rsplit(" ", 1)[-1]
    return bool(_LEADING_GROUP.match(last_group) or re.fullmatch(r"\d{3}", last_group)) and bool(
        _DIGIT_GROUP.match(right)
    )


def scale_to_sek(unit: str) -> float | None:
    """Factor from a printed money unit to kronor; None when the unit is not money."""
    return SCALE_TO_SEK.get(unit.lower().replace(".", "").strip())


def spaced(n: int) -> str:
    """1 000 000, as Swedish prints it: spaces between the thousands."""
    return f"{n:,}".replace(",", " ")
