"""Goals listed in goal tables: the verdict from a cell, a status symbol or the comment."""

from __future__ import annotations

from pipeline.core.records import BBox, Cell, Column, Mark, Row, Source, Table
from pipeline.meaning.outline import Outline
from pipeline.text.goal_tables import table_goals

RED, GREEN = (0.85, 0.18, 0.15), (0.6, 0.8, 0.0)


def _row(label: str, top: float, cell: str = "") -> Row:
    cells = (Cell(0, cell, BBox(460, top, 520, top + 10)),) if cell else ()
    return Row(label, BBox(72, top, 440, top + 10), cells, 3)


def _table(rows: list[Row], header: str = "Nämndmål") -> Table:
    return Table(Source("r.pdf", "x"), 3, "t1", header, BBox(70, 90, 525, 400), "ruled",
                 header, (Column(0, BBox(450, 90, 525, 100), "Bedömning"),), tuple(rows))


def test_a_goal_table_gives_each_goal_its_cell_symbol_or_comment_verdict():
    rows = [_row("Fler besökare i biblioteken.", 100, "Delvis uppfyllt"),
            _row("Kommentar:", 114), _row("Besöken ökade under hösten.", 126),
            _row("Ökad trygghet på fritidsgårdarna,", 150), _row("för alla unga.", 162),
            _row("Kommentar: Målet är uppfyllt.", 176),
            _row("En livskraftig landsbygd.", 200)]
    marks = {3: [Mark(BBox(454, 150, 465, 161), RED), Mark(BBox(454, 200, 465, 211), GREEN)]}
    found = table_goals([_table(rows)], marks, Outline(()))
    assert [(a.goal, a.label, a.method, a.symbol, a.evidence) for a in found] == [
        ("Fler besökare i biblioteken.", "partly_met", "cell", "", "Delvis uppfyllt"),
        ("Ökad trygghet på fritidsgårdarna, för alla unga.", "met", "rules+model", "not_met",
         "Målet är uppfyllt."),
        ("En livskraftig landsbygd.", "met", "symbol", "met", "")]


def test_without_symbols_a_goal_starts_where_a_wider_gap_parts_it_from_the_comment():
    rows = [_row("Fler besökare i biblioteken.", 100), _row("Kommentar:", 114),
            _row("Besöken ökade.", 126), _row("Vi bedömer att målet är delvis uppfyllt.", 138),
            _row("Ökad trygghet.", 170), _row("Kommentar:", 184),
            _row("Målet är inte uppfyllt.", 196)]
    found = table_goals([_table(rows)], {}, Outline(()))
    assert [(a.goal, a.label) for a in found] == [("Fler besökare i biblioteken.", "partly_met"),
                                                  ("Ökad trygghet.", "not_met")]


def test_tables_not_headed_by_a_kind_of_goal_give_no_goals():
    rows = [_row("Föreläsningar för medborgare.", 100), _row("Kommentar:", 114)]
    assert table_goals([_table(rows, header="Aktivitet")], {}, Outline(())) == []


def test_the_documents_legend_wins_over_the_usual_colours():
    """A report that draws 'Uppfyllt' in blue: its legend line says so."""
    from pipeline.core.records import Word
    from pipeline.text.assess import legend, legend_reader

    blue, green = (0.1, 0.3, 0.9), (0.6, 0.8, 0.0)
    marks = [Mark(BBox(60, 50, 70, 60), blue), Mark(BBox(140, 50, 150, 60), green)]
    words = [Word("Uppfyllt", BBox(74, 50, 110, 60), 9.0),
             Word("Delvis", BBox(154, 50, 180, 60), 9.0),
             Word("uppfyllt", BBox(182, 50, 215, 60), 9.0)]
    read = legend_reader(legend([(marks, words)]))
    assert (read(blue), read(green), read(RED)) == ("met", "partly_met", "not_met")
