"""CSV exporters share this: UTF-8 without BOM, comma, RFC 4180 quoting (CRLF, quotes only
where needed), one declared column list, and the provenance of every non-empty cell written."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import ClassVar

from actes.exporters.base import Exporter, serialize
from actes.exporters.cells import Column, explain
from actes.schemas.act import Act


def open_csv(path: Path):
    """(handle, writer) for a package CSV: UTF-8 without BOM, comma, RFC 4180 quoting, CRLF."""
    handle = open(path, "w", encoding="utf-8", newline="")
    return handle, csv.writer(handle, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")


class CsvExporter(Exporter):
    columns: ClassVar[list[Column]]

    def accepts(self, act: Act) -> bool:
        """Whether the act has a row in this file at all (e.g. délibérations only)."""
        return True

    def check(self, act: Act, row: dict[str, str]) -> dict[str, str] | None:
        """Last look at a row before it is written: return it (possibly amended), or None to hold it."""
        return row

    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def start(self, out: Path) -> None:
        super().start(out)
        self._handle, self._writer = open_csv(self.path)
        self._writer.writerow(self.header())

    def values(self, act: Act) -> dict[str, str]:
        return {column.name: serialize(column.get(act, self.context)) for column in self.columns}

    def write(self, act: Act) -> None:
        if not self.accepts(act):
            return
        row = self.check(act, self.values(act))
        if row is None:
            return
        self._writer.writerow([row[name] for name in self.header()])
        self.rows += 1
        cells = [explain(act, column, row[column.name], self.context) for column in self.columns if row[column.name]]
        for cell in cells:
            cell.row = self.rows
        self.context.cells_written(self.filename, cells)

    def finish(self) -> Path:
        self._handle.close()
        return super().finish()
