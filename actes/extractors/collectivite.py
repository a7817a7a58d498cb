"""The authority: its name and type from the header, its SIREN from printed numbers.

The header names the authority as "Ville de X", "Commune de X", "Communauté de communes X",
"Conseil départemental de X", "PRÉFET DE LA X", or the bare department atop a recueil. A
commune's header also names its département: the commune wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.patterns.heads import TITLE_CHARS
from actes.extractors.patterns.ids import siren_is_valid
from actes.extractors.stamp import mask_stamps
from actes.schemas.provenance import Finding

_CONNECT = r"(?:de|du|des|la|le|les|l['’]|d['’]|et|en|sur|sous|l[èe]s|aux?|DE|DU|DES|LA|LE|LES|L['’]|D['’]|ET|EN|SUR|SOUS|L[ÈE]S|AUX?)"
_WORD = r"(?:[A-ZÀ-ÖØ-ÝŒ][\wÀ-ÿŒœ'’]*(?:-[\wÀ-ÿŒœ'’]+)*)"
# Capitalised words and connectors; stops at a lowercase word, a digit, or a title word.
RE_NAME = rf"(?P<name>{_WORD}(?:[\s\-]+(?:{_CONNECT}[\s\-]*)*{_WORD}){{0,7}})"
STOP_WORDS = {
    "COMPTE", "CONSEIL", "SEANCE", "SÉANCE", "EXTRAIT", "PROCES", "PROCÈS", "DEPARTEMENT", "DÉPARTEMENT",
    "ARRONDISSEMENT", "REPUBLIQUE", "RÉPUBLIQUE", "DELIBERATION", "DÉLIBÉRATION", "DELIBERATIONS", "DÉLIBÉRATIONS",
    "REGISTRE", "LISTE", "ORDRE", "BUREAU", "RUE", "BP", "CS", "CEDEX", "NOMBRE", "DATE", "REUNION", "RÉUNION",
    "PROCES-VERBAL", "PROCÈS-VERBAL", "COMPTE-RENDU", "RECUEIL", "ARRETE", "ARRÊTÉ", "LE", "LA", "LES", "L'AN", "L’AN",
    "PRESENTS", "PRÉSENTS", "OBJET", "SOMMAIRE", "TEL", "TÉL", "AFFAIRE", "SERVICE", "DIRECTION", "POLE", "PÔLE",
    "MONSIEUR", "MADAME", "VU", "ENVOYE", "ENVOYÉ", "RECU", "REÇU", "PUBLIE", "PUBLIÉ", "AFFICHE", "AFFICHÉ", "ID",
    "CONVOCATION", "ANNEXE", "ANNEXES", "RAPPORT", "BUDGET", "SEANCES", "SÉANCES", "ETAIENT", "ÉTAIENT", "MAIRE",
}
# (type, pattern with the kind words kept in the name, as labels print them)
P_AUTHORITIES: list[tuple[str, re.Pattern]] = [
    ("commune", re.compile(rf"\b(?P<full>(?:Ville|VILLE|Commune|COMMUNE|Mairie|MAIRIE)\s+(?:de\s+|DE\s+|d['’]\s?|D['’]\s?|du\s+|DU\s+)?{RE_NAME})")),
    ("epci", re.compile(
        rf"\b(?P<full>(?:Communaut[ée]|COMMUNAUT[ÉE])\s+(?:de\s+communes|DE\s+COMMUNES|de\s+Communes|d['’]\s?[Aa]gglom[ée]ration|D['’]\s?AGGLOM[ÉE]RATION|[Uu]rbaine|URBAINE)"
        rf"(?:\s+(?:de\s+la|du|des|de|DE\s+LA|DU|DES|DE|d['’]|D['’]))?\s+{RE_NAME})")),
    ("epci", re.compile(rf"\b(?P<full>(?:EPT|Etablissement\s+Public\s+Territorial)\s+{RE_NAME})")),
    ("epci", re.compile(rf"\b(?P<full>{_WORD}(?:\s+{_WORD})?\s+(?:M[ée]tropole|Agglo(?:m[ée]ration)?)(?:\s+{RE_NAME})?)(?=\s)")),
    ("region", re.compile(rf"\b(?P<full>(?:CONSEIL\s+R[ÉE]GIONAL|Conseil\s+r[ée]gional)\s+(?:D['’]\s?|DE\s+|DES\s+|d['’]\s?|de\s+)(?:LA\s+|la\s+|L['’]\s?)?{RE_NAME})")),
    ("departement", re.compile(rf"\b(?P<full>(?:CONSEIL\s+D[ÉE]PARTEMENTAL|Conseil\s+d[ée]partemental)\s+(?:DE\s+LA\s+|DE\s+L['’]\s?|DU\s+|DES\s+|DE\s+|de\s+la\s+|de\s+l['’]\s?|du\s+|des\s+|de\s+){RE_NAME})")),
    ("etat", re.compile(rf"\b(?P<full>PR[ÉE]FET\s+(?:DE\s+LA\s+|DE\s+L['’]\s?|DU\s+|DES\s+|DE\s+|D['’]\s?){RE_NAME})")),
    ("departement", re.compile(rf"\b(?P<full>D[ÉE]PARTEMENT\s+(?:DE\s+LA\s+|DE\s+L['’]\s?|DU\s+|DES\s+|DE\s+|D['’]\s?){RE_NAME})")),
]
# The bare department atop a prefecture's recueil: "AIN RECUEIL DES ACTES ADMINISTRATIFS".
P_RECUEIL_OWNER = re.compile(r"(?:^|\s)(?P<full>[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+(?:\s[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+){0,2})\s+RECUEIL\s+DES\s+ACTES")
# Printed identifiers: "SIREN : 257 500 041", "Numéro SIRET : 25750004100047" (SIPPEREC budget).
P_SIREN = re.compile(r"\bSIRE(?P<kind>[NT])\b\s*(?:n\s?°|:|\s)*\s*(?P<digits>\d[\d ]{8,17}\d)", re.I)


def trim_name(name: str) -> str:
    words = name.split()
    kept: list[str] = []
    for word in words:
        if word.upper().split("-")[0] in STOP_WORDS and kept:
            break
        kept.append(word)
    while kept and re.fullmatch(_CONNECT, kept[-1]):
        kept.pop()
    return " ".join(kept)


def authority(head: str) -> tuple[str, str, tuple[int, int]] | None:
    """(name, type, span) of the authority named in ``head``: the earliest of the strongest kind."""
    for kind, pattern in P_AUTHORITIES:
        for match in pattern.finditer(head):
            full = match["full"]
            prefix_len = len(full) - len(match["name"]) if match.groupdict().get("name") else 0
            name = full[:prefix_len] + trim_name(full[prefix_len:])
            if len(name) - prefix_len >= 2 and name.split()[-1].upper() not in STOP_WORDS:
                return " ".join(name.split()), kind, (match.start("full"), match.start("full") + len(name))
    match = P_RECUEIL_OWNER.search(head)
    if match:
        return match["full"], "etat", match.span("full")
    return None


class CollectiviteExtractor:
    name: ClassVar[str] = "collectivite"
    fields: ClassVar[tuple[str, ...]] = ("collectivite.nom", "collectivite.type", "collectivite.siren")

    def extract(self, view: TextView) -> Iterator[Finding]:
        head = mask_stamps(view.text[:TITLE_CHARS])
        found = authority(head)
        if found is not None:
            name, kind, span = found
            yield view.finding("collectivite.nom", name, "collectivite", span, confidence=0.7)
            yield view.finding("collectivite.type", kind, "collectivite", span, confidence=0.7)
        for match in P_SIREN.finditer(head):
            digits = match["digits"].replace(" ", "")
            siren = digits[:9]
            if (match["kind"].upper() == "N" and len(digits) == 9) or (match["kind"].upper() == "T" and len(digits) == 14):
                if siren_is_valid(siren):
                    yield view.finding("collectivite.siren", siren, "collectivite:siren", match, confidence=0.8)
                    break
