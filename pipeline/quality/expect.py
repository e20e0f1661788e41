"""Great Expectations 1.x suites run by one checkpoint over the tables.

Each suite is kept as JSON in the package (pipeline/resources/expectations/*.json). The run uses
an ephemeral context (nothing is written, nothing is sent: analytics are switched off in its
configuration), one pandas dataframe asset per table, and asks for every unexpected row with the
columns that find it on the page (unexpected_index_column_names), so each failure names file,
page, table, row and column.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.core.guard import Guard
from pipeline.core.resources import resource_path
from pipeline.meaning.merge import text_value
from pipeline.quality.checks import Failure
from pipeline.swedish.numbers import format_number

SUITES = resource_path("expectations")
INDEX_COLUMNS = ["source_file", "page", "table_title", "row_label", "column_label", "raw_text",
                 "x0", "top", "x1", "bottom"]


def suite_files() -> dict[str, Path]:
    return {p.stem: p for p in sorted(SUITES.glob("*.json"))}


def run_suites(frames: dict[str, pd.DataFrame], docs_dir: Path | None = None,
               guard: Guard | None = None) -> tuple[list[Failure], list[tuple[str, str]]]:
    """(failures, every check run as (suite, check)) for the tables that have a suite; with
    `docs_dir`, Great Expectations' own Data Docs are built there too. With a guard, a suite
    that cannot run, or Data Docs that cannot be built, is a problem (stage `expectations`
    or `data_docs`) and the rest still runs."""
    guard = guard or Guard(raises=True)
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
    )

    # Analytics off in the context's own configuration, not in the process's environment.
    context = gx.get_context(mode="ephemeral", project_config=DataContextConfig(
        analytics_enabled=False, store_backend_defaults=InMemoryStoreBackendDefaults()))
    _quiet(context, guard)
    if docs_dir is not None:
        context.add_data_docs_site(site_name="validation", site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(docs_dir.resolve())},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"}})
    source = context.data_sources.add_pandas("reports")
    failures: list[Failure] = []
    checks: list[tuple[str, str]] = []
    for name, path in suite_files().items():
        frame = frames.get(name)
        if frame is None or frame.empty:
            continue
        found, ran = guard.run("expectations", partial(_run_suite, gx, context, source, name,
                                                       path, frame), ([], []),
                               what=f"suite {name}")
        failures += found
        checks += ran
    if docs_dir is not None:
        # Built from the results the validation definitions stored, after all suites ran:
        # Data Docs that fail cost the pages, not the results.
        guard.run("data_docs", partial(context.build_data_docs, site_names=["validation"]),
                  None, what="Great Expectations Data Docs")
    return failures, checks


def _run_suite(gx: Any, context: Any, source: Any, name: str, path: Path,
               frame: pd.DataFrame) -> tuple[list[Failure], list[tuple[str, str]]]:
    spec = json.loads(path.read_text(encoding="utf-8"))
    suite = context.suites.add(gx.ExpectationSuite(
        name=name, expectations=[_expectation(gx, e) for e in spec["expectations"]]))
    batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=name, data=batch, suite=suite))
    index = [c for c in INDEX_COLUMNS if c in frame] or ["source_file", "page"]
    checkpoint = context.checkpoints.add(gx.Checkpoint(
        name=f"{name}_checkpoint", validation_definitions=[definition], actions=[],
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": index}))
    result = checkpoint.run(batch_parameters={"dataframe": frame.reset_index(drop=True)})
    failures: list[Failure] = []
    checks: list[tuple[str, str]] = []
    for run in result.run_results.values():
        for item in run.results:
            check = _check_name(item.expectation_config)
            checks.append((name, check))
            if not item.success:
                failures.extend(_failures(name, check, item))
    return failures, checks


def _quiet(context: Any, guard: Guard) -> None:
    """No progress bars in a pipeline's output (cosmetic: a layout that has moved is noted,
    not fatal)."""
    def off() -> None:
        from great_expectations.data_context.types.base import ProgressBarsConfig

        context.variables.progress_bars = ProgressBarsConfig(globally=False)

    guard.run("expectations", off, None, what="progress bars off")


def _expectation(gx: Any, spec: dict[str, Any]) -> Any:
    class_name = "".join(part.title() for part in spec["type"].split("_"))
    return getattr(gx.expectations, class_name)(**spec["kwargs"])


def _check_name(config: Any) -> str:
    kwargs = config.kwargs
    target = kwargs.get("column") or ",".join(kwargs.get("column_list", []))
    raw = kwargs.get("row_condition")
    condition = f" where {_condition_text(raw)}" if raw else ""
    return f"{config.type}({target}){condition}"


def _condition_text(condition: Any) -> str:
    """A row condition as auditors read it: unit == "%" and kind in ("actual", "")."""
    if isinstance(condition, str):
        return condition
    if not isinstance(condition, dict):  # a Condition object: its JSON form, as in the suite
        condition = condition.dict() if hasattr(condition, "dict") else vars(condition)
    if "conditions" in condition:
        joiner = f" {str(condition.get('type', 'and')).split('.')[-1].lower()} "
        return "(" + joiner.join(_condition_text(p) for p in condition["conditions"]) + ")"
    operator = str(getattr(condition["operator"], "value", condition["operator"])).lower()
    parameter = condition["parameter"]
    column = condition["column"]
    name = column.get("name") if isinstance(column, dict) else column.name
    shown = (f"({', '.join(json.dumps(p) for p in parameter)})"
             if isinstance(parameter, list | tuple) else json.dumps(parameter))
    return f"{name} {operator} {shown}"


def _found(column: str | None, value: Any, printed: str) -> str:
    """What the row holds, as an auditor reads it: the cell as printed, never a repr."""
    if column is None:  # a check over several columns: the row's key repeats
        return f"this cell's key occurs more than once (printed {printed!s})" if printed else (
            "this row's key occurs more than once")
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return f"{column} is empty" + (f" (printed {printed})" if printed else "")
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    shown = printed or (format_number(float(value)) if numeric else str(value))
    return f"{column} is {shown}"


def _failures(suite: str, check: str, item: Any) -> list[Failure]:
    column = item.expectation_config.kwargs.get("column")
    rows = item.result.get("unexpected_index_list") or []
    out = []
    for row in rows:
        value = row.get(column) if column else None
        box = tuple(float(row[k]) for k in ("x0", "top", "x1", "bottom")) if all(
            k in row and pd.notna(row[k]) for k in ("x0", "top", "x1", "bottom")) else None
        number = float(value) if isinstance(value, int | float) and pd.notna(value) else None
        printed = text_value(row.get("raw_text"))
        out.append(Failure(
            suite, check, text_value(row.get("source_file")), int(row.get("page") or 0),
            text_value(row.get("table_title")), text_value(row.get("row_label")),
            text_value(row.get("column_label")), number, None,
            f"{check}: {_found(column, value, printed)}", box=box,  # type: ignore[arg-type]
            printed=printed))
    if not rows:
        out.append(Failure(suite, check, "", 0, "", "", "", None, None,
                           f"{check} failed: {json.dumps(item.result, default=str)[:300]}"))
    return out
