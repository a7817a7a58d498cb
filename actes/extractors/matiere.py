"""Matière (@CTES nomenclature, level 2: "7.1"): a printed code, else a guess from the objet.

``classify_act`` runs the same guess after reconciliation on the act's chosen objet.
The guess scores hand-written cues (``actes.reference.matiere_keywords``) in the objet only
(the body cites too many other matters), and is kept only above ``THRESHOLD``: a wrong matière
misfiles an act, an empty one only leaves it unfiled. It carries ``SourceKind.nlp``, so the
envelope, a printed code or a clerk always win.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.patterns.votes_fr import reports_many_items
from actes.reconcile import apply_findings
from actes.reference.matiere_keywords import CUES
from actes.reference.matieres import is_known, libelle
from actes.schemas.act import Act
from actes.schemas.provenance import Finding, SourceKind

THRESHOLD = 0.6  # set for precision on tests/extractors/data/matiere_objets.jsonl (docs/evaluation.md)
HEAD_CHARS = 3000
BODY_WEIGHT = 0.25
HEAD_BONUS = 1.5  # weight of a cue in the first characters of the objet
HEAD_WORDS_CHARS = 25  # a cue in the first page counts a quarter of a cue in the objet

# "Code matière : 7.1", "Matière : 3.2 Aliénations", "Nomenclature ACTES : 7.10", "Classification : 5.3"
P_PRINTED = re.compile(
    r"(?:code\s+)?(?:mati[èe]re|nomenclature(?:\s+actes)?|classification)\s*(?:actes)?\s*:?\s*(?P<code>[1-9]\.(?:10|[1-9]))(?![\d.])",
    re.I,
)
P_OBJET = re.compile(r"\bobjet\s*:\s*", re.I)
# where an objet stops when the text is flattened to one line
P_OBJET_END = re.compile(r"\n\s*\n|\s(?:Le\s+conseil|VU\b|Vu\s+le|Rapporteur|Nombre\s+de|Date\s+de|Pr[ée]sents?\s*:|Monsieur\s+le|Madame\s+la)")


@lru_cache(maxsize=1)
def _compiled() -> dict[str, list[tuple[re.Pattern, int]]]:
    return {code: [(re.compile(p), w) for p, w in cues] for code, cues in CUES.items()}


def fold(text: str) -> str:
    """Lowercase, no accents, punctuation → spaces: what the cues are written against."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()
    return re.sub(r"[^0-9a-z]+", " ", bare.replace("œ", "oe")).strip()


def scores(text: str) -> dict[str, float]:
    """Sum of the weights of the cues found (each cue once) in folded ``text``, more at its start."""
    folded = fold(text)
    out: dict[str, float] = {}
    for code, cues in _compiled().items():
        total = 0.0
        for pattern, weight in cues:
            match = pattern.search(folded)
            if match:  # the first words of an objet say what the act does
                total += weight * (HEAD_BONUS if match.start() < HEAD_WORDS_CHARS else 1.0)
        if total:
            out[code] = float(total)
    return out


def classify(objet: str) -> tuple[str | None, float]:
    """(code, confidence) from an objet; (None, 0.0) when the objet names no matter."""
    ranked = sorted(scores(objet).items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < 2:
        return None, 0.0  # a hint alone is not a matter
    code, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    margin = (top - second) / top
    strength = min(1.0, top / 5)
    return code, round(0.5 * margin + 0.5 * strength, 3)


def objet_span(text: str) -> tuple[int, int] | None:
    match = P_OBJET.search(text[:HEAD_CHARS])
    if match is None:
        return None
    end = P_OBJET_END.search(text, match.end(), match.end() + 400)
    return match.end(), end.start() if end else min(len(text), match.end() + 250)


class MatiereExtractor:
    name: ClassVar[str] = "matiere"
    fields: ClassVar[tuple[str, ...]] = ("matiere.code", "matiere.libelle")

    def extract(self, view: TextView) -> Iterator[Finding]:
        text = view.text
        printed = next((m for m in P_PRINTED.finditer(text[:HEAD_CHARS]) if is_known(m["code"])), None)
        if printed is not None:
            code = printed["code"]
            yield view.finding("matiere.code", code, "matiere:printed", printed.span("code"), confidence=0.85)
            yield view.finding("matiere.libelle", libelle(code), "matiere:printed", printed.span("code"), confidence=0.85)
            return
        if reports_many_items(text[:300]):
            return  # minutes, lists, recueils: their items have matières, the document has none
        span = objet_span(text)
        if span is None:
            return
        code, confidence = classify(text[span[0] : span[1]])
        if code is None or confidence < THRESHOLD:
            return
        for field, value in (("matiere.code", code), ("matiere.libelle", libelle(code))):
            yield view.finding(field, value, "matiere:keywords", span, source=SourceKind.nlp,
                               confidence=confidence, labelled=False)


def classify_act(act: Act) -> None:
    """After reconciliation: fill ``act.matiere`` from the act's objet when nothing stronger
    (envelope, printed code) did. The objet extractor reads titles that no "Objet :" labels."""
    if act.matiere.code or not act.objet or reports_many_items((getattr(act, "text", None) or "")[:300]):
        return
    code, confidence = classify(act.objet)
    if code is None or confidence < THRESHOLD:
        return
    where = act.provenance.get("objet")
    apply_findings(act, [
        Finding(field=field, value=value, source=SourceKind.nlp, extractor="matiere:objet", confidence=confidence,
                span=where.span if where else None, page=where.page if where else None,
                snippet=act.objet[:200], labelled=False)
        for field, value in (("matiere.code", code), ("matiere.libelle", libelle(code)))
    ])
