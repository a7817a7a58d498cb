"""provenance.csv: one row per non-empty cell of the package's other CSV files, saying where
the value came from, so any cell can be checked against the document.

It listens to the cells the CSV exporters actually write (held rows leave no trace here);
``write(act)`` has nothing of its own to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from actes.exporters.base import Exporter, serialize
from actes.exporters.cells import SOURCES, Cell
from actes.exporters.csv_base import open_csv
from actes.schemas.act import Act

COLUMNS: list[tuple[str, str, str]] = [
    ("FICHIER", "string", "The CSV file of the cell (deliberations.csv, actes.csv)."),
    ("LIGNE", "integer", "Data row of the cell in FICHIER, from 1 (the header is not counted)."),
    ("ACTE_ID", "string", "ID of the act (ACTE_ID in actes.csv; deliberations.csv has no ID column)."),
    ("COLONNE", "string", "Column of the cell."),
    ("VALEUR", "string", "The value written in the cell."),
    ("SOURCE", "string", "clerk, envelope, stamp, text, ocr, nlp, derived, referential or unrecorded."),
    ("EXTRACTEUR", "string", "Extractor (or exporter rule) that produced the value."),
    ("PAGE", "integer", "1-indexed page of the source document, when read from it."),
    ("EXTRAIT", "string", "The text the value was read from."),
    ("CONFIANCE", "number", "Confidence 0-1 of the extractor."),
    ("OCR", "boolean", "The page was read by OCR."),
]


class ProvenanceExporter(Exporter):
    name: ClassVar[str] = "provenance"
    filename: ClassVar[str] = "provenance.csv"
    title: ClassVar[str] = "Provenance of every exported cell"

    def start(self, out: Path) -> None:
        super().start(out)
        self._handle, self._writer = open_csv(self.path)
        self._writer.writerow([name for name, _, _ in COLUMNS])
        self.context.cell_sinks.append(self.add)

    def add(self, filename: str, cells: list[Cell]) -> None:
        for cell in cells:
            snippet = " ".join(cell.snippet.split()) if cell.snippet else None
            self._writer.writerow([serialize(v) for v in (
                filename, cell.row, cell.act_id, cell.column, cell.value, cell.source, cell.extractor, cell.page,
                snippet, cell.confidence, cell.ocr,
            )])
            self.rows += 1

    def write(self, act: Act) -> None:
        """Nothing per act: rows arrive through ``add`` as the CSV exporters write cells."""

    def finish(self) -> Path:
        self.context.cell_sinks.remove(self.add)
        self._handle.close()
        return super().finish()

    def schema(self) -> dict:
        fields = [{"name": n, "type": t, "description": d} for n, t, d in COLUMNS]
        for field in fields:
            if field["name"] in {"FICHIER", "LIGNE", "ACTE_ID", "COLONNE", "VALEUR", "SOURCE", "EXTRACTEUR"}:
                field["constraints"] = {"required": True}
            if field["type"] == "boolean":
                field["trueValues"], field["falseValues"] = ["true"], ["false"]
        fields[5]["constraints"]["enum"] = list(SOURCES)
        return {"fields": fields}
