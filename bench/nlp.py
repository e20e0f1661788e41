"""Time of the text stage (goal blocks, assessments, tags, claims) on one report's prose.

    python bench/nlp.py [PDF]

The PDF is read once; then the text stage runs on its prose, first once to load the models
(reported apart), then timed over five runs. Without an argument the real seed report is laid
out as a PDF (as tests/test_seed_assessments.py does) when ../shared is here, else the 2019
sample is used.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from pipeline.core.files import file_sha256  # noqa: E402
from pipeline.core.records import Source  # noqa: E402
from pipeline.document import read_text_and_tables  # noqa: E402
from pipeline.meaning.outline import markers  # noqa: E402
from pipeline.run.runner import Limits, read_pages  # noqa: E402
from pipeline.text.assess import assess, goal_blocks  # noqa: E402
from pipeline.text.tags import claims, tag_lines  # noqa: E402


def text_stage(prose):  # type: ignore[no-untyped-def]
    found = markers(prose)
    assessed = [assess(b) for b in goal_blocks(prose, found)]
    return assessed, tag_lines(prose), claims(prose)


def pick_pdf(tmp: Path) -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    seed = ROOT.parent / "shared" / "seed" / "botkyrka-avun-verksamhetsberattelse-2019.txt"
    if seed.exists():
        from test_seed_assessments import lay_out

        pdf = tmp / "seed.pdf"
        lay_out(seed.read_text(encoding="utf-8"), pdf)
        return pdf
    return ROOT / "raw_pdfs" / "botkyrka_avun_verksamhetsberattelse_2019.pdf"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = pick_pdf(Path(tmp))
        source = Source(pdf.name, file_sha256(pdf))
        read = read_pages(str(pdf), source, 1, None, None, Limits())
        prose = read_text_and_tables(read.layouts).prose
        started = time.perf_counter()
        assessed, tags, found_claims = text_stage(prose)
        first = time.perf_counter() - started
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            text_stage(prose)
            runs.append(time.perf_counter() - started)
    lines = sum(len(lines) for _, lines in prose)
    print(f"{pdf.name}: {read.pages_total} pages, {lines} prose lines, {len(assessed)} goals, "
          f"{len(tags)} tags, {len(found_claims)} claims")
    print(f"first run (loads spaCy, lookups and the classifier): {first:.2f} s")
    print(f"text stage, median of 5: {statistics.median(runs):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
