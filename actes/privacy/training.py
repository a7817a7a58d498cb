"""Fit the public/private scorer from labelled acts (``actes train --only privacy``).

An *example* is one person an act names (its mentions grouped, ``actes.privacy.features``),
with the label read from the file's labelled mentions: private when a private mention of the
file bears its surname, public otherwise (the labels of a file list every private person it
names, so any other person it names is an official, a company or a place).

Real labelled acts (``labels/privacy-corpus.jsonl``) and generated ones (``fixtures/privacy``)
both train the weights; the calibration (Platt's sigmoid) and the band of uncertainty are
measured on out-of-fold scores of real acts only, folds by authority, generated acts always in
training: the confidence a new authority's act gets is the one measured on authorities the
model did not see.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from actes.privacy.detect import Prepared, persons_of, prepare
from actes.privacy.features import official_evidence
from actes.privacy.officials import name_tokens, surname_tokens
from actes.privacy.scorer import PrivacyScorer
from actes.schemas.act import Act

GENERATED_PREFIX = "generated:"
REGULARISATION = 0.5  # inverse L2 strength: a few hundred persons, a few dozen features
FOLDS = 5
# A leak costs this many hidden officials (recall first): the decision threshold.
LEAK_COST = 10.0
# The band of uncertainty holds at most this share of the real persons, out of fold.
HELD_PERSONS_AT_MOST = 0.02
CIVILITIES = frozenset({"messieurs", "mesdames", "mademoiselle", "monsieur", "madame", "mme", "mlle", "mmes"})


@dataclass
class LabelledFile:
    """A labelled file, its authority (folds never split one) and its acts, extracted once."""

    record: dict
    group: str
    acts: list[Act]
    prepared: list[Prepared]

    @property
    def generated(self) -> bool:
        return self.group.startswith(GENERATED_PREFIX)

    def labels(self) -> list[dict]:
        return self.record.get("mentions") or self.record.get("spans") or []


@dataclass
class Example:
    group: str
    features: dict[str, float]
    private: bool
    name: str


def load_labelled(labels_path: Path, root: Path, *, generated: bool = False) -> list[LabelledFile]:
    """Extract every labelled file once (the whole pipeline) and read its person mentions."""
    from actes.evaluation.groups import file_group
    from actes.extraction import extract_paths

    out = []
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        path = root / record["file"]
        if not path.is_file():
            raise FileNotFoundError(f'labelled file "{path}" is missing (labels "{labels_path}")')
        acts = extract_paths([path])
        if generated:
            # Generated acts are all one authority's kind of writing: one group per file keeps
            # them whole, and the prefix keeps them out of every scored fold.
            group = GENERATED_PREFIX + record["file"]
        else:
            group = record.get("authority") or file_group(record["file"])
        out.append(LabelledFile(record, group, acts, [prepare(act) for act in acts]))
    return out


def private_names(labels: list[dict]) -> list[tuple[frozenset[str], frozenset[str]]]:
    """(surname tokens, other tokens) of each private person labelled in a file."""
    out = []
    for label in labels:
        if label["kind"] == "person" and label["status"] == "private":
            surname = surname_tokens(label["text"])
            out.append((surname, name_tokens(label["text"]) - surname - CIVILITIES))
    return out


def is_labelled_private(tokens: frozenset[str], private: list[tuple[frozenset[str], frozenset[str]]]) -> bool:
    """A person bearing a private label's surname, unless both give a given name and they differ
    ("Jean-Paul VERNIER" private does not make the councillor "Julien VERNIER" private)."""
    for surname, given in private:
        if tokens & surname:
            others = tokens - surname - CIVILITIES
            if not (given and others) or given & others:
                return True
    return False


def examples_of(files: list[LabelledFile]) -> list[Example]:
    out = []
    for item in files:
        private = private_names(item.labels())
        for prepared in item.prepared:
            for person in persons_of(prepared):
                tokens = frozenset().union(*(name_tokens(m.text) for m in person.mentions))
                name = max((m.text for m in person.mentions), key=len)
                out.append(Example(item.group, person.features, is_labelled_private(tokens, private), name))
    return out


def _fit_weights(examples: list[Example], seed: int) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform([ex.features for ex in examples])
    y = [ex.private for ex in examples]
    if len(set(y)) < 2:
        raise ValueError("the labelled persons are all of one class: nothing to learn")
    # ``bias`` is a feature (always 1): no separate intercept, so the JSON holds every weight.
    model = LogisticRegression(
        C=REGULARISATION, class_weight="balanced", fit_intercept=False, max_iter=5000, random_state=seed
    )
    model.fit(x, y)
    return {name: float(w) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)}


def _score(weights: dict[str, float], features: dict[str, float]) -> float:
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def out_of_fold(examples: list[Example], seed: int, folds: int = FOLDS) -> list[tuple[float, Example]]:
    """Raw scores of the real examples, each from a model that never saw its authority."""
    real_groups = sorted({ex.group for ex in examples if not ex.group.startswith(GENERATED_PREFIX)})
    if len(real_groups) < 2:
        return []
    folds = min(folds, len(real_groups))
    fold_of = {group: i % folds for i, group in enumerate(real_groups)}
    scored = []
    for fold in range(folds):
        train = [ex for ex in examples if fold_of.get(ex.group) != fold]
        test = [ex for ex in examples if fold_of.get(ex.group) == fold]
        if not test or len({ex.private for ex in train}) < 2:
            continue
        weights = _fit_weights(train, seed)
        scored += [(_score(weights, ex.features), ex) for ex in test]
    return scored


def _platt(points: list[tuple[float, bool]]) -> tuple[float, float]:
    """Sigmoid p = 1 / (1 + exp(a·s + b)) fitted on (score, private) pairs."""
    from sklearn.linear_model import LogisticRegression

    if not points:
        return -1.0, 0.0
    # Platt's own targets, not 1 and 0: (N+ + 1) / (N+ + 2) and 1 / (N- + 2), each point given to
    # both classes with those weights. With few private persons among those the score decides,
    # or none in a fold, the sigmoid stays low instead of falling back to the raw score.
    positives = sum(1 for _, y in points if y)
    target = {True: (positives + 1) / (positives + 2), False: 1 / (len(points) - positives + 2)}
    model = LogisticRegression(C=100.0, max_iter=1000)
    model.fit(
        [[s] for s, _ in points] * 2,
        [True] * len(points) + [False] * len(points),
        sample_weight=[target[y] for _, y in points] + [1 - target[y] for _, y in points],
    )
    return -float(model.coef_[0][0]), -float(model.intercept_[0])


def _band(probabilities: list[tuple[float, bool]]) -> tuple[float, float]:
    """(low, high) from out-of-fold probabilities of real persons.

    ``low`` is where hiding costs less than publishing: a leak costs LEAK_COST times a hidden
    official, so with calibrated probabilities a person is private from p = 1 / (1 + LEAK_COST).
    ``high`` widens the band above it only as far as HELD_PERSONS_AT_MOST of the persons: the
    ones closest to the decision are those a clerk is asked about."""
    low = 1.0 / (1.0 + LEAK_COST)
    above = sorted(p for p, _ in probabilities if p >= low)
    budget = int(HELD_PERSONS_AT_MOST * len(probabilities))
    high = above[budget] if budget < len(above) else 1.0
    return low, max(low, high)


def fit(examples: list[Example], seed: int = 0) -> PrivacyScorer:
    weights = _fit_weights(examples, seed)
    scored = out_of_fold(examples, seed)
    if not scored:  # no real authorities to calibrate on: all examples, in-sample
        scored = [(_score(weights, ex.features), ex) for ex in examples]
    # The score decides only the persons the act gives some official evidence for (the others
    # are private whatever it says): the sigmoid is fitted on those, not on every name. The band
    # still holds at most its share of all the persons.
    decided = [(s, ex) for s, ex in scored if official_evidence(ex.features)] or scored
    a, b = _platt([(s, ex.private) for s, ex in decided])
    probabilities = [(1.0 / (1.0 + math.exp(min(700.0, a * s + b))), ex.private) for s, ex in scored]
    low, high = _band(probabilities)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for ex in examples:
        kind = "generated" if ex.group.startswith(GENERATED_PREFIX) else "real"
        counts[kind][ex.private] += 1
    meta = {
        "seed": seed,
        "persons": {kind: {"public": c[0], "private": c[1]} for kind, c in sorted(counts.items())},
        "authorities": len({ex.group for ex in examples if not ex.group.startswith(GENERATED_PREFIX)}),
        "calibrated_on": len(decided),
    }
    return PrivacyScorer(weights, a, b, low, high, meta)


def train_and_save(examples: list[Example], out: Path, seed: int = 0) -> PrivacyScorer:
    scorer = fit(examples, seed)
    scorer.save(out)
    return scorer
