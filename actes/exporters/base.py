"""The Exporter lifecycle: ``start(out)``, ``write(act)`` for each act, ``finish()``.

Every exporter of a package shares one ``ExportContext`` (referential, publication policy,
validation verdicts, cell listeners) and describes its file as a Frictionless resource
(``resource()``), which the data package lists. Value-to-string conversion lives in
``serialize`` only, so every format writes dates, enums and booleans the same way.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar

from actes.exporters.context import ExportContext
from actes.schemas.act import Act


def serialize(value: Any) -> str:
    """One cell: ISO dates, enum codes, 'true'/'false', '' for unknown."""
    if value is None:
        return ""
    if type(value) is str:  # the common case, first: provenance.csv serializes ~10 cells per cell
        return value
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class Exporter:
    """Base of every format. Subclasses set ``name``, ``filename``, ``title`` and implement
    ``write``; ``resource()`` describes the written file for datapackage.json."""

    name: ClassVar[str]
    filename: ClassVar[str]
    title: ClassVar[str] = ""
    format: ClassVar[str] = "csv"
    resource_name: ClassVar[str | None] = None  # unique in the package; default: the file name's stem

    def __init__(self, context: ExportContext | None = None) -> None:
        self.context = context or ExportContext()
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

    def outputs(self) -> list[str]:
        """Names of what the exporter writes under ``out`` (files or folders), moved into place together."""
        return [self.filename]

    def resources(self) -> list[dict]:
        """The data package's resources for what it wrote (one per file listed)."""
        return [self.resource()]

    def validation(self) -> dict | None:
        """Its own section of validation.json (key: its name), with a ``valid`` flag; None: none."""
        return None

    def schema(self) -> dict:
        """The Table Schema of the file (Frictionless)."""
        raise NotImplementedError

    def resource(self) -> dict:
        """Frictionless resource descriptor, without the checksums (the data package adds them)."""
        return {
            "name": self.resource_name or self.filename.rsplit(".", 1)[0], "path": self.filename, "title": self.title,
            "profile": "tabular-data-resource", "format": self.format, "encoding": "utf-8",
            "schema": self.schema(),
        }
