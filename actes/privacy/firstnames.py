"""Is this word a first name? The lexicon of gender-guesser (about 40,000 given names of Europe
and beyond, France included), so a "NOM Prénom" or "Prénom NOM" read without a civility is a
person only when its given name is one ("VÉRANEL Crédits", "ACTION Optimiser" are not)."""

from __future__ import annotations

import functools
import re
import unicodedata


@functools.lru_cache(maxsize=1)
def _detector():
    try:
        import gender_guesser.detector as guesser
    except ImportError:  # without the lexicon every capitalised word may be a first name
        return None
    return guesser.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    """``word`` (or every part of a compound: Jean-Claude) is a known given name; an initial
    ("J.", "J.-P.") counts. Without the lexicon installed, any word does."""
    detector = _detector()
    if detector is None:
        return True
    parts = [p for p in re.split(r"[-\s]+", word.strip()) if p]
    if not parts:
        return False
    return all(re.fullmatch(r"[A-ZÀ-Ý]\.?", p) or _known(detector, p) for p in parts)


def _known(detector, part: str) -> bool:
    # The lexicon misses some accented capitals ("Élodie", "Éric"): try the word without accents too.
    plain = "".join(c for c in unicodedata.normalize("NFKD", part) if not unicodedata.combining(c))
    return detector.get_gender(part) != "unknown" or detector.get_gender(plain) != "unknown"
