"""Run extraction over labelled files and score each field against its label."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actes.evaluation.fields import BY_KEY, LABEL_FIELDS, LabelField
from actes.evaluation.labels import Label, read_labels
from actes.evaluation.matching import values_match
from actes.evaluation.metrics import FieldScore, micro

Extract = Callable[[Path], list[dict[str, Any]]]


def extract_file(path: Path) -> list[dict[str, Any]]:
    """Every act of one file, dumped as JSON (what outside tools score)."""
    from actes.extraction import extract_paths

    return [act.model_dump(mode="json") for act in extract_paths([path])]


@dataclass
class Mismatch:
    file: str
    field: str
    expected: Any
    predicted: Any


@dataclass
class EvaluationReport:
    fields: dict[str, FieldScore]
    files: int = 0
    acts: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def micro(self) -> FieldScore:
        return micro(self.fields)

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "acts": self.acts,
            "seconds": round(self.seconds, 3),
            "micro": self.micro.as_dict(),
            "fields": {name: score.as_dict() for name, score in self.fields.items()},
            "failures": [{"file": f, "reason": r} for f, r in self.failures],
            "mismatches": [m.__dict__ for m in self.mismatches],
        }


def _agreement(act: dict[str, Any], label: Label) -> int:
    """How strongly ``act`` is the one the label describes: identifiers first, then date, objet."""
    score = 0
    for key, weight in (("pref_id", 8), ("numero", 4), ("date_decision", 2), ("objet", 1)):
        expected = label.values.get(key)
        spec = BY_KEY[key]
        if expected is not None and values_match(spec.kind, spec.predicted(act), expected):
            score += weight
    return score


def pick_act(acts: list[dict[str, Any]], label: Label) -> dict[str, Any] | None:
    """The extracted act the label describes; the first one when nothing tells them apart."""
    if not acts:
        return None
    best = max(range(len(acts)), key=lambda i: (_agreement(acts[i], label), -i))
    return acts[best]


def score_act(act: dict[str, Any] | None, label: Label, scores: dict[str, FieldScore],
              mismatches: list[Mismatch], specs: tuple[LabelField, ...] = LABEL_FIELDS,
              match: Callable[[str, Any, Any], bool] = values_match) -> bool:
    """Add one labelled act's counts to ``scores``; True when every field is right (or rightly empty)."""
    all_right = True
    for spec in specs:
        expected = label.values.get(spec.key)
        predicted = spec.predicted(act) if act is not None else None
        if predicted == "" or (expected is None and spec.read_only and act is not None and spec.inferred(act)):
            predicted = None
        matched = predicted is not None and expected is not None and match(spec.kind, predicted, expected)
        scores[spec.key].add(predicted is not None, expected is not None, matched)
        if (predicted is not None or expected is not None) and not matched:
            all_right = False
            mismatches.append(Mismatch(label.file, spec.key, expected, predicted))
    return all_right


def evaluate(labels_path: Path, data_dir: Path | None = None, extract: Extract = extract_file) -> EvaluationReport:
    """Score ``extract`` on every file of ``labels_path``. Unreadable files count as all-missing."""
    from actes.errors import ActesError

    labels = read_labels(labels_path, data_dir)
    report = EvaluationReport(fields={spec.key: FieldScore() for spec in LABEL_FIELDS})
    cache: dict[Path, list[dict[str, Any]] | None] = {}
    started = time.perf_counter()
    for label in labels:
        report.files += 1
        if label.path not in cache:
            try:
                cache[label.path] = extract(label.path)
                report.acts += len(cache[label.path] or [])
            except (ActesError, OSError, ValueError) as exc:
                cache[label.path] = None
                report.failures.append((label.file, str(exc)))
        acts = cache[label.path]
        score_act(pick_act(acts or [], label), label, report.fields, report.mismatches)
    report.seconds = time.perf_counter() - started
    return report
