"""Linked open data: every published act as ELI JSON-LD with a stable URI, an N-Triples dump,
SHACL shapes (docs/linked-data.md). The exporter is ``actes.exporters.jsonld``."""
