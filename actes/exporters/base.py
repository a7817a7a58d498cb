"""The Exporter lifecycle: ``start(out)``, ``write(act)`` for each act, ``finish()``.

Value-to-string conversion lives in ``serialize`` only, so every format writes dates, enums
and booleans the same way.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar

from actes.schemas.act import Act


def serialize(value: Any) -> str:
    """One cell: ISO dates, enum codes, 'true'/'false', '' for unknown."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class Exporter:
    """Base of every format. Subclasses set ``filename`` and implement ``write``."""

    name: ClassVar[str]
    filename: ClassVar[str]

    def __init__(self) -> None:
        self.path: Path | None = None
        self.rows = 0

    def start(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.path = out / self.filename

    def write(self, act: Act) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def finish(self) -> Path:
        assert self.path is not None
        return self.path
