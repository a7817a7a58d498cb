"""When a predicted value counts as the labelled one. The rules are stated in docs/evaluation.md.

- dates, counts, booleans, matière codes: exact;
- authorities: folded, without the words "commune", "ville", "mairie" and articles;
- names and numbers: compared after folding case and accents, dropping civilities
  ("M.", "Madame"…) and punctuation; word order is ignored, because registers print
  "NOM Prénom" as often as "Prénom NOM";
- objet: rapidfuzz ``ratio`` on the folded text, at least ``OBJET_THRESHOLD``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from rapidfuzz import fuzz

OBJET_THRESHOLD = 80.0  # 0-100; below it the objet is a different text, not a variant

# Civilities and honorifics printed before names in registers and signature blocks.
CIVILITIES = frozenset(
    "m mr mme mlle mm mmes monsieur madame mademoiselle messieurs mesdames dr docteur me maitre".split()
)

P_NON_WORD = re.compile(r"[^0-9a-z]+")


# The combining marks an accented Latin letter decomposes into (NFKD): removed in one pass.
P_LATIN_MARKS = re.compile(
    "[" + "".join(re.escape(chr(code)) for code in range(0x300, 0x370) if unicodedata.combining(chr(code))) + "]+"
)
P_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class _CombiningMarks(dict):
    """``str.translate`` table deleting every combining mark, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_COMBINING = _CombiningMarks()


def fold(text: str) -> str:
    """Lowercase, strip accents, punctuation → single spaces."""
    bare = text
    if not bare.isascii():  # accents, ligatures, other scripts, compatibility forms: the full decomposition
        bare = bare.replace("œ", "oe").replace("æ", "ae").replace("Œ", "OE").replace("Æ", "AE")
        bare = P_LATIN_MARKS.sub("", unicodedata.normalize("NFKD", bare))
        if not bare.isascii() and any(map(unicodedata.combining, set(P_NON_ASCII.findall(bare)))):
            bare = bare.translate(_COMBINING)  # a mark of another script
    return P_NON_WORD.sub(" ", bare.lower().replace("œ", "oe").replace("æ", "ae")).strip()


def name_key(text: str) -> tuple[str, ...]:
    """A person's name as a sorted tuple of folded words, civilities removed."""
    words = [w for w in fold(text).split() if w not in CIVILITIES]
    return tuple(sorted(words))


# Words that say what kind of body a name designates without telling which one: "Mairie de
# X", "Commune de X" and "X" in capitals name one authority.
AUTHORITY_FILLERS = frozenset("commune ville mairie de du des d la le les l".split())


def authority_key(text: str) -> tuple[str, ...]:
    """An authority's name as its folded words, without the words of a commune's kind or articles."""
    return tuple(w for w in fold(text).split() if w not in AUTHORITY_FILLERS)


def number_key(text: str) -> str:
    """An identifier without case, accents, spaces or punctuation: "N° 2022/174" ~ "2022-174"."""
    folded = fold(text)
    folded = re.sub(r"^(?:n|no|numero)\s+", "", folded)
    return folded.replace(" ", "")


def objet_ratio(predicted: str, expected: str) -> float:
    return fuzz.ratio(fold(predicted), fold(expected))


def _as_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def values_match(kind: str, predicted: Any, expected: Any) -> bool:
    """True when ``predicted`` counts as ``expected`` under the rule for ``kind``."""
    if predicted is None or expected is None:
        return predicted is None and expected is None
    if kind == "name":
        return bool(name_key(str(expected))) and name_key(str(predicted)) == name_key(str(expected))
    if kind == "number":
        return number_key(str(predicted)) == number_key(str(expected))
    if kind == "authority":
        return bool(authority_key(str(expected))) and authority_key(str(predicted)) == authority_key(str(expected))
    if kind == "objet":
        return objet_ratio(str(predicted), str(expected)) >= OBJET_THRESHOLD
    if kind == "bool":
        return bool(predicted) is bool(expected) and isinstance(expected, bool)
    if kind == "count":
        try:
            return int(predicted) == int(expected)
        except (TypeError, ValueError):
            return False
    return _as_text(predicted).strip() == _as_text(expected).strip()  # dates, codes: exact


def strict_match(kind: str, predicted: Any, expected: Any) -> bool:
    """GROBID's "strict": the same string once spaces are collapsed (case, accents and civilities count)."""
    if kind in ("bool", "count"):
        return values_match(kind, predicted, expected)
    if predicted is None or expected is None:
        return predicted is None and expected is None
    return " ".join(_as_text(predicted).split()) == " ".join(_as_text(expected).split())
