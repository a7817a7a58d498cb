"""The reliability table: equal-count bins with a 95 % interval, the rule of issue 22's target."""

from __future__ import annotations

import pytest

from actes.evaluation.matiere import EQUAL_COUNT_BINS, reliability, wilson
from actes.matiere.data import ROWS, Example
from actes.matiere.model import Prediction


def _pair(confidence: float, right: bool) -> tuple[Example, Prediction]:
    example = Example("objet", "7.5", ROWS, "commune", "2023")
    best = "7.5" if right else "3.1"
    return example, Prediction(
        code=None,
        confidence=confidence,
        level1=None,
        level1_confidence=confidence,
        best=best,
        best_probability=confidence,
    )


def test_equal_count_bins_hold_every_row_and_say_when_the_gap_is_too_wide():
    # 103 rows: confidence i/103; right for the first half of each bin's rows only when the
    # confidence is high, so low bins are overconfident and high bins calibrated.
    pairs = [_pair(i / 103, i >= 60 or i % 3 == 0) for i in range(103)]
    table = reliability(pairs)
    assert len(table) == EQUAL_COUNT_BINS and sum(b["rows"] for b in table) == 103
    assert sorted(b["rows"] for b in table) == [10] * 7 + [11] * 3  # as equal as 103 allows
    first = table[0]  # confidences 0.00–0.10, right one time in three: observed ≫ stated
    assert first["observed"] == round(4 / 11, 3) and not first["within"]
    assert all(b["ci_low"] <= b["observed"] <= b["ci_high"] for b in table)
    assert table[-1]["observed"] == 1.0 and table[-1]["ci_high"] == 1.0 and table[-1]["ci_low"] < 1.0
    stated = [b["stated"] for b in table]
    assert stated == sorted(stated)


def test_fixed_bins_keep_their_ranges_whatever_their_size():
    pairs = [_pair(0.95, True)] * 50 + [_pair(0.35, False)] * 3
    table = reliability(pairs, bins="fixed")
    assert [(b["bin"], b["rows"]) for b in table] == [("0.3–0.4", 3), ("0.9–1.0", 50)]
    assert table[0]["gap"] == -0.35 and not table[0]["within"] and table[1]["within"]


def test_wilson_interval():
    low, high = wilson(50, 100)
    assert round(low, 3) == 0.404 and round(high, 3) == 0.596
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0


def test_level1_reliability_scores_the_group_its_confidence_is_about():
    # Level 1 abstained; its confidence is about group 7 although the top level-2 code is 3.1.
    example = Example("objet", "7.5", ROWS, "commune", "2023")
    prediction = Prediction(
        code=None, confidence=0.3, level1=None, level1_confidence=0.6, best="3.1", best_probability=0.3, best_level1="7"
    )
    [row] = reliability([(example, prediction)], "level1")
    assert row["observed"] == 1.0 and row["stated"] == 0.6


def test_the_model_names_its_top_level1_group(tiny_model):
    from actes.matiere import MatiereInput

    prediction = tiny_model.predict(MatiereInput("Subvention au club de football"))
    assert prediction.best_level1 == prediction.best.split(".")[0] == "7"
    assert prediction.level1 in (None, prediction.best_level1)


def test_wider_equal_count_bins_hold_twice_the_rows():
    pairs = [_pair(i / 100, i % 2 == 0) for i in range(100)]
    wide = reliability(pairs, count=5)
    assert [b["rows"] for b in wide] == [20] * 5
    narrow = reliability(pairs)
    assert [b["rows"] for b in narrow] == [10] * 10
    assert wide[0]["stated"] == pytest.approx((narrow[0]["stated"] + narrow[1]["stated"]) / 2)
