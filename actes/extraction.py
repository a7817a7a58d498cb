"""One submission → its Acts: read, segment, extract, reconcile, check.

This is the unit of work the batch distributes to workers; it does no catalog I/O.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from actes.checks import run_checks
from actes.errors import FileError
from actes.extractors import TextView, run_extractors
from actes.extractors.envelope import envelope_findings
from actes.extractors.matiere import classify_act as classify_matiere
from actes.extractors.nature import document_kind
from actes.extractors.patterns.heads import TITLE_CHARS
from actes.extractors.stamp import mask_stamps
from actes.learning.choose import choose_findings
from actes.learning.choose import record as record_candidates
from actes.limits import DEFAULT_LIMITS, Limits
from actes.minutes.attach import attach_seance
from actes.minutes.split import apply_item, apply_named_votes, minutes_segments
from actes.privacy import annotate as annotate_personal_data
from actes.privacy.seance import share_decisions
from actes.readers import read_document
from actes.readers.ctes_xml import read_acknowledgement, read_envelope
from actes.reconcile import apply_findings, cross_check, decided_at_the_seance, inherit
from actes.referential.points import authority_of_point
from actes.referential.resolve import resolve_authority
from actes.schemas.act import Act, PageInfo, Source
from actes.schemas.document import Document, Envelope, Submission
from actes.segment import segment
from actes.version import EXTRACTOR_VERSION


def load_envelope(submission: Submission, limits: Limits) -> Envelope | None:
    if not submission.envelope:
        return None
    envelope = read_envelope(submission.envelope, limits)
    if submission.acknowledgement:
        pref_id, received = read_acknowledgement(submission.acknowledgement, limits)
        envelope.pref_id = pref_id or envelope.pref_id
        envelope.date_reception = received
    return envelope


_rules_memo: ContextVar[dict | None] = ContextVar("actes_rules_memo", default=None)


@contextmanager
def remembering_rules(memo: dict) -> Iterator[None]:
    """Keep the rules' findings of every act extracted inside the block in ``memo`` and reuse them:
    extractors are pure functions of the text, so an evaluation that extracts the same files again
    with other scorers (cross-validation) runs them once. Inside the block personal data are found
    without the NER model: no field depends on them, and it took three quarters of the time."""
    token = _rules_memo.set(memo)
    try:
        yield
    finally:
        _rules_memo.reset(token)


def _rule_findings(view: TextView) -> list:
    memo = _rules_memo.get()
    if memo is None:
        return run_extractors(view)
    key = (view.doc.sha256, view.doc.path, view.start, view.end)
    if key not in memo:
        memo[key] = run_extractors(view)
    return [finding.model_copy() for finding in memo[key]]


def acts_of_document(doc: Document, envelope: Envelope | None = None, annexes: list[str] | None = None) -> list[Act]:
    """Extract every act of a read Document. The envelope, when given, describes its first act."""
    acts: list[Act] = []
    file_act: Act | None = None
    kind = document_kind(mask_stamps(doc.text[:TITLE_CHARS]))
    same_session = kind is None or kind[1] != "recueil"  # a recueil's acts each have their own date
    segments, items = minutes_segments(doc, segment(doc))  # minutes: one act per point
    for position, seg in enumerate(segments):
        findings = _rule_findings(TextView(doc, seg.start, seg.end))
        findings = cross_check(findings, whole_file=seg.kind == "file")
        if envelope is not None and position == 0:
            findings.extend(envelope_findings(envelope))
        findings, candidates = choose_findings(TextView(doc, seg.start, seg.end), findings)
        pages = list(range(seg.first_page, seg.last_page + 1))
        act = Act(
            id=f"{doc.sha256[:16]}-{position + 1}",
            source=Source(
                path=doc.path, sha256=doc.sha256, pages=pages,
                page_info=[
                    PageInfo(number=p.number, verdict=p.verdict, ocr=p.ocr, ocr_confidence=p.ocr_confidence,
                             error=p.error)
                    for p in doc.pages[seg.first_page - 1 : seg.last_page]
                ],
                annexes=list(annexes or []) if position == 0 else [],
                envelope=envelope.path if envelope is not None and position == 0 else None,
            ),
            extractor_version=EXTRACTOR_VERSION,
        )
        apply_findings(act, findings)
        if seg.kind == "file":
            file_act = act
        elif file_act is not None:
            inherit(act, file_act, same_session)
        if act.transmission.pref_id:
            act.id = act.transmission.pref_id
        act.text = doc.text[seg.start : seg.end]
        resolve_authority(act)  # SIREN, official name, type, département from the national referential
        attach_seance(act, doc, seg.start, seg.end, file_act if same_session else None)  # the séance and its attendance
        if seg.kind != "file" and seg.start in items:
            apply_item(act, items[seg.start], doc)
            if file_act is not None:
                decided_at_the_seance(act, file_act)  # not the date of the minutes it approves
                authority_of_point(act, file_act, doc.text)  # the séance's, not a body the point names
        elif seg.kind != "file" and not items:
            apply_named_votes(act, doc, seg.start, seg.end)  # "Votes contre : M. X" in a délibération
        # after apply_item: a point of minutes is classified on its own heading (objet) and nature,
        # not on the empty objet its segment had before
        classify_matiere(act)
        act.problems.extend(run_checks(act, doc, envelope if position == 0 else None))
        annotate_personal_data(act, use_nlp=_rules_memo.get() is None)
        record_candidates(act, candidates)
        acts.append(act)
    # the séance is published once: its private persons are every point's; and a parcel or an address
    # private in one act is private in its neighbours
    share_decisions(acts)
    return acts


def extract_submission(submission: Submission, limits: Limits = DEFAULT_LIMITS, read=read_document) -> list[Act]:
    """Every act of one submission. Raises a FileError naming the file that failed.

    ``read`` reads the main document (the evaluation passes a memo so a scan is OCRed once)."""
    envelope = load_envelope(submission, limits)
    if submission.main is None:
        if envelope is None:
            return []
        raise FileError(submission.envelope, "formulaire without its act document", field="Document/NomFichier")
    doc = read(submission.main, limits)
    return acts_of_document(doc, envelope, submission.annexes)


def extract_paths(paths: list[str | Path], limits: Limits = DEFAULT_LIMITS, read=read_document) -> list[Act]:
    """Acts of the files named, grouping the files of a transmission together."""
    from actes.readers.pairing import group_files

    submissions, leftovers = group_files([Path(p) for p in paths])
    if leftovers:
        from actes.errors import UnsupportedFormat

        raise UnsupportedFormat(leftovers[0], "is not a PDF, text or @CTES XML file")
    acts: list[Act] = []
    for submission in submissions:
        acts.extend(extract_submission(submission, limits, read))
    return acts
