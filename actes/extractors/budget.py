"""The budget an act allocates: its year and its name ("Budget principal", "Budget annexe eau")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.patterns.heads import TITLE_CHARS, squash
from actes.extractors.patterns.scan import scanned
from actes.extractors.stamp import mask_stamps
from actes.schemas.provenance import Finding

# "BUDGET PRIMITIF 2023", "Compte administratif 2022", "BP 2020", "DM - 2022", "EXERCICE 2022"
P_YEAR = scanned(re.compile(
    r"\b(?:budget\s+(?:primitif|suppl[ée]mentaire)|compte\s+(?:administratif|de\s+gestion|financier\s+unique)|"
    r"orientations?\s+budg[ée]taires?|BP|DM|d[ée]cision\s+modificative(?:\s+n[°o]\s*\d+)?|exercice)\s*[-–:]?\s*(?P<year>20\d\d)\b",
    re.I,
))
# "budget principal", "budget annexe de l'eau", "BUDGET ANNEXE ASSAINISSEMENT"
P_NAME = scanned(re.compile(
    r"\bbudget\s+(?P<name>principal|annexe(?:\s+(?:de\s+l['’]\s?|du\s+|des\s+|de\s+la\s+|d['’]\s?)?[\wÀ-ÿ'’\-]+(?:\s+[A-ZÀ-Ý][\wÀ-ÿ'’\-]+)?)?)",
    re.I,
))


class BudgetExtractor:
    name: ClassVar[str] = "budget"
    fields: ClassVar[tuple[str, ...]] = ("budget.annee", "budget.nom")

    def extract(self, view: TextView) -> Iterator[Finding]:
        head = mask_stamps(view.text[:TITLE_CHARS])
        year = P_YEAR.search(head)
        if year is None:
            return  # no budget named in the title: the act allocates none we can tell
        yield view.finding("budget.annee", year["year"], "budget", year.span("year"), confidence=0.7)
        name = P_NAME.search(head)
        if name is not None:
            nom = "Budget " + squash(name["name"]).lower()
            yield view.finding("budget.nom", nom, "budget", name, confidence=0.7)
