"""The `pipeline` command through its entry point: outputs, exit codes, bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import SAMPLE_PDFS

from pipeline.cli import main
from pipeline.core.catalogue import TABLES, Type

CONTRACT_OBSERVATIONS = ["source_file", "source_sha256", "page", "table_id", "table_title",
                         "row_label", "column_label", "raw_text", "value", "unit", "x0", "top",
                         "x1", "bottom"]
CONTRACT_PROBLEMS = ["source_file", "source_sha256", "page", "stage", "code", "message",
                     "raw_text"]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path, Path]:
    """One sample report and a folder of broken files, extracted with two workers."""
    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(SAMPLE_PDFS[0], raw / SAMPLE_PDFS[0].name)
    bad = raw / "inkommet"
    bad.mkdir()
    (bad / "tom.pdf").write_bytes(b"")
    (bad / "felsida.pdf").write_bytes(b"<html><body>404 Not Found</body></html>")
    good = SAMPLE_PDFS[1].read_bytes()
    (bad / "avbruten.pdf").write_bytes(good[: len(good) // 3])
    (bad / "skrap.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    out = tmp_path_factory.mktemp("out")
    code = main(["extract", str(raw), "--out", str(out), "--workers", "2", "--quiet"])
    return code, raw, out


def test_unreadable_files_give_exit_code_1(run):
    code, _, _ = run
    assert code == 1


def test_every_broken_file_is_a_problem_row_naming_it(run):
    _, _, out = run
    problems = pd.read_csv(out / "dataset" / "problems.csv", keep_default_na=False)
    by_file = dict(zip(problems.source_file, problems.code, strict=False))
    assert by_file["inkommet/tom.pdf"] == "not_a_pdf"
    assert by_file["inkommet/felsida.pdf"] == "not_a_pdf"
    assert by_file["inkommet/avbruten.pdf"] in {"corrupt", "page_unreadable"}
    assert by_file["inkommet/skrap.pdf"] == "corrupt"
    messages = dict(zip(problems.source_file, problems.message, strict=False))
    assert messages["inkommet/tom.pdf"] == (
        "tom.pdf: the file is empty (0 bytes); replace it with the report.")


def test_good_file_is_complete_despite_bad_neighbours(run):
    _, _, out = run
    obs = pd.read_csv(out / "dataset" / "observations.csv", keep_default_na=False)
    good = obs[obs.source_file == SAMPLE_PDFS[0].name]
    truth = pd.read_csv(SAMPLE_PDFS[0].with_suffix(".truth.csv"), keep_default_na=False)
    assert len(good) == len(truth[truth.kind != "missing"])


def test_outputs_follow_the_contract(run):
    _, _, out = run
    for name, columns in (("observations", CONTRACT_OBSERVATIONS), ("problems", CONTRACT_PROBLEMS)):
        csv_frame = pd.read_csv(out / "dataset" / f"{name}.csv", keep_default_na=False)
        parquet = pd.read_parquet(out / "dataset" / f"{name}.parquet")
        assert list(csv_frame.columns[: len(columns)]) == columns
        assert list(parquet.columns[: len(columns)]) == columns
        assert len(csv_frame) == len(parquet)
        with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as con:
            assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == len(parquet)


CONTRACT_TYPED = {
    "measures": ["municipality", "committee", "report_year", "goal_area", "goal", "measure",
                 "measure_key", "breakdown", "year", "kind", "value", "unit"],
    "finances": ["statement", "line", "year", "kind", "value", "unit", "value_sek"],
    "volumes": ["item", "unit", "year", "kind", "value"],
    "key_figures": ["item", "unit", "year", "kind", "value"],
    "personnel": ["metric", "breakdown", "year", "value", "unit"],
    "assessments": ["municipality", "committee", "report_year", "goal_area", "goal", "label",
                    "evidence", "confidence"],
}


@pytest.mark.parametrize("name", sorted(CONTRACT_TYPED))
def test_typed_tables_follow_the_contract(run, name):
    """Provenance, then the contract's columns in its order; more columns may follow."""
    _, _, out = run
    columns = ["source_file", "source_sha256", "page", *CONTRACT_TYPED[name]]
    csv_frame = pd.read_csv(out / "dataset" / f"{name}.csv", keep_default_na=False)
    parquet = pd.read_parquet(out / "dataset" / f"{name}.parquet")
    assert list(csv_frame.columns[: len(columns)]) == columns
    assert list(parquet.columns[: len(columns)]) == columns
    assert len(parquet) > 0
    with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == len(parquet)


def test_csv_uses_a_dot_and_empty_fields(run):
    _, _, out = run
    text = (out / "dataset" / "observations.csv").read_text(encoding="utf-8")
    assert ",-261743.0," not in text  # that value is in the 2019 report, not this one
    assert ",93032.0,tkr," in text


def test_no_temporary_files_are_left(run):
    _, _, out = run
    assert not [p for p in out.rglob("*") if ".tmp-" in p.name]


def test_raw_dir_is_not_changed(run):
    _, raw, _ = run
    names = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file())
    assert names == ["botkyrka_avun_verksamhetsberattelse_2017.pdf", "inkommet/avbruten.pdf",
                     "inkommet/felsida.pdf", "inkommet/skrap.pdf", "inkommet/tom.pdf"]


def test_summary_line_counts_the_run(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE_PDFS[2], raw / SAMPLE_PDFS[2].name)
    assert main(["extract", str(raw), "--out", str(tmp_path / "out"), "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    summary = out.strip().splitlines()[-1]
    truth = pd.read_csv(SAMPLE_PDFS[2].with_suffix(".truth.csv"), keep_default_na=False)
    cells = len(truth[truth.kind != "missing"])
    assert cells == 393
    assert summary.startswith("summary: 1 files (0 unreadable), 17 pages, ")
    typed = {name: len(pd.read_csv(SAMPLE_PDFS[2].with_suffix(f".{name}.csv")))
             for name in ("measures", "finances", "volumes", "key_figures", "personnel")}
    counts = ", ".join(f"{name} {n}" for name, n in typed.items())
    assert f", {cells} cells ({counts}), 0 problems, " in summary
    assert "[1/1] botkyrka_avun_verksamhetsberattelse_2019.pdf: 17 pages" in err


def test_missing_folder_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path / "finns-inte"), "--out", str(tmp_path / "out")])
    assert exc.value.code == 2
    assert "is not a folder" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error():
    with pytest.raises(SystemExit) as exc:
        main(["extract", ".", "--snabbt"])
    assert exc.value.code == 2


def test_every_command_is_documented_in_the_readme():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for command in ("pipeline extract", "pipeline debug", "make extract", "make test",
                    "make bench", "make samples", "make lint", "pipeline crosscheck"):
        assert command in readme


def _encrypted_report(path: Path, password: str) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    encryption = pdfencrypt.StandardEncryption(password, ownerPassword="ägare", canPrint=1)
    c = canvas.Canvas(str(path), encrypt=encryption, invariant=1)
    c.drawRightString(300, 680, "2024")
    c.drawRightString(380, 680, "2025")
    for y, label, a, b in ((665, "Intäkter", "10 135", "11 251"),
                           (650, "Kostnader", "-69 731", "-73 300")):
        c.drawString(60, y, label)
        c.drawRightString(300, y, a)
        c.drawRightString(380, y, b)
    c.save()


def test_encrypted_file_needs_its_password(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    _encrypted_report(raw / "krypterad.pdf", "hemligt")
    assert main(["extract", str(raw), "--out", str(tmp_path / "a"), "--workers", "1"]) == 1
    problems = pd.read_csv(tmp_path / "a" / "dataset" / "problems.csv", keep_default_na=False)
    assert problems.code.tolist() == ["encrypted"]
    assert problems.message.tolist() == [
        "krypterad.pdf: the PDF is encrypted; run again with --password if you may open it."]
    assert main(["extract", str(raw), "--out", str(tmp_path / "b"), "--workers", "1",
                 "--password", "hemligt"]) == 0
    obs = pd.read_csv(tmp_path / "b" / "dataset" / "observations.csv", keep_default_na=False,
                      dtype={"column_label": str})
    assert list(zip(obs.row_label, obs.column_label, obs.value, strict=True)) == [
        ("Intäkter", "2024", 10135.0), ("Intäkter", "2025", 11251.0),
        ("Kostnader", "2024", -69731.0), ("Kostnader", "2025", -73300.0)]


def test_parquet_partitioned_by_report_year(run):
    """The 2017 report's rows under report_year=2017; unreadable files (no year) under 0."""
    _, _, out = run
    root = out / "dataset" / "by_report_year"
    measures = pd.read_parquet(root / "measures" / "report_year=2017" / "part-0.parquet")
    assert len(measures) == len(pd.read_parquet(out / "dataset" / "measures.parquet"))
    problems = pd.read_parquet(root / "problems" / "report_year=0" / "part-0.parquet")
    assert set(problems.source_file.str.startswith("inkommet/")) == {True}


def test_merged_tables_are_written(run):
    _, _, out = run
    clean = pd.read_csv(out / "dataset" / "measures_clean.csv", keep_default_na=False)
    assert list(clean.columns) == ["measure_key", "measure", "goal", "breakdown", "year",
                                   "kind", "value", "unit", "source_file", "n_sources",
                                   "conflict", "organisation", "source_sha256", "page"]
    assert set(clean.n_sources) == {1} and not clean.conflict.any()  # one report only
    conflicts = pd.read_csv(out / "dataset" / "conflicts.csv")
    assert list(conflicts.columns) == ["measure_key", "breakdown", "year", "kind", "values",
                                       "organisation", "source_file", "source_sha256", "page"]


def test_make_extract_passes_a_failure_on_as_its_own_2_and_the_summary_keeps_the_code(tmp_path):
    """make turns any non-zero exit into its own 2; the summary line and manifest.json keep
    the command's own code for scripts (README: how a script gets it)."""
    import json
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE_PDFS[0], raw / SAMPLE_PDFS[0].name)
    (raw / "tom.pdf").write_bytes(b"")
    out = tmp_path / "out"
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(["make", "--no-print-directory", "extract", f"RAW={raw}",
                           f"OUT={out}", "ARGS=--workers 1"], cwd=root, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 2, done.stderr
    summary = [line for line in done.stdout.splitlines() if line.startswith("summary: ")]
    assert len(summary) == 1 and summary[0].endswith(", exit 1")
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["exit_code"] == 1


def test_every_table_written_is_as_the_catalogue_declares_it(run):
    """The dataset holds the catalogue's tables, each with its columns in its order and its
    types (a column with no value at all may be typed null), and nothing else."""
    _, _, out = run
    written = {p.stem for p in (out / "dataset").glob("*.parquet")}
    assert written == set(TABLES)
    for name, spec in TABLES.items():
        schema = pq.read_schema(out / "dataset" / f"{name}.parquet")
        names = [f.name for f in schema]
        assert names[: len(spec.names)] == list(spec.names), name
        extra = names[len(spec.names):]
        assert all(spec.prefix and n.startswith(spec.prefix) for n in extra), (name, extra)
        frame = pd.read_parquet(out / "dataset" / f"{name}.parquet")
        for column in spec.columns:
            arrow = schema.field(column.name).type
            if pa.types.is_null(arrow):
                assert frame[column.name].isna().all(), (name, column.name)
                continue
            expected = {Type.STR: pa.types.is_string, Type.INT: pa.types.is_int64,
                        Type.FLOAT: pa.types.is_float64, Type.BOOL: pa.types.is_boolean}
            ok = expected[column.type](arrow) or pa.types.is_large_string(arrow) and (
                column.type == Type.STR)
            assert ok, (name, column.name, str(arrow), column.type)


def test_the_catalogue_holds_the_contracts_columns_in_its_order():
    for name, columns in (("observations", CONTRACT_OBSERVATIONS),
                          ("problems", CONTRACT_PROBLEMS)):
        assert list(TABLES[name].names[: len(columns)]) == columns
    for name, columns in CONTRACT_TYPED.items():
        provenance = ["source_file", "source_sha256", "page"]
        assert list(TABLES[name].names[:3 + len(columns)]) == [*provenance, *columns]
