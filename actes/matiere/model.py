"""The shipped matière model: a linear model over TF-IDF terms, its calibration, its thresholds.

Plain JSON (``actes/models/matiere.json``), applied with numpy: no scikit-learn, no pickle.

- ``classes``: the level-2 codes ("7.5"); ``coef`` (terms × classes) and ``intercept`` give
  softmax probabilities;
- ``calibration``: for level 2 (the top code's probability) and level 1 (the summed probability
  of the top level-1 group), Platt's sigmoid ``{"a", "b"}`` on the logit of the raw probability,
  or the beta calibration ``{"a", "b", "c"}`` on ln p and ln(1 − p) (or, in models trained
  before, a monotone table ``{"x", "y"}``), learned on predictions for rows the model had not
  seen (``actes.matiere.training``);
- ``thresholds``: the calibrated confidence under which the model abstains, per level.
- ``seen`` (optional): the same tables for the authorities whose own acts trained the model
  (``authorities``: their SIRENs), learned on a share of their acts of a year that the model had
  not seen (``training.seen_out_of_fold``): the model knows their habits, so it is right more
  often at a given probability than for a new authority, which gets the main tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from actes.matiere.features import MatiereInput, Vectorizer, terms

FORMAT = "actes-matiere/1"
MODEL_FILE = "matiere.json"
COEF_SCALE = 1000
# Codes only one kind of authority can send (by their own wording in the nomenclature).
ONLY_FOR = {"6.2": "departement", "9.2": "departement", "6.3": "region", "9.3": "region"}


@dataclass(frozen=True)
class Prediction:
    """The model's answer for one act.

    ``code``: the level-2 code, or None when its calibrated confidence is under the threshold;
    ``level1``: the level-1 code when its own confidence passes its threshold (even when ``code``
    is None); ``best``/``best_probability``: the top level-2 code and raw probability, always
    given so an abstention can still say what it would have answered; ``best_level1``: the top
    level-1 group, always given (it may differ from ``best``'s group: 3 codes of 7 can outweigh one of 3).
    """

    code: str | None
    confidence: float
    level1: str | None
    level1_confidence: float
    best: str
    best_probability: float
    best_level1: str = ""  # the top level-1 group (summed probabilities), what ``level1_confidence`` is about

    @property
    def abstained(self) -> bool:
        return self.code is None


@dataclass
class MatiereModel:
    vectorizer: Vectorizer
    classes: list[str]
    coef: np.ndarray  # (terms, classes)
    intercept: np.ndarray  # (classes,)
    calibration: dict[str, dict[str, list[float]]]
    thresholds: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)
    seen: dict[str, Any] = field(default_factory=dict)  # {"authorities", "calibration", "thresholds"}

    def __post_init__(self) -> None:
        groups = sorted({c.split(".")[0] for c in self.classes}, key=int)
        self.level1_codes = groups
        self._group_of = np.array([groups.index(c.split(".")[0]) for c in self.classes])

    # Prediction
    def probabilities(self, item: MatiereInput) -> np.ndarray:
        """Softmax probabilities over ``classes`` (uncalibrated)."""
        indices, values = self.vectorizer.transform(terms(item))
        scores = self.intercept.copy()
        if indices:
            scores += np.asarray(values, dtype=np.float32) @ self.coef[indices]
        if item.collectivite_type:
            for code, kind in ONLY_FOR.items():
                if kind != item.collectivite_type and code in self._index:
                    scores[self._index[code]] = -np.inf
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def predict(self, item: MatiereInput) -> Prediction:
        probs = self.probabilities(item)
        top = int(probs.argmax())
        seen = self.knows(item.authority)
        thresholds = self.seen["thresholds"] if seen else self.thresholds
        confidence = self.calibrate("level2", float(probs[top]), seen)
        by_group = np.bincount(self._group_of, weights=probs, minlength=len(self.level1_codes))
        top1 = int(by_group.argmax())
        confidence1 = self.calibrate("level1", float(by_group[top1]), seen)
        return Prediction(
            code=self.classes[top] if confidence >= thresholds["level2"] else None,
            confidence=round(confidence, 4),
            level1=self.level1_codes[top1] if confidence1 >= thresholds["level1"] else None,
            level1_confidence=round(confidence1, 4),
            best=self.classes[top],
            best_probability=round(float(probs[top]), 4),
            best_level1=self.level1_codes[top1],
        )

    def knows(self, authority: str | None) -> bool:
        """Whether ``authority``'s own acts trained the model (it then gets the ``seen`` tables)."""
        return bool(authority) and authority in self.seen.get("authorities", ())

    def calibrate(self, level: str, raw: float, seen: bool = False) -> float:
        table = (self.seen["calibration"] if seen else self.calibration).get(level)
        if not table:
            return raw
        if "c" in table:
            p = min(max(raw, 1e-6), 1 - 1e-6)
            return float(1.0 / (1.0 + np.exp(-(table["a"] * np.log(p) - table["b"] * np.log(1 - p) + table["c"]))))
        if "a" in table:
            return float(1.0 / (1.0 + np.exp(-(table["a"] * logit(raw) + table["b"]))))
        return float(np.interp(raw, table["x"], table["y"]))

    @property
    def _index(self) -> dict[str, int]:
        return {code: i for i, code in enumerate(self.classes)}

    # JSON
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "meta": self.meta,
            "classes": self.classes,
            "intercept": [round(float(v), 5) for v in self.intercept],
            "calibration": self.calibration,
            "thresholds": self.thresholds,
            **({"seen": self.seen} if self.seen else {}),
            "vocabulary": list(self.vectorizer.vocabulary),
            "idf": [round(v, 5) for v in self.vectorizer.idf],
            # Per term, its weight for each class in thousandths (integers): 2 MB where floats take 7.
            "coef_scale": COEF_SCALE,
            "coef": np.rint(self.coef * COEF_SCALE).astype(int).tolist(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MatiereModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a matière model (format {data.get('format')!r}, expected {FORMAT!r})")
        classes = data["classes"]
        coef = np.asarray(data["coef"], dtype=np.float32).reshape(len(data["vocabulary"]), len(classes))
        coef /= data["coef_scale"]
        vectorizer = Vectorizer({term: i for i, term in enumerate(data["vocabulary"])}, data["idf"])
        return cls(
            vectorizer,
            classes,
            coef,
            np.asarray(data["intercept"], dtype=np.float32),
            data["calibration"],
            data["thresholds"],
            data.get("meta", {}),
            data.get("seen", {}),
        )

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> MatiereModel:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def logit(p):
    """log(p / (1 − p)), p kept inside [1e-6, 1 − 1e-6] so that 0 and 1 stay finite."""
    p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def shipped_model_path() -> Path:
    return Path(str(resources.files("actes").joinpath("models", MODEL_FILE)))


@cache
def default_model() -> MatiereModel | None:
    """The model shipped in the package, loaded once per process; None when it is missing."""
    path = shipped_model_path()
    return MatiereModel.load(path) if path.is_file() else None
