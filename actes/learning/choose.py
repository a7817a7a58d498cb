"""Apply the scorer inside extraction: the chosen candidate of each learned field wins reconciliation.

``choose_findings`` replaces the rules' findings of each learned field by the model's choice
(marked ``chosen``, with the calibrated probability as its confidence) and keeps the rules'
other values as conflicts; below the field's threshold it abstains and the field stays empty,
unless the @CTES envelope gives it (the envelope always wins). ``using_model`` and ``tracing``
let the evaluation run extraction with a model trained without the act being scored, and
collect the candidates it trains on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from actes.extractors.base import TextView
from actes.learning.candidates import LEARNED_FIELDS, Candidate, gather
from actes.learning.model import ScorerModel, load_default_model
from actes.schemas.provenance import Finding, SourceKind

_DEFAULT = object()
_model: ContextVar[Any] = ContextVar("actes_scorer_model", default=_DEFAULT)
_trace: ContextVar[list | None] = ContextVar("actes_scorer_trace", default=None)


def active_model() -> ScorerModel | None:
    chosen = _model.get()
    return load_default_model() if chosen is _DEFAULT else chosen


@contextmanager
def using_model(model: ScorerModel | None) -> Iterator[None]:
    """Extract with ``model`` (None: the rules' own choice) instead of the shipped one."""
    token = _model.set(model)
    try:
        yield
    finally:
        _model.reset(token)


@contextmanager
def tracing(sink: list) -> Iterator[list]:
    """Append (act, candidates) to ``sink`` for every act extracted inside the block."""
    token = _trace.set(sink)
    try:
        yield sink
    finally:
        _trace.reset(token)


def record(act: Any, candidates: list[Candidate] | None) -> None:
    sink = _trace.get()
    if sink is not None and candidates is not None:
        sink.append((act, candidates))


def choose_findings(view: TextView, findings: list[Finding]) -> tuple[list[Finding], list[Candidate] | None]:
    """The findings reconciliation should see, and the candidates (when a model or a trace wants them)."""
    model = active_model()
    if model is None and _trace.get() is None:
        return findings, None
    candidates = gather(view, findings)
    if model is None:
        return findings, candidates
    decisions = model.decide(candidates)
    out = [f for f in findings if f.field not in decisions or f.source is SourceKind.envelope]
    for chosen, probability, others in decisions.values():
        if chosen is None:
            continue
        out.append(
            chosen.best.model_copy(update={"confidence": round(min(max(probability, 0.0), 1.0), 3), "chosen": True})
        )
        for other in others:
            best = other.best
            if not best.extractor.startswith("generic:") and best.source is not SourceKind.envelope:
                out.append(best)
    return out, candidates


__all__ = ["LEARNED_FIELDS", "active_model", "choose_findings", "record", "tracing", "using_model"]
