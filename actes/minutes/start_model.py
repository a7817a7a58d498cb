"""The learned scorer of item starts: a logistic model over ``actes.minutes.starts`` features,
fitted on the labelled minutes, shipped as JSON (``actes/models/minutes_items.json``).

Labels give each item's objet, not its offset: a candidate is a positive when its title
matches a labelled objet, the labels taken from the last to the first, each at its latest
matching candidate before the next one's (the body's heading, not its agenda line). The
threshold is the one that maximises F1 of the starts on out-of-fold scores grouped by
authority. Without the JSON (or with ``use_model=False``) the rule reader answers.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from actes.minutes import items as rules
from actes.minutes.starts import Start, _overlap, _unfit_title, _words, describe, pick

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "minutes_items.json"
MATCH = 0.5  # the evaluation's objet match (word F1)
REGULARISATION = 0.5  # inverse L2 strength: a few hundred candidates of some twenty authorities
INNER_FOLDS = 5
DEFAULT_THRESHOLD = 0.5


@dataclass
class StartModel:
    weights: dict[str, float]
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, start: Start) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in start.features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def save(self, path: Path) -> None:
        data = {
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
            "threshold": round(self.threshold, 4),
            "meta": self.meta,
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> StartModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]), data.get("meta", {}))


@lru_cache(maxsize=1)
def default_model() -> StartModel | None:
    return StartModel.load(MODEL_PATH) if MODEL_PATH.is_file() else None


def learned_headings(text: str, start: int, end: int, model: StartModel) -> list[rules.Heading]:
    starts = describe(text, start, end)
    chosen = pick(starts, [model.probability(s) for s in starts], model.threshold)
    return [s.heading for s in chosen]


def read_items(
    text: str, start: int = 0, end: int | None = None, model: StartModel | None = None, use_model: bool = True
) -> list[rules.Item]:
    """The items of ``text[start:end]``: at the starts the model keeps, or the rules' when no model."""
    end = len(text) if end is None else end
    model = model or (default_model() if use_model else None)
    if model is None:
        return rules.read_items(text, start, end)
    return rules.items_at(text, learned_headings(text, start, end, model), end)


# --- training -------------------------------------------------------------------------------


@dataclass
class LabelledStarts:
    """One labelled file: its authority, its candidates and which of them start a labelled item."""

    group: str
    starts: list[Start]
    positives: list[bool]


def align(starts: list[Start], objets: Sequence[str | None]) -> list[bool]:
    """Which candidates start a labelled item: the labels from last to first, each at its latest
    candidate whose title matches, before the next label's."""
    positives = [False] * len(starts)
    words = [_words(s.title) for s in starts]
    limit = len(starts)
    for objet in reversed(objets):
        wanted = _words(objet)
        for k in range(limit - 1, -1, -1):
            if _overlap(words[k], wanted) >= MATCH:
                positives[k] = True
                limit = k
                break
    return positives


def labelled_starts(group: str, text: str, start: int, objets: Sequence[str | None]) -> LabelledStarts:
    starts = describe(text, start, len(text))
    return LabelledStarts(group, starts, align(starts, objets))


def _fit_weights(files: Sequence[LabelledStarts], seed: int) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [s.features for f in files for s in f.starts]
    ys = [p for f in files for p in f.positives]
    if not rows or len(set(ys)) < 2:  # one class only: every candidate is (or none is) a start
        return {"bias": 5.0 if ys and ys[0] else -5.0}
    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=REGULARISATION, max_iter=2000, random_state=seed, fit_intercept=False)
    model.fit(x, ys)
    return {name: float(w) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)}


def _best_threshold(scored: list[tuple[float, bool]]) -> float:
    """The probability cut that maximises F1 over (probability, is a start) pairs."""
    total = sum(1 for _, y in scored if y)
    best, best_f1, tp, fp = DEFAULT_THRESHOLD, -1.0, 0, 0
    for prob, y in sorted(scored, key=lambda pair: -pair[0]):
        tp, fp = tp + y, fp + (not y)
        f1 = 2 * tp / (tp + fp + total) if total else 0.0
        if f1 > best_f1:
            best, best_f1 = prob, f1
    return max(0.05, min(0.95, best))


def folds_of(groups: Sequence[str], n: int) -> list[set[str]]:
    """``n`` sets of authorities, sorted names dealt in turn (deterministic)."""
    names = sorted(set(groups))
    return [set(names[k::n]) for k in range(min(n, len(names)))]


def fit(files: Sequence[LabelledStarts], seed: int = 0) -> StartModel:
    """Weights on all ``files``; the threshold from inner folds grouped by authority, over the
    candidates ``pick`` may keep (not those whose title no item has)."""
    scored: list[tuple[float, bool]] = []
    for held in folds_of([f.group for f in files], INNER_FOLDS):
        inner = StartModel(_fit_weights([f for f in files if f.group not in held], seed), DEFAULT_THRESHOLD)
        scored += [
            (inner.probability(s), y)
            for f in files
            if f.group in held
            for s, y in zip(f.starts, f.positives, strict=True)
            if not _unfit_title(s.title)
        ]
    weights = _fit_weights(files, seed)
    meta = {
        "files": len(files),
        "authorities": len({f.group for f in files}),
        "candidates": sum(len(f.starts) for f in files),
        "starts": sum(sum(f.positives) for f in files),
    }
    return StartModel(weights, _best_threshold(scored) if scored else DEFAULT_THRESHOLD, meta)
