"""Write a generated corpus: for each seed, a series of reports from one producer, each a PDF
with its truth beside it.

    python -m corpus.generate --seeds 0-99 --out corpus/dev          (make corpus)
    python -m corpus.generate --seeds 1000-1031 --out tests/corpus    (the committed test set)

Seed n is printed by producer n mod 8, so any run of eight seeds covers every producer.
Beside each `NAME.pdf`: `NAME.cells.csv` (page, table_title, row_label, column_label,
raw_text, value: every value printed in a table) and `NAME.typed.csv` (dataset, page, the
fields that key the typed row, value) and `NAME.goals.json` (every goal with its page,
verdict and the sentence that states it, as tests/golden/real_goals keeps the real ones).
All come from the generator's own figures. A PDF
whose page count is not the document's (a page ran over) is not kept: its truth would say
the wrong page.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from corpus.compose import compose
from corpus.document import Document
from corpus.model import series
from corpus.producers import PRODUCERS, ProducerMissing
from corpus.style import style_for

ORDER = ("chromium", "lo-docx", "weasyprint", "lo-xlsx", "lo-html", "reportlab", "lo-odt",
         "lo-ods")
TYPED_FIELDS = ("measure", "breakdown", "statement", "line", "item", "year", "kind")


def producer_of(seed: int) -> str:
    return ORDER[seed % len(ORDER)]


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def documents(seed: int) -> list[tuple[Document, object]]:
    producer = producer_of(seed)
    style = style_for(seed, producer)
    out = []
    for report in series(seed):
        name = (f"s{seed:04d}-{slug(report.municipality)}-{slug(report.kind)}-{report.year}")
        out.append((compose(report, style, name), style))
    return out


def write_truth(doc: Document, folder: Path) -> tuple[int, int]:
    cells, typed = [], []
    for page, table, _row, cell in doc.cells():
        truth = cell.truth
        assert truth is not None and cell.value is not None
        cells.append({"page": page, "table_title": table.title, "row_label": truth.row_label,
                      "column_label": truth.column_label, "raw_text": cell.text,
                      "value": repr(float(cell.value))})
        if truth.typed is not None:
            fields = dict(truth.typed.fields)
            typed.append({"dataset": truth.typed.dataset, "page": page,
                          **{k: fields.get(k, "") for k in TYPED_FIELDS},
                          "value": repr(float(cell.value))})
    _write_csv(folder / f"{doc.name}.cells.csv", cells,
               ["page", "table_title", "row_label", "column_label", "raw_text", "value"])
    _write_csv(folder / f"{doc.name}.typed.csv", typed,
               ["dataset", "page", *TYPED_FIELDS, "value"])
    # The goals as the hand-labelled real reports keep them (corpus.goals reads both).
    goals = {"file": f"{doc.name}.pdf",
             "goals": [{"page": g.page, "goal": g.goal, "verdict": g.verdict,
                        "evidence": g.evidence} for g in doc.goals]}
    (folder / f"{doc.name}.goals.json").write_text(
        json.dumps(goals, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(cells), len(typed)


def _write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def generate(seeds: list[int], out: Path, only: set[str] | None = None) -> int:
    """Every seed's series into out/<producer>/; returns how many PDFs were kept."""
    kept = 0
    for seed in seeds:
        producer = producer_of(seed)
        if only and producer not in only:
            continue
        folder = out / producer
        folder.mkdir(parents=True, exist_ok=True)
        for doc, style in documents(seed):
            started = time.perf_counter()
            with tempfile.TemporaryDirectory(prefix="corpus-") as work:
                pdf = PRODUCERS[producer](doc, style, Path(work))  # type: ignore[arg-type]
            pages = page_count(pdf)
            if pages != len(doc.pages):
                print(f"{producer} {doc.name}: {pages} pages where the document has "
                      f"{len(doc.pages)} (a page ran over); not kept", file=sys.stderr)
                continue
            (folder / f"{doc.name}.pdf").write_bytes(pdf)
            n_cells, n_typed = write_truth(doc, folder)
            kept += 1
            print(f"{producer} {doc.name}: {pages} pages, {n_cells} cells, {n_typed} typed "
                  f"({time.perf_counter() - started:.1f} s)", flush=True)
    return kept


def seed_range(text: str) -> list[int]:
    seeds: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        seeds += list(range(int(first), int(last or first) + 1))
    return seeds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=seed_range, default=seed_range("0-99"))
    parser.add_argument("--out", type=Path, default=Path("corpus/dev"))
    parser.add_argument("--producer", action="append", default=None,
                        help=f"only these producers ({', '.join(ORDER)})")
    args = parser.parse_args(argv)
    try:
        kept = generate(args.seeds, args.out, set(args.producer) if args.producer else None)
    except ProducerMissing as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    print(f"corpus: {kept} reports written under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
