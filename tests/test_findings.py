"""Finding ids and the reviews file (pipeline/quality/findings.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.quality.findings import (
    DECISIONS,
    Review,
    append_review,
    finding_id,
    open_errors,
    parse_reviews,
    read_reviews,
    review_state,
)

SHA = "ab" * 32


def test_an_id_is_twelve_hex_digits_of_its_place():
    fid = finding_id(SHA, "finances/parts_sum_to_total", 16, "Resultaträkning", "Summa", "2026")
    assert len(fid) == 12 and int(fid, 16) >= 0
    assert fid == finding_id(SHA, "finances/parts_sum_to_total", 16, "Resultaträkning",
                             "Summa", "2026")


def test_spacing_and_case_of_the_labels_do_not_change_the_id():
    one = finding_id(SHA, "c", 3, "Tabell 1  Utfall", "Summa kostnader", "Utfall 2023")
    two = finding_id(SHA, "c", 3, "tabell 1 utfall", " Summa\nkostnader ", "UTFALL 2023")
    assert one == two


@pytest.mark.parametrize("changed", [
    ("cd" * 32, "c", 3, "t", "r", "k"),  # another file
    (SHA, "d", 3, "t", "r", "k"),
    (SHA, "c", 4, "t", "r", "k"),
    (SHA, "c", 3, "u", "r", "k"),
    (SHA, "c", 3, "t", "s", "k"),
    (SHA, "c", 3, "t", "r", "l"),
])
def test_every_part_of_the_place_changes_the_id(changed):
    assert finding_id(*changed) != finding_id(SHA, "c", 3, "t", "r", "k")


def test_the_parts_cannot_run_into_each_other():
    assert finding_id(SHA, "c", 3, "ab", "c", "") != finding_id(SHA, "c", 3, "a", "bc", "")


def test_reviews_file_round_trip_and_the_latest_line_stands(tmp_path: Path):
    path = tmp_path / "reviews.csv"
    first = Review("6cca2e5f1816", "confirmed", "sign error, page 16", "AB", "2026-12-07T10:00:00Z")
    second = Review("6cca2e5f1816", "explained", 'the "net" line, see note 3', "CD",
                    "2026-12-07T11:00:00Z")
    append_review(path, first)
    append_review(path, second)
    assert path.read_text(encoding="utf-8").splitlines()[0] == "id,decision,note,reviewer,at"
    log = read_reviews(path)
    assert log.malformed == ()
    assert [r.decision for r in log.reviews] == ["confirmed", "explained"]
    assert [r.line for r in log.reviews] == [2, 3]
    assert log.latest()["6cca2e5f1816"].note == 'the "net" line, see note 3'


def test_appending_keeps_every_earlier_byte(tmp_path: Path):
    path = tmp_path / "reviews.csv"
    path.write_text("id,decision,note,reviewer,at\nabc,confirmed,x,y,z", encoding="utf-8")
    before = path.read_bytes()
    append_review(path, Review("def", "false_alarm", "n", "r", "t"))
    after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before):] == b"\ndef,false_alarm,n,r,t\n"  # the missing line break first
    assert [r.id for r in read_reviews(path).reviews] == ["abc", "def"]


def test_malformed_lines_are_listed_with_their_line_and_the_rest_is_read():
    text = ("id,decision,note,reviewer,at\n"
            "aaa,confirmed,ok,me,2026\n"
            "bbb,approved,?,me,2026\n"
            "ccc,explained\n"
            ",false_alarm,n,r,t\n"
            "\n"
            "ddd,explained,fine,me,2026\n")
    log = parse_reviews(text)
    assert [r.id for r in log.reviews] == ["aaa", "ddd"]
    assert [(m.line, m.why) for m in log.malformed] == [
        (3, "decision 'approved' is none of confirmed, false_alarm, explained"),
        (4, "2 fields, not 5 (id, decision, note, reviewer, at)"),
        (5, "no finding id"),
    ]


def test_a_file_the_csv_reader_cannot_finish_is_read_up_to_there():
    huge = "x" * 200_000  # past the CSV reader's field limit
    log = parse_reviews(f'id,decision,note,reviewer,at\naaa,confirmed,ok,me,2026\n'
                        f'bbb,explained,"{huge}",me,2026\nccc,explained,n,r,t\n')
    assert [r.id for r in log.reviews] == ["aaa"]
    assert [(m.line, m.why) for m in log.malformed] == [(3, "not CSV from here on")]


def test_a_file_without_its_header_says_so_and_keeps_its_reviews():
    log = parse_reviews("aaa,confirmed,ok,me,2026\n")
    assert [m.why for m in log.malformed] == ["no header line (id,decision,...)"]
    assert [r.id for r in log.reviews] == ["aaa"]


def test_a_missing_file_is_no_reviews_and_bad_bytes_are_no_crash(tmp_path: Path):
    assert read_reviews(tmp_path / "none.csv").reviews == ()
    path = tmp_path / "bad.csv"
    path.write_bytes(b"id,decision,note,reviewer,at\n\xff\xfe,confirmed,\xc3,x,y\n")
    log = read_reviews(path)
    assert len(log.reviews) == 1 and log.reviews[0].id == "\ufffd\ufffd"


def test_only_errors_no_review_settles_stay_open():
    def finding(severity, decision=None):
        review = {"decision": decision} if decision else None
        return {"severity": severity, "review": review}
    findings = [finding("error"), finding("error", "confirmed"), finding("error", "explained"),
                finding("error", "false_alarm"), finding("warning"),
                finding("warning", "confirmed")]
    assert open_errors(findings) == 2
    assert [review_state(f) for f in findings] == [
        "open", "confirmed", "explained", "false_alarm", "open", "confirmed"]


free_text = st.text(st.characters(blacklist_categories=("Cs",)),
                    max_size=40)
reviews = st.builds(Review, id=st.text("0123456789abcdef", min_size=1, max_size=12),
                    decision=st.sampled_from(DECISIONS), note=free_text, reviewer=free_text,
                    at=st.just("2026-12-07T10:00:00Z"))


@settings(max_examples=60, deadline=None)
@given(st.lists(reviews, max_size=6))
def test_what_is_appended_is_read_back(tmp_path_factory, written):
    path = tmp_path_factory.mktemp("reviews") / "reviews.csv"
    for review in written:
        append_review(path, review)
    log = read_reviews(path)
    assert log.malformed == ()

    def plain(r: Review) -> tuple[str, ...]:
        # Line breaks are written as "\n"; a reader trims the fields' outer spaces.
        def text(t: str) -> str:
            return t.replace("\r\n", "\n").replace("\r", "\n").strip()
        return (r.id, r.decision, text(r.note), text(r.reviewer), r.at)

    assert [plain(r) for r in log.reviews] == [plain(r) for r in written]
