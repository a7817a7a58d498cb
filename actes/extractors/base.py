"""The Extractor contract: a slice of a Document's text → Findings with spans.

Extractors are pure functions of text: no I/O, no database, never raise on odd input.
An extractor that finds nothing yields nothing; whether "missing" is a problem is decided
once, in ``actes.checks``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from actes.schemas.document import Document
from actes.schemas.provenance import Finding, SourceKind


@dataclass
class TextView:
    """The text of one act inside a Document: ``text`` is ``doc.text[start:end]``.

    Extractors match on ``view.text`` and build findings with ``view.finding``, which turns
    local offsets into Document offsets, fills the page, and marks OCR pages.
    """

    doc: Document
    start: int = 0
    end: int | None = None
    text: str = field(init=False)

    def __post_init__(self) -> None:
        if self.end is None:
            self.end = len(self.doc.text)
        self.text = self.doc.text[self.start : self.end]

    @classmethod
    def of_text(cls, text: str, path: str = "<text>") -> TextView:
        """A view over a bare string: for tests and ``python -m`` demos."""
        from actes.schemas.document import Page

        doc = Document.from_pages(path, "0" * 64, "text", [Page(number=1, text=text, verdict="text")])
        return cls(doc)

    def page_at(self, local_offset: int) -> int:
        return self.doc.page_of(self.start + local_offset)

    def is_ocr(self, local_offset: int) -> bool:
        page = self.page_at(local_offset)
        return 0 < page <= len(self.doc.pages) and self.doc.pages[page - 1].ocr

    def finding(
        self,
        field: str,
        value: Any,
        extractor: str,
        span: tuple[int, int] | re.Match | None = None,
        *,
        source: SourceKind = SourceKind.text,
        confidence: float = 0.8,
        labelled: bool = True,
    ) -> Finding:
        if isinstance(span, re.Match):
            span = span.span()
        page = glob = snippet = None
        if span is not None:
            glob = (self.start + span[0], self.start + span[1])
            page = self.doc.page_of(glob[0])
            snippet = " ".join(self.text[span[0] : span[1]].split())[:200]
            if source is SourceKind.text and self.is_ocr(span[0]):
                source = SourceKind.ocr
        return Finding(
            field=field, value=value, source=source, extractor=extractor, confidence=confidence,
            span=glob, page=page, snippet=snippet, labelled=labelled,
        )


class Extractor(Protocol):
    """One concern of extraction (stamp, dates, votes…)."""

    name: ClassVar[str]  # appears in provenance, e.g. "stamp"
    fields: ClassVar[tuple[str, ...]]  # Act fields (dotted) it may fill

    def extract(self, view: TextView) -> Iterator[Finding]:
        """Yield a Finding for each value found. Do no I/O; never raise on odd input."""
        ...
