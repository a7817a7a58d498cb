"""Matière (@CTES nomenclature, level 2: "7.1"): a printed code, else the learned classifier.

``MatiereExtractor`` reads a code the act prints ("Code matière : 7.1"); the envelope's code comes
from ``actes.extractors.envelope``. Either wins. ``classify_act`` runs after reconciliation and
asks the classifier (``actes.matiere``) about the act's objet and recitals:

- no code yet and a confident level-2 answer → ``matiere`` filled, provenance ``nlp`` /
  ``matiere:classifier`` with the calibrated probability as confidence;
- level 2 uncertain but level 1 certain → ``matiere.code`` holds the level-1 code ("7"), provenance
  ``matiere:classifier-level1`` (actes.csv and the site facet by it; SCDL needs level 2);
- neither → no value; the provenance says the classifier abstained, with its best guess;
- a code from the envelope or the text, and a confident classifier that disagrees → the
  classifier's answer is kept as a conflict of ``matiere.code`` (problem ``matiere-disagrees``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.patterns.scan import scanned
from actes.extractors.patterns.votes_fr import reports_many_items
from actes.matiere import MatiereInput, Prediction, default_model
from actes.reconcile import apply_findings
from actes.reference.matieres import MATIERES_1, is_known, libelle
from actes.schemas.act import Act
from actes.schemas.provenance import Candidate, FieldProvenance, Finding, SourceKind

HEAD_CHARS = 3000
CLASSIFIER = "matiere:classifier"
CLASSIFIER_LEVEL1 = "matiere:classifier-level1"
ABSTAINED = "matiere:abstained"
SNIPPET_SEP = " — "  # between the classifier's note and the objet it read, in provenance snippets

# "Code matière : 7.1", "Matière : 3.2 Aliénations", "Nomenclature ACTES : 7.10", "Classification : 5.3"
P_PRINTED = scanned(re.compile(
    r"(?:code\s+)?(?:mati[èe]re|nomenclature(?:\s+actes)?|classification)\s*(?:actes)?\s*:?\s*(?P<code>[1-9]\.(?:10|[1-9]))(?![\d.])",
    re.I,
))


class MatiereExtractor:
    name: ClassVar[str] = "matiere"
    fields: ClassVar[tuple[str, ...]] = ("matiere.code", "matiere.libelle")

    def extract(self, view: TextView) -> Iterator[Finding]:
        text = view.text
        printed = next((m for m in P_PRINTED.finditer(text[:HEAD_CHARS]) if is_known(m["code"])), None)
        if printed is None:
            return
        code = printed["code"]
        yield view.finding("matiere.code", code, "matiere:printed", printed.span("code"), confidence=0.85)
        yield view.finding("matiere.libelle", libelle(code), "matiere:printed", printed.span("code"), confidence=0.85)


def predict(act: Act) -> Prediction | None:
    """The classifier's answer for ``act``; None without an objet, a model, or for minutes and lists."""
    model = default_model()
    text = act.text or ""
    # minutes, lists, recueils: their items have matières, the document has none; a point cut from
    # minutes (act.item) is one item, even when its text starts "Approbation du procès-verbal…"
    if model is None or not act.objet or (act.item is None and reports_many_items(text[:300])):
        return None
    return model.predict(MatiereInput(
        objet=act.objet, text=text, nature=act.nature.value if act.nature else None,
        collectivite_type=act.collectivite.type, authority=act.collectivite.siren,
    ))


def _where(act: Act) -> dict:
    objet = act.provenance.get("objet")
    return {"span": objet.span if objet else None, "page": objet.page if objet else None}


def classify_act(act: Act) -> Prediction | None:
    """After reconciliation: fill or cross-check ``act.matiere`` with the classifier."""
    prediction = predict(act)
    if prediction is None:
        return None
    if act.matiere.code:
        _keep_disagreement(act, prediction)
    elif prediction.code is not None:
        apply_findings(act, [
            Finding(field=field, value=value, source=SourceKind.nlp, extractor=CLASSIFIER,
                    confidence=prediction.confidence, snippet=act.objet[:200], labelled=False, **_where(act))
            for field, value in (("matiere.code", prediction.code), ("matiere.libelle", libelle(prediction.code)))
        ])
    elif prediction.level1 is not None:
        act.matiere.code, act.matiere.libelle = prediction.level1, MATIERES_1[prediction.level1]
        note = (f"level 2 uncertain, best {prediction.best} at {prediction.confidence:.2f}; "
                f"level 1 {prediction.level1} at {prediction.level1_confidence:.2f}{SNIPPET_SEP}{act.objet[:160]}")
        for field in ("matiere.code", "matiere.libelle"):
            act.provenance[field] = FieldProvenance(
                source=SourceKind.nlp, extractor=CLASSIFIER_LEVEL1, confidence=prediction.level1_confidence,
                snippet=note, conflicts=[_candidate(prediction, act)], **_where(act))
    else:
        act.provenance["matiere.code"] = FieldProvenance(
            source=SourceKind.nlp, extractor=ABSTAINED, confidence=prediction.confidence,
            snippet=(f"classifier abstained, best {prediction.best} at {prediction.confidence:.2f}, "
                     f"level 1 at {prediction.level1_confidence:.2f}{SNIPPET_SEP}{act.objet[:160]}"),
            conflicts=[_candidate(prediction, act)], **_where(act))
    return prediction


def _candidate(prediction: Prediction, act: Act) -> Candidate:
    return Candidate(value=prediction.best, source=SourceKind.nlp, extractor=CLASSIFIER,
                     confidence=prediction.confidence, **_where(act))


def _keep_disagreement(act: Act, prediction: Prediction) -> None:
    """A stronger code is kept; a confident classifier that disagrees becomes one of its conflicts."""
    kept = act.matiere.code or ""
    if prediction.code is not None and prediction.code != kept:
        disagreeing = prediction.code
    elif prediction.code is None and prediction.level1 is not None and prediction.level1 != kept.split(".")[0]:
        disagreeing = prediction.level1
    else:
        return
    provenance = act.provenance.get("matiere.code")
    if provenance is None:
        return
    confidence = prediction.confidence if prediction.code else prediction.level1_confidence
    if all(c.extractor != CLASSIFIER for c in provenance.conflicts):
        provenance.conflicts.append(Candidate(value=disagreeing, source=SourceKind.nlp, extractor=CLASSIFIER,
                                              confidence=confidence, **_where(act)))
