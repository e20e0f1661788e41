"""Findings and the auditors' reviews of them.

A finding is one failed check at one place: its id is a short hash of the report's sha256, the
check, the page, the table, the row and the column, so it is the same in every run and in
every version of the pipeline that finds the same failure at the same place. An auditor's
decision on it is a line of the reviews file (append-only CSV: id, decision, note, reviewer,
at); the latest line for an id stands. `--strict` fails only on error findings that no review
settles (false_alarm, explained).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

DECISIONS = ("confirmed", "false_alarm", "explained")
SETTLED = frozenset({"false_alarm", "explained"})  # a confirmed error still fails --strict
REVIEW_FIELDS = ("id", "decision", "note", "reviewer", "at")
REVIEWS_FILE = "reviews.csv"  # in the current folder, unless --reviews says otherwise
ID_LENGTH = 12  # hex digits: 48 bits, no collision in any corpus of reports we will meet


def finding_id(source_sha256: str, check: str, page: int, table: str, row: str,
               column: str) -> str:
    """The finding's id. Texts are compared with their spaces collapsed and in lower case,
    so that a reading that joins a title's words differently keeps its findings' ids."""
    parts = (source_sha256, check, str(int(page)), *(_plain(t) for t in (table, row, column)))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:ID_LENGTH]


def _plain(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class Review:
    id: str
    decision: str
    note: str
    reviewer: str
    at: str  # ISO 8601, UTC
    line: int = 0  # its line in the reviews file (1 is the header)

    def as_dict(self) -> dict[str, str]:
        return {"decision": self.decision, "note": self.note, "reviewer": self.reviewer,
                "at": self.at}


@dataclass(frozen=True)
class Malformed:
    """A line of the reviews file that is not a review, and why."""

    line: int
    text: str
    why: str


@dataclass(frozen=True)
class ReviewLog:
    """The reviews file as read: its good lines in order, and the ones that could not be."""

    reviews: tuple[Review, ...] = ()
    malformed: tuple[Malformed, ...] = ()

    def latest(self) -> dict[str, Review]:
        """The decision that stands for each id: its last line."""
        return {r.id: r for r in self.reviews}


def parse_reviews(text: str) -> ReviewLog:
    """The reviews of a reviews file's text. A line that is not a review (wrong number of
    fields, an unknown decision, no id) is listed as malformed, never dropped silently."""
    reviews: list[Review] = []
    malformed: list[Malformed] = []
    # newline="": a line break inside a quoted note (even a lone CR) stays part of the note.
    rows, broken = _csv_rows(text)
    header = tuple(rows[0]) if rows else ()
    start = 1 if header[:1] == ("id",) else 0
    if rows and start == 0:
        malformed.append(Malformed(1, ",".join(header), "no header line (id,decision,...)"))
    for number, row in enumerate(rows[start:], start=start + 1):
        if not any(field.strip() for field in row):
            continue
        why = _malformed(row)
        if why:
            malformed.append(Malformed(number, ",".join(row)[:200], why))
            continue
        rid, decision, note, reviewer, at = (field.strip() for field in row)
        reviews.append(Review(rid, decision, note, reviewer, at, number))
    if broken:
        malformed.append(Malformed(len(rows) + 1, broken, "not CSV from here on"))
    return ReviewLog(tuple(reviews), tuple(malformed))


def _csv_rows(text: str) -> tuple[list[list[str]], str]:
    """The file's rows, and what follows the first place the CSV reader cannot go past."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows.extend(reader)
    except csv.Error as err:
        return rows, f"{err}"[:200]
    return rows, ""


def _malformed(row: Sequence[str]) -> str:
    if len(row) != len(REVIEW_FIELDS):
        return f"{len(row)} fields, not {len(REVIEW_FIELDS)} ({', '.join(REVIEW_FIELDS)})"
    rid, decision = row[0].strip(), row[1].strip()
    if not rid:
        return "no finding id"
    if decision not in DECISIONS:
        return f"decision {decision!r} is none of {', '.join(DECISIONS)}"
    return ""


def read_reviews(path: Path) -> ReviewLog:
    """The reviews file at `path`; none when it does not exist. Bytes that are not UTF-8
    are read as replacement characters (and their lines then fail as malformed ids rarely:
    the id is hex)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ReviewLog()
    return parse_reviews(data.decode("utf-8", errors="replace"))


def reviews_digest(path: Path) -> str:
    """What a run records of the reviews file, so that a new review publishes again."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def append_review(path: Path, review: Review) -> None:
    """One line at the end of the reviews file (its header first when it is new). Nothing
    before it is rewritten: a review is never lost."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    new = not path.exists() or path.stat().st_size == 0
    if new:
        writer.writerow(REVIEW_FIELDS)
    elif not _ends_with_newline(path):
        buffer.write("\n")  # a file edited by hand may lack its last line break
    # A lone CR is not quoted by the CSV writer (its line ends are "\n") and would split the
    # line when read back: line breaks are written as "\n", inside the quoted field.
    writer.writerow([_one_newline(v) for v in
                     (review.id, review.decision, review.note, review.reviewer, review.at)])
    with path.open("a", encoding="utf-8", newline="") as out:
        out.write(buffer.getvalue())
        out.flush()
        os.fsync(out.fileno())


def _one_newline(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def open_errors(findings: Iterable[Mapping[str, object]]) -> int:
    """Error findings that no review settles: what makes `--strict` exit 3."""
    return sum(1 for f in findings
               if f.get("severity") == "error" and review_state(f) not in SETTLED)


def review_state(finding: Mapping[str, object]) -> str:
    """"open" or the standing decision, as the auditors' page filters on it."""
    review = finding.get("review")
    return str(review["decision"]) if isinstance(review, dict) else "open"


def known_finding(results_json: Path, fid: str) -> bool | None:
    """Whether the validation report at `results_json` lists the finding; None when there
    is no readable report to ask."""
    try:
        report = json.loads(results_json.read_text(encoding="utf-8"))
        return any(f.get("id") == fid for c in report["checks"] for f in c["failures"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
