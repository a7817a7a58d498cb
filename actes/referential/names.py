"""Names of authorities as keys: what a printed heading and the official name have in common.

A key is lowercase ASCII words separated by one space ("Saint-Étienne-du-Bois" →
"saint etienne du bois"), with "St"/"Ste" spelled out. A printed name also loses the words that
say what kind of authority it is ("Ville de", "Communauté de communes du", "Conseil
départemental de la") so that what is left can be compared with the official name.
"""

from __future__ import annotations

import re

from actes.referential.user_csv import name_key

ARTICLES = ("le", "la", "les", "l")
# "St Jean", "Ste Luce", "S t" never: abbreviations of one word only.
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}

# Kind words at the head of a printed name, as keys (accents and case already gone).
# The capture is the connector, kept to restore an article: "Ville du Mans" → "le mans".
_CONNECTOR = r"(?:\s+(?P<conn>de la|de l|du|des|de|d|en))?"
P_COMMUNE_HEAD = re.compile(rf"^(?:la\s+)?(?:commune|ville|mairie|cite){_CONNECTOR}\s+")
P_EPCI_HEAD = re.compile(
    rf"^(?:la\s+)?(?:(?P<kind>communaute\s+de\s+communes|communaute\s+d\s*agglomeration|communaute\s+urbaine"
    rf"|cc|ca|cu|ept|etablissement\s+public\s+territorial|conseil\s+communautaire|metropole)){_CONNECTOR}\s+"
)
P_DEPARTEMENT_HEAD = re.compile(rf"^(?:le\s+)?(?:conseil\s+departemental|departement|conseil\s+general){_CONNECTOR}\s+")
P_REGION_HEAD = re.compile(rf"^(?:la\s+)?(?:conseil\s+regional|region){_CONNECTOR}\s+")
EPCI_KINDS = {
    "communaute de communes": "CC", "cc": "CC",
    "communaute d agglomeration": "CA", "communaute dagglomeration": "CA", "ca": "CA",
    "communaute urbaine": "CU", "cu": "CU",
    "ept": "EPT", "etablissement public territorial": "EPT",
}
RESTORED_ARTICLE = {"du": "le", "des": "les"}


def key(name: str) -> str:
    """'Commune de St-Étienne' → 'commune de saint etienne'."""
    return " ".join(ABBREVIATIONS.get(word, word) for word in name_key(name).split())


def without_article(text: str) -> str:
    """'le mans' → 'mans'; 'l isle adam' → 'isle adam'. Keys only."""
    first, _, rest = text.partition(" ")
    return rest if first in ARTICLES and rest else text


def _strip(pattern: re.Pattern, text: str) -> tuple[str, str | None, str | None]:
    """(the name after the kind words, the connector, the EPCI kind) — the text itself when no kind words."""
    match = pattern.match(text)
    if not match:
        return text, None, None
    kind = match.groupdict().get("kind")
    return text[match.end():], match["conn"], EPCI_KINDS.get(" ".join((kind or "").split()))


def commune_keys(printed: str) -> list[str]:
    """Keys a printed commune name may match, best first: 'Ville du Mans' → ['le mans', 'mans']."""
    rest, conn, _ = _strip(P_COMMUNE_HEAD, key(printed))
    keys = []
    if conn in RESTORED_ARTICLE:
        keys.append(f"{RESTORED_ARTICLE[conn]} {rest}")
    elif conn in ("de la", "de l"):
        keys.append(f"{conn.split()[1]} {rest}")
    keys.append(rest)
    return [k for k in dict.fromkeys(keys) if k]


def epci_core(name: str) -> tuple[str, str | None]:
    """(the name without its kind words and connector, the kind code CC/CA/CU/EPT or None).

    'CC du Pays de X' and 'Communauté de Communes du Pays de X' both give
    ('pays de x', 'CC').
    """
    rest, _, kind = _strip(P_EPCI_HEAD, key(name))
    return rest, kind


def territorial_key(printed: str, kind: str) -> str:
    """'CONSEIL DÉPARTEMENTAL DE LA DORDOGNE' → 'dordogne'; 'Région Île-de-France' → 'ile de france'."""
    pattern = P_DEPARTEMENT_HEAD if kind == "departement" else P_REGION_HEAD
    rest, _, _ = _strip(pattern, key(printed))
    return without_article(rest)
