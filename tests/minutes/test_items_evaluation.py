"""Scoring items: objets paired one to one by word overlap; the labelled real minutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from actes.evaluation.items import evaluate_items, score_file, similarity

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
LABELS = Path(__file__).resolve().parents[2] / "labels" / "minutes-items.jsonl"


def test_objets_match_without_case_accents_or_short_words():
    assert similarity("Débat d'orientation budgétaire 2023", "DEBAT D'ORIENTATION BUDGETAIRE 2023") == 1.0
    assert similarity("Tarifs de la cantine", "Subvention au club") == 0.0


def test_each_labelled_item_pairs_with_at_most_one_found():
    expected = [
        {"objet": "Tarifs de la cantine", "outcome": "adopted"},
        {"objet": "Subvention au club", "outcome": "adopted"},
    ]
    predicted = [
        {"objet": "Tarifs de la cantine scolaire", "outcome": "adopted"},
        {"objet": "Tarifs de la cantine", "outcome": "rejected"},
        {"objet": "Questions diverses", "outcome": None},
    ]
    objets, outcomes, missed, extra = score_file(expected, predicted)
    assert (objets.tp, objets.predicted, objets.expected) == (1, 3, 2)
    assert missed == ["Subvention au club"] and len(extra) == 2
    assert (outcomes.tp, outcomes.expected) == (0, 1)  # the best pair is the exact objet, whose outcome is wrong


@pytest.mark.shared
def test_items_of_the_labelled_real_minutes():
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    report = evaluate_items(LABELS, SHARED)
    assert not report.failures
    tune = report.totals("tune")
    # A floor under today's figure, not a target: 0.75 until the fourth set of labels (18 harder
    # minutes, labelled before any reader scored them) brought the same reader to 0.739.
    assert tune["files"] >= 11 and tune["objets"]["f1"] >= 0.72
