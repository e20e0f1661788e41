"""Fuzz the whole extraction with damaged copies of the sample reports.

    python bench/fuzz.py [--n 500] [--batch 50] [--raw raw_pdfs] [--keep DIR] [-- EXTRACT ARGS]

Mutant `seed` is tests/mutants.mutant(sample, seed) of sample `seed % len(samples)`, so a seed
names one file exactly. The mutants (seeds 0 .. n-1) are written in batches to a temporary
folder, and each batch is read by one `pipeline extract BATCH --out OUT --quiet` process, so
that a traceback belongs to a batch; a failed batch is then split in halves and read again
until the seeds that fail it alone are found. Printed: the mutants read in full (no read-stage
problem, rows; and of those, how many have exactly the cells of their undamaged sample, read
in the same process), partly
read (a read-stage problem, rows), named unreadable (a file-level problem: corrupt,
not_a_pdf, ...), read without rows (and whether a problem names them), and tracebacks (a
process whose exit code is not 0, 1 or 3, or whose stderr holds "Traceback"), with the
seconds. Exits 1 when a traceback happened.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from mutants import mutant  # noqa: E402

PIPELINE = Path(sys.executable).parent / "pipeline"
EXIT_CODES = {0, 1, 3}  # every page read; a file or page not read; a check failed
# Read-stage problems that concern the whole file (no page): it was not read.
FILE_LEVEL = {"not_a_pdf", "corrupt", "encrypted", "decompression_bomb", "file_too_big",
              "file_timeout", "worker_failed", "unreadable"}
# Read-stage problems that say something about a file that was read, not a loss.
NOTES = {"active_content", "page_turned", "many_objects", "rotated_text", "read_by_ocr"}
BATCH_SECONDS = 3600.0  # a batch longer than this hangs


@dataclass
class Run:
    """One extraction process over some mutants."""

    code: int
    stderr: str
    seconds: float
    out: Path

    @property
    def traceback(self) -> bool:
        return self.code not in EXIT_CODES or "Traceback" in self.stderr


def make_mutants(samples: list[Path], n: int, folder: Path, batch: int) -> list[list[Path]]:
    """Mutants 0 .. n-1 in folders of `batch`; returns the files of each folder."""
    originals = [p.read_bytes() for p in samples]
    batches: list[list[Path]] = []
    for seed in range(n):
        if seed % batch == 0:
            batches.append([])
            (folder / f"batch{seed // batch:03d}").mkdir(parents=True)
        name, data = mutant(originals[seed % len(originals)], seed)
        sample = samples[seed % len(samples)].name
        path = folder / f"batch{seed // batch:03d}" / f"seed{seed:05d}_{name}__{sample}"
        path.write_bytes(data)
        batches[-1].append(path)
    return batches


def extract(files: list[Path], work: Path, extra: list[str], samples: list[Path]) -> Run:
    """`pipeline extract` over exactly these files and the undamaged samples (copied to a
    folder of their own): each mutant is compared with its sample as read in the same run,
    so that a change of the code between batches is not taken for damage."""
    raw = Path(tempfile.mkdtemp(dir=work, prefix="raw"))
    for path in [*files, *samples]:
        shutil.copy(path, raw / path.name)
    out = raw.with_name(raw.name.replace("raw", "out", 1))
    started = time.perf_counter()
    try:
        done = subprocess.run([str(PIPELINE), "extract", str(raw), "--out", str(out),
                               "--quiet", *extra], capture_output=True, text=True,
                              timeout=BATCH_SECONDS, check=False)
        code, stderr = done.returncode, done.stderr
    except subprocess.TimeoutExpired as exc:
        code, stderr = -1, f"hung: no exit after {BATCH_SECONDS:g} s\n{exc.stderr or ''}"
    shutil.rmtree(raw, ignore_errors=True)
    return Run(code, stderr, time.perf_counter() - started, out)


def culprits(files: list[Path], work: Path, extra: list[str], samples: list[Path]
             ) -> list[tuple[Path, Run]]:
    """The files that fail a run on their own: halves of a failing set, read again."""
    if len(files) == 1:
        run = extract(files, work, extra, samples)
        return [(files[0], run)] if run.traceback else []
    half = len(files) // 2
    found = []
    for part in (files[:half], files[half:]):
        run = extract(part, work, extra, samples)
        if run.traceback:
            found += (culprits(part, work, extra, samples) if len(part) > 1
                      else [(part[0], run)])
    return found


CELL = ["page", "table_title", "row_label", "column_label", "raw_text", "value"]


def cells(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "dataset" / "observations.csv", keep_default_na=False, dtype=str,
                       usecols=["source_file", *CELL])


def outcomes(out: Path, files: list[Path]) -> dict[str, str]:
    """Each mutant's outcome: full (with its sample's cells as read in the same run:
    "full", or other cells: "full_changed"), partly, unreadable, no_rows (with a problem
    that names the file) or no_rows_silent (without)."""
    problems = pd.read_csv(out / "dataset" / "problems.csv", keep_default_na=False, dtype=str)
    observations = cells(out)
    read = problems[problems["stage"] == "read"]
    result = {}
    for path in files:
        mine = read[read["source_file"] == path.name]
        rows = observations[observations["source_file"] == path.name]
        if len(mine[(mine["page"] == "") & mine["code"].isin(FILE_LEVEL)]):
            result[path.name] = "unreadable"
        elif not len(rows):
            named = (problems["source_file"] == path.name).any()
            result[path.name] = "no_rows" if named else "no_rows_silent"
        elif len(mine[~mine["code"].isin(NOTES)]):
            result[path.name] = "partly"
        else:
            sample = observations[observations["source_file"] == _sample(path)]
            same = _cells(rows) == _cells(sample)
            result[path.name] = "full" if same else "full_changed"
    return result


def _cells(rows: pd.DataFrame) -> Counter[tuple[str, ...]]:
    return Counter(map(tuple, rows[CELL].to_numpy()))


def _sample(path: Path) -> str:
    """The sample a mutant was made from (its name ends in it, see make_mutants)."""
    return path.name.split("__", 1)[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="mutants: seeds 0 .. n-1")
    parser.add_argument("--batch", type=int, default=50, help="mutants per process")
    parser.add_argument("--raw", type=Path, default=ROOT / "raw_pdfs",
                        help="the PDFs to mutate (default: the sample reports)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the mutants and outputs here, and keep them")
    parser.add_argument("extra", nargs="*", help="more options for pipeline extract")
    args = parser.parse_args()
    samples = sorted(args.raw.glob("*.pdf"))
    if not samples:
        parser.error(f"--raw {args.raw} holds no PDFs")
    started = time.perf_counter()
    work = args.keep or Path(tempfile.mkdtemp(prefix="fuzz"))
    work.mkdir(parents=True, exist_ok=True)
    batches = make_mutants(samples, args.n, work / "mutants", args.batch)
    tally: Counter[str] = Counter()
    failures: list[tuple[Path, Run]] = []
    for number, files in enumerate(batches):
        run = extract(files, work, args.extra, samples)
        print(f"batch {number}: {len(files)} mutants, exit {run.code}, {run.seconds:.0f} s",
              flush=True)
        if run.traceback:
            found = culprits(files, work, args.extra, samples)
            failures += found or [(files[0], run)]  # a batch that fails only as a whole
            tally["traceback"] += len(found) or 1
            good = [p for p in files if p not in {f for f, _ in found}]
            if good and found:
                rerun = extract(good, work, args.extra, samples)
                if not rerun.traceback:
                    tally.update(outcomes(rerun.out, good).values())
            continue
        tally.update(outcomes(run.out, files).values())
    seconds = time.perf_counter() - started
    print(f"mutants {args.n} (seeds 0-{args.n - 1}) of {len(samples)} samples, in batches of "
          f"{args.batch}: read in full {tally['full'] + tally['full_changed']} "
          f"({tally['full']} with the sample's cells, {tally['full_changed']} with other "
          f"cells), partly read {tally['partly']}, named unreadable {tally['unreadable']}, "
          f"read without rows {tally['no_rows'] + tally['no_rows_silent']} "
          f"({tally['no_rows_silent']} not named in problems), tracebacks "
          f"{tally['traceback']}; {seconds:.0f} seconds")
    for path, run in failures:
        print(f"\ntraceback: seed {int(path.name[4:9])} ({path.name}), exit {run.code}")
        print("\n".join(run.stderr.strip().splitlines()[-12:]))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
