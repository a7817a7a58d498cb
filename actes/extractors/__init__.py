"""Extractors registry, in the order they run. Each is a pure function of text."""

from __future__ import annotations

from actes.extractors.base import Extractor, TextView
from actes.extractors.header import HeaderExtractor
from actes.extractors.matiere import MatiereExtractor
from actes.extractors.roles import RolesExtractor
from actes.extractors.stamp import StampExtractor
from actes.extractors.votes import VotesExtractor
from actes.schemas.provenance import Finding

EXTRACTORS: dict[str, Extractor] = {
    "stamp": StampExtractor(),
    "header": HeaderExtractor(),
    "votes": VotesExtractor(),
    "roles": RolesExtractor(),
    "matiere": MatiereExtractor(),
}


def run_extractors(view: TextView, names: list[str] | None = None) -> list[Finding]:
    """Every finding of every extractor (or of ``names``) over ``view``."""
    findings: list[Finding] = []
    for name, extractor in EXTRACTORS.items():
        if names is None or name in names:
            findings.extend(extractor.extract(view))
    return findings


__all__ = ["EXTRACTORS", "Extractor", "TextView", "run_extractors"]
