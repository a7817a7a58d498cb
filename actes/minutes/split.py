"""The pipeline hook that turns minutes into one act per item (issue 15).

``segment`` cuts a file by act IDs, register headers and act numbers; minutes whose points
carry no act number stay one act there. When the file is minutes (its head says so) and
``read_items`` finds more points than ``segment`` found acts, the points replace the acts: the
whole file first (``kind="file"``), then one segment per point, each with its own page range.
``apply_item`` then gives the act its point's objet, number, vote, outcome and attendance changes.
"""

from __future__ import annotations

import logging
import re

from actes.extractors.nature import document_kind
from actes.extractors.patterns.heads import TITLE_CHARS
from actes.extractors.stamp import mask_stamps
from actes.minutes.attendance import read_attendance
from actes.minutes.items import Item
from actes.minutes.named_votes import NAME, read_named_votes, resolve_member
from actes.minutes.start_model import read_items
from actes.schemas.act import Act, Nature, NatureActes
from actes.schemas.document import Document
from actes.schemas.provenance import FieldProvenance, SourceKind
from actes.schemas.seance import NamedVote, SeanceItem
from actes.segment import Segment

log = logging.getLogger(__name__)
EXTRACTOR = "minutes:items"
DECIDED = ("adopted", "rejected", "prend acte")
LEAVING = (
    "quitte",
    "sort de",
    "se retire",
    "ne prend pas part",
    "ne prennent pas part",
    "ne participe pas",
    "pas pris part",
)


def is_minutes(doc: Document) -> bool:
    kind = document_kind(mask_stamps(doc.text[:TITLE_CHARS]))
    return kind is not None and kind[1] == "minutes"


def minutes_segments(doc: Document, segments: list[Segment]) -> tuple[list[Segment], dict[int, Item]]:
    """``segments`` or, for minutes with more points than acts, the file then its points; and the
    point read at each segment's start."""
    try:
        if not is_minutes(doc):
            return segments, {}
        block = read_attendance(doc.text)
        items = read_items(doc.text, block.end if block else 0)
    except Exception:  # noqa: BLE001 - a reader bug must not lose the file's acts
        log.exception('reading the items of "%s" failed', doc.path)
        return segments, {}
    acts = [s for s in segments if s.kind != "file"]
    if len(items) < 2 or len(items) <= len(acts):
        return segments, {}
    whole = Segment(1, max(1, len(doc.pages)), 0, len(doc.text), kind="file")
    out = [whole]
    for item in items:
        out.append(Segment(doc.page_of(item.start), doc.page_of(max(item.start, item.end - 1)), item.start, item.end))
    return out, {item.start: item for item in items}


def _provenance(doc: Document, start: int, end: int, confidence: float = 0.7) -> FieldProvenance:
    page = doc.page_of(start)
    ocr = 0 < page <= len(doc.pages) and doc.pages[page - 1].ocr
    return FieldProvenance(
        source=SourceKind.ocr if ocr else SourceKind.text,
        extractor=EXTRACTOR,
        confidence=confidence * (0.85 if ocr else 1.0),
        page=page,
        span=(start, max(start, end)),
        snippet=doc.text[start:end][:120],
        ocr=ocr,
    )


def _non_votants(act: Act, notes: list[str]) -> list[str]:
    """Members of the séance named in a note that says they left or did not vote."""
    if act.seance is None:
        return []
    out: list[str] = []
    for note in notes:
        if not any(word in note.lower() for word in LEAVING):
            continue
        for match in re.finditer(NAME, note):
            member = resolve_member(match.group(), act.seance)
            if member is not None and member not in out:
                out.append(member)
    return out


def apply_item(act: Act, item: Item, doc: Document) -> Act:
    """Give ``act`` (extracted from the point's span) what its heading and closing say."""
    span = item.objet_span or (item.start, item.end)
    if item.objet:
        act.objet = item.objet
        act.provenance["objet"] = _provenance(doc, *span)
    if item.numero and not act.numero:
        act.numero = item.numero
        act.provenance["numero"] = _provenance(doc, item.start, span[0])
    for name in ("pour", "contre", "abstentions", "unanimite"):
        if name in item.votes and getattr(act.votes, name) is None:
            setattr(act.votes, name, item.votes[name])
            act.provenance[f"votes.{name}"] = _provenance(doc, span[1], item.end, 0.6)
    if item.outcome in DECIDED and act.nature not in (Nature.arrete, Nature.decision):
        # a point the council voted on is a délibération, whatever its objet ("budget", "convention")
        act.nature, act.nature_actes = Nature.deliberation, NatureActes.DE
        act.provenance["nature"] = _provenance(doc, *span, 0.6)
    notes = [sentence for sentence, _, _ in item.moves]
    act.item = SeanceItem(
        ordre=item.ordre,
        label=item.label,
        rubrique=item.rubrique,
        rapporteur=item.rapporteur,
        outcome=item.outcome,
        attendance_notes=notes,
        non_votants=_non_votants(act, notes),
        provenance=_provenance(doc, item.start, span[1]),
        votes_nominatifs=named_votes(act, doc, span[1], item.end),
    )
    return act


def named_votes(act: Act, doc: Document, start: int, end: int) -> list[NamedVote]:
    """The votes ``doc.text[start:end]`` attributes to members of the act's séance."""
    try:
        found = read_named_votes(doc.text, start, end, act.seance)
    except Exception:  # noqa: BLE001 - a reader bug must not lose the act
        log.exception('reading the named votes of act "%s" failed', act.id)
        return []
    return [
        NamedVote(nom=v.nom, vote=v.vote, printed=v.printed, provenance=_provenance(doc, v.start, v.end, 0.7))
        for v in found
    ]


def apply_named_votes(act: Act, doc: Document, start: int, end: int) -> Act:
    """A délibération (not a point of minutes) whose text names who voted against or abstained."""
    if act.item is not None or act.seance is None:
        return act
    votes = named_votes(act, doc, start, end)
    if votes:
        act.item = SeanceItem(ordre=1, votes_nominatifs=votes, provenance=votes[0].provenance)
    return act
