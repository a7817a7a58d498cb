"""Per-field counts and scores. A predicted value against a null label is a false positive:
for a clerk, a wrong value is worse than an empty cell."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FieldScore:
    """Counts for one field over the labelled files.

    - ``tp``: predicted and labelled, and they match;
    - ``fp``: predicted, and the label is null or different;
    - ``fn``: labelled, and the prediction is null or different;
    - ``support``: files whose label for the field is not null.
    A wrong value is both a false positive and a false negative.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    support: int = 0

    def add(self, predicted_present: bool, expected_present: bool, matched: bool) -> None:
        if expected_present:
            self.support += 1
        if predicted_present and expected_present and matched:
            self.tp += 1
            return
        if predicted_present:
            self.fp += 1
        if expected_present:
            self.fn += 1

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean, computed from counts: 2tp / (2tp + fp + fn)."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def merged(self, other: FieldScore) -> FieldScore:
        return FieldScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.support + other.support)

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "support": self.support, "tp": self.tp, "fp": self.fp, "fn": self.fn,
        }


def micro(scores: dict[str, FieldScore]) -> FieldScore:
    """All fields' counts pooled: the micro-average."""
    total = FieldScore()
    for score in scores.values():
        total = total.merged(score)
    return total
