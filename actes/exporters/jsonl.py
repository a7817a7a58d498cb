"""actes.jsonl: the full Act model, one per line, provenance and problems included."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from actes.exporters.base import Exporter
from actes.schemas.act import Act


class JsonLinesExporter(Exporter):
    name: ClassVar[str] = "jsonl"
    filename: ClassVar[str] = "actes.jsonl"

    def start(self, out: Path) -> None:
        super().start(out)
        self._handle = open(self.path, "w", encoding="utf-8", newline="\n")

    def write(self, act: Act) -> None:
        self._handle.write(act.model_dump_json() + "\n")
        self.rows += 1

    def finish(self) -> Path:
        self._handle.close()
        return super().finish()
