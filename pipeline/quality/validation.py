"""The auditors' validation report: validation/results.json and validation/index.html.

Every failure names the report file, page, table, row and column, the value found and the
value expected, and shows a crop of the PDF page around the cell with the cell outlined
(rendered with pypdfium2), so the report can be read offline from its folder.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from pipeline.core.guard import Guard
from pipeline.core.records import Problem
from pipeline.quality.checks import CHECKS, Failure
from pipeline.read.render import render_page

CROP_MARGIN = 60.0  # points of page above and below the cell
SCALE = 2.0


def results(failures: Sequence[Failure], checks: Sequence[tuple[str, str]] = CHECKS,
            crops: Sequence[str] = ()) -> dict:
    """The contract's results.json: warnings are listed but do not fail a check. `crops[n]`
    is the picture of failure n, when it has one."""
    out = []
    names = list(dict.fromkeys([*checks, *((f.suite, f.check) for f in failures)]))
    for suite, check in names:
        mine = [n for n, f in enumerate(failures) if (f.suite, f.check) == (suite, check)]
        errors = [n for n in mine if failures[n].severity == "error"]
        out.append({"suite": suite, "check": check, "success": not errors,
                    "failures": [_failure(failures[n], crops[n] if n < len(crops) else "")
                                 for n in mine]})
    return {"success": all(c["success"] for c in out), "checks": out}


def _failure(f: Failure, crop: str) -> dict:
    row = asdict(f)
    row.pop("suite")
    row.pop("check")
    row["crop"] = crop
    return row


def failed_checks(report: dict) -> int:
    return sum(1 for c in report["checks"] if not c["success"])


def write_report(folder: Path, raw_dir: Path, failures: Sequence[Failure],
                 checks: Sequence[tuple[str, str]] = CHECKS, not_run: Sequence[Problem] = (),
                 guard: Guard | None = None) -> dict:
    """results.json, index.html and one crop per failure with a place on a page, in the
    validation folder of the generation being built. `not_run` are the run-level stages
    that failed: the report says so, and does not call itself a success."""
    guard = guard or Guard(raises=True)
    crops = folder / "crops"
    crops.mkdir(parents=True, exist_ok=True)
    pages: dict[tuple[str, int], Any] = {}  # each page is rendered once
    images = []
    for n, f in enumerate(failures):
        name = f"{n:04d}.png"
        drawn = f.box is not None and f.page > 0 and guard.run(
            "crops", partial(_crop, _page_image(pages, raw_dir / f.source_file, f.page, guard),
                             f.box, crops / name), False,
            what=f"crop of {f.source_file}, page {f.page}")
        images.append(f"crops/{name}" if drawn else "")
    report = results(failures, checks, images)
    if not_run:
        report["success"] = False
        report["not_run"] = [{"stage": p.stage, "message": p.message} for p in not_run]
    _write(folder / "results.json", json.dumps(report, ensure_ascii=False, indent=2))
    _write(folder / "index.html", render_html(report))
    return report


def _page_image(pages: dict[tuple[str, int], Any], pdf: Path, page: int, guard: Guard) -> Any:
    """The rendered page and its scale, or None when it cannot be drawn (a crop is a help,
    never a reason for the report to fail: the guard notes it)."""
    key = (str(pdf), page)
    if key not in pages:
        pages[key] = guard.run("crops", partial(render_page, pdf, page, SCALE), None,
                               what=f"rendering {pdf.name}, page {page}")
    return pages[key]


def _crop(rendered: tuple[Any, float] | None, box: tuple[float, float, float, float],
          target: Path) -> bool:
    """The page around the cell, the cell outlined in red; False without a page image. The
    page may have been drawn smaller than asked (a huge page): its own scale counts."""
    from PIL import ImageDraw

    if rendered is None:
        return False
    page_image, scale = rendered
    image = page_image.copy()  # the outline must not stay on the page for the next crop
    x0, top, x1, bottom = box
    # The page's whole width, so that the row's label shows beside the cell.
    area = (0.0, max(0.0, top - CROP_MARGIN), image.width / scale, bottom + CROP_MARGIN)
    draw = ImageDraw.Draw(image)
    draw.rectangle([x0 * scale - 3, top * scale - 3, x1 * scale + 3, bottom * scale + 3],
                   outline=(220, 0, 0), width=3)
    image.crop(tuple(int(v * scale) for v in area)).save(target)
    return True


def render_html(report: dict) -> str:
    by_file: dict[str, list[tuple[dict, dict]]] = {}
    for check in report["checks"]:
        for item in check["failures"]:
            by_file.setdefault(item["source_file"], []).append((check, item))
    rows = []
    for check in report["checks"]:
        state = "passed" if check["success"] else "FAILED"
        rows.append(f"<tr><td>{html.escape(check['suite'])}</td>"
                    f"<td>{html.escape(check['check'])}</td><td class='{state}'>{state}</td>"
                    f"<td>{len(check['failures'])}</td></tr>")
    sections = []
    for source, items in sorted(by_file.items()):
        cards = []
        for check, item in items:
            crop = (f"<img src='{html.escape(item['crop'])}' alt='page {item['page']}'>"
                    if item.get("crop") else "")
            expected = "" if item["expected"] is None else f"{item['expected']:g}"
            found = "" if item["value"] is None else f"{item['value']:g}"
            cards.append(
                f"<div class='failure {item['severity']}'><h3>{html.escape(check['check'])}"
                f" ({item['severity']})</h3><p>{html.escape(item['message'])}</p>"
                f"<table><tr><th>page</th><td>{item['page']}</td></tr>"
                f"<tr><th>table</th><td>{html.escape(item['table'])}</td></tr>"
                f"<tr><th>row</th><td>{html.escape(item['row_label'])}</td></tr>"
                f"<tr><th>column</th><td>{html.escape(item['column_label'])}</td></tr>"
                f"<tr><th>found</th><td>{found}</td></tr>"
                f"<tr><th>expected</th><td>{expected}</td></tr></table>{crop}</div>")
        sections.append(f"<section><h2>{html.escape(source)}</h2>{''.join(cards)}</section>")
    failed = failed_checks(report)
    verdict = "All checks passed." if not failed else f"{failed} check(s) failed."
    not_run = report.get("not_run", [])
    if not_run:
        verdict += (f" {len(not_run)} stage(s) of the run could not run, so not everything "
                    "below was checked:")
    stopped = "".join(f"<li class='FAILED'>{html.escape(n['stage'])}: "
                      f"{html.escape(n['message'])}</li>" for n in not_run)
    return f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Validation report</title>
<style>
body {{ font-family: sans-serif; margin: 2em; max-width: 70em; }}
td, th {{ text-align: left; padding: 0.2em 0.8em; vertical-align: top; }}
.FAILED {{ color: #b00; font-weight: bold; }} .passed {{ color: #070; }}
.failure {{ border: 1px solid #ccc; padding: 0.5em 1em; margin: 1em 0; }}
.failure.warning {{ border-color: #e0b000; }} img {{ max-width: 100%; border: 1px solid #999; }}
</style></head><body>
<h1>Validation report</h1><p>{verdict}</p>{f"<ul>{stopped}</ul>" if stopped else ""}
<p>Checked: arithmetic the reports promise, shares,
goal counts claimed in the text and restatements between reports (warnings).
The Great Expectations suites' own pages: <a href="gx_data_docs/index.html">Data Docs</a>.</p>
<table><tr><th>suite</th><th>check</th><th>result</th><th>failures</th></tr>
{''.join(rows)}</table>
{''.join(sections)}
</body></html>
"""


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
