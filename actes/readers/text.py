"""Plain-text acts: UTF-8, or a legacy Windows-1252/Latin-1 encoding detected."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from actes.errors import UnreadableFile
from actes.limits import Limits
from actes.readers.base import sha256_of
from actes.readers.normalize import normalize_text
from actes.schemas.document import Document, Page


def decode_text(raw: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


class TextReader:
    name: ClassVar[str] = "text"

    def detect(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in {".txt", ".text"} and b"\x00" not in head

    def read(self, path: Path, limits: Limits) -> Document:
        raw = path.read_bytes()
        if b"\x00" in raw[:65536]:
            raise UnreadableFile(path, "binary content in a text file")
        text = decode_text(raw)
        if len(text) > limits.max_text_chars:
            raise UnreadableFile(path, f"text longer than {limits.max_text_chars} characters")
        # A form feed is a page break in text exports of PDFs.
        pages = [
            Page(number=i, text=normalize_text(chunk), verdict="text")
            for i, chunk in enumerate(text.split("\f"), start=1)
        ]
        return Document.from_pages(path, sha256_of(path), self.name, pages)
