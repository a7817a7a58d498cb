"""The learned scorer: candidates and features, training, calibration, abstention, JSON round trip."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest

from actes.extractors import TextView, run_extractors
from actes.learning.candidates import Candidate, gather
from actes.learning.choose import choose_findings, using_model
from actes.learning.model import Calibration, FieldPolicy, MarginCalibration, ScorerModel
from actes.learning.training import BETA, Example, Scored, choose_policy, fit
from actes.reconcile import best_findings

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
          "décembre"]


def _act(rng: random.Random) -> tuple[str, date, date]:
    """A short délibération: a cited act's date comes first, the session date after an unlabelled lead-in."""
    cited = date(rng.randint(2010, 2018), rng.randint(1, 12), rng.randint(1, 28))
    session = date(rng.randint(2020, 2024), rng.randint(1, 12), rng.randint(1, 28))
    text = (
        f"COMMUNE DE TESTVILLE\nVu la délibération du {cited.day} {MONTHS[cited.month - 1]} {cited.year} "
        f"portant règlement,\nLe conseil municipal, réuni en mairie le {session.day} {MONTHS[session.month - 1]} "
        f"{session.year}, après en avoir délibéré, DÉCIDE d'approuver le projet.\n"
    )
    return text, cited, session


def _examples(count: int, seed: int) -> list[Example]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        text, _cited, session = _act(rng)
        view = TextView.of_text(text)
        candidates = [c for c in gather(view, run_extractors(view)) if c.field == "date_decision"]
        out.append(Example(group=f"authority-{i % 7}", field="date_decision", expected=session.isoformat(),
                           candidates=candidates))
    return out


def test_gather_merges_one_value_and_describes_its_context() -> None:
    text = "Séance du 12 mars 2023\nVu l'arrêté du 1er janvier 2020,\nLe 12 mars 2023, le conseil décide."
    view = TextView.of_text(text)
    candidates = [c for c in gather(view, run_extractors(view)) if c.field == "date_decision"]
    values = sorted(c.value for c in candidates)
    assert values == [date(2020, 1, 1), date(2023, 3, 12)]
    session = next(c for c in candidates if c.value == date(2023, 3, 12))
    assert session.features["gen:dates:seance"] == 1.0  # the rule that proposed it
    assert session.features["gen:generic:date"] == 1.0  # and the generic generator, merged into one candidate
    assert session.features["b1:du"] == 1.0  # the word right before its first mention
    cited = next(c for c in candidates if c.value == date(2020, 1, 1))
    assert cited.features["distracted"] == 1.0  # "Vu l'arrêté du …"
    assert "gen:dates:seance" not in cited.features


def test_a_month_without_its_day_is_a_weaker_decision_date_candidate() -> None:
    text = ("COMMUNAUTÉ DE COMMUNES DE VALBRENNE\nPlan d'actions\nOctobre 2021\n"
            "Le service est ouvert depuis le 12 février 2020 à tous.")
    view = TextView.of_text(text)
    candidates = gather(view, run_extractors(view))
    month = [c for c in candidates if c.value == date(2021, 10, 1)]
    assert [c.field for c in month] == ["date_decision"]  # the document's own date, on the month's 1st
    assert month[0].features["gen:generic:month-year"] == 1.0  # told apart by its own generator
    assert month[0].features["gen:generic:date"] == 1.0  # and weighed as a generic date too
    # the month of a full date is no month-year candidate
    full = next(c for c in candidates if c.field == "date_decision" and c.value == date(2020, 2, 12))
    assert "gen:generic:month-year" not in full.features
    assert not any(c.value == date(2020, 2, 1) for c in candidates)


def test_a_date_threshold_is_at_most_the_calibrated_optimum() -> None:
    """A field of the date kind answers from F*/(1 + beta²) on (F* the best F0.5 out of fold), where
    the empirical best threshold sits higher; another kind keeps the empirical one."""
    def scored(score: float, right: bool) -> Scored:
        return Scored(Example("authority-1", "date_decision", "2023-03-12", []), score, right, None, False)

    # ten acts scored 0 (6 right: probability 0.6), ten scored 1 (9 right: 0.9)
    items = [scored(0.0, i < 6) for i in range(10)] + [scored(1.0, i < 9) for i in range(10)]
    calibration = Calibration([0.0, 1.0], [0.6, 0.9])
    other = choose_policy(items, calibration, 0, "count")
    assert other.threshold == pytest.approx(0.9)  # the surer ten only: F0.5 = 0.75 (all twenty: 0.75 too)
    best = (1 + BETA**2) * 9 / ((1 + BETA**2) * 9 + BETA**2 * 11 + 1)  # F0.5 of answering the surer ten
    date_policy = choose_policy(items, calibration, 0, "date")
    assert date_policy.threshold == pytest.approx(best / (1 + BETA**2)) == pytest.approx(0.6)
    assert date_policy.mode == "model"


def test_a_date_field_never_right_out_of_fold_still_abstains() -> None:
    """With no threshold right out of fold F* is 0: the cap must not turn the abstention into
    answering everything (a threshold of 0)."""
    items = [Scored(Example("authority-1", "date_decision", "2023-03-12", []), 1.0, False, None, False)
             for _ in range(20)]
    calibration = Calibration([0.0, 1.0], [0.1, 0.2])
    policy = choose_policy(items, calibration, 0, "date")
    assert policy.threshold > 1.0 or policy.mode == "rules"
    assert not (policy.mode == "model" and policy.threshold <= 0.2)


def test_a_trained_scorer_learns_the_session_date_the_rules_do_not_label() -> None:
    model = fit(_examples(60, seed=1), seed=0)
    held_out = _examples(20, seed=99)
    right = 0
    for ex in held_out:
        top = model.decide(ex.candidates)["date_decision"][0]
        right += int(top is not None and top.value.isoformat() == ex.expected)
    assert right >= 18  # the cited date comes first in every text: position alone would get 0


def test_below_its_threshold_a_field_stays_empty_and_the_envelope_still_wins() -> None:
    text, _cited, session = _act(random.Random(5))
    view = TextView.of_text(text)
    findings = run_extractors(view)
    model = fit(_examples(40, seed=2), seed=0)
    model.fields["date_decision"] = FieldPolicy(model.fields["date_decision"].calibration, threshold=1.01)
    with using_model(model):
        chosen, candidates = choose_findings(view, findings)
    assert candidates
    assert not [f for f in chosen if f.field == "date_decision"]  # abstains: nothing to reconcile
    model.fields["date_decision"] = FieldPolicy(Calibration([0.0], [1.0]), threshold=0.5)
    with using_model(model):
        chosen, _ = choose_findings(view, findings)
    winner, _losers = best_findings(chosen)["date_decision"]
    assert winner.chosen and winner.value == session and winner.confidence == 1.0


def test_model_json_round_trip_keeps_every_decision() -> None:
    model = fit(_examples(40, seed=3), seed=0)
    again = ScorerModel.from_json(json.loads(json.dumps(model.to_json())))
    for ex in _examples(10, seed=4):
        first, second = model.decide(ex.candidates), again.decide(ex.candidates)
        assert first["date_decision"][0] is second["date_decision"][0]
        assert first["date_decision"][1] == pytest.approx(second["date_decision"][1], abs=1e-4)


def test_training_is_reproducible_with_a_seed() -> None:
    examples = _examples(40, seed=6)
    assert fit(examples, seed=3).to_json() == fit(examples, seed=3).to_json()


def test_calibration_interpolates_and_clips() -> None:
    calibration = Calibration([-1.0, 0.0, 2.0], [0.1, 0.5, 0.9])
    assert calibration(-5) == 0.1
    assert calibration(1.0) == pytest.approx(0.7)
    assert calibration(10) == 0.9


def test_the_shipped_model_loads_and_covers_the_learned_fields() -> None:
    from actes.learning.model import DEFAULT_MODEL_PATH, load_default_model

    if not DEFAULT_MODEL_PATH.is_file():
        pytest.skip("no shipped model (run `actes train`)")
    model = load_default_model()
    assert model is not None and {"date_decision", "numero", "objet"} <= set(model.fields)
    assert DEFAULT_MODEL_PATH.stat().st_size < 20 * 1024 * 1024


def test_a_name_close_behind_another_is_less_sure_than_one_far_ahead_and_the_json_keeps_it() -> None:
    calibration = MarginCalibration(a=1.0, b=1.0, c=-3.0, cap=4.0)
    model = ScorerModel(weights={"authority": {"header": 2.0, "dateline": 1.8, "body": -1.0}},
                        fields={"collectivite.nom": FieldPolicy(calibration, threshold=0.5)})

    def names(*cues: str) -> list[Candidate]:
        return [Candidate("collectivite.nom", f"Commune de Valbrenne {i}", [], {cue: 1.0}) for i, cue in enumerate(cues)]

    close = model.decide(names("header", "dateline"))["collectivite.nom"]  # margin 0.2
    ahead = model.decide(names("header", "body"))["collectivite.nom"]  # margin 3.0
    alone = model.decide(names("header"))["collectivite.nom"]  # no second: the cap
    assert close[0] is None and close[1] == pytest.approx(1 / (1 + 2.718281828 ** 0.8), abs=1e-6)
    assert ahead[0] is not None and ahead[0].value.endswith("0") and ahead[1] > 0.85
    assert alone[1] > ahead[1]
    again = ScorerModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.fields["collectivite.nom"].calibration == calibration
    assert again.decide(names("header", "dateline"))["collectivite.nom"][1] == pytest.approx(close[1])
