"""The objet: after "Objet :", after the act's own numbered title, or the document's title.

Texts arrive with their line breaks flattened, so an objet ends where the body starts: "Vu",
"Le Conseil", "L'an …", a rapporteur, a civility — or a length cap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.nature import document_kind
from actes.extractors.numero import P_NUMERO
from actes.extractors.patterns.dates_fr import P_DATE
from actes.extractors.patterns.heads import HEAD_CHARS, TITLE_CHARS, WEEKDAY, is_reference, squash
from actes.extractors.stamp import mask_stamps
from actes.schemas.provenance import Finding

MAX_OBJET = 400
# Where the body begins after an objet.
P_BODY_START = re.compile(
    r"\s(?:Vu\b|VU\b|Le\s+[Cc]onseil|LE\s+CONSEIL|La\s+[Cc]ommission|Le\s+[Bb]ureau|Le\s+[Mm]aire|Le\s+[Pp]r[ée]sident|Le\s+[Pp]r[ée]fet|Le\s+Comit[ée]"
    r"|Rapporteur|RAPPORTEUR|Expos[ée]|EXPOS[ÉE]|Consid[ée]rant|Monsieur\s|Madame\s|M\.\s?[A-Z]|Mme\s|MME\s|Cher|Mesdames|Apr[èe]s\s"
    r"|L['’]\s?an\b|L['’]\s?AN\b|Nombre\s+de|NOMBRE\s+DE|Date\s+de|Pr[ée]sents?\s*:|Sur\s+(?:le\s+)?rapport|Il\s+est\s|Conform[ée]ment"
    rf"|Le\s+{WEEKDAY}|Le\s+\d|S[ée]ance\s|SÉANCE\s|SEANCE\s|Secr[ée]taire|Etaient|[ÉE]taient|ÉTAIENT|Ordre\s+du\s+jour|Page\s+\d|Sommaire|SOMMAIRE"
    r"|Table\s+des|Pr[ée]ambule|PR[ÉE]AMBULE|\d+\s*/\s*\d+\s|Le\s+pr[ée]sent|La\s+pr[ée]sente)"
)
P_OBJET_LABEL = re.compile(r"\bObjet\s*:\s*", re.I)
# An all-caps title line of three words or more ("PROJET DE TERRITOIRE 2022 - 2030").
P_CAPS_RUN = re.compile(r"(?:(?:[A-ZÀ-ÖØ-Ý0-9][A-ZÀ-ÖØ-Ý0-9'’\-–.()]*|[-–:&/])\s+){2,}[A-ZÀ-ÖØ-Ý0-9][A-ZÀ-ÖØ-Ý0-9'’\-–.()]*")
CAPS_SKIP = re.compile(r"^(?:R[ÉE]PUBLIQUE|D[ÉE]PARTEMENT|ARRONDISSEMENT|EXTRAIT|LIBERT[ÉE]|COMMUNE\s+DE|VILLE\s+DE|MAIRIE)", re.I)


def until_body(text: str, start: int) -> tuple[int, int] | None:
    """Span from ``start`` to where the body starts (or the cap)."""
    end_match = P_BODY_START.search(text, start, start + MAX_OBJET)
    end = end_match.start() if end_match else min(len(text), start + MAX_OBJET)
    if end_match is None:
        sentence = re.search(r"[.;](?:\s|$)", text[start:end])
        if sentence:
            end = start + sentence.start() + 1
    piece = squash(text[start:end])
    return (start, end) if len(piece) >= 4 else None


def title_span(head: str) -> tuple[int, int] | None:
    """The document's title: its kind phrase through the session date, else the first caps run."""
    found = document_kind(head)
    if found is not None:
        start = found[2][0]
        date = P_DATE.search(head, start, start + 160)
        if date is not None and not re.search(r"[.;]", head[start : date.start()]):
            return start, date.end()
    for run in P_CAPS_RUN.finditer(head, 0, TITLE_CHARS):
        words = run.group().split()
        if len(words) >= 3 and not CAPS_SKIP.match(run.group()) and sum(w.isalpha() for w in words) >= 2:
            return run.span()
    return None


class ObjetExtractor:
    name: ClassVar[str] = "objet"
    fields: ClassVar[tuple[str, ...]] = ("objet",)

    def extract(self, view: TextView) -> Iterator[Finding]:
        head = mask_stamps(view.text[:HEAD_CHARS])
        label = P_OBJET_LABEL.search(head)
        if label is not None:
            span = until_body(head, label.end())
            if span:
                yield view.finding("objet", squash(head[span[0] : span[1]]), "objet:label", span, confidence=0.85)
        for match in P_NUMERO.finditer(head):
            if is_reference(head, match.start()):
                continue
            after = match.end()
            date = re.match(r"\s*(?:du|en\s+date\s+du)\s+", head[after:], re.I)
            if date:
                found = P_DATE.match(head, after + date.end())
                after = found.end() if found else after
            span = until_body(head, after)
            if span:
                yield view.finding("objet", squash(head[span[0] : span[1]]), "objet:after-number", span, confidence=0.75)
            break
        span = title_span(head)
        if span is not None:
            yield view.finding("objet", squash(head[span[0] : span[1]]), "objet:title", span, confidence=0.5, labelled=False)
