"""Train the matière model: TF-IDF terms, a logistic regression, calibration on held-out rows.

1. Out-of-fold predictions: the scored examples (real rows, printed codes, reviewer labels) are
   split by authority when several authorities hold a fair share of them, else by year
   (``grouping``); for each fold a model is trained on the others (plus the nomenclature
   wordings, always training only) and predicts it. Split by authority, every prediction is one
   for an authority the model never saw: the confidence learned from them is the one a new
   authority should be told.
2. Calibration: Platt's sigmoid on the logit of the out-of-fold top probability ("was it
   right?") for level 2; for level 1 (summed probabilities of the top group, which pile up near
   1) the beta calibration's three parameters (``beta_table``), which bend the two ends apart.
   Two or three parameters, so a few hundred predictions fix them; an isotonic table learned on
   as few made steps (one 0.7 plateau right half the time, the bins around it right 0.9 of the time).
3. Thresholds: the lowest calibrated confidence at which the out-of-fold answers are still right
   ``TARGET_PRECISION`` of the time: issue 22's floors (level 2 ≥ 0.75, level 1 ≥ 0.85) plus
   0.05, the sampling error of a figure on ~250 acts.
4. The final model is fit on everything with those tables. Same seed, same data → same JSON.

Weights: an authority with many examples weighs less per example (``authority_weights``), and so
does a code with many (``balance_weights``): one authority's habits should not become every
authority's prior.

scikit-learn is needed here only; prediction reads the JSON (``actes.matiere.model``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from actes.matiere.data import NOMENCLATURE, Example
from actes.matiere.features import MatiereInput, Vectorizer, terms
from actes.matiere.model import MatiereModel, logit

SEED = 20240601
C = 10.0  # inverse L2 strength of the logistic regression
MIN_DF = 2
BALANCE, BALANCE_FROM = 0.5, 10  # see balance_weights
TARGET_PRECISION = {"level2": 0.80, "level1": 0.90}  # the floors + 0.05
MIN_GROUPS = 3  # authorities needed to split by authority…
MIN_OTHER_SHARE = 0.15  # …and the share of the scored examples outside the largest one
AUTHORITY_FOLDS = 5
AUTHORITY_CAP, AUTHORITY_BALANCE = 50, 0.5  # see authority_weights
WEIGHTED_CALIBRATION, CALIBRATION_BALANCE = True, 1.0  # see calibration_weights
SEEN_CALIBRATION, SEEN_MIN_EXAMPLES, SEEN_SHARES = True, 100, 2  # see seen_out_of_fold


@dataclass(frozen=True)
class Grouping:
    name: str  # "authority" | "year"
    key: Callable[[Example], str]


def authority_folds(sizes: Counter[str], folds: int = AUTHORITY_FOLDS) -> dict[str, str]:
    """Authority → fold name ("authorities 1"…): the largest authorities first, each into the fold
    that holds the fewest examples so far, so folds are of near size and one large authority
    makes a fold of its own. Deterministic (ties by name)."""
    totals = [0] * min(folds, len(sizes))
    assignment = {}
    for group, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        index = totals.index(min(totals))
        totals[index] += size
        assignment[group] = f"authorities {index + 1}"
    return assignment


def grouping(examples: Sequence[Example]) -> Grouping:
    """By authority (AUTHORITY_FOLDS folds, ``authority_folds``) when at least MIN_GROUPS
    authorities are present and those outside the largest hold MIN_OTHER_SHARE of the scored
    examples; by year otherwise (one authority's rows cannot be held out by authority)."""
    scored = [e for e in examples if e.origin != NOMENCLATURE]
    sizes = Counter(e.group for e in scored)
    if len(sizes) >= MIN_GROUPS and len(scored) - max(sizes.values()) >= MIN_OTHER_SHARE * len(scored):
        folds = authority_folds(sizes)
        return Grouping("authority", lambda e: folds[e.group])
    return Grouping("year", lambda e: e.year or "unknown")


def _group(example: Example) -> str:
    return example.group


def _code(example: Example) -> str:
    return example.code


def _capped_weights(
    examples: Sequence[Example], group_of: Callable[[Example], str], cap: int, power: float
) -> np.ndarray:
    """Each example of a group (by ``group_of``) with more than ``cap`` examples weighs
    (n / cap) ** -power; the nomenclature's own entries always weigh 1."""
    counts = Counter(group_of(e) for e in examples if e.origin != NOMENCLATURE)
    return np.array(
        [
            1.0 if e.origin == NOMENCLATURE or counts[group_of(e)] <= cap else (counts[group_of(e)] / cap) ** -power
            for e in examples
        ]
    )


def authority_weights(examples: Sequence[Example]) -> np.ndarray:
    """Examples of an authority with more than AUTHORITY_CAP of them weigh
    (n / AUTHORITY_CAP) ** -AUTHORITY_BALANCE each: 650 rows of one authority weigh as 180
    together, so its filing habits (a loan guarantee under subsidies) do not outvote forty others."""
    return _capped_weights(examples, _group, AUTHORITY_CAP, AUTHORITY_BALANCE)


def calibration_weights(examples: Sequence[Example]) -> np.ndarray:
    """The weight of each out-of-fold prediction in calibration and thresholds: as
    ``authority_weights`` but with CALIBRATION_BALANCE (1: an authority with more than
    AUTHORITY_CAP examples counts as AUTHORITY_CAP of them), so that the confidence told a new
    authority is learned from many authorities, not mostly from the largest one."""
    return _capped_weights(examples, _group, AUTHORITY_CAP, CALIBRATION_BALANCE)


def balance_weights(examples: Sequence[Example]) -> np.ndarray:
    """Rows of a code with more than BALANCE_FROM rows weigh (rows / BALANCE_FROM) ** -BALANCE:
    one authority's habits (half its acts are subsidies) should not become every authority's prior.
    Calibration, learned afterwards on held-out rows, puts the probabilities back in line."""
    return _capped_weights(examples, _code, BALANCE_FROM, BALANCE)


def _fit(examples: Sequence[Example], seed: int) -> MatiereModel:
    """An uncalibrated model (no thresholds) on ``examples``."""
    from sklearn.linear_model import LogisticRegression

    docs = [terms(MatiereInput(e.objet)) for e in examples]
    vectorizer = Vectorizer.fit(docs, MIN_DF)
    X = vectorizer.matrix(docs)
    y = [e.code for e in examples]
    weights = np.array([e.weight for e in examples]) * balance_weights(examples) * authority_weights(examples)
    classifier = LogisticRegression(C=C, max_iter=3000, random_state=seed)
    classifier.fit(X, y, sample_weight=weights)
    classes = [str(c) for c in classifier.classes_]
    return MatiereModel(
        vectorizer,
        classes,
        classifier.coef_.T.astype(np.float32),
        classifier.intercept_.astype(np.float32),
        {},
        {"level2": 0.0, "level1": 0.0},
    )


def out_of_fold(
    examples: Sequence[Example], seed: int, split: Grouping | None = None
) -> list[tuple[Example, np.ndarray, list[str]]]:
    """(example, probabilities, classes) for every scored example, from a model that never saw its group."""
    split = split or grouping(examples)
    scored = [e for e in examples if e.origin != NOMENCLATURE]
    always = [e for e in examples if e.origin == NOMENCLATURE]
    out = []
    for fold in sorted({split.key(e) for e in scored}):
        test = [e for e in scored if split.key(e) == fold]
        model = _fit([e for e in scored if split.key(e) != fold] + always, seed)
        out += [(e, model.probabilities(MatiereInput(e.objet)), model.classes) for e in test]
    return out


def seen_out_of_fold(
    examples: Sequence[Example], seed: int
) -> tuple[list[str], list[tuple[Example, np.ndarray, list[str]]]]:
    """The authorities with SEEN_MIN_EXAMPLES scored examples over two years or more, and each of
    their examples predicted by a model trained on everything but a share of that authority's acts
    of the same year: what the model says of a new act of an authority whose habits it has learned.

    A year's acts are held out in SEEN_SHARES shares (by the act's rank among the authority's
    examples, modulo SEEN_SHARES: a year split about in half while its rows come together, as they do
    in rows.csv; were years interleaved, a year could fall into one share), the other share training
    with the other years: held out a whole year at a time, the models that
    predict them knew one year fewer of the authority than the model they calibrate, were right
    less often at a given probability, and the confidence learned from them under-stated the final
    model's (issue 22, folds by year: observed above stated by 0.024 on average, by 0.012 with
    halves, the Brier score lower in each of the five years)."""
    scored = [e for e in examples if e.origin != NOMENCLATURE]
    always = [e for e in examples if e.origin == NOMENCLATURE]
    years: dict[str, set[str]] = {}
    for e in scored:
        years.setdefault(e.group, set()).add(e.year or "unknown")
    sizes = Counter(e.group for e in scored)
    known = sorted(g for g, n in sizes.items() if n >= SEEN_MIN_EXAMPLES and len(years[g]) >= 2)
    out = []
    for group in known:
        own = [e for e in scored if e.group == group]
        share = {id(e): ((e.year or "unknown"), i % SEEN_SHARES) for i, e in enumerate(own)}
        for part in sorted(set(share.values())):
            held = [e for e in own if share[id(e)] == part]
            model = _fit([e for e in scored if share.get(id(e)) != part] + always, seed)
            out += [(e, model.probabilities(MatiereInput(e.objet)), model.classes) for e in held]
    return known, out


def top_answers(predictions) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(level-2 top probability, right?, level-1 top probability, right?) of each prediction."""
    p2, ok2, p1, ok1 = [], [], [], []
    for example, probs, classes in predictions:
        top = int(probs.argmax())
        p2.append(probs[top])
        ok2.append(classes[top] == example.code)
        groups: Counter[str] = Counter()
        for code, p in zip(classes, probs, strict=True):
            groups[code.split(".")[0]] += float(p)
        best1, prob1 = groups.most_common(1)[0]
        p1.append(prob1)
        ok1.append(best1 == example.code.split(".")[0])
    return np.array(p2), np.array(ok2, dtype=float), np.array(p1), np.array(ok1, dtype=float)


def platt_table(raw: np.ndarray, right: np.ndarray, weights: np.ndarray | None = None) -> dict[str, float]:
    """Platt's sigmoid, confidence = 1 / (1 + exp(-(a · logit(raw) + b))), fitted (unpenalised,
    each prediction counting its weight) to whether the top answer was right. ``a`` < 1 tempers
    a model that over-states, > 1 one that under-states; monotone, so the order is kept."""
    from sklearn.linear_model import LogisticRegression

    right = np.asarray(right, dtype=int)
    if right.min() == right.max():  # all right or all wrong: no slope to learn
        return {"a": 0.0, "b": round(float(np.log((right.mean() + 0.01) / (1.01 - right.mean()))), 5)}
    fit = LogisticRegression(C=1e6, max_iter=1000).fit(logit(raw)[:, None], right, sample_weight=weights)
    return {"a": round(float(fit.coef_[0, 0]), 5), "b": round(float(fit.intercept_[0]), 5)}


def beta_table(raw: np.ndarray, right: np.ndarray, weights: np.ndarray | None = None) -> dict[str, float]:
    """Beta calibration (Kull et al., 2017): confidence = 1 / (1 + exp(-(a · ln raw − b · ln(1 − raw)
    + c))). Platt's sigmoid is the case a = b; with a ≠ b the low and the high ends are corrected
    each on their own, which a sum of probabilities piled up near 1 needs. Monotone only with a, b ≥
    0: when the fit gives a negative one, Platt's sigmoid is used instead."""
    from sklearn.linear_model import LogisticRegression

    right = np.asarray(right, dtype=int)
    if right.min() == right.max():
        return platt_table(raw, right, weights)
    p = np.clip(np.asarray(raw, dtype=float), 1e-6, 1 - 1e-6)
    fit = LogisticRegression(C=1e6, max_iter=3000).fit(np.c_[np.log(p), -np.log(1 - p)], right, sample_weight=weights)
    a, b = (float(v) for v in fit.coef_[0])
    if a < 0 or b < 0:
        return platt_table(raw, right, weights)
    return {"a": round(a, 5), "b": round(b, 5), "c": round(float(fit.intercept_[0]), 5)}


def pick_threshold(
    confidence: np.ndarray, right: np.ndarray, target: float, weights: np.ndarray | None = None
) -> float:
    """The lowest confidence t such that answers with confidence ≥ t are right ≥ ``target`` of the
    time (each answer counting its weight, when given)."""
    order = np.argsort(-confidence, kind="stable")
    weights = np.ones(len(confidence)) if weights is None else np.asarray(weights, dtype=float)
    conf, ok, w = confidence[order], right[order], weights[order]
    precision = np.cumsum(ok * w) / np.cumsum(w)
    best = 1.01  # nothing answers if no threshold reaches the target
    for i in range(len(conf)):
        if (i + 1 == len(conf) or conf[i + 1] < conf[i]) and precision[i] >= target:
            best = float(conf[i])
    return round(best, 4)


def _tables(predictions, weights: np.ndarray | None, model: MatiereModel) -> tuple[dict, dict]:
    """Calibration tables and thresholds from out-of-fold ``predictions`` (see the module's docstring)."""
    p2, ok2, p1, ok1 = top_answers(predictions)
    calibration = {"level2": platt_table(p2, ok2, weights), "level1": beta_table(p1, ok1, weights)}
    probe = MatiereModel(model.vectorizer, model.classes, model.coef, model.intercept, calibration, {})
    conf2 = np.array([probe.calibrate("level2", v) for v in p2])
    conf1 = np.array([probe.calibrate("level1", v) for v in p1])
    thresholds = {
        "level2": pick_threshold(conf2, ok2, TARGET_PRECISION["level2"], weights),
        "level1": pick_threshold(conf1, ok1, TARGET_PRECISION["level1"], weights),
    }
    return calibration, thresholds


def train(examples: Sequence[Example], seed: int = SEED, confidence: str = "both") -> MatiereModel:
    """The calibrated model, thresholds included (see the module's docstring).

    ``confidence``: "both" (the shipped model), or, for an evaluation that scores only one kind
    of act, "new" (authorities the model never saw: no ``seen`` tables) or "seen" (the known
    authorities' own acts: their tables serve as the main ones too). Either saves the fits the
    evaluation would not use; the tables it does use are computed as for "both"."""
    split = grouping(examples)
    model = _fit(examples, seed)
    known, seen_predictions = [], []
    if split.name == "authority" and SEEN_CALIBRATION and confidence in ("both", "seen"):
        known, seen_predictions = seen_out_of_fold(examples, seed)
    if seen_predictions:
        calibration, thresholds = _tables(seen_predictions, None, model)
        model.seen = {"authorities": known, "calibration": calibration, "thresholds": thresholds}
    if confidence == "seen" and seen_predictions:
        model.calibration, model.thresholds = model.seen["calibration"], model.seen["thresholds"]
    else:
        predictions = out_of_fold(examples, seed, split)
        # Folds by authority: each authority counts as calibration_weights says, so that the
        # confidence told a new authority is not one large authority's.
        weights = (
            calibration_weights([e for e, _, _ in predictions])
            if split.name == "authority" and WEIGHTED_CALIBRATION
            else None
        )
        model.calibration, model.thresholds = _tables(predictions, weights, model)
    model.meta = {
        "seed": seed,
        "C": C,
        "min_df": MIN_DF,
        "balance": BALANCE,
        "target_precision": TARGET_PRECISION,
        "authority_cap": AUTHORITY_CAP,
        "authority_balance": AUTHORITY_BALANCE,
        "calibration_balance": CALIBRATION_BALANCE,
        "calibration": "level 2: Platt's sigmoid on the logit of the top probability; level 1: beta calibration",
        "calibrated_on": f"out-of-fold predictions, folds by {split.name}"
        + (f"; authorities seen in training: half their acts of a year, held out ({len(known)})" if known else ""),
        "examples": dict(Counter(e.origin for e in examples)),
        "terms": len(model.vectorizer.vocabulary),
    }
    return model


def train_and_save(examples: Sequence[Example], out: str | Path, seed: int = SEED) -> MatiereModel:
    """Train on ``examples`` and write the JSON model to ``out``."""
    model = train(examples, seed)
    model.save(out)
    return model
