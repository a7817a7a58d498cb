"""Platt's sigmoid (level 2) and the beta calibration (level 1) of the matière model: they correct
both ways and keep the order."""

from __future__ import annotations

import numpy as np
import pytest

from actes.matiere.features import MatiereInput
from actes.matiere.model import MatiereModel
from actes.matiere.training import beta_table, platt_table


def _sample(stated: np.ndarray, observed) -> tuple[np.ndarray, np.ndarray]:
    """Many predictions at each raw probability of ``stated``, right with the ``observed`` frequency."""
    rng = np.random.default_rng(7)
    raw = np.repeat(stated, 400)
    right = (rng.random(raw.size) < observed(raw)).astype(float)
    return raw, right


def _apply(table, raw) -> np.ndarray:
    model = MatiereModel.__new__(MatiereModel)
    model.calibration, model.seen = {"level2": table}, {}
    return np.array([model.calibrate("level2", v) for v in raw])


@pytest.mark.parametrize(
    "observed",
    [
        lambda p: 0.5 * p + 0.25,  # over-confident at the top, under-confident at the bottom
        lambda p: 1 / (1 + np.exp(-3 * np.log(p / (1 - p)))),  # under-confident: right more often than stated
    ],
)
def test_the_sigmoid_brings_the_stated_confidence_to_the_observed_accuracy(observed):
    grid = np.array([0.2, 0.35, 0.5, 0.65, 0.8, 0.9])
    raw, right = _sample(grid, observed)
    confidence = _apply(platt_table(raw, right), grid)
    assert np.all(np.diff(confidence) > 0)  # the order of the raw probabilities is kept
    assert np.abs(confidence - observed(grid)).max() < 0.06
    assert np.abs(grid - observed(grid)).max() > 0.1  # the raw probabilities were off


def test_weights_decide_whose_accuracy_the_confidence_tells():
    raw = np.full(200, 0.7)
    right = np.r_[np.ones(100), np.zeros(40), np.ones(20), np.zeros(40)]  # first group 100/140 right, the other 20/60
    group = np.r_[np.zeros(140), np.ones(60)]
    even = _apply(platt_table(raw, right), [0.7])[0]
    first = _apply(platt_table(raw, right, np.where(group == 0, 1.0, 0.01)), [0.7])[0]
    assert even == pytest.approx(120 / 200, abs=0.01) and first == pytest.approx(100 / 140, abs=0.02)


def test_a_calibration_set_all_right_gives_a_constant_under_one():
    table = platt_table(np.array([0.3, 0.6, 0.9]), np.ones(3))
    confidence = _apply(table, [0.1, 0.9])
    assert table["a"] == 0.0 and confidence[0] == confidence[1] and 0.9 < confidence[0] < 1.0


def test_the_shipped_sigmoid_and_an_older_table_are_both_read(tiny_model):
    data = tiny_model.to_dict()
    assert set(data["calibration"]["level2"]) == {"a", "b"}
    older = MatiereModel.from_dict({**data, "calibration": {"level2": {"x": [0.0, 1.0], "y": [0.2, 0.6]}}})
    prediction = older.predict(MatiereInput("Subvention au club de tennis"))
    assert prediction.confidence == pytest.approx(0.2 + 0.4 * prediction.best_probability, abs=1e-3)


def _beta_observed(p):
    """Right more often than stated low down, less often near 1: a shape no sigmoid of logit(p) has."""
    return 1 / (1 + np.exp(-(2.0 * np.log(p) + 0.3 * -np.log(1 - p) + 1.5)))


def test_the_beta_calibration_bends_the_two_ends_apart_where_the_sigmoid_cannot():
    grid = np.array([0.3, 0.45, 0.6, 0.75, 0.9, 0.97, 0.995])
    raw, right = _sample(grid, _beta_observed)
    beta = _apply(beta_table(raw, right), grid)
    platt = _apply(platt_table(raw, right), grid)
    assert set(beta_table(raw, right)) == {"a", "b", "c"}
    assert np.all(np.diff(beta) > 0)
    assert np.abs(beta - _beta_observed(grid)).max() < 0.04
    assert np.abs(platt - _beta_observed(grid)).max() > 0.06


def test_a_beta_fit_that_would_not_be_monotone_falls_back_to_the_sigmoid():
    grid = np.array([0.3, 0.5, 0.7, 0.9, 0.99])
    raw, right = _sample(grid, lambda p: np.where(p < 0.8, 0.2 + 0.8 * p, 1.8 - p))  # falls near 1
    table = beta_table(raw, right)
    assert set(table) == {"a", "b"} and table == platt_table(raw, right)
