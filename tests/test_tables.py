"""The whitespace table finder on lines built from words: captions, headers, rows."""

from __future__ import annotations

from pipeline.core.records import BBox, Rule, Source, Word
from pipeline.read.layout import words_to_lines
from pipeline.tables.assemble import join_tables
from pipeline.tables.whitespace import find_whitespace_tables


def _words(top: float, *cells: tuple[str, float], bold: bool = False) -> list[Word]:
    out = []
    for text, x0 in cells:
        x = x0
        for piece in text.split():
            out.append(Word(piece, BBox(x, top, x + 4 * len(piece), top + 7.5), 7.5, bold))
            x += 4 * len(piece) + 2  # a word space

    return out


def test_a_caption_is_the_title_and_years_beside_a_budget_word_are_the_header():
    """Försäkringskassan's Tabell 46: "2010 2011 2012 Budget" over "2012"; the caption line
    above is the table's title, never a header line."""
    words = (_words(65, ("Tabell 46", 57), ("Administration, tusental kronor", 113),
                     bold=True)
             + _words(82, ("2010", 161), ("2011", 200), ("2012", 239), ("Budget", 269))
             + _words(91, ("2012", 278))
             + _words(113, ("Avgiftsintäkter", 57), ("6 889", 159), ("7 442", 198),
                      ("8 907", 237), ("7 500", 276))
             + _words(124, ("Kostnader", 57), ("–6 889", 155), ("–7 442", 194),
                      ("–8 907", 233), ("–7 500", 272)))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=131)
    assert table.column_labels == ("2010", "2011", "2012", "Budget 2012")
    assert table.title.startswith("Tabell 46")
    assert [r.label for r in table.rows] == ["Avgiftsintäkter", "Kostnader"]


def _at(top: float, text: str, x0: float) -> Word:
    return Word(text, BBox(x0, top, x0 + 4 * len(text), top + 7.5), 7.5, False)


def _run_together(top: float, label: str, numbers: list[tuple[str, float]]) -> list[Word]:
    return _words(top, (label, 40)) + [_at(top, text, x0) for text, x0 in numbers]


def test_numbers_run_together_are_cut_where_other_rows_end_their_columns():
    """Cells set with less than a word's gap between them read as one number ("308 896 263
    759 308 865"); a thousands group ends on no other row's column edge, a cell does, and
    the gap between two cells is the wider one."""
    words = (_words(60, ("2016", 204), ("2017", 234), ("2018", 264))
             + _run_together(70, "Utlån", [("308", 194), ("896", 208), ("263", 224),
                                           ("759", 238), ("308", 254), ("865", 268)])
             + _run_together(80, "Platser", [("391", 208), ("421", 238), ("351", 268)]))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["308 896", "263 759", "308 865"], ["391", "421", "351"]]
    assert table.column_labels == ("2016", "2017", "2018")


def test_a_number_whose_groups_are_set_as_wide_as_the_columns_is_not_cut():
    """The same rows with every gap alike: nothing says which gap parts two cells, so the
    run stays one cell rather than being cut at a guess."""
    words = (_run_together(70, "Utlån", [("308", 194), ("896", 209), ("263", 224),
                                         ("759", 239), ("308", 254), ("865", 269)])
             + _run_together(80, "Platser", [("391", 209), ("421", 239), ("351", 269)]))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["308 896 263 759 308 865"], ["391", "421", "351"]]


def _right_ending(top: float, text: str, x1: float) -> list[Word]:
    """Words of `text` a word space apart, the last ending at x1 (set flush right)."""
    widths = [4 * len(piece) for piece in text.split()]
    x = x1 - sum(widths) - 2 * (len(widths) - 1)
    out = []
    for piece, width in zip(text.split(), widths, strict=True):
        out.append(_at(top, piece, x))
        x += width + 2
    return out


# Columns' right edges for the measure tables below: 2016, 2017, Kvinnor, Män, Totalt, Mål.
_EDGES = (200, 240, 280, 320, 360, 400)


def _measure_rows(top: float, label: str, values: list[str | None]) -> list[Word]:
    out = _words(top, (label, 40))
    for value, x1 in zip(values, _EDGES, strict=True):
        if value is not None:
            out += _right_ending(top, value, x1)
    return out


def _lower_header(top: float) -> list[Word]:
    return (_words(top, ("Mått", 40)) + _right_ending(top, "2016", 200)
            + _right_ending(top, "2017", 240) + _right_ending(top, "Kvinnor", 280)
            + _right_ending(top, "Män", 320) + _right_ending(top, "Totalt", 360)
            + _right_ending(top, "2018", 400))


def test_a_group_cell_broken_over_two_lines_heads_the_parts_under_it():
    """ "Utfall" over "2018", centred at the left of a merged cell over Kvinnor, Män and Totalt,
    beside columns headed "Utfall" over "2017": the two lines are one cell's, and the kind
    heads that year's parts, not the year before it."""
    words = (_words(40, ("Utfall", 243)) + _words(48, ("2018", 247))
             + _right_ending(56, "Utfall", 200) + _right_ending(56, "Utfall", 240)
             + _right_ending(56, "Mål", 400) + _lower_header(64)
             + _measure_rows(78, "Besök", ["41", "40", "41", "41", "41", "45"])
             + _measure_rows(90, "Andel", ["79", "79", "85", "76", "77", "85"]))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert table.column_labels == ("Utfall 2016", "Utfall 2017", "Utfall 2018 Kvinnor",
                                   "Utfall 2018 Män", "Utfall 2018 Totalt", "Mål 2018")
    assert table.label_header == "Mått"


def test_header_words_beside_named_columns_are_columns_of_their_own():
    """No row has a value for Kvinnor or Män; "Kvinnor" stands just right of the 2017
    column, near enough to be its left-aligned header, but "2017" already names that column,
    so Kvinnor and Män are empty columns of their own."""
    words = (_right_ending(48, "Utfall 2018", 330) + _right_ending(56, "Utfall", 200)
             + _right_ending(56, "Utfall", 240) + _right_ending(56, "Mål", 400)
             + _lower_header(64)
             + _measure_rows(78, "Besök", ["41,5 %", "40,4 %", None, None, "39,0 %", "42,4 %"])
             + _measure_rows(90, "Andel", ["79,1 %", "79,9 %", None, None, "77,0 %", "85,0 %"]))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert table.column_labels == ("Utfall 2016", "Utfall 2017", "Utfall 2018 Kvinnor",
                                   "Utfall 2018 Män", "Utfall 2018 Totalt", "Mål 2018")
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["41,5 %", "40,4 %", "39,0 %", "42,4 %"], ["79,1 %", "79,9 %", "77,0 %", "85,0 %"]]


def test_a_label_that_ran_into_its_first_value_gives_the_value_back():
    """A long label set a word space from its row's first value reads as one phrase; the
    number at its end ends on the first column's edge, which the other rows show."""
    words = (_right_ending(60, "2016", 200) + _right_ending(60, "2017", 240)
             + _right_ending(60, "2018", 280)
             + _words(70, ("Sommarjobb", 40)) + _right_ending(70, "77 566", 200)
             + _right_ending(70, "79 586", 240) + _right_ending(70, "69 810", 280)
             + _right_ending(80, "Gymnasial vuxenutbildning kr per plats 40 062", 200)
             + _right_ending(80, "33 423", 240) + _right_ending(80, "35 262", 280))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert [r.label for r in table.rows] == ["Sommarjobb",
                                             "Gymnasial vuxenutbildning kr per plats"]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["77 566", "79 586", "69 810"], ["40 062", "33 423", "35 262"]]


def _per_sex_table(page: int, measure: str) -> list:
    words = (_words(40, (f"Utfall per kön: {measure}", 40))
             + _right_ending(58, "Utfall 2017", 200) + _right_ending(58, "Utfall 2018", 260)
             + _words(72, ("Kvinnor", 40)) + _right_ending(72, "60 %", 200)
             + _right_ending(72, "56 %", 260)
             + _words(84, ("Män", 40)) + _right_ending(84, "52 %", 200)
             + _right_ending(84, "47 %", 260))
    lines = words_to_lines(words)
    return find_whitespace_tables(lines, [], page=page, context=lines)


def test_a_table_with_a_caption_of_its_own_on_the_next_page_is_a_new_table():
    """Two per-kön tables with the same header on pages 3 and 4: the second names another
    measure in its caption, so it is no continuation of the first."""
    [first] = _per_sex_table(3, "Andel elever som klarar kursen")
    [second] = _per_sex_table(4, "Andel deltagare som går vidare till arbete")
    assert second.caption == "Utfall per kön: Andel deltagare som går vidare till arbete"
    tables, _ = join_tables([first, second], Source("a.pdf", "0" * 64))
    assert [t.caption for t in tables] == [first.caption, second.caption]


def test_a_capitalised_line_goes_on_a_label_whose_next_word_would_not_have_fitted():
    """Rows set as tight as wrapped lines, so spacing cannot tell: "Näringslivs" would not
    have fitted after "Kommunens placering i Svenskt" within the label column, so the line
    it starts is that label's, though it begins with a capital."""
    words = (_right_ending(58, "2017", 260) + _right_ending(58, "2018", 300)
             + _words(70, ("Andel deltagare i arbetsmarknadsinsats", 40))
             + _right_ending(70, "60 %", 260) + _right_ending(70, "57 %", 300)
             + _words(79, ("Kommunens placering i Svenskt", 40))
             + _right_ending(79, "249", 260) + _right_ending(79, "255", 300)
             + _words(87.5, ("Näringslivs ranking", 40))
             + _words(96, ("Sjukfrånvaro", 40))
             + _right_ending(96, "7,2", 260) + _right_ending(96, "7,5", 300))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert [r.label for r in table.rows] == [
        "Andel deltagare i arbetsmarknadsinsats",
        "Kommunens placering i Svenskt Näringslivs ranking", "Sjukfrånvaro"]


def test_a_header_line_of_years_and_part_names_after_the_label_header_is_no_row():
    """The second line of a two-line header: "Mått | år 2016 | år 2017 | Kvinnor | Män |
    Totalt | 2018" under "Utfall | Utfall | Mål" and a group cell "Utfall år 2018". Its
    last cell is a year, but what stands before it names columns, so it is header, not a
    row labelled "Mått"."""
    words = (_right_ending(40, "Utfall år 2018", 330) + _right_ending(46, "Utfall", 200)
             + _right_ending(46, "Utfall", 240) + _right_ending(46, "Mål", 400)
             + _words(58, ("Mått", 40)) + _right_ending(58, "år 2016", 200)
             + _right_ending(58, "år 2017", 240) + _right_ending(58, "Kvinnor", 280)
             + _right_ending(58, "Män", 320) + _right_ending(58, "Totalt", 360)
             + _right_ending(58, "2018", 400)
             + _measure_rows(74, "Besök", ["41", "40", "41", "41", "41", "45"])
             + _measure_rows(86, "Andel", ["79", "79", "85", "76", "77", "85"]))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert table.column_labels == ("Utfall år 2016", "Utfall år 2017",
                                   "Utfall år 2018 Kvinnor", "Utfall år 2018 Män",
                                   "Utfall år 2018 Totalt", "Mål 2018")
    assert table.label_header == "Mått"
    assert [r.label for r in table.rows] == ["Besök", "Andel"]


def test_a_label_word_too_long_for_its_column_keeps_its_row_and_wrapped_lines():
    """ "Hemtjänsttimmar" is wider than the label column and runs over the first value; it is
    still the label, the number beside it still a cell, and the lines under it ("(kr /",
    "timme)": a bracket left open) are its label's, though each is short."""
    words = (_right_ending(60, "2019", 200) + _right_ending(60, "2020", 240)
             + _words(72, ("Elever i", 130)) + _right_ending(72, "36 352", 200)
             + _right_ending(72, "37 350", 240)
             + _words(81, ("kulturskolan", 130)) + _words(90, ("(kr / elev)", 130))
             + _words(102, ("Hemtjänsttimmar", 130)) + _right_ending(102, "18 280", 200)
             + _right_ending(102, "19 261", 240)
             + _words(111, ("(kr /", 130)) + _words(120, ("timme)", 130)))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert [r.label for r in table.rows] == ["Elever i kulturskolan (kr / elev)",
                                             "Hemtjänsttimmar (kr / timme)"]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["36 352", "37 350"], ["18 280", "19 261"]]


def test_a_line_in_the_drawn_cell_of_the_last_label_is_that_label_s():
    """The last row's label wraps to a short last line; its width alone would make it a note
    under the table, but it stands in the drawn cell that holds the label."""
    cells = [BBox(36, 58, 120, 70), BBox(120, 58, 250, 70),
             BBox(36, 70, 120, 80), BBox(120, 70, 250, 80),
             BBox(36, 80, 120, 108), BBox(120, 80, 250, 108)]
    # Rows as tight as wrapped lines: spacing cannot tell.
    words = (_right_ending(60, "2019", 200) + _right_ending(60, "2020", 240)
             + _words(71, ("Platser", 40)) + _right_ending(71, "189", 200)
             + _right_ending(71, "197", 240)
             + _words(81, ("Sommarjobb för", 40)) + _right_ending(81, "52 446", 200)
             + _right_ending(81, "45 314", 240) + _words(90, ("ungdomar", 40))
             + _words(99, ("(kr)", 40)))
    rules = [Rule(BBox(36, y, 250, y)) for y in (58, 70, 80, 108)]
    [table] = find_whitespace_tables(words_to_lines(words), rules, page=1, cell_boxes=cells)
    assert [r.label for r in table.rows] == ["Platser", "Sommarjobb för ungdomar (kr)"]


def test_a_year_flush_left_in_a_merged_cell_over_its_parts_heads_them():
    """A spreadsheet prints "2025" flush left in the merged cell over Kvinnor, Män and
    Totalt. With narrow numbers it stands beside no value column, but it is no empty column
    of its own: it heads the parts under it."""
    def row(top: float, label: str, values: list[str]) -> list[Word]:
        out = _words(top, (label, 40))
        for value, x1 in zip(values, (200, 260, 320, 380, 440), strict=True):
            out += _right_ending(top, value, x1)
        return out

    words = (_words(40, ("2025", 264))
             + _words(50, ("Mått", 40)) + _right_ending(50, "2023", 200)
             + _right_ending(50, "2024", 260) + _right_ending(50, "Kvinnor", 320)
             + _right_ending(50, "Män", 380) + _right_ending(50, "Totalt", 440)
             + row(62, "Andel", ["5%", "7%", "9%", "8%", "9%"])
             + row(74, "Antal", ["3%", "4%", "5%", "6%", "5%"]))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert table.column_labels == ("2023", "2024", "2025 Kvinnor", "2025 Män", "2025 Totalt")


def test_a_group_cell_s_second_line_below_a_line_of_other_cells_still_heads_its_parts():
    """ "Utfall" / "2023" in the merged cell over Kvinnor, Män and Totalt, centred at
    another height than the cells beside it: their line ("Mål | Utfall | Utfall") falls
    between the group's two lines, under none of its words."""
    words = (_words(40, ("Utfall", 328))
             + _right_ending(48, "Mål", 200) + _right_ending(48, "Utfall", 240)
             + _right_ending(48, "Utfall", 280)
             + _words(55, ("Mått", 40)) + _words(55, ("2023", 332))
             + _right_ending(62, "2023", 200) + _right_ending(62, "2021", 240)
             + _right_ending(62, "2022", 280)
             + _right_ending(70, "Kvinnor", 320) + _right_ending(70, "Män", 360)
             + _right_ending(70, "Totalt", 400)
             + _measure_rows(84, "Besök", ["41", "40", "41", "41", "41", "45"])
             + _measure_rows(96, "Andel", ["79", "79", "85", "76", "77", "85"]))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert table.column_labels == ("Mål 2023", "Utfall 2021", "Utfall 2022",
                                   "Utfall 2023 Kvinnor", "Utfall 2023 Män",
                                   "Utfall 2023 Totalt")


def test_a_long_label_run_into_all_but_its_last_value_is_still_a_row():
    """A measure's name set so close to its values that three of the four ran into it
    ("... vidare till arbete 54 % 56 % 57 %" | "59 %"): the line is a row, not prose, and
    each number goes back to its column."""
    edges = (200, 216, 232, 290)  # narrow columns: "54 %" a word space from "56 %"

    def row(top: float, label: str, values: list[str]) -> list[Word]:
        out = _words(top, (label, 40))
        for value, x1 in zip(values, edges, strict=True):
            out += _right_ending(top, value, x1)
        return out

    words = (_right_ending(60, "Utfall", 232) + _right_ending(60, "Mål", 290)
             + row(70, "Mått", ["2020", "2021", "2022", "2022"])
             + row(82, "Antal deltagare", ["6 419", "5 864", "5 761", "5 846"])
             + row(94, "Andelen av deltagare som går vidare till",
                   ["54 %", "56 %", "57 %", "59 %"]))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert [r.label for r in table.rows] == ["Antal deltagare",
                                             "Andelen av deltagare som går vidare till"]
    assert [c.text for c in table.rows[1].cells] == ["54 %", "56 %", "57 %", "59 %"]


def test_a_footnote_right_under_the_last_row_is_no_part_of_its_label():
    """ "¹ Uppgifterna för året är preliminära." set as close below the last row as a wrap,
    and long enough to have been one: its footnote mark says it is the note."""
    words = (_right_ending(60, "2023", 200) + _right_ending(60, "2024¹", 240)
             + _words(70, ("Andel ekologiska livsmedel", 40)) + _right_ending(70, "44,7", 200)
             + _right_ending(70, "45,0", 240)
             + _words(79, ("Kommunens placering i Svenskt", 40)) + _right_ending(79, "129", 200)
             + _right_ending(79, "146", 240)
             + _words(88, ("¹ Uppgifterna för året är preliminära.", 38)))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert [r.label for r in table.rows] == ["Andel ekologiska livsmedel",
                                             "Kommunens placering i Svenskt"]


def test_a_year_over_parts_without_values_is_their_group_not_a_column():
    """ "Utfall" / "2016" flush left over Kvinnor, Män and Totalt, where only Totalt has
    values: the parts are empty columns of their own, and the year heads them."""
    words = (_words(40, ("Utfall", 244)) + _words(47, ("2016", 244))
             + _right_ending(54, "Utfall", 200) + _right_ending(54, "Utfall", 240)
             + _words(60, ("Mått", 40)) + _right_ending(60, "2014", 200)
             + _right_ending(60, "2015", 240) + _right_ending(60, "Kvinnor", 300)
             + _right_ending(60, "Män", 360) + _right_ending(60, "Totalt", 420)
             + _words(72, ("Besök", 40)) + _right_ending(72, "4,4", 200)
             + _right_ending(72, "3,9", 240) + _right_ending(72, "4,3", 420)
             + _words(84, ("Andel", 40)) + _right_ending(84, "4,0", 200)
             + _right_ending(84, "3,0", 240) + _right_ending(84, "3,2", 420))
    [table] = find_whitespace_tables(words_to_lines(words), [], page=1)
    assert table.column_labels == ("Utfall 2014", "Utfall 2015", "Utfall 2016 Kvinnor",
                                   "Utfall 2016 Män", "Utfall 2016 Totalt")
