"""The meeting an act was decided in: body, place, date, officers, counts and attendance.

Dates, authority, president, secretary and counts come from the act the block was read in
(already extracted and reconciled); the body and the place are read in the text before the
block. The ID names the authority, the date and the body, so the acts of one meeting share
one ``Seance`` even when they come from several files.
"""

from __future__ import annotations

import re
import unicodedata

from actes.minutes.attendance import Attendance
from actes.minutes.entries import Entry
from actes.schemas.act import Act
from actes.schemas.document import Document
from actes.schemas.provenance import FieldProvenance, SourceKind
from actes.schemas.seance import Presence, Seance

EXTRACTOR = "minutes:attendance"
HEAD = 1500  # characters before the block where the body and the place are named
# Longest first: "bureau communautaire" before "bureau", "conseil de communauté" before "conseil".
ORGANES: list[tuple[str, str]] = [
    ("commission permanente", r"commission\s+permanente"),
    ("bureau", r"bureau(?:\s+(?:communautaire|syndical|du\s+conseil))?\b"),
    ("comité syndical", r"comit[ée]\s+syndical"),
    ("conseil d'administration", r"conseil\s+d['’]\s?administration"),
    ("conseil communautaire", r"conseil\s+(?:communautaire|de\s+(?:la\s+)?communaut[ée])"),
    ("conseil métropolitain", r"conseil\s+(?:m[ée]tropolitain|de\s+(?:la\s+)?m[ée]tropole)"),
    ("conseil de territoire", r"conseil\s+(?:de|du)\s+territoire"),
    ("conseil départemental", r"conseil\s+d[ée]partemental"),
    ("conseil régional", r"conseil\s+r[ée]gional"),
    ("conseil municipal", r"conseil\s+municipal"),
]
P_ORGANE = re.compile("|".join(f"(?P<o{k}>{pattern})" for k, (_, pattern) in enumerate(ORGANES)), re.I)
# "s'est réuni dans la salle du conseil municipal sous la présidence …", "se sont réunis à la salle des fêtes de X."
P_LIEU = re.compile(
    r"(?:s['’]est\s+(?:r[ée]uni|assembl[ée])e?s?|se\s+sont\s+r[ée]unis?|r[ée]unie?s?)\s+(?:en\s+s[ée]ance\s+\w+\s*,?\s*|en\s+session\s+\w+\s*,?\s*)?"
    r"(?:(?:à|au|dans|en)\s+)(?P<lieu>(?:la|le|l['’]|les)\s*[^,.;]{3,90}?)(?=\s*(?:,|\.|;|sous\s|à\s+\d|le\s+\d|sur\s+(?:la\s+)?convocation|$))",
    re.I,
)


def slug(value: str) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", value).strip("-")


def organe_of(text: str) -> str | None:
    """The first body the text names: its head says who met."""
    match = P_ORGANE.search(text)
    if match is None:
        return None
    index = int(next(name for name, value in match.groupdict().items() if value)[1:])
    return ORGANES[index][0]


def lieu_of(text: str) -> str | None:
    match = P_LIEU.search(text)
    return " ".join(match["lieu"].split()) if match else None


def seance_id(act: Act, organe: str | None) -> str:
    authority = act.collectivite.siren or slug(act.collectivite.nom or "") or act.source.sha256[:16]
    when = act.date_decision.isoformat() if act.date_decision else act.source.sha256[:16]
    return f"seance-{authority}-{when}-{slug(organe or 'seance')}"


def _presence(entry: Entry, doc: Document) -> Presence:
    page = doc.page_of(entry.start)
    ocr = 0 < page <= len(doc.pages) and doc.pages[page - 1].ocr
    provenance = FieldProvenance(
        source=SourceKind.ocr if ocr else SourceKind.text, extractor=EXTRACTOR, confidence=0.7 if ocr else 0.85,
        page=page, span=(entry.start, max(entry.start, entry.end)), snippet=doc.text[entry.start : entry.end][:120], ocr=ocr,
    )
    return Presence(
        nom=entry.nom, civilite=entry.civilite, qualite=entry.qualite, commune=entry.commune, statut=entry.status,
        mandataire=entry.holder, suppleant=entry.substitute, notes=list(entry.notes),
        also_listed=[n.removeprefix("also listed as ") for n in entry.notes if n.startswith("also listed as ")],
        provenance=provenance,
    )


def seance_of(act: Act, doc: Document, attendance: Attendance, head_start: int = 0) -> Seance:
    """The séance of ``act`` whose text holds ``attendance`` (offsets into ``doc.text``)."""
    head = doc.text[max(head_start, attendance.start - HEAD) : attendance.start]
    organe = organe_of(head) or organe_of(doc.text[head_start : head_start + HEAD])
    first, last = doc.page_of(attendance.start), doc.page_of(max(attendance.start, attendance.end - 1))
    return Seance(
        id=seance_id(act, organe), organe=organe, collectivite=act.collectivite.nom, siren=act.collectivite.siren,
        date=act.date_decision, lieu=lieu_of(head), date_convocation=act.date_convocation,
        president=act.president or attendance.president, secretaire=act.secretaire_seance,
        en_exercice=act.votes.en_exercice, presents=act.votes.presents, representes=act.votes.representes,
        votants=act.votes.votants, presences=[_presence(e, doc) for e in attendance.entries],
        source_path=act.source.path, source_sha256=act.source.sha256, pages=list(range(first, last + 1)),
    )
