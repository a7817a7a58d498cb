"""The @CTES act ID ``DDD-SIREN-AAAAMMJJ-NUMERO-NATURE`` and its OCR-damaged forms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

NATURE_SUFFIXES = ("DE", "AR", "AI", "CC", "BF", "AU")

# Tolerant: spaces or underscores around separators, O for 0 in digit groups, glued words.
RE_ID_LOOSE = (
    r"(?P<dep>[0-9OoIl]{3}[AB]?)\s?[-_ ]\s?(?P<siren>[0-9OoIl ]{9,11}?)\s?[-_ ]\s?(?P<date>[0-9OoIl]{8})"
    r"\s?[-_ ]\s?(?P<num>[A-Za-z0-9_\-./ ]{1,40}?)\s?[-_ ]\s?(?P<nat>DE|AR|AI|CC|BF|AU)(?![A-Za-z])"
)
P_ID_LOOSE = re.compile(RE_ID_LOOSE)
P_ID_STRICT = re.compile(r"\b\d{3}-\d{9}-\d{8}-[A-Za-z0-9_]+-(?:DE|AR|AI|CC|BF|AU)\b")
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", " ": ""})


@dataclass(frozen=True)
class CtesId:
    departement: str
    siren: str
    date: date
    numero: str
    nature: str

    def __str__(self) -> str:
        return f"{self.departement}-{self.siren}-{self.date:%Y%m%d}-{self.numero}-{self.nature}"


def parse_ctes_id(match: re.Match) -> CtesId | None:
    """Repair and validate a loose ID match; None unless every part is sound."""
    dep = match["dep"].translate(_DIGIT_FIX)
    siren = match["siren"].translate(_DIGIT_FIX)
    raw_date = match["date"].translate(_DIGIT_FIX)
    numero = re.sub(r"\s+", "_", match["num"].strip())
    if not (dep[:3].isdigit() and len(siren) == 9 and siren.isdigit() and raw_date.isdigit()):
        return None
    try:
        when = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:8]))
    except ValueError:
        return None
    if not 1990 <= when.year <= 2100 or not numero:
        return None
    return CtesId(dep, siren, when, numero, match["nat"])


def find_ctes_ids(text: str):
    """Yield (CtesId, match) for every sound ID in ``text``."""
    for match in P_ID_LOOSE.finditer(text):
        parsed = parse_ctes_id(match)
        if parsed is not None:
            yield parsed, match
