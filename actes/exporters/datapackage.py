"""datapackage.json (Frictionless Data Package): one resource per file written, with its Table
Schema, sha256, size and row count, and what produced the package (versions, date, selection)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from actes.exporters.base import Exporter
from actes.exporters.scdl import SCDL_VERSION
from actes.exporters.selection import Selection
from actes.readers.base import sha256_of
from actes.referential.national import package_source
from actes.version import EXTRACTOR_VERSION, __version__

FILENAME = "datapackage.json"


def resource_of(exporter: Exporter, out: Path, resource: dict | None = None) -> dict:
    """A resource of the exporter (default: its one file), with the checksums Frictionless verifies."""
    resource = dict(resource or exporter.resource())
    path = out / resource["path"]
    sha, size = sha256_of(path), path.stat().st_size
    resource["hash"] = f"sha256:{sha}"
    resource["bytes"] = size
    resource["stats"] = {"sha256": sha, "bytes": size}
    if resource.get("profile") == "tabular-data-resource":
        resource["stats"]["rows"] = exporter.rows
    return resource


def describe(exporters: list[Exporter], out: Path, selection: Selection, created: dt.datetime) -> dict:
    resources = [resource_of(exporter, out, r) for exporter in exporters for r in exporter.resources()]
    return package(resources, selection, created)


def package(resources: list[dict], selection: Selection, created: dt.datetime) -> dict:
    """The package descriptor around its resources: profile, versions, sources, selection."""
    referential = package_source()  # the national referential that named the authorities
    tabular = all(r.get("profile") == "tabular-data-resource" for r in resources)
    return {
        "profile": "tabular-data-package" if tabular else "data-package",  # the RDF dump is not a table
        "name": "actes",
        "title": "Actes des collectivités (délibérations SCDL, tous actes, provenance)",
        "created": created.isoformat(timespec="seconds"),
        "resources": resources,
        **({"sources": [referential]} if referential else {}),
        "actes": {
            "version": __version__,
            "extractor_version": EXTRACTOR_VERSION,
            "scdl_deliberations_version": SCDL_VERSION,
            "scdl_schema": f"https://schema.data.gouv.fr/scdl/deliberations/{SCDL_VERSION}/",
            "selection": selection.as_dict(),
            "validation_report": "validation.json",
        },
    }
