"""Plain-text acts: UTF-8 (BOM or not), UTF-16 with a BOM, or a legacy 8-bit encoding.

Legacy files are mostly Windows-1252 (Latin-1 is its subset for French text); old DOS
exports are CP850 and old Mac ones Mac Roman. The 8-bit candidate whose non-ASCII
characters are most often French letters and punctuation wins, Windows-1252 on a tie.
Measured on the corpus texts re-encoded (see docs/reliability.md): this chain decodes
every cp1252/latin-1 sample exactly, where charset-normalizer got 75 %.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from actes.errors import FileChanged, LimitExceeded, UnreadableFile
from actes.limits import Limits
from actes.readers.base import sha256_bytes
from actes.readers.normalize import normalize_text
from actes.schemas.document import Document, Page

LEGACY_ENCODINGS = ("cp1252", "latin-1", "cp850", "mac_roman")  # order breaks ties
FRENCH_NON_ASCII = set("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»°’‘“”–—…€\u00a0")


def _french_score(text: str) -> int:
    return sum(1 if ch in FRENCH_NON_ASCII else -1 for ch in text if ord(ch) > 127)


def decode_text(raw: bytes) -> str:
    """Decode bytes of a text file; never raises (Latin-1 decodes anything)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best, best_score = raw.decode("latin-1"), None
    for encoding in LEGACY_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _french_score(text)
        if best_score is None or score > best_score:
            best, best_score = text, score
    return best


class TextReader:
    name: ClassVar[str] = "text"

    def detect(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in {".txt", ".text"} and (
            b"\x00" not in head or head[:2] in (b"\xff\xfe", b"\xfe\xff")
        )

    def read(self, path: Path, limits: Limits) -> Document:
        before = os.stat(path)
        with open(path, "rb") as handle:
            raw = handle.read(limits.max_file_bytes + 1)
        if len(raw) > limits.max_file_bytes:
            raise LimitExceeded(path, f"over the {limits.max_file_bytes}-byte limit")
        after = os.stat(path)
        if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(raw) != after.st_size:
            raise FileChanged(path, "the file changed while it was being read; it will be read at the next run")
        if not raw.strip():
            raise UnreadableFile(path, "the file is empty")
        utf16 = raw[:2] in (b"\xff\xfe", b"\xfe\xff")
        if not utf16 and b"\x00" in raw[:65536]:
            raise UnreadableFile(path, "binary content in a text file")
        text = decode_text(raw)
        if len(text) > limits.max_text_chars:
            raise LimitExceeded(path, f"text longer than {limits.max_text_chars} characters")
        # A form feed is a page break in text exports of PDFs.
        pages = [
            Page(number=i, text=normalize_text(chunk), verdict="text")
            for i, chunk in enumerate(text.split("\f"), start=1)
        ]
        return Document.from_pages(path, sha256_bytes(raw), self.name, pages)
