"""Text as the matière model sees it, the same in training and in prediction.

Objets exported by authorities carry their filing: ``DCM 2023-0461 - Rapport_activites``,
``DCM_2024-144_Sports_jeunesse_subventions``, ``Délibération n° 2023-12 : …``; extracted objets
do not. ``clean_objet`` drops that filing so both look alike; ``fold`` then lowercases, removes
accents and punctuation. ``recitals`` picks the "Vu …" / "Considérant …" lines of an act's text,
which cite the code articles the matière often follows.
"""

from __future__ import annotations

import re
import unicodedata

# A filing prefix: a register acronym and a number with an inner separator, or a bare number, then
# a separator — "DCM 2023-0461 - ", "DCM2022-0110 - ", "DCM_2025-061-", "D2023_15 : ", "12 – ".
# "CA 2023 …", "BP 2024 - …" keep their acronym: there it names the act (compte administratif).
P_FILING = re.compile(
    r"^\s*(?:[A-Z]{1,6}\s?[_ ]?(?:n°\s*)?\d+[_./-][\d_./-]*\d\s*(?:[-–—:_]\s*|\s+)"  # acronym + filing number
    r"|(?:n°\s*)?\d(?:[\d_./-]*\d)?\s*[-–—:]\s+)",  # a bare number needs its separator: "12 agents…" stays
)
# "Délibération n° 12 : ", "Objet : ", "DÉLIBÉRATION N°2023-045 –"
P_LEAD_LABEL = re.compile(r"^\s*(?:objet|d[ée]lib[ée]ration(?:\s+n°\s*\S+)?)\s*[:–—-]\s*", re.I)
# "dInsertion", "lAgence": an apostrophe lost in an export; put the space back before folding.
P_LOST_APOSTROPHE = re.compile(r"\b([dlDL])(?=[A-ZÀ-Ý][a-zà-ÿ])")
P_NON_WORD = re.compile(r"[^0-9a-z]+")
P_RECITAL = re.compile(r"^\s*(?:vu|consid[ée]rant|attendu)\b[^\n]*", re.I | re.M)

RECITAL_CHARS = 1200  # what the model reads of the recitals, at most
HEAD_CHARS = 6000  # where the recitals are looked for


def clean_objet(objet: str) -> str:
    """The objet as an extractor would give it: no filing prefix, no underscores."""
    text = P_LEAD_LABEL.sub("", objet, count=1)
    stripped = P_FILING.sub("", text, count=1)
    if len(stripped.strip()) >= 3:  # an objet that is only a number keeps it
        text = stripped
    text = text.replace("_", " ")
    text = P_LOST_APOSTROPHE.sub(r"\1 ", text)
    return " ".join(text.split())


def fold(text: str) -> str:
    """Lowercase, no accents, every non-alphanumeric run → one space."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()
    return P_NON_WORD.sub(" ", bare).strip()


def recitals(text: str | None) -> str:
    """The "Vu …" and "Considérant …" lines of the head of an act, joined, at most RECITAL_CHARS."""
    if not text:
        return ""
    lines = [m.group(0).strip() for m in P_RECITAL.finditer(text[:HEAD_CHARS])]
    return " ".join(lines)[:RECITAL_CHARS]
