"""Counting rules: a wrong value is a false positive and a false negative; a value against a
null label is a false positive."""

import pytest

from actes.evaluation.metrics import FieldScore, micro


def test_counts_each_case():
    score = FieldScore()
    score.add(True, True, True)  # right value
    score.add(True, True, False)  # wrong value
    score.add(False, True, False)  # missed
    score.add(True, False, False)  # invented against a null label
    score.add(False, False, False)  # both empty: not counted
    assert (score.tp, score.fp, score.fn, score.support) == (1, 2, 2, 3)
    assert score.precision == pytest.approx(1 / 3)
    assert score.recall == pytest.approx(1 / 3)
    assert score.f1 == pytest.approx(2 / (2 + 2 + 2))


def test_empty_scores_are_undefined_not_zero():
    assert FieldScore().precision is None and FieldScore().f1 is None


def test_micro_pools_counts():
    a, b = FieldScore(tp=9, fp=1, fn=0, support=9), FieldScore(tp=0, fp=0, fn=10, support=10)
    total = micro({"a": a, "b": b})
    assert (total.tp, total.fp, total.fn, total.support) == (9, 1, 10, 19)
    assert total.f1 == pytest.approx(18 / 29)
