"""Properties of the text stages, for any input: the number parser, column headers and row
roles, and the measure key. Each test says what must hold; the examples are Hypothesis's
(derandomized, so CI tests the same ones every run)."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import NASTY_LABELS, examples, labels, printed_numbers, swedish

from pipeline.core.records import BBox, Cell, Row
from pipeline.meaning.labels import YEAR, ColumnMeaning, column_meaning, row_meanings
from pipeline.swedish.nlp import TREND_LEMMAS, lemma, measure_key
from pipeline.swedish.numbers import (
    MINUS_SIGNS,
    MISSING_MARKS,
    THOUSANDS_SEPARATORS,
    CellKind,
    continues_number,
    normalise_spaces,
    parse_cell,
)

any_text = st.one_of(st.text(), st.sampled_from(NASTY_LABELS),
                     st.text(alphabet="0123456789 ,.-+%*¹²³()/\u00a0\u202f\u2009\u2212\u2011"))

# -- numbers ---------------------------------------------------------------------------------


@examples(400)
@given(printed_numbers())
def test_every_printed_style_parses_back_to_its_value(number):
    text, value, decimals, unit, footnote = number
    parsed = parse_cell(text)
    assert parsed.kind is CellKind.NUMBER, text
    assert parsed.value == value, text  # exactly: the printed digits are the value
    assert (parsed.unit, parsed.decimals, parsed.footnote, parsed.raw_text) == (
        unit, decimals, footnote, text)


@examples(300)
@given(any_text)
def test_any_text_parses_without_an_exception_into_one_kind(text):
    parsed = parse_cell(text)
    assert parsed.raw_text == text
    assert (parsed.value is not None) == (parsed.kind is CellKind.NUMBER)
    if parsed.kind is not CellKind.NUMBER:
        assert (parsed.unit, parsed.footnote, parsed.decimals) == ("", "", 0)


@examples(200)
@given(st.text(min_size=1), st.sampled_from("abcdefghijklmnopqrstuvwyzåäöÅÄÖ("))
def test_texts_with_a_letter_are_text(text, letter):
    """A letter anywhere ("Stängt", "ung 116 000", "12 st") makes a cell text, not a number;
    so do brackets: "(6014)" is a project number, Swedish reports do not bracket negatives."""
    for candidate in (letter + text, text + letter, f"({text})"):
        assume(normalise_spaces(candidate) not in MISSING_MARKS)
        assert parse_cell(candidate).kind is CellKind.TEXT, candidate


def test_a_bracketed_number_is_text_by_design():
    assert parse_cell("(6014)").kind is CellKind.TEXT
    assert parse_cell("(6 014)").value is None


@examples(200)
@given(any_text)
def test_normalised_spaces_are_single_ascii_spaces_and_stable(text):
    out = normalise_spaces(text)
    assert out == normalise_spaces(out)
    assert out == out.strip() and "  " not in out
    assert not any(c.isspace() and c != " " for c in out)


@examples(300)
@given(printed_numbers())
def test_the_words_of_a_printed_number_continue_it(number):
    """Cut at every space (the PDF reader makes each one a word gap, special spaces kept
    aside), each piece continues the ones before it: "−15" + "233", "85" + "%", a lone "−"
    + "6 279"."""
    text = number[0]
    pieces = re.split(f"[{THOUSANDS_SEPARATORS}]", text)
    for k in range(1, len(pieces)):
        assert continues_number(" ".join(pieces[:k]), pieces[k]), (text, k)


@examples(200)
@given(st.integers(0, 10**9), st.integers(0, 10**7).filter(lambda n: len(str(n)) != 3))
def test_two_numbers_in_two_columns_stay_two(left, right):
    """The next column's number does not start with a group of three digits ("143" "1 450")."""
    assert not continues_number(swedish(left, 0), swedish(right, 0))


@examples(200)
@given(any_text, any_text)
def test_continues_number_never_raises(left, right):
    assert continues_number(left, right) in (True, False)


def test_a_lone_minus_of_any_kind_continues_a_number():
    """Regression: continues_number knew four of the six minus signs parse_cell reads, so
    "\u2010 6 279" (a hyphen, then the number) was split into two cells."""
    for minus in MINUS_SIGNS:
        assert continues_number(minus, "6 279"), repr(minus)


def test_a_footnote_mark_or_a_spaced_percent_on_the_last_piece_still_joins():
    """Regression: continues_number knew only "*" marks, so "−15" + "233¹" (a number
    parse_cell reads, "−15 233¹") stayed two cells, and "85" + "%*" ("85 %*") too."""
    assert continues_number("\u221215", "233¹")
    assert continues_number("85", "%*")
    assert parse_cell("\u221215 233¹").value == -15233.0


# -- column headers --------------------------------------------------------------------------

KINDS = {"", "actual", "budget", "deviation", "forecast", "target", "change"}
report_years = st.one_of(st.none(), st.integers(-10**6, 10**6), st.integers(1950, 2049))


@examples(400)
@given(any_text, report_years)
def test_column_meaning_never_raises_and_says_a_known_kind(label, report_year):
    meaning = column_meaning(label, report_year)
    assert isinstance(meaning, ColumnMeaning) and meaning.label == label
    assert meaning.kind in KINDS
    assert meaning.period in {"", "period", "helår", "ackumulerat"}
    assert meaning.year is None or isinstance(meaning.year, int)
    if meaning.year_from == "header":  # a printed year is one YEAR accepts
        assert meaning.year is not None and 1950 <= meaning.year <= 2049, meaning
    assert meaning == column_meaning(label, report_year)  # deterministic


@examples(200)
@given(st.integers(1950, 2049), report_years, st.sampled_from([" ", "\u00a0", "  ", "\n"]),
       st.sampled_from([("Utfall", "actual"), ("Mål", "target"), ("Budget", "budget"),
                        ("Prognos", "forecast"), ("Avvikelse", "deviation"),
                        ("Bokslut", "actual")]))
def test_a_kind_and_a_year_read_as_that_kind_and_year(year, report_year, space, word_kind):
    """ "Utfall YYYY" is year YYYY, actual, for every year the header reader accepts
    (1950-2049), whatever the report's year."""
    word, kind = word_kind
    meaning = column_meaning(f"{word}{space}{year}", report_year)
    assert (meaning.year, meaning.kind, meaning.year_from) == (year, kind, "header")


@examples(100)
@given(st.integers(1950, 2049), st.integers(1950, 2049))
def test_a_bare_year_is_an_actual_up_to_the_report_and_a_plan_after(year, report_year):
    meaning = column_meaning(str(year), report_year)
    assert meaning.year == year
    assert meaning.kind == ("budget" if year > report_year else "actual")


@examples(100)
@given(st.integers(1950, 2049), st.integers(1, 12), st.integers(1, 31), report_years)
def test_a_balance_date_with_two_digits_is_that_year(year, month, day, report_year):
    """ "14-12-31" is 2014; "98-12-31" is 1998, within the years a header may name."""
    meaning = column_meaning(f"{year % 100:02d}-{month:02d}-{day:02d}", report_year)
    assert (meaning.year, meaning.kind) == (year, "actual")


def test_a_two_digit_balance_date_of_the_1990s_is_in_the_1990s():
    """Regression: "98-12-31" read as 2098 (2000 + the two digits), outside the years
    1950-2049 a header may name and the 1990-2040 the expectations accept."""
    assert column_meaning("98-12-31", 1999).year == 1998
    assert column_meaning("14-12-31", 2015).year == 2014


@examples(50)
@given(st.integers(0, 3000).filter(lambda y: not YEAR.fullmatch(str(y))), report_years)
def test_a_number_outside_the_year_range_is_no_year(number, report_year):
    meaning = column_meaning(f"Utfall {number}", report_year)
    assert meaning.year == report_year and meaning.year_from == "report"


# -- row roles -------------------------------------------------------------------------------

BOX = BBox(0, 0, 1, 1)
ROLES = {"item", "category", "subtotal", "total", "of_which", "kind"}
cell_texts = st.one_of(st.builds(swedish, st.floats(-1e9, 1e9), st.integers(0, 2)),
                       st.sampled_from(["", "-", "Stängt", "85 %", "(6014)", "1e5"]), labels)


@st.composite
def rows(draw: st.DrawFn) -> list[Row]:
    out = []
    for _ in range(draw(st.integers(0, 12))):
        texts = draw(st.lists(cell_texts, max_size=4))
        out.append(Row(draw(labels), BOX, tuple(Cell(i, t, BOX) for i, t in enumerate(texts)
                                                 if draw(st.booleans()) or t)))
    return out


@examples(300)
@given(rows(), st.booleans())
def test_row_meanings_give_one_role_per_row_and_sum_only_rows_above(table, kinds):
    meanings = row_meanings(table, kinds)
    assert [m.index for m in meanings] == list(range(len(table)))
    for m in meanings:
        assert m.role in ROLES
        assert all(0 <= s < m.index for s in m.sums), m
        assert not m.sums or m.role in ("total", "subtotal"), m
        assert not m.sums_confirmed or m.sums, m
    summed = {s for m in meanings for s in m.sums}
    assert all(m.index in summed for m in meanings if m.role == "subtotal")
    # The last total is never a subtotal: something must be the grand total.
    assert "total" in {m.role for m in meanings} or "subtotal" not in {m.role for m in meanings}


PLAIN = "abcdefghijklåäöÅÄÖé😀 "  # no letters of "summa", "totalt", "netto", "varav", "budget"


@examples(200)
@given(st.integers(1, 8), st.integers(1, 4), st.data())
def test_a_summa_row_under_items_sums_all_of_them(n_items, n_columns, data):
    """Items that grow row by row (so none adds up the rows below it) and a "Summa" of their
    columns: the total sums every item, confirmed."""
    step = data.draw(st.integers(100, 10**6))
    items = [[(r + 1) * step + c for c in range(n_columns)] for r in range(n_items)]
    names = data.draw(st.lists(st.text(PLAIN, min_size=1, max_size=8).filter(str.strip),
                               min_size=n_items, max_size=n_items))
    table = [Row(name, BOX, tuple(Cell(c, swedish(v, 0), BOX) for c, v in enumerate(values)))
             for name, values in zip(names, items, strict=True)]
    sums = [sum(col) for col in zip(*items, strict=True)]
    table.append(Row("Summa", BOX, tuple(Cell(c, swedish(v, 0), BOX)
                                          for c, v in enumerate(sums))))
    total = row_meanings(table, True)[-1]
    assert (total.role, total.sums, total.sums_confirmed) == (
        "total", tuple(range(n_items)), True)


# -- measure key -----------------------------------------------------------------------------

WORDS = ("elever", "elevernas", "företag", "nystartade", "i", "Botkyrka", "som", "klarat",
         "högsta", "kurs", "på", "sin", "studieväg", "inom", "två", "år", "med", "er", "ert",
         "eran", "erat", "Ni", "deltagare", "Sfi", "EU", "personal", "nöjda", "invånare",
         "Göteborgs", "%", "(antal)", "kvinnor", "män", "😀", "שלום", "e\u0301")
measure_names = st.one_of(st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join),
                          st.text(max_size=40))


@examples(150)
@given(measure_names)
def test_measure_key_is_deterministic_lower_case_and_free_of_trend_words(name):
    key = measure_key(name)
    assert key == measure_key(name)
    assert key == key.lower(), (name, key)
    assert not set(key.split(" ")) & TREND_LEMMAS


@examples(150)
@given(st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join),
       st.sampled_from([("Andelen", "Andel"), ("Antalet", "Antal"), ("andelen", "Andel")]),
       st.sampled_from(["", " ökar", " ska öka", " ska minska", " minskar", " förbättras"]),
       st.sampled_from(["", " ökar", " ska öka"]))
def test_small_changes_of_wording_give_one_key(rest, forms, trend_a, trend_b):
    """ "Andelen X ökar", "Andel X" and "Andel X ska öka" are one measure."""
    definite, bare = forms
    assert measure_key(f"{definite} {rest}{trend_a}") == measure_key(f"{bare} {rest}{trend_b}")


def test_bor_is_a_trend_word():
    """Regression: TREND_LEMMAS held "bör", but lemma("bör") is "böra", so "Andelen X bör
    öka" kept "böra" in its key and did not meet "Andel X ökar"."""
    assert measure_key("Andelen nöjda elever bör öka") == measure_key("Andel nöjda elever ökar")


def test_lemmas_are_lower_case_where_the_lookup_table_capitalises():
    """Regression: spacy-lookups-data's Swedish table gives "Ni" for "er", "ert", "eran" and
    "erat", so "Andel som är nöjda med ert bemötande" got a key with a capital letter."""
    assert lemma("ert") == "ni"
    assert measure_key("Andel nöjda med ert bemötande") == "andel nöjd med ni bemöta"


@pytest.mark.parametrize("word", sorted(TREND_LEMMAS))
def test_a_trend_word_alone_gives_an_empty_key(word):
    assert measure_key(word) == ""


def test_year_pattern_is_the_documented_range():
    assert re.fullmatch(YEAR, "1950") and re.fullmatch(YEAR, "2049")
    assert not re.fullmatch(YEAR, "1949") and not re.fullmatch(YEAR, "2050")
