"""Goal verdicts of real reports, hand-labelled against the page, kept as golden files.

Each file in golden/real_goals names one report and lists every goal verdict it states
(page, goal, verdict, the verdict's words), as a person reads it off the page. Skipped where
../shared/corpus/real is absent.
"""

from __future__ import annotations

import json

import pytest
from conftest import GOLDEN, REAL, extracted, real_pdf

SIMRISHAMN = GOLDEN / "real_goals" / "simrishamn_kfn_arsbokslut_2025.json"


@pytest.mark.real
def test_every_goal_in_simrishamns_goal_tables_has_its_symbols_verdict_and_comment():
    """Pages 25-32 list two Verksamhetsmål and nine Nämndmål in tables with a Bedömning
    column; the verdict is a status circle drawn as an image (all green: met), and each
    Verksamhetsmål has a Kommentar (the Nämndmål have none of their own)."""
    golden = json.loads(SIMRISHAMN.read_text(encoding="utf-8"))
    result = extracted(real_pdf(golden["file"]), REAL)
    found = [a for a in result.assessments if 25 <= a.page <= 32]
    assert [(a.page, a.goal, a.label, a.symbol) for a in found] == [
        (g["page"], g["goal"], g["verdict"], g["verdict"]) for g in golden["goals"]]
    for a, g in zip(found, golden["goals"], strict=True):
        if g["comment"]:
            assert a.evidence.startswith(g["comment"][:100])
        else:
            assert a.evidence == ""
    assert not [p for p in result.problems if p.code == "symbol_text_disagree"]
