"""The authority: its name and type from the header, its SIREN from printed numbers.

The header names the authority as "Ville de X", "Commune de X", "Communauté de communes X",
"Conseil départemental de X", "PRÉFET DE LA X", or the bare department atop a recueil. A
commune's header also names its département: the commune wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from stdnum.fr.siret import is_valid as siret_is_valid

from actes.extractors.base import TextView
from actes.extractors.patterns.heads import TITLE_CHARS
from actes.extractors.patterns.ids import siren_is_valid
from actes.extractors.patterns.scan import scanned
from actes.extractors.stamp import mask_stamps
from actes.schemas.provenance import Finding

HEAD_CHARS = 3000  # the authority may be named after an attendance block

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
    "HOTEL", "HÔTEL", "PLACE", "AVENUE", "BOULEVARD", "SALLE", "PREAMBULE", "PRÉAMBULE", "A", "À", "POUR",
    "COMMISSION", "ASSEMBLEE", "ASSEMBLÉE", "SESSION", "PROJET", "PLAN",
    "CONSEILLER", "CONSEILLÈRE", "CONSEILLERE", "ADJOINT", "ADJOINTE", "PRESIDENT", "PRÉSIDENT", "PRÉSIDENTE", "OFFICIER", "CHEVALIER",
}
# "se sont réunis en Mairie de X" (an EPCI meeting in a member's town hall): a place, not the authority;
# "à l'Hôtel de Ville de X" (a convocation): a building; "convention … avec la Mairie de
# Bourgueil" (Touraine Ouest agenda): the other party to a contract, not the author.
P_PLACE_BEFORE = re.compile(
    r"(?:\ben|\bà\s+la|\bau|\bdans|\bsalle|\br[ée]unis?|\bdevant|\bsise?|\bh[ôo]tel\s+de|\bavec(?:\s+la|\s+le|\s+l['’])?)\s*$", re.I
)
# A syndicate is known by the acronym printed after its long name ("SYNDICAT INTERCOMMUNAL DE LA
# PERIPHERIE DE PARIS POUR LES ENERGIES … - SIPPEREC", "Syndicat mixte … (SMTC)"): labels and
# registers use the acronym.
P_ACRONYM_AFTER = re.compile(r"\s[-–(]\s*(?P<acronym>[A-Z][A-Z0-9]{3,}(?:\s?\d{1,3})?)\)?(?=\s|$)")
HEAD_ONLY = {"epci-short", "region-short", "syndicat"}
TERRITORIAL = {"region", "departement", "etat"}
KIND_OF = {"epci-short": "epci", "region-short": "region", "commune-bare": "commune", "commune-mairie": "commune"}  # kinds only trusted in the first lines (names inside an objet are not the author)
SHORT_HEAD = 600
# (type, pattern with the kind words kept in the name, as labels print them)
P_AUTHORITIES: list[tuple[str, re.Pattern]] = [
    ("commune", re.compile(rf"\b(?P<full>(?:Ville|VILLE|Commune|COMMUNE)\s+(?:de\s+|DE\s+|d['’]\s?|D['’]\s?|du\s+|DU\s+|(?=[A-ZÀ-Ý]{{2}}[A-ZÀ-Ý\-]*\s)){RE_NAME})")),
    # "la commune de X": lowercase kind word, name in capitals
    ("commune", re.compile(r"\b(?P<full>(?:commune|ville)\s+(?:de\s+|d['’]\s?)(?P<name>[A-ZÀ-Ý][A-ZÀ-Ý'’\-]{2,}(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+){0,3}))\b")),
    # "Mairie de X" is the town hall, often a footer address ("MAIRIE D'X – BP 2305"): the
    # commune only when no "Ville de"/"Commune de" heading names it (extracts, small communes' minutes)
    ("commune-mairie", re.compile(rf"\b(?P<full>(?:Mairie|MAIRIE)\s+(?:de\s+|DE\s+|d['’]\s?|D['’]\s?|du\s+|DU\s+|(?=[A-ZÀ-Ý]{{2}}[A-ZÀ-Ý\-]*\s)){RE_NAME})")),
    ("epci", re.compile(
        rf"\b(?P<full>(?:Communaut[ée]|COMMUNAUT[ÉE])\s+(?:de\s+communes|DE\s+COMMUNES|de\s+Communes|d['’]\s?[Aa]gglom[ée]ration|D['’]\s?AGGLOM[ÉE]RATION|[Uu]rbaine|URBAINE)"
        rf"(?:\s+(?:de\s+la|du|des|de|DE\s+LA|DU|DES|DE|d['’]|D['’]))?\s+{RE_NAME})")),
    ("epci-short", re.compile(rf"\b(?P<full>(?:EPT|Etablissement\s+Public\s+Territorial)\s+{RE_NAME})")),
    # "Compte-rendu sommaire du Conseil Communautaire Touraine Ouest Val de Loire du 28 Juin 2022"
    ("epci-short", re.compile(rf"\b(?P<full>Conseil\s+[Cc]ommunautaire\s+{RE_NAME})")),
    ("epci-short", re.compile(rf"\b(?P<full>{_WORD}(?:\s+{_WORD})?\s+(?:M[ée]tropole|Agglo(?:m[ée]ration)?)(?:\s+{RE_NAME})?)(?=\s)")),
    # "Région Centre-Val de Loire" as a heading line (not "la Région …" inside an objet)
    ("region-short", re.compile(rf"(?<![Ll]a\s)(?<![Ll]eur\s)\b(?P<full>R[ée]gion\s+{RE_NAME})")),
    ("syndicat", re.compile(
        r"\b(?P<full>(?:Syndicat|SYNDICAT)\s+(?:intercommunal|mixte|d[ée]partemental|INTERCOMMUNAL|MIXTE|D[ÉE]PARTEMENTAL)"
        r"(?P<name>[^\n]{0,110}))")),
    # "membres du Conseil municipal de X", "LE CONSEIL MUNICIPAL DE SAINT X DE Y": the bare name
    ("commune-bare", re.compile(
        r"(?i:conseil\s+municipal)\s+(?:DE|de|D['’]|d['’])\s*(?P<full>(?P<name>[A-ZÀ-Ý][A-ZÀ-Ý'’\-]{2,}(?:\s+(?:DE|DU|LA|LES|SUR|EN|[A-ZÀ-Ý][A-ZÀ-Ý'’\-]{2,})){0,4}))\b")),
    ("region", re.compile(rf"\b(?P<full>(?:CONSEIL\s+R[ÉE]GIONAL|Conseil\s+r[ée]gional)\s+(?:D['’]\s?|DE\s+|DES\s+|d['’]\s?|de\s+)(?:LA\s+|la\s+|L['’]\s?)?{RE_NAME})")),
    ("departement", re.compile(rf"\b(?P<full>(?:CONSEIL\s+D[ÉE]PARTEMENTAL|Conseil\s+d[ée]partemental)\s+(?:DE\s+LA\s+|DE\s+L['’]\s?|DU\s+|DES\s+|DE\s+|de\s+la\s+|de\s+l['’]\s?|du\s+|des\s+|de\s+){RE_NAME})")),
    ("etat", re.compile(rf"\b(?P<full>(?:Le\s+)?(?:PR[ÉE]FET|pr[ée]fet)\s+(?i:de\s+la\s+|de\s+l['’]\s?|du\s+|des\s+|de\s+|d['’]\s?){RE_NAME})")),
    ("departement-bare", re.compile(rf"\b(?P<full>(?:D[ÉE]PARTEMENT|D[ée]partement)\s+(?i:de\s+la\s+|de\s+l['’]\s?|du\s+|des\s+|de\s+|d['’]\s?){RE_NAME})")),
]
P_AUTHORITIES = [(kind, scanned(pattern)) for kind, pattern in P_AUTHORITIES]
# The bare department atop a prefecture's recueil: "AIN RECUEIL DES ACTES ADMINISTRATIFS".
P_RECUEIL_OWNER = re.compile(r"(?:^|\s)(?P<full>[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+(?:\s[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+){0,2})\s+RECUEIL\s+DES\s+ACTES")
# A prefecture's recueil: "RECUEIL DES ACTES ADMINISTRATIFS SPÉCIAL N°NN-YYYY-NNN <DÉPARTEMENT> PUBLIÉ LE …"
P_RECUEIL_OWNER_AFTER = scanned(re.compile(
    r"RECUEIL\s+DES\s+ACTES\s+ADMINISTRATIFS(?:\s+SP[ÉE]CIAL)?\s+N\s?°\s?\S+\s+(?P<full>[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+(?:\s[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+){0,2})(?:\s+PUBLI|\s{3,})"
))
# A conseil municipal sits in its own mairie (CGCT L2121-7) and its maire presides: in minutes that
# name no authority, "sous la présidence de M. X, Maire de Y", "réunis à la mairie de
# Y", "salle du Conseil de Y" name the commune. Only when the head names a
# conseil municipal and no communauté (whose minutes may name a member's mairie as the place).
P_MUNICIPAL = re.compile(r"conseil\s+municipal", re.I)
P_COMMUNITY = re.compile(r"communaut[ée]|syndica|m[ée]tropole|agglom[ée]ration|conseil\s+d['’]\s?administration", re.I)
P_OWN_MAIRIE = scanned(re.compile(
    rf"(?:\bMaire\s+de\s+|\b[àa]\s+la\s+[Mm]airie\s+de\s+|\b[Ss]alle\s+du\s+[Cc]onseil(?:\s+[Mm]unicipal)?\s+de\s+)"
    rf"(?P<full>{RE_NAME})"))
MUNICIPAL_CHARS = 1500

# Printed identifiers: "SIREN : 257 500 041", "Numéro SIRET : 25750004100047" (a syndicat's budget).
P_SIREN = scanned(re.compile(r"\bSIRE(?P<kind>[NT])\b\s*(?:n\s?°|:|\s)*\s*(?P<digits>\d[\d ]{8,17}\d)", re.I))


def trim_name(name: str) -> str:
    """Cut a name at the first title word, or where an all-caps name meets a capitalised word
    ("PRÉFET DE <DÉPARTEMENT> Chevalier de la Légion d'honneur")."""
    words = name.split()
    kept: list[str] = []
    caps = bool(words) and words[0].isupper() and len(words[0]) > 1
    for word in words:
        connector = re.fullmatch(_CONNECT, word) is not None
        if connector and (word.islower() or word.isupper()):
            kept.append(word)
            continue
        if kept and (word.upper().split("-")[0] in STOP_WORDS or (caps and not word.isupper())):
            break
        kept.append(word)
    while kept and re.fullmatch(_CONNECT, kept[-1]):
        kept.pop()
    return " ".join(kept)


def _syndicat_name(full: str) -> str | None:
    """"Syndicat intercommunal d'énergie de Saulnières" — lowercase words inside, a place at the end."""
    words = []
    for word in full.split():
        connector = re.fullmatch(_CONNECT, word) is not None
        if words and not connector and (word.upper().split("-")[0] in STOP_WORDS - {"A", "À"} and word[:1].isupper()):
            break
        words.append(word)
    while words and not words[-1][:1].isupper():
        words.pop()
    return " ".join(words) if len(words) >= 3 else None


def _name_of(match: re.Match) -> str | None:
    """The kind words as printed, then the name trimmed of title words; None when no name is left."""
    full = match["full"]
    if full[:1] in "Ss":
        acronym = P_ACRONYM_AFTER.search(full.split("\n")[0])
        return acronym["acronym"] if acronym else _syndicat_name(full.split("\n")[0])
    bare = match.groupdict().get("name") or full
    prefix = full[: len(full) - len(bare)]
    words = trim_name(bare.split("\n")[0]).split()  # a heading line ends the name
    if not prefix.strip():
        while words and words[0].upper() in STOP_WORDS:  # "Préambule <Name> Agglo"
            words.pop(0)
    if not words or len(" ".join(words)) < 2 or words[-1].upper() in STOP_WORDS:
        return None
    return " ".join((prefix + " ".join(words)).split())


def authority(head: str) -> tuple[str, str, tuple[int, int]] | None:
    """(name, type, span) of the authority named in ``head``: the earliest of the strongest kind."""
    prefect = P_AUTHORITIES[-2][1].search(head, 0, 300)
    if prefect is not None:  # a prefecture's act or recueil opens on "PRÉFET DE …"
        name = _name_of(prefect)
        if name:
            return name, "etat", prefect.span("full")
    owner = P_RECUEIL_OWNER.search(head, 0, 300) or P_RECUEIL_OWNER_AFTER.search(head, 0, 300)
    if owner is not None:
        return owner["full"], "etat", owner.span("full")
    territorial: tuple[str, str, tuple[int, int]] | None = None
    bare: tuple[str, str, tuple[int, int]] | None = None  # "Département de la Somme": a location line
    for kind, pattern in P_AUTHORITIES:
        for match in pattern.finditer(head, 0, SHORT_HEAD if kind in HEAD_ONLY else len(head)):
            if P_PLACE_BEFORE.search(head[max(0, match.start() - 20) : match.start()]):
                continue
            name = _name_of(match)
            if not name:
                continue
            if kind == "departement-bare":
                # a location line ("Département de la Somme") unless the département is the author:
                # named twice in the head, or with its council
                if head.count(match["full"].split("\n")[0].strip()) >= 2 or re.search(r"conseil\s+d[ée]partemental", head, re.I):
                    bare = bare or (name, "departement", match.span("full"))
                break
            if kind not in TERRITORIAL:
                return name, KIND_OF.get(kind, kind), match.span("full")
            if territorial is None or match.start() < territorial[2][0]:
                territorial = (name, kind, match.span("full"))  # the earliest of région/département/préfet
            break
    return territorial or bare


def own_commune(head: str) -> tuple[str, tuple[int, int]] | None:
    """(name, span) of the commune a conseil municipal's minutes name only through its maire or mairie."""
    top = head[:MUNICIPAL_CHARS]
    if not P_MUNICIPAL.search(top) or P_COMMUNITY.search(top):
        return None
    names = {}
    for match in P_OWN_MAIRIE.finditer(top):
        name = trim_name(match["name"].split("\n")[0])
        if name and name.upper().split("-")[0] not in STOP_WORDS:
            names.setdefault(name.casefold(), (name, match.span("full")))
    return next(iter(names.values())) if len(names) == 1 else None  # two communes named: abstain


class CollectiviteExtractor:
    name: ClassVar[str] = "collectivite"
    fields: ClassVar[tuple[str, ...]] = ("collectivite.nom", "collectivite.type", "collectivite.siren", "collectivite.siret")

    def extract(self, view: TextView) -> Iterator[Finding]:
        head = mask_stamps(view.text[:HEAD_CHARS])
        found = authority(head)
        if found is not None:
            name, kind, span = found
            yield view.finding("collectivite.nom", name, "collectivite", span, confidence=0.7)
            yield view.finding("collectivite.type", kind, "collectivite", span, confidence=0.7)
        elif (own := own_commune(head)) is not None:
            name, span = own
            yield view.finding("collectivite.nom", name, "collectivite:mairie", span, confidence=0.6)
            yield view.finding("collectivite.type", "commune", "collectivite:mairie", span, confidence=0.6)
        for match in P_SIREN.finditer(head, 0, TITLE_CHARS):
            digits = match["digits"].replace(" ", "")
            siren = digits[:9]
            if (match["kind"].upper() == "N" and len(digits) == 9) or (match["kind"].upper() == "T" and len(digits) == 14):
                if siren_is_valid(siren):
                    yield view.finding("collectivite.siren", siren, "collectivite:siren", match, confidence=0.8)
                    if len(digits) == 14 and siret_is_valid(digits):  # Luhn, La Poste's rule; never guessed
                        yield view.finding("collectivite.siret", digits, "collectivite:siret", match, confidence=0.8)
                    break
