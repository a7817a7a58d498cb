"""Exporters registry: one module per format, one line here."""

from __future__ import annotations

from pathlib import Path

from actes.errors import UnknownFormat
from actes.exporters.base import Exporter
from actes.exporters.jsonl import JsonLinesExporter
from actes.exporters.scdl import ScdlDeliberationsExporter
from actes.schemas.act import Act

EXPORTERS: dict[str, type[Exporter]] = {
    "scdl": ScdlDeliberationsExporter,
    "jsonl": JsonLinesExporter,
}


def get_exporter(name: str) -> type[Exporter]:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise UnknownFormat(f'No exporter named "{name}". Available: {", ".join(sorted(EXPORTERS))}') from None


def export_acts(acts, out: Path, formats: list[str] | None = None) -> dict[str, Path]:
    """Write ``acts`` in every format (or ``formats``) under ``out``; return the files written."""
    exporters = [get_exporter(name)() for name in (formats or list(EXPORTERS))]
    for exporter in exporters:
        exporter.start(out)
    for act in acts:
        act: Act
        for exporter in exporters:
            exporter.write(act)
    return {exporter.name: exporter.finish() for exporter in exporters}


__all__ = ["EXPORTERS", "Exporter", "export_acts", "get_exporter"]
