"""The @CTES act ID ``DDD-SIREN-AAAAMMJJ-NUMERO-NATURE`` and its OCR-damaged forms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from stdnum.fr import siren as stdnum_siren

NATURE_SUFFIXES = ("DE", "AR", "AI", "CC", "BF", "AU")

# Tolerant: spaces or underscores around separators, O/o for 0 and I/l for 1 in digit groups
# (OCR of stamps), the nature glued to the number ("…-C33-02-2020-1AR": an annex,
# "Accusé de réception" stamp), a department with a letter (2A/2B) or three digits.
RE_ID_LOOSE = (
    r"(?<![0-9A-Za-z])(?P<dep>[0-9OoIl]{2}[0-9ABOoIl])\s?[-_ ]\s?(?P<siren>[0-9OoIl]{3}\s?[0-9OoIl]{3}\s?[0-9OoIl]{3})"
    r"\s?[-_ ]\s?(?P<date>[0-9OoIl]{8})\s?[-_ ]\s?(?P<num>[A-Za-z0-9][A-Za-z0-9_\-./ ]{0,40}?)"
    r"(?P<sep>\s?[-_ ]\s?|)(?P<nat>DE|AR|AI|CC|BF|AU)(?![a-z0-9])"
)
P_ID_LOOSE = re.compile(RE_ID_LOOSE)
P_ID_STRICT = re.compile(r"\b\d{2}[0-9AB]-\d{9}-\d{8}-[A-Za-z0-9_\-]+-(?:DE|AR|AI|CC|BF|AU)\b")
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", " ": ""})


@dataclass(frozen=True)
class CtesId:
    departement: str
    siren: str
    date: date
    numero: str
    nature: str
    glued: bool = False  # printed without the "-" before the nature; kept as printed

    def __str__(self) -> str:
        sep = "" if self.glued else "-"
        return f"{self.departement}-{self.siren}-{self.date:%Y%m%d}-{self.numero}{sep}{self.nature}"


def siren_is_valid(value: str) -> bool:
    """A 9-digit SIREN with a sound Luhn key (python-stdnum)."""
    return len(value) == 9 and value.isdigit() and stdnum_siren.is_valid(value)


def parse_ctes_id(match: re.Match) -> CtesId | None:
    """Repair and validate a loose ID match; None unless every part is sound."""
    dep = match["dep"].translate(_DIGIT_FIX)
    siren = match["siren"].translate(_DIGIT_FIX)
    raw_date = match["date"].translate(_DIGIT_FIX)
    numero = re.sub(r"\s+", "_", match["num"].strip(" -_"))
    repaired = match["siren"] != siren or match["date"] != raw_date or match["dep"] != dep
    # A repaired ID must carry a sound SIREN (Luhn) to be trusted; a cleanly printed one is read as is.
    if not (dep[:2].isdigit() and len(siren) == 9 and siren.isdigit() and raw_date.isdigit()):
        return None
    if repaired and not siren_is_valid(siren):
        return None
    try:
        when = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:8]))
    except ValueError:
        return None
    if not 1990 <= when.year <= 2100 or not numero:
        return None
    glued = match["sep"] == ""
    if glued and not numero[-1].isdigit():
        return None  # "…-DELIBDE": a word, not a number followed by its nature
    return CtesId(dep, siren, when, numero, match["nat"], glued)


# Every loose ID holds its date, eight of [0-9OoIl], starting 14 to 20 characters after the ID's start
# (department 3, separator 1-3, SIREN 9-11, separator 1-3): the ID is tried only that far before such a run.
P_DATE_RUN = re.compile(r"[0-9OoIl]{8,}")
DATE_AFTER = (14, 20)


def _loose_ids(text: str):
    """What ``P_ID_LOOSE.finditer(text)`` yields, tried only at the offsets a date run allows."""
    covered = 0
    for run in P_DATE_RUN.finditer(text):
        first = max(covered, run.start() - DATE_AFTER[1])
        last = run.end() - 8 - DATE_AFTER[0]  # the date's 8 characters end inside the run
        for start in range(first, last + 1):
            if start < covered:
                continue
            match = P_ID_LOOSE.match(text, start)
            if match is not None:
                yield match
                covered = match.end()


def find_ctes_ids(text: str):
    """Yield (CtesId, match) for every sound ID in ``text``."""
    for match in _loose_ids(text):
        parsed = parse_ctes_id(match)
        if parsed is not None:
            yield parsed, match
