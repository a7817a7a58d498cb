"""Named votes: who voted against, abstained or took no part, where the text says it
("Votes contre : M. X, Mme Y", "Abstentions : …", "M. X s'abstient", "Mme Y ne prend pas part
au vote", "abstention de M. Z").

Names are kept only when they resolve to a member of the séance's attendance list (compared
as ``names.same_person`` / ``names.covers``, or by a surname of four letters or more that only
one member bears): a group's name ("le groupe Agir") or a person outside the council is
no councillor's vote, and abstaining beats guessing. Without a séance nothing is recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actes.minutes import names
from actes.schemas.seance import Seance

VOTES = ("contre", "abstention", "ne prend pas part")
NAME = r"(?:(?:M\.|Mme|MM\.|Mmes|Monsieur|Madame|Mr)\s*)?[A-ZÀ-Ý][\w'’-]+(?:\s+(?:de\s+|du\s+|d['’])?[A-ZÀ-Ý][\w'’-]+){0,3}"
NAMES = rf"{NAME}(?:\s*(?:,|;|/|\bet\b)\s*{NAME})*"
# "Votes contre : M. X, Mme Y", "Contre (2) : …", "Abstentions : …", "Abstention de M. X", "Ont voté contre : …"
P_LISTED = re.compile(
    rf"(?P<label>(?:votes?\s+|ont\s+vot[ée]\s+|a\s+vot[ée]\s+)?contre|abstentions?|se\s+sont\s+abstenus?|ne\s+prennent\s+pas\s+part\s+au\s+vote)"
    rf"\s*(?:\(\s*\d{{1,3}}\s*\))?\s*(?::|de|d['’]|du|des)\s*(?P<names>{NAMES})",
    re.I,
)
# "M. X s'abstient", "Mme Y et M. Z s'abstiennent", "M. X vote contre", "M. X ne prend pas part au vote".
# The verb is found first, then the names in the few lines before it: a pattern that opened on the
# names would be tried at every capital of an attendance list of hundreds of names (minutes of
# backtracking on one file).
P_SUBJECT_LABEL = re.compile(
    r"(?P<label>s['’]abstien(?:t|nent)|votent\s+contre|vote\s+contre|ne\s+prend\s+pas\s+part\s+au\s+vote|"
    r"ne\s+prennent\s+pas\s+part\s+au\s+vote|ne\s+participe(?:nt)?\s+pas\s+au\s+vote)"
)
P_SUBJECT_NAMES = re.compile(rf"(?P<names>{NAMES})\s*(?:,\s*[\w\s'’-]{{0,60}}?,\s*)?\Z")
SUBJECT_WINDOW = 240  # characters before the verb where its subjects are looked for
P_COUNT_ONLY = re.compile(r"^\d")


@dataclass
class NamedVote:
    nom: str  # the member as named in the attendance list
    vote: str  # contre | abstention | ne prend pas part
    start: int
    end: int
    printed: str


def _kind(label: str) -> str:
    label = label.lower()
    if "contre" in label:
        return "contre"
    if "abst" in label:
        return "abstention"
    return "ne prend pas part"


def _split(printed: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|/|\bet\b)\s*", printed)
    return [p for p in (" ".join(part.split()) for part in parts) if p]


def resolve_member(printed: str, seance: Seance) -> str | None:
    """The member of ``seance`` that ``printed`` names, when exactly one."""
    clean = re.sub(r"^(?:M\.|Mme|MM\.|Mmes|Monsieur|Madame|Mr)\s*", "", printed).strip()
    if not clean:
        return None
    members = [p.nom for p in seance.presences]
    for member in members:
        if names.same_person(clean, member) or names.covers(clean, member):
            return member
    words = {w for w in names.tokens(clean) if len(w) >= 4}
    if not words:
        return None
    matches = [m for m in members if words & names.tokens(m)]
    return matches[0] if len(matches) == 1 else None


def read_named_votes(text: str, start: int, end: int, seance: Seance | None) -> list[NamedVote]:
    """The named votes of ``text[start:end]``, each resolved to a member of ``seance``."""
    if seance is None or not seance.presences:
        return []
    found: list[NamedVote] = []
    seen: set[tuple[str, str]] = set()
    for label, printed_names, span in _mentions(text, start, end):
        kind = _kind(label)
        for printed in _split(printed_names):
            member = resolve_member(printed, seance)
            if member is None or (member, kind) in seen:
                continue
            seen.add((member, kind))
            found.append(NamedVote(member, kind, span[0], span[1], printed))
    return sorted(found, key=lambda v: v.start)


def _mentions(text: str, start: int, end: int):
    """(label, names as printed, span) of every vote that names who cast it."""
    for match in P_LISTED.finditer(text, start, end):
        yield match["label"], match["names"], match.span()
    for label in P_SUBJECT_LABEL.finditer(text, start, end):
        subject = P_SUBJECT_NAMES.search(text, max(start, label.start() - SUBJECT_WINDOW), label.start())
        if subject:
            yield label["label"], subject["names"], (subject.start(), label.end())
