"""Train the matière model: TF-IDF terms, a logistic regression, calibration on held-out rows.

1. Out-of-fold predictions: the scored examples (real rows, printed codes) are split by
   authority when they come from several, else by year (``grouping``); for each fold a model
   is trained on the others (plus the nomenclature wordings, always training only) and predicts it.
2. Calibration: isotonic regression from the out-of-fold top probability to "was it right", for
   level 2 and for level 1 (summed probabilities of the top group).
3. Thresholds: the lowest calibrated confidence at which the out-of-fold answers are still right
   ``TARGET_PRECISION`` of the time.
4. The final model is fit on everything with those tables. Same seed, same data → same JSON.

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
from actes.matiere.model import MatiereModel

SEED = 20240601
C = 10.0  # inverse L2 strength of the logistic regression
MIN_DF = 2
BALANCE, BALANCE_FROM = 0.5, 10  # see balance_weights
TARGET_PRECISION = {"level2": 0.85, "level1": 0.90}
MIN_GROUPS = 3  # authorities needed (each ≥ MIN_GROUP_SHARE of the rows) to split by authority
MIN_GROUP_SHARE = 0.1


@dataclass(frozen=True)
class Grouping:
    name: str  # "authority" | "year"
    key: Callable[[Example], str]


def grouping(examples: Sequence[Example]) -> Grouping:
    """By authority when at least MIN_GROUPS authorities hold MIN_GROUP_SHARE of the rows each;
    by year otherwise (one authority's rows cannot be held out by authority)."""
    scored = [e for e in examples if e.origin != NOMENCLATURE]
    sizes = Counter(e.group for e in scored)
    big = [g for g, n in sizes.items() if n >= MIN_GROUP_SHARE * len(scored)]
    if len(big) >= MIN_GROUPS:
        return Grouping("authority", lambda e: e.group)
    return Grouping("year", lambda e: e.year or "unknown")


def balance_weights(examples: Sequence[Example]) -> np.ndarray:
    """Rows of a code with more than BALANCE_FROM rows weigh (rows / BALANCE_FROM) ** -BALANCE:
    one authority's habits (half its acts are subsidies) should not become every authority's prior.
    Calibration, learned afterwards on held-out rows, puts the probabilities back in line."""
    counts = Counter(e.code for e in examples if e.origin != NOMENCLATURE)
    return np.array([1.0 if e.origin == NOMENCLATURE or counts[e.code] <= BALANCE_FROM
                     else (counts[e.code] / BALANCE_FROM) ** -BALANCE for e in examples])


def _fit(examples: Sequence[Example], seed: int) -> MatiereModel:
    """An uncalibrated model (no thresholds) on ``examples``."""
    from sklearn.linear_model import LogisticRegression

    docs = [terms(MatiereInput(e.objet)) for e in examples]
    vectorizer = Vectorizer.fit(docs, MIN_DF)
    X = vectorizer.matrix(docs)
    y = [e.code for e in examples]
    weights = np.array([e.weight for e in examples]) * balance_weights(examples)
    classifier = LogisticRegression(C=C, max_iter=3000, random_state=seed)
    classifier.fit(X, y, sample_weight=weights)
    classes = [str(c) for c in classifier.classes_]
    return MatiereModel(vectorizer, classes, classifier.coef_.T.astype(np.float32),
                        classifier.intercept_.astype(np.float32), {}, {"level2": 0.0, "level1": 0.0})


def out_of_fold(examples: Sequence[Example], seed: int, split: Grouping | None = None) -> list[tuple[Example, np.ndarray, list[str]]]:
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


def isotonic_table(raw: np.ndarray, right: np.ndarray) -> dict[str, list[float]]:
    """A monotone table raw probability → observed accuracy (applied with np.interp)."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, right)
    return {"x": [round(float(v), 5) for v in iso.X_thresholds_], "y": [round(float(v), 5) for v in iso.y_thresholds_]}


def pick_threshold(confidence: np.ndarray, right: np.ndarray, target: float) -> float:
    """The lowest confidence t such that answers with confidence ≥ t are right ≥ ``target`` of the time."""
    order = np.argsort(-confidence)
    conf, ok = confidence[order], right[order]
    precision = np.cumsum(ok) / np.arange(1, len(ok) + 1)
    best = 1.01  # nothing answers if no threshold reaches the target
    for i in range(len(conf)):
        if (i + 1 == len(conf) or conf[i + 1] < conf[i]) and precision[i] >= target:
            best = float(conf[i])
    return round(best, 4)


def train(examples: Sequence[Example], seed: int = SEED) -> MatiereModel:
    """The calibrated model, thresholds included (see the module's docstring)."""
    split = grouping(examples)
    p2, ok2, p1, ok1 = top_answers(out_of_fold(examples, seed, split))
    calibration = {"level2": isotonic_table(p2, ok2), "level1": isotonic_table(p1, ok1)}
    model = _fit(examples, seed)
    model.calibration = calibration
    conf2 = np.array([model.calibrate("level2", v) for v in p2])
    conf1 = np.array([model.calibrate("level1", v) for v in p1])
    model.thresholds = {"level2": pick_threshold(conf2, ok2, TARGET_PRECISION["level2"]),
                        "level1": pick_threshold(conf1, ok1, TARGET_PRECISION["level1"])}
    model.meta = {
        "seed": seed, "C": C, "min_df": MIN_DF, "balance": BALANCE, "target_precision": TARGET_PRECISION,
        "calibrated_on": f"out-of-fold predictions, folds by {split.name}",
        "examples": dict(Counter(e.origin for e in examples)),
        "terms": len(model.vectorizer.vocabulary),
    }
    return model


def train_and_save(examples: Sequence[Example], out: str | Path, seed: int = SEED) -> MatiereModel:
    """Train on ``examples`` and write the JSON model to ``out``."""
    model = train(examples, seed)
    model.save(out)
    return model
