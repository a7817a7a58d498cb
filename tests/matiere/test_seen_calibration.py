"""The `seen` calibration of a known authority: its acts predicted a share of a year at a time."""

from __future__ import annotations

from collections import Counter

from actes.matiere import training
from actes.matiere.data import NOMENCLATURE, REVIEWER, ROWS, Example
from tests.matiere.conftest import OBJETS

KNOWN, OTHER = "210199907", "authority:Valbrenne"


def corpus() -> list[Example]:
    """A known authority with 120 acts over three years, a small other one, two nomenclature wordings."""
    objets = [(objet, code) for code, titles in OBJETS.items() for objet in titles]
    known = [
        Example(f"{objet} n° {i}", code, ROWS, KNOWN, str(2021 + i % 3))
        for i, (objet, code) in enumerate(objets * 5)
    ]
    other = [Example(objet, code, REVIEWER, OTHER, "2023") for objet, code in objets[:6]]
    wordings = [
        Example("Subventions", "7.5", NOMENCLATURE, "nomenclature"),
        Example("Aliénations", "3.2", NOMENCLATURE, "nomenclature"),
    ]
    return known + other + wordings


def test_a_known_authority_is_predicted_half_a_year_at_a_time(monkeypatch):
    examples = corpus()
    trained_on: list[list[Example]] = []
    fit = training._fit

    def recording_fit(subset, seed):
        trained_on.append(list(subset))
        return fit(subset, seed)

    monkeypatch.setattr(training, "_fit", recording_fit)
    known, predictions = training.seen_out_of_fold(examples, seed=1)

    assert known == [KNOWN]  # the other authority has too few acts to get tables of its own
    predicted = Counter(id(e) for e, _, _ in predictions)
    assert sorted(predicted) == sorted(id(e) for e in examples if e.group == KNOWN)
    assert set(predicted.values()) == {1}  # each act once
    assert len(trained_on) == 3 * training.SEEN_SHARES  # three years, two shares each
    for subset in trained_on:
        seen = {id(e) for e in subset}
        held = [e for e in examples if e.group == KNOWN and id(e) not in seen]
        years = {e.year for e in held}
        assert len(years) == 1 and len(held) == 20  # half of one year (40 acts a year)
        same_year = [e for e in examples if e.group == KNOWN and e.year in years and id(e) in seen]
        assert len(same_year) == 20  # the other half of that year trains, with the other years
        assert all(id(e) in seen for e in examples if e.group != KNOWN)  # everything else always trains
