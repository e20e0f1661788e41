"""Importing the library changes nothing in the process: no environment variable, no logger
level. (What a run needs it sets while it runs, and puts back.)"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

SNAPSHOT = """
import json, logging, os, pkgutil, importlib
def state():
    loggers = {n: logging.getLogger(n).level for n in ("pdfminer", "great_expectations", "")}
    return {"env": dict(os.environ), "loggers": loggers}
before = state()
import pipeline
names = [m.name for m in pkgutil.walk_packages(pipeline.__path__, "pipeline.")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"same": state() == before, "modules": len(names)}))
"""


def test_importing_every_module_changes_no_global_state():
    done = subprocess.run([sys.executable, "-c", SNAPSHOT], capture_output=True, text=True,
                          cwd=ROOT, check=True, timeout=300)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["same"] and seen["modules"] > 40


def test_a_run_leaves_pdfminers_logger_as_it_found_it(tmp_path):
    script = ("import logging; from pathlib import Path; "
              "from pipeline.run.api import extract_document; "
              f"p = Path({str(ROOT / 'raw_pdfs')!r}); "
              "extract_document(sorted(p.glob('*.pdf'))[0], p); "
              "print(logging.getLogger('pdfminer').level)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, check=True, timeout=300)
    assert done.stdout.strip().splitlines()[-1] == "0"  # NOTSET, as before the run
