"""Swedish number typography, one case per form seen in real reports."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.swedish import numbers
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


@pytest.mark.parametrize("chars", [numbers.MINUS_SIGNS, numbers.MINUS_BEFORE_DIGITS,
                                   numbers.VALUE_LEADS, numbers.RANGE_DASHES])
def test_typography_sets_are_safe_inside_a_character_class(chars):
    """The sets are pasted into [classes] of other patterns: a hyphen in the middle would make
    a range and match what the set does not hold."""
    pattern = re.compile(f"[{chars}]")
    assert {c for c in map(chr, range(32, 0x2300)) if pattern.fullmatch(c)} == set(chars)


def test_years_is_the_span_a_report_names():
    years = re.compile(numbers.YEARS)
    assert [y for y in range(1900, 2100) if years.fullmatch(str(y))] == list(range(1950, 2050))
    assert numbers.spaced(1234567) == "1 234 567"


def test_patterns_built_from_the_sets_match_only_their_dashes():
    from pipeline.meaning.labels import SHORT_YEAR_RANGE
    from pipeline.tables.cells import NUMBER_WORD, RANGE_HEAD, YEAR_OR_RANGE

    for joint in "-–/":
        assert YEAR_OR_RANGE.match(f"2019{joint}20") and SHORT_YEAR_RANGE.search(f"2019{joint}20")
    for joint in "a5.,—":
        assert not YEAR_OR_RANGE.match(f"2019{joint}20"), joint
        assert not SHORT_YEAR_RANGE.search(f"2019{joint}20"), joint
    assert [bool(RANGE_HEAD.match(s)) for s in ("18–24", "65-", "<25", "18a24", "65x")] == [
        True, True, True, False, False]
    assert [bool(NUMBER_WORD.match(s)) for s in ("−4", "-4", "\u20114", "–4", "a4")] == [
        True, True, True, False, False]


@pytest.mark.parametrize(("value", "decimals", "printed"), [
    (-1633.7, 1, "\u22121\u00a0633,7"),
    (5673.0, None, "5\u00a0673"),
    (74.3, None, "74,3"),
    (-0.04, 1, "0,0"),  # rounds to zero: no minus
    (1234567.891, 2, "1\u00a0234\u00a0567,89"),
    (112.0, None, "112"),
])
def test_format_number_writes_as_a_swedish_report_prints(value, decimals, printed):
    assert numbers.format_number(value, decimals) == printed


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
       st.integers(min_value=0, max_value=4))
def test_format_number_reads_back_as_its_value(value, decimals):
    printed = numbers.format_number(value, decimals)
    parsed = parse_cell(printed)
    assert parsed.kind is CellKind.NUMBER
    assert parsed.value == pytest.approx(float(f"{value:.{decimals}f}"), abs=10.0 ** -decimals / 2)
