"""Pieces shared by the header extractors: the head of an act, references to other acts.

Acts cite other acts everywhere ("Vu la délibération n° 2021-12 du 3 mars 2021", "en application
de l'arrêté du …"). A title word is the act's own only when no such reference word precedes it.
"""

from __future__ import annotations

import re

HEAD_CHARS = 4000  # the header of an act (title, number, session, objet) sits in its first page
TITLE_CHARS = 1500  # where the document's own title is looked for

# "vu la", "de la", "par", "cette"…: the word that follows is cited, not the act's own title.
P_REFERENCE_BEFORE = re.compile(
    r"(?:\bvu|\bde|\bdu|\bdes|\bpar|\bla|\ble|\bl['’]|\bcette|\bces|\bles|\bleurs?|\bnos|\btoutes?|\bplusieurs|\bune?|\bsa|\bses|\baux?|\bsur|\bune|\bselon|\bnotre|\bdont|\bau\s+titre\s+de|\bcf\.?|\bet|\bsuivant|\bpr[ée]sente?)\s*$",
    re.I,
)
WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"


def is_reference(text: str, start: int, window: int = 25) -> bool:
    """True when the word at ``start`` is cited ("Vu la délibération…"), not a title."""
    return bool(P_REFERENCE_BEFORE.search(text[max(0, start - window) : start]))


def squash(text: str) -> str:
    """Whitespace runs → one space, trimmed of separators."""
    return " ".join(text.split()).strip(" -–—:;,")
