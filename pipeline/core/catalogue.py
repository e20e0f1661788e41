"""The catalogue: every output table with its columns and types, every problem code with what
it means and what follows from it, every check the validation report runs, and the exit codes.

One place, read by the stages that write (store, merge, warehouse), by the run (which codes
lose pages, which results may be cached), by validation, and by the contract tests. The
README's list of problem codes is tested against `PROBLEMS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

# -- exit codes ---------------------------------------------------------------------------------


# What reads the pages: PDFium (fast, the default) or pdfplumber (the reference it is held to).
READERS = ("pdfium", "pdfplumber")


class ExitCode(IntEnum):
    """`pipeline extract`'s exit codes (the contract)."""

    OK = 0  # every PDF was read
    UNREADABLE = 1  # a PDF (or pages of one) could not be read; all else is written
    USAGE = 2  # the command was used wrongly
    CHECKS_FAILED = 3  # with --strict: a validation check failed
    INTERRUPTED = 130  # Ctrl-C, as a shell reports it


# -- problem codes ------------------------------------------------------------------------------


class Severity(StrEnum):
    ERROR = "error"  # data was lost: a file, pages or a stage's output
    WARNING = "warning"  # data was kept but may be wrong or incomplete: check the page
    INFO = "info"  # how something was read, for the auditor's trail


@dataclass(frozen=True)
class ProblemSpec:
    severity: Severity
    explanation: str
    loses_pages: bool = False  # pages of the file were not read: the run exits 1
    cacheable: bool = True  # False: depends on the machine or the options, read again


class ProblemCode(StrEnum):
    """The `code` of a problems row. Members are strings, so rows hold them as such."""

    # files
    NOT_A_PDF = "not_a_pdf"
    CORRUPT = "corrupt"
    ENCRYPTED = "encrypted"
    UNREADABLE = "unreadable"
    DECOMPRESSION_BOMB = "decompression_bomb"
    FILE_TIMEOUT = "file_timeout"
    FILE_TOO_BIG = "file_too_big"
    WORKER_FAILED = "worker_failed"
    ACTIVE_CONTENT = "active_content"
    LINK_NOT_FOLLOWED = "link_not_followed"
    FOLDER_UNREADABLE = "folder_unreadable"
    FILE_UNREADABLE = "file_unreadable"
    # pages
    PAGE_UNREADABLE = "page_unreadable"
    PAGE_TIMEOUT = "page_timeout"
    PAGE_TOO_BIG = "page_too_big"
    TOO_MANY_GLYPHS = "too_many_glyphs"
    PAGE_DAMAGED = "page_damaged"
    NO_TEXT_LAYER = "no_text_layer"
    READ_BY_OCR = "read_by_ocr"
    OCR_FAILED = "ocr_failed"
    PAGE_TURNED = "page_turned"
    MANY_OBJECTS = "many_objects"
    ROTATED_TEXT = "rotated_text"
    GARBLED_TEXT = "garbled_text"
    # tables and cells
    TABLE_WITHOUT_HEADER = "table_without_header"
    CELL_OUTSIDE_COLUMNS = "cell_outside_columns"
    UNLABELLED_NUMBERS = "unlabelled_numbers"
    UNKNOWN_COLUMN_HEADER = "unknown_column_header"
    UNIT_FROM_DOCUMENT = "unit_from_document"
    UNIT_UNKNOWN = "unit_unknown"
    # text
    SYMBOL_TEXT_DISAGREE = "symbol_text_disagree"
    # the run
    STAGE_FAILED = "stage_failed"
    REVIEW_MALFORMED = "review_malformed"

    @property
    def spec(self) -> ProblemSpec:
        return PROBLEMS[self]

    @property
    def loses_pages(self) -> bool:
        return self.spec.loses_pages

    @property
    def cacheable(self) -> bool:
        return self.spec.cacheable

    @property
    def severity(self) -> Severity:
        return self.spec.severity


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note
P = ProblemCode
PROBLEMS: dict[ProblemCode, ProblemSpec] = {
    P.NOT_A_PDF: ProblemSpec(E, "the file is not a PDF (its first bytes say something else)"),
    P.CORRUPT: ProblemSpec(E, "the PDF cannot be parsed; get a fresh copy"),
    P.ENCRYPTED: ProblemSpec(E, "the PDF is encrypted and no (right) --password was given",
                             cacheable=False),
    P.UNREADABLE: ProblemSpec(E, "the PDF cannot be opened, for a reason none of the others "
                                 "names"),
    P.DECOMPRESSION_BOMB: ProblemSpec(E, "its streams inflate beyond the bound: not read",
                                      loses_pages=True),
    P.FILE_TIMEOUT: ProblemSpec(E, "the file took longer than its time bound; the pages "
                                   "after that point were not read", loses_pages=True,
                                cacheable=False),
    P.FILE_TOO_BIG: ProblemSpec(E, "the file needs more than a worker's memory bound",
                                loses_pages=True, cacheable=False),
    P.WORKER_FAILED: ProblemSpec(E, "the worker reading it died (out of memory, or a crash in "
                                    "native code)", loses_pages=True, cacheable=False),
    P.ACTIVE_CONTENT: ProblemSpec(W, "JavaScript or launch actions in the file were ignored, "
                                     "never run"),
    P.LINK_NOT_FOLLOWED: ProblemSpec(E, "a symbolic link below RAW_DIR was not followed"),
    P.FOLDER_UNREADABLE: ProblemSpec(E, "a folder below RAW_DIR cannot be read"),
    P.FILE_UNREADABLE: ProblemSpec(E, "a PDF below RAW_DIR cannot be read (permissions)"),
    P.PAGE_UNREADABLE: ProblemSpec(E, "one page could not be read; the others were",
                                   loses_pages=True),
    P.PAGE_TIMEOUT: ProblemSpec(E, "one page took longer than --page-timeout and was skipped",
                                loses_pages=True, cacheable=False),
    P.PAGE_TOO_BIG: ProblemSpec(E, "one page needs more than a worker's memory bound",
                                loses_pages=True, cacheable=False),
    P.TOO_MANY_GLYPHS: ProblemSpec(E, "one page holds more characters than the bound and was "
                                      "not read", loses_pages=True),
    P.PAGE_DAMAGED: ProblemSpec(E, "one page's content stream is damaged; what could be read "
                                   "of it was read", loses_pages=True),
    P.NO_TEXT_LAYER: ProblemSpec(W, "a page without a text layer (a scan) was not read: OCR "
                                    "is off or not installed (a report with no text on any "
                                    "page was not read at all)", cacheable=False),
    P.READ_BY_OCR: ProblemSpec(N, "a page without a text layer was read by Tesseract: check "
                                  "its values on the page"),
    P.OCR_FAILED: ProblemSpec(E, "a page without a text layer could not be read by OCR",
                              loses_pages=True, cacheable=False),
    P.PAGE_TURNED: ProblemSpec(N, "a page's text runs up or down; it was read turned upright"),
    P.MANY_OBJECTS: ProblemSpec(W, "a page draws so many lines that no ruled grid was looked "
                                   "for; its text was read"),
    P.ROTATED_TEXT: ProblemSpec(W, "words set vertically beside upright text were not read"),
    P.GARBLED_TEXT: ProblemSpec(W, "many characters of a page could not be decoded (a font "
                                   "without a character map): its text may be garbled"),
    P.TABLE_WITHOUT_HEADER: ProblemSpec(W, "a table's columns have no header: its values are "
                                           "kept without column labels"),
    P.CELL_OUTSIDE_COLUMNS: ProblemSpec(W, "a number stands outside every column of its "
                                           "table"),
    P.UNLABELLED_NUMBERS: ProblemSpec(W, "numbers on the page that no row label names"),
    P.UNKNOWN_COLUMN_HEADER: ProblemSpec(W, "a column's header says no year or no kind: its "
                                            "values are kept with those fields empty"),
    P.UNIT_FROM_DOCUMENT: ProblemSpec(N, "a table states no unit: the document's is used"),
    P.UNIT_UNKNOWN: ProblemSpec(W, "neither the table nor the document states a unit"),
    P.SYMBOL_TEXT_DISAGREE: ProblemSpec(W, "a goal's coloured symbol and its text give "
                                           "different verdicts"),
    P.STAGE_FAILED: ProblemSpec(E, "a stage raised; the document (or run) keeps what the "
                                   "earlier stages gave"),
    P.REVIEW_MALFORMED: ProblemSpec(W, "a line of the reviews file is not a review (fields, "
                                       "decision or id); it is kept in the file, and ignored"),
}
# As plain strings, for codes read back from a table or a result; a code not in the
# catalogue loses no pages and is cached.
PAGES_LOST = frozenset(c.value for c in ProblemCode if c.loses_pages)
NOT_CACHED = frozenset(c.value for c in ProblemCode if not c.cacheable)


# -- output tables ------------------------------------------------------------------------------


class Type(StrEnum):
    """A column's type in Parquet and the warehouse (an all-empty column may be null)."""

    STR = "string"
    INT = "int64"
    FLOAT = "double"
    BOOL = "bool"


@dataclass(frozen=True)
class Column:
    name: str
    type: Type


@dataclass(frozen=True)
class TableSpec:
    name: str
    grain: str  # one row per ...
    columns: tuple[Column, ...]
    per_report: bool  # True: rows of one report, replaced when it is read again
    prefix: str = ""  # more columns whose name starts with it follow (measure_series' years)
    validation: bool = False  # the validation's own: findings and their reviews, per run

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _cols(spec: str) -> tuple[Column, ...]:
    """"name:type name:type ...", type one of s i f b (string, int64, double, bool)."""
    short = {"s": Type.STR, "i": Type.INT, "f": Type.FLOAT, "b": Type.BOOL}
    return tuple(Column(n, short[t]) for n, t in (w.split(":") for w in spec.split()))


PROVENANCE = _cols("source_file:s source_sha256:s page:i")
BOX = _cols("x0:f top:f x1:f bottom:f")
CITED = (*_cols("table_id:s table_title:s row_label:s column_label:s raw_text:s"), *BOX)


def _typed(name: str, grain: str, fields: str) -> TableSpec:
    """A typed table: provenance, its own fields, then where in the table it stood."""
    return TableSpec(name, grain, (*PROVENANCE, *_cols(fields), *CITED), per_report=True)


def _merged(name: str, grain: str, fields: str) -> TableSpec:
    return TableSpec(name, grain, _cols(fields), per_report=False)


_CLEAN_TAIL = "source_file:s source_sha256:s page:i n_sources:i conflict:b"
_CONFLICT_TAIL = "values:s source_file:s source_sha256:s page:i"
_COUNT_KEY = "organisation:s item_key:s unit:s year:i kind:s"
_FINANCE_KEY = "organisation:s statement_key:s line_key:s year:i kind:s period:s facet:s unit:s"

TABLES: dict[str, TableSpec] = {t.name: t for t in (
    TableSpec("documents", "input file", _cols(
        "source_file:s source_sha256:s pages:i readable:b municipality:s committee:s "
        "organisation:s report_kind:s report_year:i period:s period_month:i seconds:f"), True),
    TableSpec("observations", "numeric cell of any table", (*PROVENANCE, *_cols(
        "table_id:s table_title:s row_label:s column_label:s raw_text:s value:f unit:s"),
        *BOX, *_cols("footnote:s method:s")), True),
    TableSpec("problems", "input, page, table or cell that could not be used", (*PROVENANCE,
              *_cols("stage:s code:s message:s raw_text:s")), True),
    TableSpec("tables", "table found in a report", (*PROVENANCE, *_cols(
        "table_id:s title:s label_header:s method:s pages:s n_rows:i n_columns:i n_values:i "
        "is_empty:b column_labels:s"), *BOX, *_cols("dataset:s heading:s goal_area:s goal:s")),
        True),
    _typed("measures", "goal measure x breakdown x year x kind, as one report states it",
           "municipality:s committee:s report_year:i goal_area:s goal:s measure:s "
           "measure_key:s breakdown:s year:i kind:s value:f unit:s"),
    _typed("finances", "line x year x kind of a financial table",
           "statement:s line:s year:i kind:s value:f unit:s value_sek:f line_role:s parent:s "
           "sums:s period:s facet:s unit_source:s sums_confirmed:b"),
    _typed("volumes", "volume line x year x kind",
           "item:s unit:s year:i kind:s value:f category:s approximate:b"),
    _typed("key_figures", "key figure line x year x kind",
           "item:s unit:s year:i kind:s value:f category:s approximate:b"),
    _typed("personnel", "personnel figure x breakdown x year",
           "metric:s breakdown:s year:i value:f unit:s kind:s"),
    TableSpec("assessments", "goal in a report, with its verdict", (*PROVENANCE, *_cols(
        "municipality:s committee:s report_year:i goal_area:s goal:s label:s evidence:s "
        "confidence:f method:s symbol:s")), True),
    TableSpec("text_tags", "organisation, programme or trend named in the prose",
              (*PROVENANCE, *_cols("label:s text:s norm:s context:s"), *BOX), True),
    TableSpec("claims", "goal count the text claims", (*PROVENANCE, *_cols(
        "kind:s claimed:i of_total:i sentence:s"), *BOX), True),
    _merged("measures_clean", "measure_key x breakdown x year x kind across reports",
            "measure_key:s measure:s goal:s breakdown:s year:i kind:s value:f unit:s "
            "source_file:s n_sources:i conflict:b organisation:s source_sha256:s page:i"),
    _merged("conflicts", "measure value on which reports disagree",
            "measure_key:s breakdown:s year:i kind:s values:s organisation:s source_file:s "
            "source_sha256:s page:i"),
    _merged("finances_clean", "finance line x year x kind across reports",
            f"{_FINANCE_KEY} statement:s line:s value_sek:f value:f {_CLEAN_TAIL}"),
    _merged("finance_conflicts", "finance value on which reports disagree",
            f"{_FINANCE_KEY} {_CONFLICT_TAIL}"),
    _merged("volumes_clean", "volume line x year x kind across reports",
            f"{_COUNT_KEY} item:s value:f {_CLEAN_TAIL}"),
    _merged("volume_conflicts", "volume value on which reports disagree",
            f"{_COUNT_KEY} {_CONFLICT_TAIL}"),
    _merged("key_figures_clean", "key figure line x year x kind across reports",
            f"{_COUNT_KEY} item:s value:f {_CLEAN_TAIL}"),
    _merged("key_figure_conflicts", "key figure value on which reports disagree",
            f"{_COUNT_KEY} {_CONFLICT_TAIL}"),
    TableSpec("measure_series", "measure x breakdown x kind, one column per year (yYYYY)",
              _cols("organisation:s measure_key:s breakdown:s kind:s measure:s unit:s"),
              per_report=False, prefix="y"),
    TableSpec("findings", "failed check at a cell or row (the validation report's failures)",
              (*PROVENANCE, *_cols(
                  "id:s severity:s suite:s check:s table:s row_label:s column_label:s found:s "
                  "expected:f value:f expected_printed:s message:s occurrences:i "
                  "review_decision:s crop:s"), *BOX), per_report=False, validation=True),
    TableSpec("reviews", "an auditor's decision on a finding (the latest for each id)",
              (*PROVENANCE, *_cols("id:s decision:s note:s reviewer:s at:s stale:b line:i")),
              per_report=False, validation=True),
)}
PER_REPORT = tuple(name for name, t in TABLES.items() if t.per_report)
DERIVED = tuple(name for name, t in TABLES.items() if not t.per_report and not t.validation)
VALIDATION = tuple(name for name, t in TABLES.items() if t.validation)


def columns(name: str) -> list[str]:
    return list(TABLES[name].names)


# -- checks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckSpec:
    suite: str  # the table it checks, as the report names it
    check: str
    explanation: str


CHECKS: tuple[CheckSpec, ...] = (
    CheckSpec("finances", "parts_sum_to_total",
              "the lines a total names add up to it, within the printed precision"),
    CheckSpec("finances", "row_adds_up_to_its_total_column",
              "a row's parts across columns add up to its total column"),
    CheckSpec("finances", "deviation_is_actual_minus_budget",
              "a deviation column is actual minus budget (or budget minus actual)"),
    CheckSpec("finances", "summary_matches_detail",
              "a summary table's lines match the detail tables they sum"),
    CheckSpec("key_figures", "key_figure_times_volume_plausible",
              "a cost per unit times the volume does not exceed the whole cost"),
    CheckSpec("assessments", "claimed_goal_count_matches",
              "a count the text claims (\"fem av tio mål\") matches the goals assessed"),
    CheckSpec("measures_clean", "restated_between_reports",
              "a value a later report states differently (a warning, not an error)"),
)


def problem_codes_markdown() -> str:
    """The README's table of problem codes (tests/test_catalogue.py holds the README to it)."""
    rows = ["| code | severity | loses pages | read again next run | means |",
            "|---|---|---|---|---|"]
    rows += [f"| `{code.value}` | {spec.severity.value} | {'yes' if spec.loses_pages else ''} | "
             f"{'' if spec.cacheable else 'yes'} | {spec.explanation} |"
             for code, spec in PROBLEMS.items()]
    return "\n".join(rows)
