"""The Reader contract: bytes of one file → Document."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import ClassVar, Protocol

from actes.limits import Limits
from actes.schemas.document import Document


class Reader(Protocol):
    """A reader for one input format.

    ``detect`` looks at the path and the first bytes only; ``read`` returns the Document or
    raises a ``FileError`` naming the file. Readers never raise anything else on bad input.
    """

    name: ClassVar[str]

    def detect(self, path: Path, head: bytes) -> bool: ...

    def read(self, path: Path, limits: Limits) -> Document: ...


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    """Hash of the bytes a reader actually parsed (not of the file, which could change since)."""
    return hashlib.sha256(data).hexdigest()
