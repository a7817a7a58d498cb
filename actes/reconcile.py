"""Findings → Act: one value per field, chosen by source strength, with losers kept as conflicts.

Order of strength: envelope > stamp > derived > labelled text > OCR text > unlabelled > NLP,
then confidence. A field whose candidates disagree keeps the others in
``provenance[field].conflicts`` so a clerk can see both.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from actes.schemas.act import Act
from actes.schemas.provenance import Candidate, FieldProvenance, Finding, SourceKind


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.lower().split())
    return value


def best_findings(findings: list[Finding]) -> dict[str, tuple[Finding, list[Finding]]]:
    """For each field: the winning finding and the disagreeing losers."""
    by_field: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.value is not None and finding.value != "":
            by_field[finding.field].append(finding)
    chosen = {}
    for field, candidates in by_field.items():
        # Stable: among equals, the earliest in the text wins.
        ordered = sorted(
            enumerate(candidates), key=lambda item: (item[1].strength(), -item[0]), reverse=True
        )
        winner = ordered[0][1]
        losers = [f for _, f in ordered[1:] if _norm(f.value) != _norm(winner.value)]
        chosen[field] = (winner, losers)
    return chosen


def _set(act: Act, dotted: str, value: Any) -> None:
    target: Any = act
    *parents, leaf = dotted.split(".")
    for name in parents:
        target = getattr(target, name)
    setattr(target, leaf, value)


def apply_findings(act: Act, findings: list[Finding]) -> Act:
    """Fill ``act`` from ``findings``, recording provenance and conflicts."""
    for field, (winner, losers) in best_findings(findings).items():
        try:
            _set(act, field, winner.value)
        except (ValueError, AttributeError):
            continue  # a value that does not fit the model is dropped, not guessed into shape
        act.provenance[field] = FieldProvenance(
            source=winner.source,
            extractor=winner.extractor,
            confidence=winner.confidence,
            page=winner.page,
            span=winner.span,
            snippet=winner.snippet,
            ocr=winner.source is SourceKind.ocr,
            conflicts=[
                Candidate(
                    value=f.value, source=f.source, extractor=f.extractor, page=f.page, span=f.span,
                    confidence=f.confidence,
                )
                for f in losers
            ],
        )
    return act
