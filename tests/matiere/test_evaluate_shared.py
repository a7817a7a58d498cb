"""`actes evaluate --matiere` on the real rows of ../shared: every figure is computed."""

from __future__ import annotations

import pytest


@pytest.mark.shared
@pytest.mark.slow
def test_cross_validation_on_the_real_rows(shared_dir):
    from actes.evaluation.matiere import markdown, run

    report = run(shared_dir)
    data = report.as_dict()
    assert data["grouping"] in ("authority", "year") and len(report.folds) >= 2
    cv = data["cross_validated"]
    assert cv["rows"] >= 600 and 0 < cv["coverage"] <= 1 and cv["level2_accuracy"] is not None
    assert cv["level1_accuracy"] is not None and data["in_sample"]["rows"] == cv["rows"]
    assert sum(b["rows"] for b in data["reliability_level2"]) == cv["rows"]
    assert {c["code"] for c in data["per_class"]} >= {"7.5", "3.1", "3.2"}
    assert f"Folds by **{report.grouping}**" in markdown(report)
