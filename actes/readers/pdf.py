"""PDF acts: text layer read with pypdfium2 (fast, best text quality), page by page.

pdfplumber is only for places where positions matter (stamp boxes, vote tables): see
``actes.readers.layout``. Pages whose text layer is missing or garbage are handed to OCR.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from actes.errors import LimitExceeded, UnreadableFile
from actes.limits import Limits
from actes.readers.base import sha256_of
from actes.readers.normalize import normalize_text
from actes.schemas.document import Document, Page


class PdfReader:
    name: ClassVar[str] = "pdf"

    def detect(self, path: Path, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def read(self, path: Path, limits: Limits) -> Document:
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            message = str(exc)
            if "password" in message.lower():
                raise UnreadableFile(path, "the PDF is encrypted with a password") from None
            raise UnreadableFile(path, f"not a readable PDF ({message})") from None
        try:
            count = len(pdf)
            if count == 0:
                raise UnreadableFile(path, "the PDF has no pages")
            if count > limits.max_pages:
                raise LimitExceeded(path, f"{count} pages is over the {limits.max_pages}-page limit")
            pages = []
            for index in range(count):
                page = pdf[index]
                try:
                    width, height = page.get_size()
                    if max(width, height) > limits.max_page_points:
                        raise LimitExceeded(
                            path, f"page {index + 1} is {width:.0f}×{height:.0f} points, over the limit"
                        )
                    textpage = page.get_textpage()
                    text = textpage.get_text_range()
                    textpage.close()
                finally:
                    page.close()
                pages.append(Page(number=index + 1, text=normalize_text(text)))
        finally:
            pdf.close()
        return Document.from_pages(path, sha256_of(path), self.name, pages)
