"""Matière: the code the envelope or the act gives, against the classifier's confident reading.

``actes.extractors.matiere.classify_act`` keeps the classifier's answer as a ``matiere:classifier``
conflict of ``matiere.code`` when it confidently reads another code than the envelope or the text;
this check turns that conflict into the ``matiere-disagrees`` problem (a likely mis-filed act).
"""

from __future__ import annotations

from collections.abc import Iterator

from actes.checks.catalogue import PROBLEMS
from actes.checks.context import CheckContext
from actes.schemas.act import ProblemRecord
from actes.schemas.provenance import SourceKind

CLASSIFIER = "matiere:classifier"  # the extractor name actes.extractors.matiere gives its answers


def check_classifier_agrees(ctx: CheckContext) -> Iterator[ProblemRecord]:
    act = ctx.act
    provenance = act.provenance.get("matiere.code")
    if provenance is None or provenance.source is SourceKind.nlp or not act.matiere.code:
        return
    for candidate in provenance.conflicts:
        if candidate.extractor == CLASSIFIER:
            yield PROBLEMS["matiere-disagrees"].record(
                act, "matiere.code", kept=act.matiere.code, source=provenance.source.value,
                predicted=candidate.value, confidence=candidate.confidence)
            return


CHECKS = {"matiere:classifier": check_classifier_agrees}
