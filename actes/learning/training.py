"""Fit the scorer from labelled acts: examples, a logistic model per kind, calibration, thresholds.

An *example* is one labelled act and one learned field: its candidates and the labelled value
(None when the label says the act gives none, so the right answer is to abstain). Candidates
that match the label (the evaluation's own matching rules) are the positives. Calibration and
thresholds come from out-of-fold scores grouped by authority, so the confidence a new
authority's act gets is the one measured on authorities the model did not see.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actes.evaluation.fields import LABEL_FIELDS
from actes.evaluation.matching import values_match
from actes.learning.candidates import LEARNED_FIELDS, Candidate
from actes.learning.model import Calibration, FieldPolicy, MarginCalibration, ScorerModel, margin_of

LABEL_KEY_OF = {spec.path: spec.key for spec in LABEL_FIELDS}
MATCH_KIND_OF = {spec.path: spec.kind for spec in LABEL_FIELDS}
BETA = 0.5  # thresholds and ways of answering maximise F0.5: precision first, an empty cell misleads nobody
REGULARISATION = 0.3  # inverse L2 strength; small data, many sparse features
# Kinds described by their words (a bag of the head's or the title's words) have thousands of
# features for a few hundred acts: held tighter, or they learn the files instead of the acts.
REGULARISATION_BY_KIND = {"nature": 0.05, "objet": 0.1}
INNER_FOLDS = 5
# A feature seen in the acts of fewer authorities than this (a place name, a councillor's name in a
# title) can only learn those authorities' files: it gets no weight.
MIN_AUTHORITIES_PER_FEATURE = 3
# Generated acts (fixtures/generated) are written by the project's own generator: their rules are
# nearly always right. They train the weights, but calibration, thresholds and the way of
# answering are measured on real acts only, when there are enough of them.
SYNTHETIC_GROUP_PREFIX = "generated:"
MIN_REAL_EXAMPLES = 200
MIN_FIELD_EXAMPLES = 12  # fewer labelled values than this: the field takes its kind's threshold
# Fields whose probability is read from the top candidate's score and its margin over the second
# (a sigmoid, ``MarginCalibration``) instead of the score alone (an isotonic table): the authority's
# name, whose isotonic steps on ~170 out-of-fold acts moved its threshold 0.69 → 0.92 between two
# retrains of nearly the same features, and whose wrong tops are mostly a name close behind another.
MARGIN_CALIBRATED = frozenset({"collectivite.nom"})
MARGIN_CAP = 4.0  # a margin past this (or a lone candidate) says no more
# Kinds whose threshold is at most F*/(1 + beta²), F* the best F-beta measured out of fold: where the
# calibrated probability is right, answering above that raises the expected F-beta (Lipton et al., 2014,
# "Optimal thresholding of classifiers to maximize F1"). The empirical best alone sits on a step of a
# coarse isotonic map, often far above it (0.75-0.97 for the decision date): the field abstained on
# acts its own calibration called likely right.
CALIBRATED_THRESHOLD_KINDS = frozenset({"date"})


@dataclass
class Example:
    group: str  # the authority: folds never split one
    field: str
    expected: Any  # labelled value, None = the act gives none
    candidates: list[Candidate]

    def correct(self, cand: Candidate | None) -> bool:
        if cand is None or self.expected is None:
            return False
        return values_match(MATCH_KIND_OF[self.field], cand.value, self.expected)


def examples_of(group: str, label_values: dict[str, Any], candidates: list[Candidate]) -> list[Example]:
    """One example per learned field the label speaks of (a key absent from the label is not data)."""
    by_field: dict[str, list[Candidate]] = defaultdict(list)
    for cand in candidates:
        by_field[cand.field].append(cand)
    out = []
    for field_name in LEARNED_FIELDS:
        key = LABEL_KEY_OF.get(field_name)
        if key is None or key not in label_values:
            continue
        out.append(Example(group, field_name, label_values[key], by_field.get(field_name, [])))
    return out


def _fit_weights(examples: list[Example], seed: int) -> dict[str, dict[str, float]]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    by_kind: dict[str, list[Example]] = defaultdict(list)
    for ex in examples:
        by_kind[LEARNED_FIELDS[ex.field]].append(ex)
    weights: dict[str, dict[str, float]] = {}
    for kind, group in by_kind.items():
        spread: dict[str, set[str]] = defaultdict(set)
        for ex in group:
            for cand in ex.candidates:
                for name in cand.features:
                    spread[name].add(ex.group)
        needed = min(MIN_AUTHORITIES_PER_FEATURE, len({ex.group for ex in group}))
        shared = {name for name, groups in spread.items() if len(groups) >= needed}
        rows, targets = [], []
        for ex in group:
            for cand in ex.candidates:
                rows.append({k: v for k, v in cand.features.items() if k in shared})
                targets.append(int(ex.correct(cand)))
        if not shared or not rows or len(set(targets)) < 2:
            weights[kind] = {}
            continue
        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform(rows).tocsr()
        matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
        matrix.indptr = matrix.indptr.astype("int32")
        model = LogisticRegression(C=REGULARISATION_BY_KIND.get(kind, REGULARISATION), solver="liblinear", fit_intercept=False, random_state=seed)
        model.fit(matrix, targets)
        names = vectorizer.get_feature_names_out()
        weights[kind] = {str(name): float(w) for name, w in zip(names, model.coef_[0], strict=True)}
    return weights


@dataclass
class Scored:
    """One example scored out of fold: the model's top candidate and the rules' own choice."""

    example: Example
    top_score: float
    top_right: bool
    rule_score: float | None  # None: the rules proposed nothing for this field
    rule_right: bool
    top_margin: float | None = None  # over the second best; None: a lone candidate
    rule_margin: float | None = None  # the rules' choice's over the best of the others


def _rule_choice(ex: Example) -> Candidate | None:
    return next((cand for cand in ex.candidates if cand.features.get("rule_winner")), None)


def out_of_fold(examples: list[Example], seed: int, folds: int = INNER_FOLDS) -> list[Scored]:
    """Every example with candidates, scored by a model trained without its authority."""
    groups = sorted({ex.group for ex in examples})
    folds = min(folds, len(groups))
    if folds < 2:
        return []
    fold_of = {group: i % folds for i, group in enumerate(groups)}
    out = []
    for fold in range(folds):
        train = [ex for ex in examples if fold_of[ex.group] != fold]
        scorer = ScorerModel(weights=_fit_weights(train, seed), fields={})
        for ex in examples:
            if fold_of[ex.group] == fold and ex.candidates:
                # each candidate scored once; the sort is stable, so the top is the first of equals
                ranked = sorted(((scorer.score(cand), cand) for cand in ex.candidates), key=lambda pair: -pair[0])
                score, top = ranked[0]
                rule = _rule_choice(ex)
                rule_score = None if rule is None else next(s for s, cand in ranked if cand is rule)
                out.append(Scored(ex, score, ex.correct(top), rule_score, ex.correct(rule), margin_of(ranked, top),
                                  None if rule is None else margin_of(ranked, rule)))
    return out


def _calibrate(points: list[tuple[float, bool]]) -> Calibration:
    from sklearn.isotonic import IsotonicRegression

    if len(points) < 2 or len({c for _, c in points}) < 2:
        rate = sum(c for _, c in points) / len(points) if points else 0.0
        return Calibration([0.0], [rate])
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    iso.fit([s for s, _ in points], [float(c) for _, c in points])
    return Calibration([float(x) for x in iso.X_thresholds_], [float(y) for y in iso.y_thresholds_])


def _calibrate_on_margin(scored: list[Scored]) -> MarginCalibration:
    """Platt's sigmoid on the top candidate's score and its margin (capped), fitted unpenalised to
    whether the top was right."""
    from sklearn.linear_model import LogisticRegression

    rows = [[s.top_score, MARGIN_CAP if s.top_margin is None else min(s.top_margin, MARGIN_CAP)] for s in scored]
    right = [int(s.top_right) for s in scored]
    if len(set(right)) < 2:
        rate = sum(right) / len(right) if right else 0.0
        return MarginCalibration(0.0, 0.0, math.log((rate + 0.01) / (1.01 - rate)), MARGIN_CAP)
    fit = LogisticRegression(C=1e6, max_iter=2000).fit(rows, right)
    (a, b), c = fit.coef_[0], fit.intercept_[0]
    return MarginCalibration(float(a), float(b), float(c), MARGIN_CAP)


def _counts(answers: list[tuple[bool, bool, bool]]) -> tuple[int, int, int]:
    """(answered, right, labelled value exists) → tp, fp, fn."""
    tp = sum(1 for answered, right, _ in answers if answered and right)
    fp = sum(1 for answered, right, _ in answers if answered and not right)
    fn = sum(1 for answered, right, has in answers if has and not (answered and right))
    return tp, fp, fn


def _utility(tp: int, fp: int, fn: int) -> tuple[float, float]:
    """How good a way of answering is: F-beta with beta = 0.5 (precision counts twice as much as
    recall: a wrong cell misleads, an empty one sends the reader to the document), then precision."""
    if tp == 0:
        return (0.0, 0.0)
    beta2 = BETA * BETA
    return ((1 + beta2) * tp / ((1 + beta2) * tp + beta2 * fn + fp), tp / (tp + fp))


def _best_threshold(probabilities: list[tuple[float | None, bool, bool]]) -> tuple[float, tuple]:
    """(probability or None when there is nothing to answer, right, labelled) → the best threshold."""
    best: tuple[tuple, float] = (_utility(*_counts([(False, r, h) for _, r, h in probabilities])), 1.01)
    for t in sorted({p for p, _, _ in probabilities if p is not None}):
        answers = [(p is not None and p >= t, r, h) for p, r, h in probabilities]
        utility = _utility(*_counts(answers))
        if utility > best[0]:
            best = (utility, t)
    return best[1], best[0]


def choose_policy(scored: list[Scored], calibration: Calibration | MarginCalibration, misses: int,
                  kind: str = "") -> FieldPolicy:
    """The way of answering this field that did best out of fold: the model's choice above a
    threshold, the rules' choice above a threshold, or the rules' choice always.
    ``misses``: labelled values whose act had no candidate at all (a miss whatever the policy)."""
    tail = [(None, False, True)] * misses
    model_probs = [(calibration(s.top_score, s.top_margin), s.top_right, s.example.expected is not None)
                   for s in scored] + tail
    rule_probs = [(None if s.rule_score is None else calibration(s.rule_score, s.rule_margin), s.rule_right,
                   s.example.expected is not None) for s in scored] + tail
    model_t, model_u = _best_threshold(model_probs)
    if kind in CALIBRATED_THRESHOLD_KINDS and model_u[0] > 0:
        # (with no threshold right at all out of fold, F* = 0 and the cap would answer everything)
        model_t = min(model_t, model_u[0] / (1 + BETA * BETA))
    rules_t, rules_u = _best_threshold(rule_probs)
    always = _utility(*_counts([(p is not None, r, h) for p, r, h in rule_probs]))
    options = [(model_u, 2, FieldPolicy(calibration, model_t, "model")),
               (rules_u, 1, FieldPolicy(calibration, rules_t, "rules")),
               (always, 0, FieldPolicy(calibration, float("-inf"), "rules"))]
    return max(options, key=lambda option: (option[0], option[1]))[2]


def fit(examples: list[Example], seed: int = 0) -> ScorerModel:
    """The scorer for ``examples``: weights on all of them; calibration, threshold and the way of
    answering of each field chosen out of fold (grouped by authority)."""
    weights = _fit_weights(examples, seed)
    oof = out_of_fold(examples, seed)
    real = [item for item in oof if not item.example.group.startswith(SYNTHETIC_GROUP_PREFIX)]
    if len(real) >= MIN_REAL_EXAMPLES:
        oof = real  # generated acts teach the weights; only real ones say how sure to be
    by_field: dict[str, list[Scored]] = defaultdict(list)
    by_kind: dict[str, list[Scored]] = defaultdict(list)
    for item in oof:
        by_field[item.example.field].append(item)
        by_kind[LEARNED_FIELDS[item.example.field]].append(item)
    misses: dict[str, int] = defaultdict(int)
    for ex in examples:
        if not ex.candidates and ex.expected is not None and (
                not ex.group.startswith(SYNTHETIC_GROUP_PREFIX) or len(real) < MIN_REAL_EXAMPLES):
            misses[ex.field] += 1
    fields: dict[str, FieldPolicy] = {}
    for field_name, kind in LEARNED_FIELDS.items():
        if kind not in by_kind:
            continue
        own = by_field.get(field_name, [])
        labelled = sum(1 for s in own if s.example.expected is not None)
        pool = own if labelled >= MIN_FIELD_EXAMPLES else by_kind[kind]
        if field_name in MARGIN_CALIBRATED:
            calibration = _calibrate_on_margin(pool)
        else:
            calibration = _calibrate([(s.top_score, s.top_right) for s in pool])
        fields[field_name] = choose_policy(own or by_kind[kind], calibration, misses[field_name], kind)
    meta = {
        "seed": seed, "examples": len(examples), "groups": len({ex.group for ex in examples}),
        "beta": BETA, "regularisation": {**{k: REGULARISATION for k in by_kind}, **REGULARISATION_BY_KIND},
        "policies": {name: policy.mode for name, policy in fields.items()},
        "margin_calibrated": sorted(MARGIN_CALIBRATED & set(fields)),
    }
    return ScorerModel(weights=weights, fields=fields, meta=meta)


def train_and_save(examples: list[Example], out: Path, seed: int = 0) -> ScorerModel:
    model = fit(examples, seed)
    model.save(out)
    return model
