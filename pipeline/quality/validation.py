"""The auditors' validation report: validation/results.json and validation/index.html.

Every failure names the report file, page, table, row and column, the value found and the
value expected, and shows a crop of the PDF page around the cell with the cell outlined
(rendered with pypdfium2), so the report can be read offline from its folder.
"""

from __future__ import annotations

import html
import json
import os
import shutil
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pipeline.core.guard import Guard
from pipeline.core.records import Problem
from pipeline.quality.checks import CHECKS, Failure
from pipeline.quality.findings import DECISIONS, Review, finding_id, open_errors, review_state
from pipeline.read.render import render_page
from pipeline.swedish.numbers import format_number, parse_cell

CROP_MARGIN = 60.0  # points of page above and below the cell
SCALE = 2.0


def results(failures: Sequence[Failure], checks: Sequence[tuple[str, str]] = CHECKS,
            crops: Sequence[str] = (), shas: Mapping[str, str] | None = None,
            reviews: Mapping[str, Review] | None = None,
            pdfs: Mapping[str, str] | None = None) -> dict:
    """The contract's results.json: warnings are listed but do not fail a check. `crops[n]`
    is the picture of failure n, when it has one; `shas` gives each report's sha256 (for the
    finding ids), `reviews` the standing review of each id, `pdfs` each report's PDF as the
    page links it. A failure found twice at one place (both rows of a doubled key) is one
    finding, with its `occurrences`."""
    shas, reviews, pdfs = shas or {}, reviews or {}, pdfs or {}
    out: list[dict[str, Any]] = []
    names = list(dict.fromkeys([*checks, *((f.suite, f.check) for f in failures)]))
    for suite, check in names:
        mine = [n for n, f in enumerate(failures) if (f.suite, f.check) == (suite, check)]
        errors = [n for n in mine if failures[n].severity == "error"]
        items: dict[str, dict] = {}
        for n in mine:
            item = _failure(failures[n], crops[n] if n < len(crops) else "", shas, reviews,
                            pdfs)
            if item["id"] in items:
                items[item["id"]]["occurrences"] += 1
                continue
            items[item["id"]] = item
        out.append({"suite": suite, "check": check, "success": not errors,
                    "failures": list(items.values())})
    findings = [f for c in out for f in c["failures"]]
    found = {f["id"] for f in findings}
    stale = [{"id": r.id, **r.as_dict()} for rid, r in reviews.items() if rid not in found]
    return {"success": all(c["success"] for c in out), "checks": out,
            "open_errors": open_errors(findings), "stale_reviews": stale}


def _failure(f: Failure, crop: str, shas: Mapping[str, str], reviews: Mapping[str, Review],
             pdfs: Mapping[str, str]) -> dict:
    row = asdict(f)
    row.pop("suite")
    row.pop("check")
    sha = shas.get(f.source_file, "")
    fid = finding_id(sha, f"{f.suite}/{f.check}", f.page, f.table, f.row_label,
                     f.column_label)
    review = reviews.get(fid)
    row.update({"id": fid, "source_sha256": sha, "crop": crop,
                "found": shown_value(f.value, f.printed),
                "expected_printed": ("" if f.expected is None else
                                     format_number(f.expected, _decimals(f.printed))),
                "pdf": pdfs.get(f.source_file, ""), "occurrences": 1,
                "review": None if review is None else review.as_dict()})
    return row


def shown_value(value: float | None, printed: str) -> str:
    """A value as the page prints it; one the page does not print, written the same way."""
    if printed:
        return " ".join(printed.split())
    return "" if value is None else format_number(value)


def _decimals(printed: str) -> int | None:
    parsed = parse_cell(printed) if printed else None
    return parsed.decimals if parsed is not None and parsed.value is not None else None


def failed_checks(report: dict) -> int:
    return sum(1 for c in report["checks"] if not c["success"])


def findings(report: dict) -> list[dict]:
    return [f | {"suite": c["suite"], "check": c["check"]}
            for c in report["checks"] for f in c["failures"]]


def standing_reviews(report: dict, reviews: Mapping[str, Review]) -> list[dict]:
    """Each id's standing review, placed at its finding (file, page), or stale."""
    at = {f["id"]: f for f in findings(report)}
    out = []
    for rid, review in reviews.items():
        finding = at.get(rid, {})
        out.append({"source_file": finding.get("source_file", ""),
                    "source_sha256": finding.get("source_sha256", ""),
                    "page": finding.get("page"), "id": rid, **review.as_dict(),
                    "stale": not finding, "line": review.line})
    return out


def write_report(folder: Path, raw_dir: Path, failures: Sequence[Failure],
                 checks: Sequence[tuple[str, str]] = CHECKS, not_run: Sequence[Problem] = (),
                 guard: Guard | None = None, shas: Mapping[str, str] | None = None,
                 reviews: Mapping[str, Review] | None = None) -> dict:
    """results.json, index.html, one crop per failure with a place on a page and a copy of
    each report with findings (so that a link opens it at the page, from the folder alone),
    in the validation folder of the generation being built. `not_run` are the run-level
    stages that failed: the report says so, and does not call itself a success."""
    guard = guard or Guard(raises=True)
    crops = folder / "crops"
    crops.mkdir(parents=True, exist_ok=True)
    pages: dict[tuple[str, int], Any] = {}  # each page is rendered once
    images = []
    for n, f in enumerate(failures):
        name = f"{n:04d}.png"
        drawn = f.box is not None and f.page > 0 and guard.run(
            "crops", partial(crop_around, page_image(pages, raw_dir / f.source_file, f.page, guard),
                             [f.box], crops / name), False,
            what=f"crop of {f.source_file}, page {f.page}")
        images.append(f"crops/{name}" if drawn else "")
    pdfs = {}
    for source in sorted({f.source_file for f in failures if f.source_file}):
        copied = guard.run("report", partial(_copy_pdf, raw_dir / source, folder / "pdf" / source),
                           False, what=f"copy of {source} for the report's page links")
        if copied:
            pdfs[source] = (Path("pdf") / source).as_posix()
    report = results(failures, checks, images, shas, reviews, pdfs)
    if not_run:
        report["success"] = False
        report["not_run"] = [{"stage": p.stage, "message": p.message} for p in not_run]
    _write(folder / "results.json", json.dumps(report, ensure_ascii=False, indent=2))
    _write(folder / "index.html", render_html(report))
    return report


def _copy_pdf(source: Path, target: Path) -> bool:
    """A hard link where the file system allows one (no second copy on disk), else a copy.
    The report then opens the very file it checked, even after RAW_DIR changes."""
    if not source.is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    return True


def page_image(pages: dict[tuple[str, int], Any], pdf: Path, page: int, guard: Guard) -> Any:
    """The rendered page and its scale, or None when it cannot be drawn (a crop is a help,
    never a reason for the report to fail: the guard notes it)."""
    key = (str(pdf), page)
    if key not in pages:
        pages[key] = guard.run("crops", partial(render_page, pdf, page, SCALE), None,
                               what=f"rendering {pdf.name}, page {page}")
    return pages[key]


def crop_around(rendered: tuple[Any, float] | None,
                boxes: Sequence[tuple[float, float, float, float]], target: Path) -> bool:
    """The page around the cells, each outlined in red; False without a page image or a
    box. The page may have been drawn smaller than asked (a huge page): its own scale
    counts."""
    from PIL import ImageDraw

    if rendered is None or not boxes:
        return False
    drawn, scale = rendered
    image = drawn.copy()  # the outline must not stay on the page for the next crop
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    # The page's whole width, so that the row's label shows beside the cell.
    area = (0.0, max(0.0, top - CROP_MARGIN), image.width / scale, bottom + CROP_MARGIN)
    draw = ImageDraw.Draw(image)
    for x0, y0, x1, y1 in boxes:
        draw.rectangle([x0 * scale - 3, y0 * scale - 3, x1 * scale + 3, y1 * scale + 3],
                       outline=(220, 0, 0), width=3)
    image.crop(tuple(int(v * scale) for v in area)).save(target)
    return True


def render_html(report: dict) -> str:
    """The auditors' page: findings first, grouped by report, with counts per severity and
    review state and filters (plain JavaScript, working from file://); the checks below,
    folded; values as printed."""
    items = findings(report)
    by_file: dict[str, list[dict]] = {}
    for item in items:
        by_file.setdefault(item["source_file"] or "(the whole run)", []).append(item)
    failed = failed_checks(report)
    verdict = ("All checks passed." if not failed else
               f"{failed} check(s) failed; {len(items)} finding(s), "
               f"{report.get('open_errors', 0)} error(s) not settled by a review.")
    not_run = report.get("not_run", [])
    if not_run:
        verdict += (f" {len(not_run)} stage(s) of the run could not run, so not everything "
                    "below was checked:")
    stopped = "".join(f"<li class='FAILED'>{_e(n['stage'])}: {_e(n['message'])}</li>"
                      for n in not_run)
    sections = "".join(_report_section(source, mine)
                       for source, mine in sorted(by_file.items()))
    return f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Validation report</title>
<style>{STYLE}</style></head><body>
<h1>Validation report</h1><p id="verdict">{_e(verdict)}</p>
{f"<ul>{stopped}</ul>" if stopped else ""}
{_summary_table(by_file)}
{_filters(items)}
<p><span id="shown-count">{len(items)}</span> of {len(items)} findings shown.</p>
<div id="findings">{sections}</div>
{_stale(report.get("stale_reviews", []))}
{_checks_folded(report)}
<p>The Great Expectations suites' own pages: <a href="gx_data_docs/index.html">Data Docs</a>.
Review a finding with <code>pipeline review ID --decision confirmed|false_alarm|explained
--note TEXT</code>; the next run shows it.</p>
<script>{SCRIPT}</script>
</body></html>
"""


STATES = ("open", *DECISIONS)
STYLE = """
body { font-family: sans-serif; margin: 2em; max-width: 75em; }
td, th { text-align: left; padding: 0.2em 0.8em; vertical-align: top; }
.FAILED { color: #b00; font-weight: bold; } .passed { color: #070; }
.finding { border: 1px solid #ccc; border-left: 6px solid #b00; padding: 0.5em 1em;
  margin: 1em 0; }
.finding.warning { border-left-color: #e0b000; }
.finding.state-false_alarm, .finding.state-explained { border-left-color: #7a7; opacity: 0.8; }
.review { padding: 0.3em 0.6em; background: #f4f4f4; }
.review.open { background: #fff3f3; } .finding-id { font-size: 0.9em; }
img { max-width: 100%; border: 1px solid #999; } #filters label { margin-right: 1.5em; }
#filters { margin: 1em 0; line-height: 2; }
.hidden { display: none; }
"""
# Filters hide findings, and a report whose findings are all hidden; no library, no network.
SCRIPT = """
(function () {
  var keys = ["report", "check", "severity", "state"];
  function apply() {
    var want = {};
    keys.forEach(function (k) { want[k] = document.getElementById("filter-" + k).value; });
    var shown = 0;
    document.querySelectorAll(".finding").forEach(function (el) {
      var ok = keys.every(function (k) { return !want[k] || el.dataset[k] === want[k]; });
      el.classList.toggle("hidden", !ok);
      if (ok) { shown += 1; }
    });
    document.querySelectorAll("section.report").forEach(function (sec) {
      sec.classList.toggle("hidden", !sec.querySelector(".finding:not(.hidden)"));
    });
    document.getElementById("shown-count").textContent = String(shown);
  }
  keys.forEach(function (k) {
    document.getElementById("filter-" + k).addEventListener("change", apply);
  });
  apply();
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _summary_table(by_file: dict[str, list[dict]]) -> str:
    """Per report: findings by severity, and by review state."""
    head = "".join(f"<th>{s}</th>" for s in ("errors", "warnings", *STATES))
    rows = []
    for source, mine in sorted(by_file.items()):
        severities = Counter(f["severity"] for f in mine)
        states = Counter(review_state(f) for f in mine)
        cells = [severities["error"], severities["warning"], *(states[s] for s in STATES)]
        rows.append(f"<tr data-report='{_e(source)}'><td>{_e(source)}</td>"
                    + "".join(f"<td>{n}</td>" for n in cells) + "</tr>")
    if not rows:
        return "<p>No findings.</p>"
    return (f"<table id='summary'><tr><th>report</th>{head}</tr>{''.join(rows)}</table>")


def _filters(items: list[dict]) -> str:
    def select(key: str, label: str, values: list[str]) -> str:
        options = "".join(f"<option value='{_e(v)}'>{_e(v)}</option>" for v in values)
        return (f"<label>{label} <select id='filter-{key}'><option value=''>all</option>"
                f"{options}</select></label>")
    reports = sorted({f["source_file"] or "(the whole run)" for f in items})
    checks = sorted({f"{f['suite']}/{f['check']}" for f in items})
    return ("<div id='filters'>" + select("report", "report", reports)
            + select("check", "check", checks) + select("severity", "severity",
                                                          ["error", "warning"])
            + select("state", "review", list(STATES)) + "</div>")


def _report_section(source: str, items: list[dict]) -> str:
    cards = "".join(_card(source, f) for f in items)
    return (f"<section class='report' data-report='{_e(source)}'><h2>{_e(source)}</h2>"
            f"{cards}</section>")


def _card(source: str, f: dict) -> str:
    state = review_state(f)
    page = f["page"]
    at_page = (f"<a class='page-link' href='{_e(quote(f['pdf']))}#page={page}'>page {page}</a>"
               if f.get("pdf") and page else (f"page {page}" if page else ""))
    crop = (f"<img src='{_e(f['crop'])}' alt='{_e(source)}, page {page}'>"
            if f.get("crop") else "")
    times = f" (found {f['occurrences']} times)" if f.get("occurrences", 1) > 1 else ""
    rows = [("page", at_page), ("table", _e(f["table"])), ("row", _e(f["row_label"])),
            ("column", _e(f["column_label"])), ("found", _e(f["found"])),
            ("expected", _e(f["expected_printed"]))]
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows if v)
    return (f"<div class='finding {_e(f['severity'])} state-{state}' id='f-{_e(f['id'])}' "
            f"data-id='{_e(f['id'])}' data-report='{_e(source)}' "
            f"data-check='{_e(f['suite'] + '/' + f['check'])}' "
            f"data-severity='{_e(f['severity'])}' data-state='{state}'>"
            f"<h3>{_e(f['check'])} ({_e(f['severity'])}){times}</h3>"
            f"<p class='finding-id'>finding <code>{_e(f['id'])}</code></p>"
            f"<p>{_e(f['message'])}</p><table>{table}</table>{_review(f)}{crop}</div>")


def _review(f: dict) -> str:
    review = f.get("review")
    if not review:
        return (f"<p class='review open'>Not reviewed. <code>pipeline review {_e(f['id'])} "
                "--decision confirmed|false_alarm|explained --note TEXT</code></p>")
    who = f" by {_e(review['reviewer'])}" if review.get("reviewer") else ""
    note = f": {_e(review['note'])}" if review.get("note") else ""
    return (f"<p class='review {_e(review['decision'])}'>Reviewed: <strong>"
            f"{_e(review['decision'])}</strong>{who}, {_e(review['at'])}{note}</p>")


def _stale(stale: list[dict]) -> str:
    if not stale:
        return ""
    rows = "".join(f"<tr><td><code>{_e(r['id'])}</code></td><td>{_e(r['decision'])}</td>"
                   f"<td>{_e(r['reviewer'])}</td><td>{_e(r['at'])}</td><td>{_e(r['note'])}</td>"
                   "</tr>" for r in stale)
    return ("<section id='stale-reviews'><h2>Reviews of findings that no longer exist</h2>"
            "<p>The check no longer fails there (the report, or its reading, changed).</p>"
            "<table><tr><th>id</th><th>decision</th><th>reviewer</th><th>at</th><th>note</th>"
            f"</tr>{rows}</table></section>")


def _checks_folded(report: dict) -> str:
    rows = []
    for check in report["checks"]:
        state = "passed" if check["success"] else "FAILED"
        rows.append(f"<tr><td>{_e(check['suite'])}</td><td>{_e(check['check'])}</td>"
                    f"<td class='{state}'>{state}</td><td>{len(check['failures'])}</td></tr>")
    passed = sum(1 for c in report["checks"] if c["success"])
    return (f"<details id='checks'><summary>Checks run: {len(rows)}, {passed} passed</summary>"
            "<p>Checked: arithmetic the reports promise, shares, goal counts claimed in the "
            "text, restatements between reports (warnings), and the Great Expectations suites."
            "</p><table><tr><th>suite</th><th>check</th><th>result</th><th>findings</th></tr>"
            f"{''.join(rows)}</table></details>")


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
