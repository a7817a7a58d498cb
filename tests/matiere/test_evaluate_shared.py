"""`actes evaluate --matiere` on the real rows of ../shared: every figure is computed.

The suite runs the whole recipe (folds by year, calibration, thresholds, in-sample, other
authorities) on one row in four, so that it stays a few seconds; the figures of
docs/evaluation.md come from the command itself, on every row.
"""

from __future__ import annotations

import pytest


@pytest.mark.shared
@pytest.mark.slow
def test_cross_validation_on_the_real_rows(shared_dir):
    from actes.evaluation.matiere import evaluate_matiere, markdown
    from actes.matiere.data import NOMENCLATURE, REVIEWER, Sources, load_all

    examples = load_all(Sources.under(shared_dir))
    subset = [e for i, e in enumerate(examples) if i % 4 == 0]
    scored = [e for e in subset if e.origin != NOMENCLATURE]
    own = [e for e in scored if e.origin != REVIEWER]  # (a) scores the authorities' own codes
    report = evaluate_matiere(subset)
    data = report.as_dict()
    assert data["grouping"] in ("authority", "year") and len(report.folds) >= 2
    cv = data["cross_validated"]
    assert cv["rows"] == len(own) >= 150 and 0 < cv["coverage"] <= 1 and cv["level2_accuracy"] is not None
    assert cv["level1_accuracy"] is not None and data["in_sample"]["rows"] == len(scored)
    assert sum(b["rows"] for b in data["reliability_level2"]) == cv["rows"]
    assert [len(data["reliability_level2"]), len(data["reliability_level2_wide"])] == [10, 5]
    assert sum(b["rows"] for b in data["reliability_level2_wide"]) == cv["rows"]
    b = data["by_authority"]  # (b): the reviewer-labelled acts, by authority
    assert b["reviewer"]["rows"] == len(scored) - len(own) >= 40 and b["main_authority_rows"]["rows"] >= 100
    assert {c["code"] for c in data["per_class"]} >= {"7.5", "3.1"}
    assert f"folds by **{report.grouping}**" in markdown(report)
