"""Errors that stop the processing of one file. Problems in the data are not errors: see
``actes.checks``. Every message names the file in quotes."""

from __future__ import annotations

from pathlib import Path


class ActesError(Exception):
    """Base of every error ``actes`` raises on purpose."""


class FileError(ActesError):
    """A file could not be processed. ``reason`` is a stable slug for reports."""

    reason = "unreadable"

    def __init__(self, path: str | Path, message: str, *, field: str | None = None):
        self.path = str(path)
        self.field = field
        self.detail = message
        where = f'"{self.path}"' + (f" (field {field})" if field else "")
        super().__init__(f"{where}: {message}")


class UnsupportedFormat(FileError):
    reason = "unsupported-format"


class UnreadableFile(FileError):
    reason = "unreadable"


class HostileInput(FileError):
    """Input that tries to escape or exhaust: entities, traversal, bombs."""

    reason = "hostile-input"


class LimitExceeded(FileError):
    reason = "limit-exceeded"


class EnvelopeError(FileError):
    reason = "bad-envelope"


class UnknownFormat(ActesError):
    """A registry lookup failed; the message lists the known names."""
