"""Swedish lemmas and the measure key: spaCy's blank Swedish pipeline, nothing downloaded."""

import pytest

from pipeline.swedish.nlp import lemma, lemmas, measure_key


@pytest.mark.parametrize("word, expected", [
    ("med", "med"),  # the lookup table says "mede"
    ("företag", "företag"),  # the lookup table says "företa"
    ("kurs", "kurs"),
    ("mål", "mål"),  # the lookup table says "måla" (to paint)
    ("Andelen", "andel"),
    ("elevernas", "elev"),
    ("ökar", "öka"),
    ("organisationer", "organisation"),
])
def test_lemmas_with_fixes_where_the_lookup_table_is_wrong(word, expected):
    assert lemma(word) == expected


def test_lemmas_drop_punctuation():
    assert lemmas("Andel ekologiska livsmedel som köps in ökar.") == [
        "andel", "ekologisk", "livsmedel", "som", "köpa", "in", "öka"]


@pytest.mark.parametrize("a, b", [
    ("Andelen elever på Sfi som klarat högsta kurs på sin studieväg inom två år ökar",
     "Andel elever på Sfi som klarat högsta kurs på sin studieväg inom två år ökar"),
    ("Antalet nystartade företag i Botkyrka ökar", "Antal nystartade företag i Botkyrka"),
    ("Personalomsättningen ska minska", "Personalomsättning minskar"),
])
def test_small_changes_of_wording_give_one_key(a, b):
    assert measure_key(a) == measure_key(b)


def test_different_measures_keep_different_keys():
    new = "Personalomsättning (antal nyanställda under året i % av antalet anställda)"
    left = "Personalomsättning (antal avslutade under året i % av antalet anställda)"
    assert measure_key(new) != measure_key(left)
