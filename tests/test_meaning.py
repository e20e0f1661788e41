"""Column headers, row roles and the document's context: pure functions, tested without PDFs.

The headers are the ones printed in the sample and real reports (Göteborg's "Period Avvik else",
Simrishamn's "Återstår", Försvarsmakten's "Disponibla anslag 2012").
"""

import pytest

from pipeline.core.records import BBox, Cell, Row, Segment, TextLine
from pipeline.meaning.datasets import item_and_unit, measure_unit
from pipeline.meaning.labels import column_meaning, row_meanings
from pipeline.meaning.outline import document_context


@pytest.mark.parametrize("label, year, kind, period, facet", [
    ("Utfall 2019", 2019, "actual", "", ""),
    ("Mål 2019", 2019, "target", "", ""),
    ("Bokslut 2018", 2018, "actual", "", ""),
    ("Budget 2019", 2019, "budget", "", ""),
    ("Avvikelse 2019", 2019, "deviation", "", ""),
    ("Avvikelse", 2026, "deviation", "", ""),  # no year printed: the report's
    ("Prognos helår", 2026, "forecast", "helår", ""),
    ("Utfall fg år", 2025, "actual", "", ""),
    ("Utfall perioden 2026", 2026, "actual", "period", ""),
    ("Period Avvik else", 2026, "deviation", "period", ""),  # broken over two lines
    ("Budgetav vikelse", 2026, "deviation", "", ""),
    ("Period Utfall fg år", 2025, "actual", "period", ""),
    ("Helår Fg prognos", 2026, "forecast", "helår", "föregående prognos"),
    ("Utfall intäkter period", 2026, "actual", "period", "intäkter"),
    ("Återstår", 2026, "deviation", "", ""),
    ("Disponibla anslag 2012", 2012, "budget", "", ""),
    ("Anslags-sparande (+) / kredit (-) 2012", 2012, "deviation", "", ""),
    ("Ack. utfall", 2026, "actual", "ackumulerat", ""),
    ("Antal 2023", 2023, "actual", "", "antal"),
    ("2025", 2025, "actual", "", ""),
    ("2028", 2028, "budget", "", ""),  # a year after the report's is a plan
    ("2016-12-31", 2016, "actual", "", ""),
    ("2014 mnkr", 2014, "actual", "", ""),
    ("Finansiellt villkor", 2026, "budget", "", ""),  # Skolverket's anslagsposter
    ("Saldo", 2026, "deviation", "", ""),
    ("14-12-31", 2014, "actual", "", ""),  # Skolverket's balance dates
])
def test_headers_read_into_year_and_kind(label, year, kind, period, facet):
    meaning = column_meaning(label, 2026)
    assert (meaning.year, meaning.kind, meaning.period, meaning.facet) == (
        year, kind, period, facet)
    assert meaning.known


@pytest.mark.parametrize("label", ["Andel kvinnor, %", "Program", "UD 1:2.1", ""])
def test_headers_that_say_no_year_or_kind_are_not_guessed(label):
    meaning = column_meaning(label, 2026)
    assert not meaning.known


def test_group_columns_and_note_columns():
    assert column_meaning("Kvinnor", 2016).breakdown == "kvinnor"
    assert column_meaning("Totalt", 2016).breakdown == ""
    assert column_meaning("Not", 2016).is_note


@pytest.mark.parametrize("label", ["Proj Nr", "Pri o", "Prio", "Id", "Objektnummer", "Kod"])
def test_columns_that_number_the_rows_hold_references_not_figures(label):
    assert column_meaning(label, 2027).is_note


@pytest.mark.parametrize("label", ["Antal", "Andel", "Ändring", "Total utgift", "Kronor"])
def test_columns_of_figures_are_no_references(label):
    assert not column_meaning(label, 2027).is_note


def _row(label: str, *values: str) -> Row:
    box = BBox(0, 0, 1, 1)
    return Row(label, box, tuple(Cell(i, v, box) for i, v in enumerate(values) if v))


def test_categories_children_and_nested_totals():
    """Göteborg's service table: a total adds up the rows since the last total, and a later
    total that adds up an earlier one makes that one a subtotal."""
    rows = [_row("Gemensamma tjänster"), _row("- Ekonomi", "20,5"), _row("- HR", "35,8"),
            _row("Digital infrastruktur", "210,1"), _row("Total förvaltning", "266,4"),
            _row("Förändringsinitiativ", "9,1"),
            _row("Total förvaltning och förändringsinitiativ", "275,5"),
            _row("E-tjänstekort", "2,6"), _row("Totalt", "278,1")]
    roles = row_meanings(rows, columns_have_kind=True)
    assert [r.role for r in roles] == ["category", "item", "item", "item", "subtotal", "item",
                                       "subtotal", "item", "total"]
    assert [r.parent for r in roles[1:4]] == ["Gemensamma tjänster", "Gemensamma tjänster", ""]
    assert roles[4].sums == (1, 2, 3)
    assert roles[6].sums == (4, 5)
    assert roles[8].sums == (6, 7)


def test_a_subtotal_adds_up_only_its_own_rows():
    """Försvarsmakten's appropriations: "Summa materiel" adds 1:3 and 1:4, not 1:2 above."""
    rows = [_row("1:2 Fredsfrämjande", "2 296"), _row("1:3 Anskaffning", "8 962"),
            _row("1:4 Vidmakthåll", "6 488"), _row("Summa materiel", "15 450"),
            _row("1:5 Forskning", "732"), _row("Summa", "18 478")]
    roles = row_meanings(rows, columns_have_kind=True)
    assert roles[3].sums == (1, 2)
    assert roles[5].sums == (0, 3, 4)


def test_a_total_that_does_not_add_up_still_names_its_rows():
    rows = [_row("A", "1"), _row("B", "2"), _row("Total", "7")]
    total = row_meanings(rows, columns_have_kind=True)[2]
    assert (total.sums, total.sums_confirmed) == ((0, 1), False)  # a guess: not held to it


def test_a_sum_error_in_one_column_is_confirmed_by_the_others():
    """The planted investment total: Utfall 100 too high, Budget and Avvikelse add up."""
    rows = [_row("Avux", "", "6 000", "-6 000"), _row("Xenter", "2 210", "", "2 210"),
            _row("Jobbcenter", "845", "", "845"), _row("Total", "3 155", "6 000", "-2 945")]
    total = row_meanings(rows, columns_have_kind=True)[3]
    assert (total.sums, total.sums_confirmed) == ((0, 1, 2), True)


def test_kind_rows_belong_to_the_line_above():
    """Simrishamn's "Ekonomi": Budget and Budgetavvikelse rows under Nettokostnader."""
    rows = [_row("Intäkter", "10 135"), _row("Kostnader", "-69 731"),
            _row("Nettokostnader", "-59 596"), _row("Budget", "-59 689"),
            _row("Budgetavvikelse", "93")]
    roles = row_meanings(rows, columns_have_kind=False)
    assert [(r.role, r.line, r.kind) for r in roles[2:]] == [
        ("total", "Nettokostnader", ""), ("kind", "Nettokostnader", "budget"),
        ("kind", "Nettokostnader", "deviation")]


def test_units_of_items_and_measures():
    assert item_and_unit("Svenska för invandrare (SFI) (årsplatser)") == (
        "Svenska för invandrare (SFI)", "årsplatser")
    assert item_and_unit("LÄRVUX (kr / elev)") == ("LÄRVUX", "kr / elev")
    assert item_and_unit("Andel ungdomar (KAA)") == ("Andel ungdomar (KAA)", "")
    assert measure_unit("Botkyrkas ranking i Svenskt Näringslivs mätning", ["170"]) == (
        "placering")
    assert measure_unit("NKI För företag ökar", ["70"]) == "index"
    assert measure_unit("Antal inflyttade företag", ["301"]) == "antal"
    assert measure_unit("Andel elever som ...", ["81 %"]) == "%"


def _line(text: str) -> TextLine:
    box = BBox(0, 0, 100, 10)
    return TextLine((Segment(text, box, 10.0),), box)


def test_context_from_the_title_page():
    pages = [[_line("Nämnden för Intraservice"), _line("Delårsrapport mars 2026-"),
              _line("nämnder och styrelser")], [_line("Göteborgs Stad")]]
    context = document_context(pages, [])
    assert (context.committee, context.report_kind, context.report_year, context.period,
            context.period_month, context.municipality) == (
        "Nämnden för Intraservice", "delårsrapport", 2026, "delår", 3, "Göteborgs Stad")


def test_context_of_an_agency_report_names_the_agency():
    context = document_context([[_line("Försvarsmaktens"), _line("Årsredovisning"),
                                 _line("2012")]], [])
    assert (context.organisation, context.committee, context.municipality) == (
        "Försvarsmakten", "", "")
    assert (context.report_kind, context.report_year, context.period) == (
        "årsredovisning", 2012, "helår")


def test_unknown_header_keeps_its_values_and_is_reported():
    from pipeline.core.records import Column, Source, Table
    from pipeline.meaning.datasets import typed_datasets
    from pipeline.meaning.outline import DocumentContext, Outline

    box = BBox(0, 0, 1, 1)
    table = Table(Source("r.pdf", "0" * 64), 3, "t1", "Driftredovisning", box, "ruled",
                  "Verksamhet (tkr)", (Column(0, box, "Utfall 2019"), Column(1, box, "Program")),
                  (_row("Nämnden", "-366", "12"),))
    out = typed_datasets([table], DocumentContext(report_year=2019), Outline(()))
    assert [(v.year, v.kind, v.value, v.unit) for v in out.finances] == [
        (2019, "actual", -366.0, "tkr"), (None, "", 12.0, "tkr")]
    assert [(f.code, f.page, f.raw_text) for f in out.findings] == [
        ("unknown_column_header", 3, "Program")]
    assert "column 'Program' says no year and kind" in out.findings[0].message


def test_a_category_holds_over_subtotals_inside_it():
    rows = [_row("Fö Förbandsverksamhet och beredskap"), _row("1:1.1 Förband", "21 495"),
            _row("1:1.4 Must", "705"), _row("1:1 Anslag 1.1 summa", "22 200"),
            _row("1:2 Fredsfrämjande", "2 296"), _row("Färdigställda projekt"),
            _row("Inventarier", "0,8"), _row("Summa färdigställda projekt", "0,8"),
            _row("Konst", "0,1")]
    roles = row_meanings(rows, columns_have_kind=True)
    assert [r.parent for r in roles] == [
        "", "Fö Förbandsverksamhet och beredskap", "Fö Förbandsverksamhet och beredskap", "",
        "Fö Förbandsverksamhet och beredskap", "", "Färdigställda projekt", "", ""]


def test_units_written_after_a_comma_and_age_groups_that_are_not_units():
    assert item_and_unit("Förvaltningskostnad, mnkr") == ("Förvaltningskostnad", "mnkr")
    assert item_and_unit("Handläggningstid, genomsnitt dagar") == (
        "Handläggningstid, genomsnitt", "dagar")
    assert item_and_unit("Barn 0-3 år") == ("Barn 0-3 år", "")
    assert column_meaning("2015–2016, procent", 2016).kind == "change"


def test_of_which_rows_are_parts_of_the_row_above_and_not_of_the_total():
    """Skolverket's cost table: "– varav till skolhuvudmän" is inside "Bidrag", so the total
    adds the three cost rows only."""
    rows = [_row("Löner", "100"), _row("Bidrag", "900"), _row("– varav till skolhuvudmän", "850"),
            _row("Övrigt", "50"), _row("Totalt", "1 050")]
    roles = row_meanings(rows, columns_have_kind=True)
    assert (roles[2].role, roles[2].parent) == ("of_which", "Bidrag")
    assert (roles[4].sums, roles[4].sums_confirmed) == ((0, 1, 3), True)


def test_rows_that_add_up_to_the_row_above_are_its_parts():
    """Polisen's appendix 7: each group of missions is printed under its appropriation row
    (allotted and spent); the missions fill only the spent column and add up to it. The
    total adds up the appropriation rows."""
    rows = [_row("Insatser inom ramen för EU", "44 000", "40 752"),
            _row("EUAM Ukraina", "", "6 039"), _row("EULEX Kosovo", "", "34 713"),
            _row("Insatser inom ramen för FN", "66 500", "62 405"),
            _row("MINUSMA Mali", "", "9 947"), _row("UNMISS Sydsudan", "", "52 458"),
            _row("Ej specificerat", "", "113"), _row("Totalt anslag", "110 500", "103 270")]
    roles = row_meanings(rows, columns_have_kind=True)
    assert [r.role for r in roles] == ["item", "of_which", "of_which", "item", "of_which",
                                       "of_which", "item", "total"]
    assert roles[4].parent == "Insatser inom ramen för FN"
    assert (roles[7].sums, roles[7].sums_confirmed) == ((0, 3, 6), True)


def test_rows_that_merely_follow_a_row_are_not_its_parts():
    rows = [_row("Intäkter", "10"), _row("Bidrag", "4"), _row("Avgifter", "6"),
            _row("Netto", "20")]
    assert [r.role for r in row_meanings(rows, columns_have_kind=True)] == [
        "item", "item", "item", "total"]
