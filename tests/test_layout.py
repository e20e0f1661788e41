"""Words to segments and wrapped labels: pure functions, tested without PDFs."""

from collections.abc import Iterable

from hypothesis import given
from hypothesis import strategies as st
from strategies import examples

from pipeline.core.records import BBox, PageLayout, Source, Word
from pipeline.read.layout import (
    column_edges,
    content_lines,
    join_label,
    reading_order,
    running_texts,
    text_columns,
    words_to_lines,
    words_to_segments,
)


def word(text: str, x0: float, width: float, top: float = 100.0, size: float = 10.0) -> Word:
    return Word(text, BBox(x0, top, x0 + width, top + size), size)


def test_thousands_group_joins_and_keeps_the_printed_space():
    words = [word("Nämnden", 60, 40), word("\u221215", 250, 14), word("233", 266.5, 16),
             word("\u221219", 320, 14), word("263", 336.5, 16)]
    nbsp = [word("\u00a0", 264, 2.5), word("\u00a0", 334, 2.5)]
    texts = [s.text for s in words_to_segments(words, nbsp)]
    assert texts == ["Nämnden", "\u221215\u00a0233", "\u221219\u00a0263"]


def test_numbers_in_neighbouring_columns_stay_apart():
    words = [word("143", 250, 15), word("145", 300, 15), word("170", 350, 15)]
    assert [s.text for s in words_to_segments(words)] == ["143", "145", "170"]


def test_percent_and_header_phrases_join():
    words = [word("85", 250, 10), word("%", 262, 8), word("Utfall", 320, 25), word("2019", 347, 20)]
    assert [s.text for s in words_to_segments(words)] == ["85 %", "Utfall 2019"]


def test_lines_group_by_vertical_middle():
    words = [word("b", 80, 5, top=100.5), word("a", 60, 5, top=100), word("c", 60, 5, top=120)]
    assert [ln.text for ln in words_to_lines(words)] == ["a b", "c"]


def test_join_label_rejoins_hyphenated_words_and_slashes():
    assert join_label(["Andel yrkeshögsko-", "leutbildningar ökar"]) == (
        "Andel yrkeshögskoleutbildningar ökar")
    assert join_label(["Sommarjobb/", "feriepraktik (personer)"]) == (
        "Sommarjobb/feriepraktik (personer)")
    assert join_label(["Arbetsmarknadsinsatser (kr /", "årsplats)"]) == (
        "Arbetsmarknadsinsatser (kr / årsplats)")


def test_join_label_joins_a_word_broken_at_a_soft_hyphen():
    # Migrationsverket 2009 breaks words with U+00AD: "förut\xad" / "sättningarna".
    assert join_label(["får förut\u00ad", "sättningarna anses"]) == "får förutsättningarna anses"
    assert join_label(["mål\u00ad", "Uppfyllelse"]) == "målUppfyllelse"
    assert join_label(["utan", "\u00ad"]) == "utan \u00ad"


def test_join_label_keeps_a_hyphen_that_stands_for_a_shared_ending():
    assert join_label(["ut-", "och inflyttning"]) == "ut- och inflyttning"
    assert join_label(["Kultur-", "och fritid"]) == "Kultur- och fritid"


def test_a_footnote_mark_does_not_split_a_label_from_its_values():
    """Försäkringskassan's "Personalomsättning i procent¹ 7,4 9,3": the small raised mark
    between label and values is no change of type."""
    words = [word("procent", 60, 30, top=592.1, size=7.56),
             word("1", 91, 2.5, top=591.3, size=5.04),
             word("7,4", 250, 10, top=592.1, size=7.56), word("9,3", 295, 10, top=592.1, size=7.56)]
    [line] = words_to_lines(words)
    assert [s.text for s in line.segments] == ["procent¹", "7,4", "9,3"]


def _phrase(text: str, x0: float, top: float, size: float = 10.0) -> list[Word]:
    """A phrase's words, each 5 pt a letter and a space apart."""
    out, x = [], x0
    for w in text.split():
        out.append(word(w, x, 5.0 * len(w), top, size))
        x += 5.0 * len(w) + 3.0
    return out


def _page(rows: list[tuple[str, float, float]]) -> list:
    return words_to_lines([w for text, x0, top in rows for w in _phrase(text, x0, top)])


# A page whose right column holds only the last sentence of a paragraph.
SHORT_RIGHT_COLUMN = [
    ("Nämndens mål: Miljöpåverkan minskar", 50, 100),
    ("Målet bedöms vara delvis uppfyllt för året.", 310, 100),
    ("Kostnaderna har varit stabila under", 50, 114),
    ("året och flera aktiviteter bidrar till att", 50, 128),
]


def test_a_right_column_of_one_line_needs_the_documents_edge():
    lines = _page(SHORT_RIGHT_COLUMN)
    assert all(ln.column == 0 for ln in text_columns(lines))
    read = [ln.text for ln in reading_order(text_columns(lines, edges=[310.0]))]
    assert read == ["Nämndens mål: Miljöpåverkan minskar", "Kostnaderna har varit stabila under",
                    "året och flera aktiviteter bidrar till att",
                    "Målet bedöms vara delvis uppfyllt för året."]


def test_an_edge_where_no_prose_starts_splits_nothing():
    lines = _page(SHORT_RIGHT_COLUMN)
    assert all(ln.column == 0 for ln in text_columns(lines, edges=[400.0]))


def test_a_documents_edges_are_where_its_right_columns_start():
    two = text_columns(_page([
        ("Texten i den vänstra spalten fortsätter här", 50, 100),
        ("Texten i den högra spalten fortsätter här", 310, 100),
        ("och den vänstra spalten har fler rader med", 50, 114),
        ("och den högra spalten har fler rader med", 310, 114),
        ("text som löper på i flera rader till slut", 50, 128),
        ("text som löper på i flera rader till slut", 310, 128)]))
    assert {ln.column for ln in two} == {1, 2}
    assert column_edges([two, _page(SHORT_RIGHT_COLUMN)]) == [310.0]


def test_a_stretch_without_a_line_at_the_right_columns_edge_is_read_across():
    """A table's title over a table across the page, and a footer of two pieces, on a page
    whose lower half is two columns: the title and the footer stay whole lines across."""
    rows = [("Not 13 Immateriella tillgångar", 50, 60),
            ("Tkr", 50, 90), ("2016", 350, 90), ("2015", 420, 90),
            ("Ingående balans", 50, 104), ("870", 350, 104), ("888", 420, 104),
            ("Texten i den vänstra spalten fortsätter här", 50, 140),
            ("Texten i den högra spalten fortsätter här", 310, 140),
            ("och den vänstra spalten har fler rader med", 50, 154),
            ("och den högra spalten har fler rader med", 310, 154),
            ("text som löper på i flera rader", 50, 168),
            ("POLISENS ÅRSREDOVISNING 2016", 50, 800), ("FINANSIELL REDOVISNING 99", 420, 800)]
    lines = text_columns(_page(rows), edges=[310.0])
    by_text = {ln.text: ln.column for ln in lines}
    assert by_text["Not 13 Immateriella tillgångar"] == 0
    assert by_text["POLISENS ÅRSREDOVISNING 2016 FINANSIELL REDOVISNING 99"] == 0
    assert by_text["Texten i den högra spalten fortsätter här"] == 2
    assert by_text["text som löper på i flera rader"] == 1


def _tokens(texts: Iterable[str]) -> list[str]:
    return sorted(t for text in texts for t in text.split())


@st.composite
def two_column_pages(draw: st.DrawFn) -> list[Word]:
    """Words of a page: lines of prose, numbers and headings at a few x positions on a
    baseline grid, so that some pages are two columns, some one, some neither."""
    vocabulary = ["målet", "är", "uppfyllt", "Nämnden", "2019", "1 234", "85 %", "Tkr",
                  "verksamheten", "och", "har", "ökat"]
    out: list[Word] = []
    for row in range(draw(st.integers(1, 14))):
        top = 60.0 + 14.0 * row + draw(st.sampled_from([0.0, 0.0, 200.0]))
        for x0 in draw(st.lists(st.sampled_from([50.0, 120.0, 310.0, 420.0]), min_size=1,
                                max_size=3, unique=True)):
            words = draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=7))
            out += _phrase(" ".join(words), x0, top)[:7]
    return out


@examples(200)
@given(two_column_pages(), st.lists(st.sampled_from([120.0, 310.0, 420.0]), max_size=2))
def test_columns_and_reading_order_keep_every_word_once(words, edges):
    lines = text_columns(words_to_lines(words), edges=edges)
    read = reading_order(lines)
    assert _tokens(s.text for ln in read for s in ln.segments) == _tokens(w.text for w in words)
    assert all(ln.column in (0, 1, 2) for ln in read)
    assert all(ln.column == 0 for ln in read) or any(ln.column == 2 for ln in read)


def test_a_right_column_that_begins_mid_sentence_is_a_column_on_its_own_page():
    """Balanced columns: the text flows from the left column's last line into a right
    column of a line and a half, beside a goal's heading; no other page shows the edge."""
    rows = [("Kostnaderna har varit stabila under", 50, 100),
            ("verksamheter. Sammantaget bedöms", 310, 100),
            ("perioden och arbetet har präglats av", 50, 114), ("vara uppfyllt.", 310, 114),
            ("omställning och nya arbetssätt i flera", 50, 128)]
    read = [ln.text for ln in reading_order(text_columns(_page(rows)))]
    assert read[-2:] == ["verksamheter. Sammantaget bedöms", "vara uppfyllt."]


def test_a_table_column_of_capitalised_words_beside_short_labels_is_no_text_column():
    rows = [("Andelen invånare som är nöjda med", 50, 100), ("Kvinnor Män Totalt", 310, 100),
            ("Antalet besök på biblioteken under året", 50, 114), ("Ökar Minskar", 310, 114),
            ("Andelen unga som deltar i feriearbete", 50, 128)]
    assert all(ln.column == 0 for ln in text_columns(_page(rows)))


def test_running_headers_and_footers_of_a_small_page_are_left_out():
    """An A5 landscape page (420 pt high): its header and footer stand beyond 12 % of its
    height from the edges, but within an inch."""
    def a5(page: int) -> PageLayout:
        rows = [("Fjällvik kommun · Kultur- och fritidsnämnden · Delårsrapport 2019", 57, 47),
                ("Ekonomi", 57, 81), ("Kostnaderna har varit stabila under året.", 57, 105),
                (f"{page} (7)", 527, 349)]
        return PageLayout(Source("a5.pdf", "0"), page, 595.0, 420.0,
                          tuple(w for text, x0, top in rows for w in _phrase(text, x0, top)))
    pages = [(p, words_to_lines(list(p.words))) for p in map(a5, range(2, 6))]
    running = running_texts(pages)
    assert [[ln.text for ln in content_lines(p, lines, running)] for p, lines in pages][0] == [
        "Ekonomi", "Kostnaderna har varit stabila under året."]
