"""Readers registry: the first reader whose ``detect`` accepts a file reads it."""

from __future__ import annotations

import os
from pathlib import Path

from actes.errors import FileChanged, FileError, LimitExceeded, UnknownFormat, UnreadableFile, UnsupportedFormat
from actes.limits import DEFAULT_LIMITS, Limits
from actes.readers.base import Reader
from actes.readers.pdf import PdfReader
from actes.readers.text import TextReader
from actes.schemas.document import Document

READERS: dict[str, Reader] = {
    "pdf": PdfReader(),
    "text": TextReader(),
}


def get_reader(name: str) -> Reader:
    try:
        return READERS[name]
    except KeyError:
        raise UnknownFormat(f'No reader named "{name}". Available: {", ".join(READERS)}') from None


def detect_reader(path: Path) -> Reader:
    try:
        with open(path, "rb") as handle:
            head = handle.read(2048)
    except OSError as exc:
        raise UnreadableFile(path, f"cannot open: {exc.strerror or exc}") from None
    for reader in READERS.values():
        if reader.detect(path, head):
            return reader
    raise UnsupportedFormat(
        path, f"is not a file we can read (tried: {', '.join(READERS)})"
    )


def _identity(path: Path) -> tuple[int, int, int]:
    info = os.stat(path)
    return info.st_ino, info.st_size, info.st_mtime_ns


def read_document(path: str | Path, limits: Limits = DEFAULT_LIMITS, format: str | None = None) -> Document:
    """Read one act document (PDF, text) into a Document, or raise a FileError naming it.

    A file replaced or rewritten while it is read raises FileChanged: its text and its hash
    could describe two different contents.
    """
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(path, "no such file" if not path.exists() else "not a regular file")
    before = _identity(path)
    size = before[1]
    if size == 0:
        raise UnreadableFile(path, "the file is empty")
    if size > limits.max_file_bytes:
        raise LimitExceeded(path, f"{size} bytes is over the {limits.max_file_bytes}-byte limit")
    reader = get_reader(format) if format else detect_reader(path)
    try:
        document = reader.read(path, limits)
    except FileError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise UnreadableFile(path, f"{reader.name} reader ran out of resources ({type(exc).__name__})") from None
    try:
        after = _identity(path)
    except OSError:
        after = None
    if after != before:
        raise FileChanged(path, "the file changed while it was being read; it will be read again at the next run")
    return document


__all__ = ["READERS", "Reader", "detect_reader", "get_reader", "read_document"]
