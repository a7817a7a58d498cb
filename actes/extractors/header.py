"""The act's header: nature, numéro, objet, séance date, convocation date, collectivité."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.patterns.dates_fr import P_DATE, date_from_match
from actes.schemas.provenance import Finding

HEAD_CHARS = 4000  # headers live at the top of the act

P_NATURE = [
    ("deliberation", re.compile(r"\bD[ÉE]LIB[ÉE]RATION\b|extrait\s+du\s+registre\s+des\s+d[ée]lib[ée]rations", re.I)),
    ("arrete", re.compile(r"\bARR[ÊE]T[ÉE]\b", re.I)),
    ("decision", re.compile(r"\bD[ÉE]CISION\b", re.I)),
    ("contrat", re.compile(r"\b(?:CONVENTION|CONTRAT|AVENANT)\b", re.I)),
    ("budget", re.compile(r"\bBUDGET\s+(?:PRIMITIF|SUPPL[ÉE]MENTAIRE)|COMPTE\s+ADMINISTRATIF\b", re.I)),
]
P_NUMERO = re.compile(
    r"(?:D[ée]lib[ée]ration|Arr[êe]t[ée]|D[ée]cision|Acte)?\s*(?:n[°º o]|N[°º]|num[ée]ro)\s*:?\s*(?P<num>[A-Z]{0,6}[\s_\-/.]?\d[\w\-/.]*)",
    re.I,
)
P_OBJET = re.compile(r"\bObjet\s*:\s*(?P<objet>.+?)(?:\n\s*\n|\n(?=[A-Z][a-zé]+\s*:)|$)", re.I | re.S)
P_SEANCE = re.compile(
    r"(?:s[ée]ance\s+(?:publique\s+|ordinaire\s+|extraordinaire\s+)?du|r[ée]union\s+du|l['’]\s?an\s|le\s+conseil\s+\w+\s+s['’]est\s+r[ée]uni\S*\s+le|en\s+date\s+du)\s*",
    re.I,
)
P_CONVOCATION = re.compile(r"(?:date\s+de\s+(?:la\s+)?convocation|convocation\s+(?:du|en\s+date\s+du|faite\s+le|adress[ée]e\s+le|envoy[ée]e\s+le)|convoqu[ée]s?\s+le)\s*:?\s*", re.I)
P_COLLECTIVITE = re.compile(
    r"^\s*(?P<nom>(?:COMMUNE|VILLE|MAIRIE)\s+(?:DE\s+|D['’]\s?|DU\s+|DES\s+)?[^\n]{2,60}"
    r"|(?:COMMUNAUT[ÉE]\s+(?:DE\s+COMMUNES|D['’]\s?AGGLOM[ÉE]RATION|URBAINE)|M[ÉE]TROPOLE|SYNDICAT|D[ÉE]PARTEMENT|R[ÉE]GION|CONSEIL\s+D[ÉE]PARTEMENTAL)\b[^\n]{0,80})\s*$",
    re.I | re.M,
)
COLLECTIVITE_TYPES = [
    ("commune", r"^(?:commune|ville|mairie)"),
    ("epci", r"^(?:communaut|m[ée]tropole)"),
    ("syndicat", r"^syndicat"),
    ("departement", r"^(?:d[ée]partement|conseil\s+d[ée]partemental)"),
    ("region", r"^r[ée]gion"),
]


def _date_after(view: TextView, pattern: re.Pattern, field: str, extractor: str, confidence: float) -> Iterator[Finding]:
    for label in pattern.finditer(view.text[:HEAD_CHARS]):
        window = view.text[label.end() : label.end() + 80]
        match = P_DATE.match(window) or P_DATE.match(view.text[label.start() : label.end() + 80])
        if match is None:
            continue
        value = date_from_match(match)
        if value is not None:
            yield view.finding(field, value, extractor, (label.start(), label.end() + match.end()), confidence=confidence)
            return


class HeaderExtractor:
    name: ClassVar[str] = "header"
    fields: ClassVar[tuple[str, ...]] = (
        "nature", "numero", "objet", "date_decision", "date_convocation", "collectivite.nom", "collectivite.type",
    )

    def extract(self, view: TextView) -> Iterator[Finding]:
        head = view.text[:HEAD_CHARS]
        for nature, pattern in P_NATURE:
            match = pattern.search(head)
            if match:
                yield view.finding("nature", nature, "header:nature", match, confidence=0.7)
                break
        match = P_NUMERO.search(head)
        if match:
            numero = match["num"].strip(" .,;:")
            yield view.finding("numero", numero, "header:numero", match.span("num"), confidence=0.7)
        match = P_OBJET.search(head)
        if match:
            objet = " ".join(match["objet"].split())[:1000]
            if objet:
                yield view.finding("objet", objet, "header:objet", match.span("objet"), confidence=0.8)
        yield from _date_after(view, P_SEANCE, "date_decision", "header:seance", 0.75)
        yield from _date_after(view, P_CONVOCATION, "date_convocation", "header:convocation", 0.8)
        match = P_COLLECTIVITE.search(head)
        if match:
            nom = " ".join(match["nom"].split())
            yield view.finding("collectivite.nom", nom, "header:collectivite", match.span("nom"), confidence=0.7)
            for kind, pattern in COLLECTIVITE_TYPES:
                if re.match(pattern, nom, re.I):
                    yield view.finding("collectivite.type", kind, "header:collectivite", match.span("nom"), confidence=0.7)
                    break
