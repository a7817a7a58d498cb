"""What readers produce: text with a page map, and the @CTES envelope of a transmission."""

from __future__ import annotations

import bisect
import datetime as dt
from pathlib import Path

from pydantic import BaseModel, Field

PAGE_SEPARATOR = "\n\f\n"


class Page(BaseModel):
    number: int  # 1-indexed
    text: str
    verdict: str = "born-digital"  # born-digital | scanned | bad-text-layer | text
    ocr: bool = False  # text comes from OCR
    ocr_confidence: float | None = None  # mean word confidence 0..1
    error: str | None = None  # e.g. OCR failed or timed out on this page


class Document(BaseModel):
    """The text of one file, page by page.

    ``text`` is the pages joined by ``PAGE_SEPARATOR``; ``page_starts[i]`` is the offset of
    page ``i + 1`` in it. Spans in Findings are offsets into ``text``.
    """

    path: str
    sha256: str
    format: str  # reader name: pdf | text | ...
    pages: list[Page]
    text: str = ""
    page_starts: list[int] = Field(default_factory=list)

    @classmethod
    def from_pages(cls, path: str | Path, sha256: str, format: str, pages: list[Page]) -> Document:
        starts, chunks, offset = [], [], 0
        for page in pages:
            starts.append(offset)
            chunks.append(page.text)
            offset += len(page.text) + len(PAGE_SEPARATOR)
        return cls(
            path=str(path), sha256=sha256, format=format, pages=pages,
            text=PAGE_SEPARATOR.join(chunks), page_starts=starts,
        )

    def page_of(self, offset: int) -> int:
        """1-indexed page holding character ``offset`` of ``text``."""
        if not self.page_starts:
            return 1
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def page_span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of pages ``first``..``last`` (1-indexed, inclusive)."""
        start = self.page_starts[first - 1]
        end = self.page_starts[last] - len(PAGE_SEPARATOR) if last < len(self.pages) else len(self.text)
        return start, end


class Envelope(BaseModel):
    """The @CTES formulaire (``actes:Acte``) and, when present, its ARActe acknowledgement."""

    path: str
    date: dt.date | None = None  # actes:Date: date of the decision
    numero: str | None = None  # actes:NumeroInterne
    nature_code: str | None = None  # actes:CodeNatureActe, "1".."6"
    matiere_codes: list[str] = Field(default_factory=list)  # CodeMatiere1..5, in order
    objet: str | None = None
    classification_date: dt.date | None = None
    document: str | None = None  # Document/NomFichier
    annexes: list[str] = Field(default_factory=list)
    # From the ARActe, or from the transmission's file name when it carries the ID:
    pref_id: str | None = None
    date_reception: dt.date | None = None


class Submission(BaseModel):
    """The files of one transmission: the act document, its envelope, its annexes."""

    key: str  # stable grouping key, e.g. the transmission prefix
    main: str | None = None  # path of the act document (PDF/TXT)
    envelope: str | None = None  # path of the formulaire XML
    acknowledgement: str | None = None  # path of the ARActe XML
    annexes: list[str] = Field(default_factory=list)

    def files(self) -> list[str]:
        return [p for p in (self.main, self.envelope, self.acknowledgement, *self.annexes) if p]
