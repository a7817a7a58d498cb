"""The learned public/private decision: a logistic regression over a person's features
(``actes.privacy.features``), calibrated on folds by authority, and a band of uncertainty.

Stored as plain JSON (``actes/models/privacy.json``, written by ``actes train --only privacy``):
weights by feature name, Platt's sigmoid (a, b) mapping the raw score to the probability that
the person is private, and the band: under ``low`` the person is official, from ``high`` private,
in between private *and uncertain* (the act waits for a clerk when its text is published).
Applying it needs no scikit-learn: a dot product over a few dozen features.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_PRIVACY_MODEL = Path(__file__).resolve().parent.parent / "models" / "privacy.json"
FORMAT_VERSION = 1

PRIVATE, OFFICIAL, UNCERTAIN = "private", "official", "uncertain"


@dataclass
class PrivacyScorer:
    weights: dict[str, float]
    a: float  # calibration: p = 1 / (1 + exp(a * score + b))
    b: float
    low: float  # below: official
    high: float  # from here: private; in between: private, uncertain
    meta: dict[str, Any] = field(default_factory=dict)

    def score(self, features: dict[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: dict[str, float]) -> float:
        """Calibrated probability that the person is private."""
        z = self.a * self.score(features) + self.b
        return 1.0 / (1.0 + math.exp(z)) if z > -700 else 1.0

    def decide(self, features: dict[str, float]) -> tuple[str, float]:
        p = self.probability(features)
        if p < self.low:
            return OFFICIAL, p
        return (PRIVATE if p >= self.high else UNCERTAIN), p

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "meta": self.meta,
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) > 1e-6},
            "calibration": {"a": round(self.a, 6), "b": round(self.b, 6)},
            "band": {"low": round(self.low, 6), "high": round(self.high, 6)},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PrivacyScorer:
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"privacy model format {data.get('format')!r}, expected {FORMAT_VERSION}")
        return cls(
            data["weights"],
            data["calibration"]["a"],
            data["calibration"]["b"],
            data["band"]["low"],
            data["band"]["high"],
            data.get("meta", {}),
        )

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(self.to_json(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, path: Path) -> PrivacyScorer:
        try:
            return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f'privacy model "{path}" is unreadable: {exc}') from exc


@lru_cache(maxsize=1)
def load_default_scorer() -> PrivacyScorer | None:
    """The shipped model, or None when none was trained (detection then keeps its rules)."""
    if not DEFAULT_PRIVACY_MODEL.is_file():
        return None
    return PrivacyScorer.load(DEFAULT_PRIVACY_MODEL)
