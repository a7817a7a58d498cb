"""Where an act says it is: the départements its text and @CTES ID point to.

A printed name shared by several communes ("Sainte-Colombe") is told apart by the département the
act names: "Département du Gard", "Arrondissement de Nîmes", a postcode ("30000 NÎMES"), or the
receiving préfecture's number at the head of its @CTES ID ("030-…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from actes.extractors.patterns.ids import find_ctes_ids
from actes.referential.names import key
from actes.referential.national import National

HEAD_CHARS = 4000  # letterheads, stamps and the opening lines; a body names other places
_AFTER = r"\s*(?::|\bde\s+la\b|\bde\s+l['’]|\bdu\b|\bdes\b|\bde\b|\bd['’])?\s*"
_NAME = r"(?P<name>[A-ZÀ-Ýa-zà-ÿ'’\-]+(?:[\s\-]+[A-ZÀ-Ýa-zà-ÿ'’]+){0,4})"
P_DEPARTEMENT = re.compile(rf"\bD[ÉEée]PARTEMENT{_AFTER}{_NAME}", re.IGNORECASE)
P_ARRONDISSEMENT = re.compile(rf"\bARRONDISSEMENT{_AFTER}{_NAME}", re.IGNORECASE)
# "30000 NÎMES", "74 960 Cran-Gevrier", "F-01630": a postcode is followed by its town's name.
P_POSTCODE = re.compile(r"(?<![\d,.])(?P<code>\d{2}\s?\d{3})\s+(?:CEDEX\s+)?(?=[A-ZÀ-Ý][A-Za-zÀ-ÿ'’\-]{2,})")


@dataclass
class Hints:
    """Département codes with what named them; postcodes seen."""

    departements: dict[str, list[str]] = field(default_factory=dict)
    postcodes: set[str] = field(default_factory=set)

    def add(self, code: str, evidence: str) -> None:
        self.departements.setdefault(code, []).append(evidence)

    def __bool__(self) -> bool:
        return bool(self.departements)


def id_departement(pref_id: str | None) -> str | None:
    """'074-247400567-…' → '74'; '02A-…' → '2A'; '971-…' → '971'."""
    if not pref_id:
        return None
    for parsed, _ in find_ctes_ids(pref_id):
        dep = parsed.departement
        return dep[1:] if dep.startswith("0") else dep
    return None


def _prefixes(name: str) -> list[str]:
    """Keys of the name's first 1..5 words, longest first ('Gard Le Maire' → 'gard le maire', …, 'gard')."""
    words = key(name).split()
    return [" ".join(words[:n]) for n in range(min(5, len(words)), 0, -1)]


def departement_hints(text: str, pref_id: str | None, ref: National) -> Hints:
    """The départements named in the head of ``text`` and by the @CTES ID ``pref_id``."""
    hints = Hints()
    head = text[:HEAD_CHARS]
    dep = id_departement(pref_id)
    if dep and dep in ref.all_departements:
        hints.add(dep, f"@CTES ID {pref_id}")
    names = ref.departement_keys
    for match in P_DEPARTEMENT.finditer(head):
        code = next((names[k] for k in _prefixes(match["name"]) if k in names), None)
        if code:
            hints.add(code, match.group(0).strip())
    for match in P_ARRONDISSEMENT.finditer(head):
        for k in _prefixes(match["name"]):
            found = ref.departements_of_arrondissement(k)
            if found:
                for code in found:
                    hints.add(code, match.group(0).strip())
                break
    for match in P_POSTCODE.finditer(head):
        postcode = match["code"].replace(" ", "")
        found = ref.departements_of_postcode(postcode)
        if found:
            hints.postcodes.add(postcode)
            for code in found:
                hints.add(code, f"postcode {postcode}")
    return hints
