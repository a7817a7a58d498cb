"""Exporters registry: one module per format, one line here.

Every exporter follows the lifecycle of ``base.Exporter`` and describes its file as a
Frictionless resource; ``actes.exporters.package.export_package`` runs them all, then writes
datapackage.json and validation.json.
"""

from __future__ import annotations

from pathlib import Path

from actes.errors import UnknownFormat
from actes.exporters.actes_csv import ActesCsvExporter
from actes.exporters.base import Exporter
from actes.exporters.context import ExportContext
from actes.exporters.jsonl import JsonLinesExporter
from actes.exporters.jsonld import JsonLdExporter
from actes.exporters.provenance import ProvenanceExporter
from actes.exporters.scdl import ScdlDeliberationsExporter
from actes.exporters.seances import PresencesCsvExporter, SeancesCsvExporter, VotesNominatifsCsvExporter

EXPORTERS: dict[str, type[Exporter]] = {
    "scdl": ScdlDeliberationsExporter,
    "actes_csv": ActesCsvExporter,
    "jsonl": JsonLinesExporter,
    "provenance": ProvenanceExporter,
    "seances": SeancesCsvExporter,  # meetings and attendance (actes.minutes)
    "presences": PresencesCsvExporter,
    "votes_nominatifs": VotesNominatifsCsvExporter,  # named votes of the points of minutes
    "jsonld": JsonLdExporter,  # linked data (docs/linked-data.md)
}


def get_exporter(name: str) -> type[Exporter]:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise UnknownFormat(f'No exporter named "{name}". Available: {", ".join(sorted(EXPORTERS))}') from None


def export_acts(acts, out: Path, formats: list[str] | None = None, context: ExportContext | None = None) -> dict[str, Path]:
    """Write ``acts`` in every format (or ``formats``) under ``out``; return the files written.

    The bare lifecycle, without preparation, data package nor validation report: see
    ``actes.exporters.package.export_package`` for the published package.
    """
    context = context or ExportContext()
    exporters = [get_exporter(name)(context) for name in (formats or list(EXPORTERS))]
    for exporter in exporters:
        exporter.start(out)
    for act in acts:
        for exporter in exporters:
            exporter.write(act)
    return {exporter.name: exporter.finish() for exporter in exporters}


__all__ = ["EXPORTERS", "ExportContext", "Exporter", "export_acts", "get_exporter"]
