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


class ArchiveError(FileError):
    """An archive (or one of its members) that cannot be opened or extracted safely."""

    reason = "bad-archive"


class FileChanged(FileError):
    """The file changed on disk while it was being read: its content cannot be trusted."""

    reason = "file-changed"


class BadFileName(FileError):
    """A file name we cannot store or report faithfully (not UTF-8, control bytes)."""

    reason = "bad-file-name"


class NotRegularFile(FileError):
    """A symlink, FIFO, socket or device in the inbox: never followed nor opened."""

    reason = "not-a-regular-file"


class UnknownFormat(ActesError):
    """A registry lookup failed; the message lists the known names."""
