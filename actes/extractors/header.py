"""The act's header, read by one extractor per concern (each in its own module)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from actes.extractors.base import TextView
from actes.extractors.budget import BudgetExtractor
from actes.extractors.collectivite import CollectiviteExtractor
from actes.extractors.dates import DatesExtractor
from actes.extractors.nature import NatureExtractor
from actes.extractors.numero import NumeroExtractor
from actes.extractors.objet import ObjetExtractor
from actes.schemas.provenance import Finding

PARTS = (NatureExtractor(), NumeroExtractor(), ObjetExtractor(), DatesExtractor(), CollectiviteExtractor(), BudgetExtractor())


class HeaderExtractor:
    name: ClassVar[str] = "header"
    fields: ClassVar[tuple[str, ...]] = tuple(f for part in PARTS for f in part.fields)

    def extract(self, view: TextView) -> Iterator[Finding]:
        for part in PARTS:
            yield from part.extract(view)
