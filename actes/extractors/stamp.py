"""The transmission stamp printed by the TdT, and the @CTES act ID it carries.

Families: "Envoyé en préfecture le … / Reçu en préfecture le … / Affiché le … / ID : …",
"Accusé de réception en préfecture … Date de télétransmission … Date de réception préfecture …".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.patterns.dates_fr import P_DATE, date_from_match
from actes.extractors.patterns.ids import find_ctes_ids
from actes.schemas.provenance import Finding, SourceKind

_LABELS = {
    "transmission.date_envoi": r"Envoy[ée]\s+en\s+pr[ée]fecture\s+le|Date\s+de\s+t[ée]l[ée]transmission\s*:?",
    "transmission.date_reception": r"Re[çc]u\s+en\s+pr[ée]fecture\s+le|Date\s+de\s+r[ée]ception\s+(?:en\s+)?pr[ée]fecture\s*:?",
    "transmission.date_publication": r"(?:Affich[ée]|Publi[ée])\s+le",
}
P_LABELLED = {
    field: re.compile(rf"(?:{label})\s*:?\s*", re.IGNORECASE) for field, label in _LABELS.items()
}
NATURE_BY_SUFFIX = {"DE": "deliberation", "AR": "arrete", "AI": "arrete", "CC": "contrat", "BF": "budget", "AU": "autre"}


class StampExtractor:
    name: ClassVar[str] = "stamp"
    fields: ClassVar[tuple[str, ...]] = (
        "transmission.pref_id", "transmission.date_envoi", "transmission.date_reception",
        "transmission.date_publication", "collectivite.siren", "nature_actes",
    )

    def extract(self, view: TextView) -> Iterator[Finding]:
        text = view.text
        for field, pattern in P_LABELLED.items():
            for label in pattern.finditer(text):
                # The date follows the label within a short window; a blank date yields nothing.
                window = text[label.end() : label.end() + 40]
                date_match = P_DATE.match(window)
                if date_match is None:
                    continue
                value = date_from_match(date_match)
                if value is None:
                    continue
                span = (label.start(), label.end() + date_match.end())
                yield view.finding(field, value, self.name, span, source=SourceKind.stamp, confidence=0.95)
        for ctes_id, match in find_ctes_ids(text):
            yield view.finding("transmission.pref_id", str(ctes_id), self.name, match, source=SourceKind.stamp, confidence=0.95)
            yield view.finding("collectivite.siren", ctes_id.siren, "stamp:id", match, source=SourceKind.derived, confidence=0.9)
            yield view.finding("nature_actes", ctes_id.nature, "stamp:id", match, source=SourceKind.derived, confidence=0.7)
