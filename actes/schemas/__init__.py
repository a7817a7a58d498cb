"""Pydantic models: the Act contract, documents, provenance."""

from actes.schemas.act import (
    Act,
    Budget,
    Collectivite,
    Matiere,
    Nature,
    NatureActes,
    ProblemRecord,
    Signataire,
    Source,
    Transmission,
    Votes,
)
from actes.schemas.document import Document, Envelope, Page, Submission
from actes.schemas.provenance import Candidate, FieldProvenance, Finding, SourceKind

__all__ = [
    "Act", "Budget", "Candidate", "Collectivite", "Document", "Envelope", "FieldProvenance",
    "Finding", "Matiere", "Nature", "NatureActes", "Page", "ProblemRecord", "Signataire",
    "Source", "SourceKind", "Submission", "Transmission", "Votes",
]
