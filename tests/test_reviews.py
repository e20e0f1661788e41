"""The review workflow end to end: finding ids that survive reruns and new pipeline versions,
`pipeline review`, the reviews in results.json, the auditors' page and the warehouse, and
`--strict` failing only on errors no review settles. On the samples, and on the real Göteborg
delårsrapport whose sign error on page 16 is the document's own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLES, real_pdf

from pipeline.cli import main
from pipeline.run import api

GOTEBORG = "goteborg_intraservice_delarsrapport_2026-03.pdf"


def _extract(raw: Path, out: Path, reviews: Path, *options: str) -> int:
    return main(["extract", str(raw), "--out", str(out), "--quiet", "--workers", "2",
                 "--reviews", str(reviews), *options])


def _review(fid: str, decision: str, out: Path, reviews: Path, note: str = "checked") -> int:
    return main(["review", fid, "--decision", decision, "--note", note, "--reviewer", "AB",
                 "--reviews", str(reviews), "--out", str(out)])


def _failures(out: Path) -> list[dict]:
    report = json.loads((out / "validation" / "results.json").read_text(encoding="utf-8"))
    return [f for c in report["checks"] for f in c["failures"]]


def _errors(out: Path) -> dict[str, dict]:
    return {f["id"]: f for f in _failures(out) if f["severity"] == "error"}


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        shutil.copy(pdf, raw / pdf.name)
    return raw


def test_reviews_settle_errors_and_strict_follows_them(samples, tmp_path):
    out, reviews = tmp_path / "out", tmp_path / "reviews.csv"
    assert _extract(samples, out, reviews, "--strict") == 3
    errors = _errors(out)
    assert len(errors) == 3
    assert all(f["review"] is None for f in _failures(out))
    first, *others = sorted(errors)

    assert _review(first, "confirmed", out, reviews, "the report is wrong") == 0
    assert _extract(samples, out, reviews, "--strict") == 3  # confirmed: still the document's
    assert _errors(out)[first]["review"]["decision"] == "confirmed"
    assert _errors(out)[first]["review"]["reviewer"] == "AB"

    for fid in others:
        assert _review(fid, "false_alarm", out, reviews) == 0
    assert _extract(samples, out, reviews, "--strict") == 3  # the confirmed one stays open
    assert _review(first, "explained", out, reviews, "a typo, fixed in next year's report") == 0
    assert _extract(samples, out, reviews, "--strict") == 0
    assert _errors(out)[first]["review"] == {
        "decision": "explained", "note": "a typo, fixed in next year's report",
        "reviewer": "AB", "at": _errors(out)[first]["review"]["at"]}
    page = (out / "validation" / "index.html").read_text(encoding="utf-8")
    assert f"id='f-{first}'" in page and "data-state='explained'" in page
    with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as db:
        stood = db.execute("select id, decision, stale from reviews order by id").fetchall()
        findings = db.execute("select count(*) from findings").fetchone()
    assert stood == sorted([(first, "explained", False), *((f, "false_alarm", False)
                                                          for f in others)])
    assert findings == (len(_failures(out)),)
    # Four reviews of three findings, each a line; nothing was rewritten.
    assert len(reviews.read_text(encoding="utf-8").splitlines()) == 1 + 4


def test_an_unknown_id_is_refused_unless_forced(samples, tmp_path, capsys):
    out, reviews = tmp_path / "out", tmp_path / "reviews.csv"
    assert _extract(samples, out, reviews) == 0
    with pytest.raises(SystemExit) as refused:  # argparse's exit: the command used wrongly
        _review("000000000000", "explained", out, reviews)
    assert refused.value.code == 2
    assert "000000000000" in capsys.readouterr().err
    assert not reviews.exists()
    assert main(["review", "000000000000", "--decision", "explained", "--note", "gone",
                 "--reviews", str(reviews), "--out", str(out), "--force"]) == 0
    assert _extract(samples, out, reviews) == 0
    report = json.loads((out / "validation" / "results.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in report["stale_reviews"]] == ["000000000000"]
    assert "stale-reviews" in (out / "validation" / "index.html").read_text(encoding="utf-8")


def test_a_malformed_review_line_is_a_problem_not_a_crash(samples, tmp_path):
    out, reviews = tmp_path / "out", tmp_path / "reviews.csv"
    assert _extract(samples, out, reviews) == 0
    fid = sorted(_errors(out))[0]
    reviews.write_text(f"id,decision,note,reviewer,at\n{fid},approved,?,me,now\n"
                       f"{fid},explained,fine,me,2026-12-07T10:00:00Z\n", encoding="utf-8")
    assert _extract(samples, out, reviews) == 0
    problems = (out / "dataset" / "problems.csv").read_text(encoding="utf-8")
    assert "review_malformed" in problems and "line 2" in problems
    assert _errors(out)[fid]["review"]["decision"] == "explained"


def test_ids_survive_a_new_pipeline_version(samples, tmp_path, monkeypatch):
    reviews = tmp_path / "reviews.csv"
    assert _extract(samples, tmp_path / "one", reviews) == 0
    monkeypatch.setattr(api, "pipeline_version", lambda: "0.0.0+another-version")
    assert _extract(samples, tmp_path / "two", reviews) == 0
    one = json.loads((tmp_path / "one" / "manifest.json").read_text(encoding="utf-8"))
    two = json.loads((tmp_path / "two" / "manifest.json").read_text(encoding="utf-8"))
    assert two["version"] == "0.0.0+another-version" != one["version"]
    assert sorted(f["id"] for f in _failures(tmp_path / "one")) == sorted(
        f["id"] for f in _failures(tmp_path / "two"))


def test_goteborg_sign_error_is_reviewed_as_the_issue_asks(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(real_pdf(GOTEBORG), raw / GOTEBORG)
    out, reviews = tmp_path / "out", tmp_path / "reviews.csv"
    assert _extract(raw, out, reviews, "--strict") == 3
    at_16 = [f for f in _failures(out) if f["severity"] == "error" and f["page"] == 16]
    assert len(at_16) == 1
    sign = at_16[0]
    assert sign["found"] == "-1 633,7"  # as the page prints it
    assert sign["message"].startswith("'Totalt' is printed as -1 633,7 but its 8 rows")

    monkeypatch.setattr(api, "pipeline_version", lambda: "0.0.0+another-version")
    again = tmp_path / "again"
    assert _extract(raw, again, reviews, "--strict") == 3
    assert [f["id"] for f in _failures(again) if f["page"] == 16
            and f["severity"] == "error"] == [sign["id"]]

    assert _review(sign["id"], "confirmed", out, reviews, "sign error in the report") == 0
    assert _extract(raw, out, reviews, "--strict") == 3
    assert _errors(out)[sign["id"]]["review"]["decision"] == "confirmed"
    page = (out / "validation" / "index.html").read_text(encoding="utf-8")
    assert f"id='f-{sign['id']}'" in page and "Reviewed: <strong>confirmed</strong>" in page

    assert _review(sign["id"], "explained", out, reviews, "the report's own error") == 0
    others = [fid for fid in _errors(out) if fid != sign["id"]]
    assert _extract(raw, out, reviews, "--strict") == (3 if others else 0)
    for fid in others:  # what else fails is our misreading: false alarms
        assert _review(fid, "false_alarm", out, reviews) == 0
    assert _extract(raw, out, reviews, "--strict") == 0
