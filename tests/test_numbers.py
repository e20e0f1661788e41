"""Swedish number typography, one case per form seen in real reports."""

import pytest

from pipeline.swedish.numbers import CellKind, continues_number, parse_cell, scale_to_sek

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("text", "value", "unit", "footnote"),
    [
        ("4,3", 4.3, "", ""),
        ("-261 743", -261743.0, "", ""),
        (f"\u2212261{NBSP}743", -261743.0, "", ""),
        ("\u2011267,4", -267.4, "", ""),
        ("\u2013 1 774", -1774.0, "", ""),
        ("- 6 279", -6279.0, "", ""),
        (f"-71{NNBSP}296", -71296.0, "", ""),
        ("85 %", 85.0, "%", ""),
        (f"15,5{NBSP}%", 15.5, "%", ""),
        ("13,6%", 13.6, "%", ""),
        ("-400*", -400.0, "", "*"),
        ("+5,7", 5.7, "", ""),
        ("1 513,3", 1513.3, "", ""),
        ("0,00%", 0.0, "%", ""),
        ("2019", 2019.0, "", ""),
        ("1310", 1310.0, "", ""),
    ],
)
def test_numbers_parse_to_their_value(text, value, unit, footnote):
    parsed = parse_cell(text)
    assert parsed.kind is CellKind.NUMBER
    assert parsed.value == value
    assert parsed.unit == unit
    assert parsed.footnote == footnote
    assert parsed.raw_text == text


@pytest.mark.parametrize("text", ["-", "\u2013", "\u2212", "", "  ", ".."])
def test_missing_marks_are_missing(text):
    assert parse_cell(text).kind is CellKind.MISSING
    assert parse_cell(text).value is None


@pytest.mark.parametrize(
    "text", ["Stängt", "Ej aktuellt", "ung 116 000", "(6014)", "2024/2025", "1 2345", "12,3,4"]
)
def test_words_stay_text(text):
    parsed = parse_cell(text)
    assert parsed.kind is CellKind.TEXT
    assert parsed.value is None


def test_decimals_are_counted_for_precision():
    assert parse_cell("23,30").decimals == 2
    assert parse_cell("-15 233").decimals == 0


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("\u221215", "233", True),
        ("-15 233", "400", True),
        ("85", "%", True),
        ("-", "6 279", True),
        ("143", "1 450", False),
        ("4,3", "4,4", False),
        ("1 000", "50", False),
        ("Avux", "4", False),
    ],
)
def test_continues_number_follows_digit_grouping(left, right, joined):
    assert continues_number(left, right) is joined


def test_money_units_scale_to_kronor():
    assert scale_to_sek("tkr") == 1e3
    assert scale_to_sek("mnkr") == 1e6
    assert scale_to_sek("Mkr") == 1e6
    assert scale_to_sek("kr") == 1.0
    assert scale_to_sek("årsplatser") is None
