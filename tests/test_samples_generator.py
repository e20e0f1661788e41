"""The committed sample reports regenerate byte for byte from the generator."""

from pathlib import Path

import pytest
from conftest import SAMPLES

from samples.generate import write_report


@pytest.mark.parametrize("year", [2017, 2018, 2019])
def test_sample_regenerates_identically(tmp_path: Path, year: int):
    pdf = write_report(tmp_path, year)
    committed = SAMPLES / pdf.name
    assert pdf.read_bytes() == committed.read_bytes()
    truth = pdf.with_suffix(".truth.csv")
    assert truth.read_text(encoding="utf-8") == committed.with_suffix(".truth.csv").read_text(
        encoding="utf-8")


def test_samples_carry_the_typography_of_real_exports():
    import pdfplumber

    chars = set()
    for pdf_path in sorted(SAMPLES.glob("*.pdf")):
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages:
                chars.update(c["text"] for c in page.chars)
    for ch in ("\u2011", "\u2212", "\u00a0", "\u202f", "%"):
        assert ch in chars, f"U+{ord(ch):04X} missing from the samples' text layer"


def test_2019_sample_carries_the_seed_figures():
    import csv

    with (SAMPLES / "botkyrka_avun_verksamhetsberattelse_2019.truth.csv").open() as fh:
        rows = {(r["table_title"], r["row_label"], r["column_label"]): r["raw_text"]
                for r in csv.DictReader(fh)}
    assert rows[("Driftredovisning verksamhet", "Total", "Budget 2019")] == "\u2212267\u00a0412"
    assert rows[("Sammanfattning", "Netto (+/-)", "Utfall period 2019")] == "\u2011261,7"
    ranking = "Botkyrkas ranking i Svenskt Näringslivs mätning förbättras"
    assert rows[("Målsatta mått", ranking, "Utfall 2019")] == "182"
    index = "Elevernas genomsnittliga värde i helhetsbedömningen av sin vuxenutbildning ökar"
    assert rows[("Målsatta mått", index, "Utfall 2018")] == "4,3"


def test_one_earlier_year_is_restated_between_reports():
    import csv

    def value(year: int) -> str:
        with (SAMPLES / f"botkyrka_avun_verksamhetsberattelse_{year}.truth.csv").open() as fh:
            return next(r["raw_text"] for r in csv.DictReader(fh)
                        if r["row_label"].startswith("Andel elever som får godkänt i Svenska")
                        and r["column_label"] == "Utfall 2017")
    assert value(2018) == "79 %"
    assert value(2019) == "81 %"
