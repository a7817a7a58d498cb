"""Cut a Document into its acts. One file may hold several: bundles of délibérations, minutes,
recueils of arrêtés, an act followed by annexes that repeat its stamp."""

from __future__ import annotations

from dataclasses import dataclass

from actes.schemas.document import Document


@dataclass(frozen=True)
class Segment:
    """Pages ``first``..``last`` (1-indexed, inclusive) and the text span they cover."""

    first_page: int
    last_page: int
    start: int
    end: int


def segment(doc: Document) -> list[Segment]:
    """The acts of ``doc``. Today: the whole document is one act."""
    return [Segment(1, len(doc.pages), 0, len(doc.text))]
