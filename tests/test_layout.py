"""Words to segments and wrapped labels: pure functions, tested without PDFs."""

from pipeline.layout import join_label, words_to_lines, words_to_segments
from pipeline.records import BBox, Word


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
