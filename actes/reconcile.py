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

ACT_NATURES = {"deliberation", "arrete", "decision"}
# Fields a whole file (bundle, recueil, minutes) shares with its acts only when they agree.
TITLED_FILES = {"minutes", "list", "agenda", "recueil"}  # files whose own title is their objet
MAX_CONVOCATION_DAYS = 31  # further back, the convocation sentence is a template left over


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


def _best(findings: list[Finding], field: str) -> Finding | None:
    candidates = [f for f in findings if f.field == field and f.value not in (None, "")]
    return max(candidates, key=lambda f: f.strength(), default=None)


def cross_check(findings: list[Finding], whole_file: bool = False) -> list[Finding]:
    """Drop candidates the rest of the act contradicts; precision over recall.

    - a document that is not an act (minutes, list, recueil, annex, report) takes its title as
      objet and only its own number (compte rendu, recueil), never an item's;
    - an act (délibération, arrêté, décision) never takes the document's title line as objet;
    - a file holding several acts keeps an ID only when all its acts share it;
    - a convocation after the session, or a month before it, is a template left over.
    """
    file_kind = next((f.extractor.split(":")[-1] for f in findings if f.extractor.startswith("nature:")), None)
    if whole_file:
        findings = [f for f in findings if f.field != "nature"]
        findings.append(Finding(field="nature", value="autre", extractor="segment:file", confidence=0.9))
        ids = {f.value for f in findings if f.field == "transmission.pref_id"}
        if len(ids) > 1:
            findings = [f for f in findings if f.field not in ("transmission.pref_id", "nature_actes")]
    # Whether the text is an act or another document is read from its title, not from the ID
    # (a BF délibération is an act whose nature is "budget").
    titled = [f for f in findings if f.extractor.startswith("nature:")]
    nature = max(titled, key=lambda f: f.strength()) if titled else _best(findings, "nature")
    kind = nature.value if nature else None
    doc_kind = nature.extractor.split(":")[-1] if nature else None
    if whole_file:
        doc_kind = file_kind
        if doc_kind not in TITLED_FILES:
            findings = [f for f in findings if f.field not in ("objet", "numero")]
    if doc_kind in ("recueil",):  # a recueil has a number and a publication date, no objet or decision date
        findings = [f for f in findings if f.field not in ("objet", "date_decision")]
    if kind == "contrat":  # a contract is dated by its signature, not by the meeting that authorised it
        findings = [f for f in findings if f.extractor != "dates:seance"]
    drop: set[str] = set()
    if kind in ACT_NATURES and not whole_file:
        drop |= {"objet:title"}
    elif kind is not None:
        drop |= {"objet:after-number", "numero:act"}
    findings = [f for f in findings if f.extractor not in drop]
    decision, convocation = _best(findings, "date_decision"), _best(findings, "date_convocation")
    if decision is not None and convocation is not None:
        delta = (decision.value - convocation.value).days
        if not 0 <= delta <= MAX_CONVOCATION_DAYS:
            findings = [f for f in findings if f.field != "date_convocation"]
    return findings


# What the acts of a file share with the file when their own text does not say it: the authority
# always; the session's dates for minutes and bundles of one session (not for a recueil, whose acts
# each have their own date).
SHARED_FIELDS = ("collectivite.nom", "collectivite.type", "collectivite.siren", "collectivite.siret")
SESSION_FIELDS = ("date_decision", "date_convocation")


def _get(act: Act, dotted: str) -> Any:
    target: Any = act
    for name in dotted.split("."):
        target = getattr(target, name)
    return target


def inherit(member: Act, parent: Act, same_session: bool) -> Act:
    """Fill ``member``'s missing shared fields from the file it came from, marked as inherited."""
    for field in SHARED_FIELDS + (SESSION_FIELDS if same_session else ()):
        value = _get(parent, field)
        if value is None or _get(member, field) is not None or field not in parent.provenance:
            continue
        _set(member, field, value)
        origin = parent.provenance[field]
        member.provenance[field] = origin.model_copy(update={"extractor": f"file:{origin.extractor}", "conflicts": []})
    return member


def decided_at_the_seance(point: Act, minutes: Act) -> Act:
    """A point of minutes is decided at the séance the minutes' head dates. A date the point's own
    text gives (the last séance whose minutes it approves, an earlier act it cites) is kept as a
    conflict; an envelope's, a stamp's or a clerk's date is left alone."""
    date, origin = minutes.date_decision, minutes.provenance.get("date_decision")
    own, own_origin = point.date_decision, point.provenance.get("date_decision")
    if date is None or origin is None:
        return point
    if own_origin is not None and own_origin.source not in (SourceKind.text, SourceKind.ocr, SourceKind.nlp):
        return point
    if own == date:  # the point's text agrees: the date is still the séance's (a point's DELIB_ID needs it)
        point.provenance["date_decision"] = origin.model_copy(
            update={"extractor": f"file:{origin.extractor}", "conflicts": []}
        )
        return point
    conflicts = [] if own is None or own_origin is None else [Candidate(
        value=own, source=own_origin.source, extractor=own_origin.extractor, page=own_origin.page,
        span=own_origin.span, confidence=own_origin.confidence)]
    point.date_decision = date
    point.provenance["date_decision"] = origin.model_copy(
        update={"extractor": f"file:{origin.extractor}", "conflicts": conflicts})
    return point
