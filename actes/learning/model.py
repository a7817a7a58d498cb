"""The scorer: one linear model per field kind, a calibration table and a threshold per field.

Stored as plain JSON (``actes/models/fields.json``): weights by feature name, the isotonic
calibration as (score, probability) points (or, for a field calibrated on its margin, the three
numbers of a sigmoid), and the probability under which a field stays empty.
Applying it needs no scikit-learn: a dot product over a few dozen features per candidate.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from actes.learning.candidates import LEARNED_FIELDS, Candidate

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "fields.json"
FORMAT_VERSION = 2  # 2: a field may be calibrated on its margin (MarginCalibration: a, b, c, cap)


@dataclass
class Calibration:
    """Isotonic map from a raw score to the probability that the top candidate is right."""

    xs: list[float]
    ys: list[float]

    def __call__(self, score: float, margin: float | None = None) -> float:
        if not self.xs:
            return 0.0
        if score <= self.xs[0]:
            return self.ys[0]
        if score >= self.xs[-1]:
            return self.ys[-1]
        i = bisect.bisect_right(self.xs, score)
        x0, x1, y0, y1 = self.xs[i - 1], self.xs[i], self.ys[i - 1], self.ys[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (score - x0) / (x1 - x0)


@dataclass
class MarginCalibration:
    """The probability that a candidate is right from its score and its margin over the best of the
    others (a lone candidate's margin is ``cap``): 1 / (1 + exp(-(a · score + b · margin + c))). A
    sigmoid's three numbers are fixed by a few hundred acts where an isotonic table's steps are not;
    and two candidates close in score are told apart from one far ahead of the rest."""

    a: float
    b: float
    c: float
    cap: float

    def __call__(self, score: float, margin: float | None = None) -> float:
        margin = self.cap if margin is None else min(margin, self.cap)
        z = self.a * score + self.b * margin + self.c
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def margin_of(ranked: list[tuple[float, Candidate]], cand: Candidate) -> float | None:
    """``cand``'s score less the best score of the other candidates (None when it is alone)."""
    own = next(s for s, c in ranked if c is cand)
    return next((own - s for s, c in ranked if c is not cand), None)


@dataclass
class FieldPolicy:
    calibration: Calibration | MarginCalibration
    threshold: float  # below this calibrated probability the field stays empty (abstain)
    mode: str = "model"  # "model": the top-scored candidate; "rules": the rules' own choice, scored

    def pick(self, ranked: list[tuple[float, Candidate]]) -> tuple[float, Candidate] | None:
        if self.mode == "rules":
            return next(((s, c) for s, c in ranked if c.features.get("rule_winner")), None)
        return ranked[0] if ranked else None


@dataclass
class ScorerModel:
    weights: dict[str, dict[str, float]]  # kind → feature → weight
    fields: dict[str, FieldPolicy]
    meta: dict[str, Any] = field(default_factory=dict)

    def score(self, cand: Candidate) -> float:
        weights = self.weights.get(LEARNED_FIELDS[cand.field], {})
        return sum(weights.get(name, 0.0) * value for name, value in cand.features.items())

    def ranked(self, candidates: list[Candidate]) -> dict[str, list[tuple[float, Candidate]]]:
        """Each learned field's candidates, best first, with their raw scores."""
        out: dict[str, list[tuple[float, Candidate]]] = {}
        for cand in candidates:
            if cand.field in self.fields:
                out.setdefault(cand.field, []).append((self.score(cand), cand))
        for pairs in out.values():
            pairs.sort(key=lambda pair: -pair[0])
        return out

    def decide(self, candidates: list[Candidate]) -> dict[str, tuple[Candidate | None, float, list[Candidate]]]:
        """For each field with candidates: (chosen or None when abstaining, probability, the others)."""
        decisions = {}
        for field_name, pairs in self.ranked(candidates).items():
            policy = self.fields[field_name]
            picked = policy.pick(pairs)
            if picked is None:
                decisions[field_name] = (None, 0.0, [cand for _, cand in pairs])
                continue
            top_score, top = picked
            probability = policy.calibration(top_score, margin_of(pairs, top))
            others = [cand for _, cand in pairs if cand is not top]
            decisions[field_name] = (top if probability >= policy.threshold else None, probability, others)
        return decisions

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "meta": self.meta,
            "weights": {kind: {k: round(v, 6) for k, v in sorted(w.items()) if abs(v) > 1e-6}
                        for kind, w in self.weights.items()},
            "fields": {
                name: {"threshold": round(p.threshold, 6) if p.threshold > -1e9 else -1e9, "mode": p.mode,
                       "calibration": _calibration_json(p.calibration)}
                for name, p in self.fields.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScorerModel:
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"scorer model format {data.get('format')!r}, expected {FORMAT_VERSION}")
        fields = {
            name: FieldPolicy(_calibration_of(spec["calibration"]), spec["threshold"], spec.get("mode", "model"))
            for name, spec in data["fields"].items()
        }
        return cls(weights=data["weights"], fields=fields, meta=data.get("meta", {}))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> ScorerModel:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


def _calibration_json(calibration: Calibration | MarginCalibration) -> dict[str, Any]:
    if isinstance(calibration, MarginCalibration):
        return {k: round(getattr(calibration, k), 6) for k in ("a", "b", "c", "cap")}
    return {"xs": [round(x, 6) for x in calibration.xs], "ys": [round(y, 6) for y in calibration.ys]}


def _calibration_of(spec: dict[str, Any]) -> Calibration | MarginCalibration:
    if "xs" in spec:
        return Calibration(spec["xs"], spec["ys"])
    return MarginCalibration(spec["a"], spec["b"], spec["c"], spec["cap"])


@lru_cache(maxsize=1)
def load_default_model() -> ScorerModel | None:
    """The shipped model, or None when none was trained yet (extraction then keeps the rules' choice)."""
    if not DEFAULT_MODEL_PATH.is_file():
        return None
    return ScorerModel.load(DEFAULT_MODEL_PATH)
