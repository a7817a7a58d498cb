"""What kind of document the head announces: délibération, arrêté, décision, contract, budget
document, or another document (minutes, list, recueil, agenda, report, annex).

The kind is read from the earliest title phrase in the head, not from any word in it:
délibérations quote conventions, minutes quote délibérations. A stamped document whose head
names no act is an annex ("autre").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.patterns.heads import TITLE_CHARS, is_reference
from actes.extractors.patterns.scan import scanned
from actes.extractors.stamp import mask_stamps
from actes.schemas.provenance import Finding

# (nature, kind, pattern). On a tie of position, the first listed wins.
P_KINDS: list[tuple[str, str, re.Pattern]] = [
    ("autre", "minutes", re.compile(
        # PV / compte rendu / relevé de décisions of a session
        r"proc[èe]s[\s\-–]*verbal|compte[\s\-–]*rendu|relev[ée]\s+des?\s+d[ée]cisions|"
        r"proc[èe]s\s*[-–]\s*verbal|\bC\.?\s?-?\s?R\.?\s+du\s+(?:conseil|bureau|comit[ée])", re.I)),  # "CR du conseil municipal"
    ("autre", "list", re.compile(r"liste\s+des\s+d[ée]lib[ée]rations|publication\s+(?:des\s+)?d[ée]lib[ée]rations", re.I)),
    ("autre", "recueil", re.compile(r"recueil\s+(?:de\s+documentation\s+g[ée]n[ée]rale\s+et\s+)?des\s+actes", re.I)),
    ("autre", "agenda", re.compile(r"ordre\s+du\s+jour|\bconvocation\b|r[ée]union\s+du\s+prochain", re.I)),
    # a cahier of drafts is not an act ("PROJET DE DELIBERATION")
    ("autre", "draft", re.compile(r"projets?\s+de\s+d[ée]lib[ée]rations?", re.I)),
    ("budget", "budget", re.compile(
        # ROB (Paris-Vallée de la Marne), BP report (Bagneux), DM (SIPPEREC), CA
        r"rapport\s+d['’]\s?orientations?\s+budg[ée]taires?|orientations\s+budg[ée]taires|budget\s+primitif|"
        r"d[ée]cision\s+modificative|compte\s+administratif|budget\s+suppl[ée]mentaire|compte\s+financier\s+unique|"
        r"\bBP\s+20\d\d|\bDM\s*[-–]\s*20\d\d", re.I)),
    ("deliberation", "deliberation", re.compile(
        # "DELTBERATION": OCR of a scanned extract
        # "REGISTRE DES DÉLIBÉRATIONS", "EXTRAIT DU PROCÈS-VERBAL DES DÉLIBÉRATIONS" open an extract, not minutes
        r"extraits?\s+(?:du\s+registre\s+|du\s+proc[èe]s[\s-]*verbal\s+)?des\s+d[ée]lib[ée]rations|registre\s+des\s+d[ée]lib[ée]rations|"
        r"d[ée]lib[ée]ration|DELTBERATION", re.I)),
    ("arrete", "arrete", re.compile(r"\barr[êe]t[ée]\b(?!\s+(?:de\s+)?compte)", re.I)),
    ("decision", "decision", re.compile(r"\bd[ée]cision\b(?!\s+modificative)", re.I)),
    ("contrat", "contrat", re.compile(r"\bconvention\b|\bcontrat\b|\bbail\b|\bavenant\b|\baccord[\s-]cadre\b", re.I)),
    ("autre", "report", re.compile(
        # annexes: PCAET, projet de territoire, rapports d'activité / développement durable / CRC
        r"\brapport\s+(?:d['’]\s?activit[ée]|d[ée]veloppement\s+durable|d['’]\s?observations)|plan\s+climat|"
        r"projet\s+de\s+territoire|\bannexe\b|r[èe]glement\s+(?:int[ée]rieur|de\s+service)|^\W*(?:sommaire|table\s+des\s+mati[èe]res)", re.I)),
]
P_KINDS = [(nature, kind, scanned(pattern)) for nature, kind, pattern in P_KINDS]
# Fallback: a head that opens on a session title ("Conseil Communautaire du jeudi 16 mars 2023",
# Pays des Paillons minutes) and names no act is the session's minutes.
P_SESSION_TITLE = re.compile(
    r"^\W*(?:\S+\s+){0,6}?(?P<kw>conseil\s+(?:municipal|communautaire|de\s+communaut[ée]|m[ée]tropolitain)|s[ée]ance)\s+du\s+(?:\w+\s+)?\d",
    re.I,
)
CONTENT_WORDS = {"budget", "report"}  # kinds named by what the document is about, not by an act word
ACT_KINDS = {"deliberation", "arrete", "decision"}
CONTENT_KINDS = {"budget", "contrat", "report"}  # kinds read from content words, weaker than a session title
P_STAMPED = scanned(re.compile(r"\bID\s*:|Accus[ée]\s+de\s+r[ée]ception", re.I))


def document_kind(text: str) -> tuple[str, str, tuple[int, int]] | None:
    """(nature, kind, span) of the earliest title phrase in the head of ``text`` (masked)."""
    head = text[:TITLE_CHARS]
    kinds_found: list[tuple[int, int, str, str, tuple[int, int]]] = []
    for rank, (nature, kind, pattern) in enumerate(P_KINDS):
        for match in pattern.finditer(head):
            if kind not in CONTENT_WORDS and is_reference(head, match.start()):
                continue  # "Vu la délibération": cited; but "VOTE DU BUDGET PRIMITIF" names this document
            kinds_found.append((match.start(), rank, nature, kind, match.span()))
            break
    best = min(kinds_found) if kinds_found else None
    if best is not None and best[3] == "agenda":
        # a convocation letter before the act it convenes: the act's own header decides
        acts = [k for k in kinds_found if k[3] in ACT_KINDS]
        if acts:
            best = min(acts)
    session = P_SESSION_TITLE.search(head)
    if session is not None and (best is None or (best[3] in CONTENT_KINDS and session.start("kw") <= best[0])):
        # "Séance du 17 mars 2023 … Compte Administratif 2022": minutes whose items name budgets
        return "autre", "minutes", session.span()
    if best is None:
        return None
    return best[2], best[3], best[4]


class NatureExtractor:
    name: ClassVar[str] = "nature"
    fields: ClassVar[tuple[str, ...]] = ("nature",)

    def extract(self, view: TextView) -> Iterator[Finding]:
        masked = mask_stamps(view.text[:TITLE_CHARS])
        found = document_kind(masked)
        if found is not None:
            nature, kind, span = found
            yield view.finding("nature", nature, f"nature:{kind}", span, confidence=0.75)
        elif P_STAMPED.search(view.text[:TITLE_CHARS]):
            # stamped pages with no act title: an annex of the act the ID names
            yield view.finding("nature", "autre", "nature:annex", None, confidence=0.5, labelled=False)
