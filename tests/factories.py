"""Small builders of Acts, provenance and Documents for tests (add to it, keep it small)."""

from __future__ import annotations

from typing import Any

from actes.schemas.act import Act, Source
from actes.schemas.document import Document, Page
from actes.schemas.provenance import Candidate, FieldProvenance, SourceKind


def conflict(value: Any, source: str = "text", extractor: str = "header") -> Candidate:
    """A candidate that lost reconciliation."""
    return Candidate(value=value, source=SourceKind(source), extractor=extractor)


def prov(source: str = "text", extractor: str = "header", conflicts: list[Candidate] | None = None) -> FieldProvenance:
    """Provenance of a kept value, e.g. ``prov("envelope", "envelope", [conflict("12", "stamp", "stamp")])``."""
    return FieldProvenance(source=SourceKind(source), extractor=extractor, confidence=0.9, conflicts=conflicts or [])


def make_act(act_id: str = "test-act", *, pages: list[int] | None = None, **fields: Any) -> Act:
    """An Act with a dummy source; nested parts as dicts: ``make_act(votes={"pour": 3})``."""
    source = fields.pop("source", None) or Source(path="test.txt", sha256="0" * 64, pages=pages or [1])
    return Act(id=act_id, source=source, **fields)


def make_document(*pages: str, path: str = "test.txt") -> Document:
    """A Document whose pages are the given texts."""
    return Document.from_pages(
        path, "0" * 64, "text", [Page(number=i, text=text, verdict="text") for i, text in enumerate(pages, 1)]
    )


# A collectivité of the exporter tests: Luhn-valid SIREN and SIRET (seat), as in a referential.
SIREN, SIRET = "210199907", "21019990700010"


def make_deliberation(act_id: str = "001-210199907-20230216-2023_12-DE", **fields: Any) -> Act:
    """A complete, SCDL-valid délibération whose every field has provenance; override with ``fields``."""
    values: dict[str, Any] = {
        "nature": "deliberation", "nature_actes": "DE", "numero": "2023_12", "date_decision": "2023-02-16",
        "objet": "Budget primitif, exercice 2023", "collectivite": {"nom": "Commune de Valbrenne", "siren": SIREN},
        "matiere": {"code": "7.1"}, "budget": {"annee": "2023", "nom": "Budget principal"},
        "votes": {"en_exercice": 19, "votants": 17, "pour": 15, "contre": 1, "abstentions": 1},
        "transmission": {"pref_id": act_id, "date_reception": "2023-02-20"},
    }
    values.update(fields)
    act = make_act(act_id, **values)
    for path in ("nature", "numero", "date_decision", "objet", "collectivite.nom", "collectivite.siren", "matiere.code",
                 "budget.annee", "budget.nom", "votes.en_exercice", "votes.votants", "votes.pour", "votes.contre",
                 "votes.abstentions", "transmission.pref_id", "transmission.date_reception", "nature_actes"):
        act.provenance[path] = FieldProvenance(source=SourceKind.text, extractor="test", confidence=0.9, page=1,
                                               snippet=f"snippet of {path}")
    return act
