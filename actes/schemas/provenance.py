"""Where a value came from and how sure we are: the unit users check a cell against."""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, Field


class SourceKind(str, Enum):
    """Where a value was read, strongest first (see ``SOURCE_STRENGTH``)."""

    clerk = "clerk"  # set by hand by a clerk (actes review ACT --matiere CODE), stored in the catalog
    envelope = "envelope"  # @CTES formulaire or ARActe XML
    stamp = "stamp"  # the TdT stamp printed on the PDF ("Reçu en préfecture le …", "ID : …")
    text = "text"  # a labelled passage of the body ("Séance du …", "Objet : …")
    ocr = "ocr"  # same as text, but read by OCR on a scanned page
    nlp = "nlp"  # a statistical guess (spaCy NER, matière classifier)
    derived = "derived"  # computed from other fields (e.g. SIREN from the @CTES ID)
    referential = "referential"  # looked up in the national referential of authorities (actes.referential)


# Reconciliation ranks candidates by this, then by confidence.
SOURCE_STRENGTH: dict[SourceKind, int] = {
    SourceKind.clerk: 70,
    SourceKind.envelope: 60,
    SourceKind.stamp: 50,
    SourceKind.derived: 45,
    SourceKind.referential: 44,
    SourceKind.text: 40,
    SourceKind.ocr: 35,
    SourceKind.nlp: 20,
}


class Finding(BaseModel):
    """One candidate value for one Act field, as an extractor saw it.

    ``field`` is a dotted path into the Act ("date_decision", "votes.pour",
    "transmission.pref_id"). ``span`` is a pair of character offsets into the whole
    Document text (``Document.text``), so ``Document.page_of(span[0])`` gives the page.
    """

    field: str
    value: Any
    source: SourceKind = SourceKind.text
    extractor: str  # registry name, e.g. "stamp", "dates:seance"
    confidence: float = Field(0.8, ge=0.0, le=1.0)
    span: tuple[int, int] | None = None
    page: int | None = None  # 1-indexed; filled from span when missing
    snippet: str | None = None  # the text the value was read from
    labelled: bool = True  # False for a value found without a label naming it
    chosen: bool = False  # the learned scorer's choice for its field (actes.learning): wins over rules

    def strength(self) -> tuple[int, int, int, int, float]:
        """Envelope first, then the scorer's choice, then the source, a naming label, confidence."""
        return (int(self.source is SourceKind.envelope), int(self.chosen), SOURCE_STRENGTH[self.source],
                int(self.labelled), self.confidence)


class Candidate(BaseModel):
    """A value that lost reconciliation, kept so conflicts stay visible."""

    value: Any
    source: SourceKind
    extractor: str
    page: int | None = None
    span: tuple[int, int] | None = None
    confidence: float = 0.0


class FieldProvenance(BaseModel):
    """Provenance of the value an Act holds for one field."""

    source: SourceKind
    extractor: str
    confidence: float
    page: int | None = None
    span: tuple[int, int] | None = None
    snippet: str | None = None
    ocr: bool = False  # the page was read by OCR
    conflicts: list[Candidate] = Field(default_factory=list)

    def displaced(self, value: Any) -> Candidate:
        """``value``, which this provenance vouched for, as the candidate a later decision replaced."""
        return Candidate(
            value=value,
            source=self.source,
            extractor=self.extractor,
            page=self.page,
            span=self.span,
            confidence=self.confidence,
        )
