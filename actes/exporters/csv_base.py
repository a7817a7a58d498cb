"""CSV exporters share this: UTF-8 without BOM, comma, RFC 4180 quoting, one declared column
list, and a mapping from each column to a function of the Act."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from actes.exporters.base import Exporter, serialize
from actes.schemas.act import Act


class CsvExporter(Exporter):
    columns: ClassVar[dict[str, Callable[[Act], Any]]]

    def accepts(self, act: Act) -> bool:
        return True

    def start(self, out: Path) -> None:
        super().start(out)
        self._handle = open(self.path, "w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._handle, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        self._writer.writerow(list(self.columns))

    def row(self, act: Act) -> list[str]:
        return [serialize(getter(act)) for getter in self.columns.values()]

    def write(self, act: Act) -> None:
        if self.accepts(act):
            self._writer.writerow(self.row(act))
            self.rows += 1

    def finish(self) -> Path:
        self._handle.close()
        return super().finish()
