"""Linked data (docs/linked-data.md): one JSON-LD document per act, one per line of
``actes-jsonld.jsonl``; the whole package as N-Triples in ``actes.nt``; the ``@context`` in
``contexte.jsonld``. (One file per act would cost more than the CSV exports themselves: creating
a file takes 1–2 ms on our disks. ``actes publish`` serves each act's document at its own URL.)

Acts are validated against the SHACL shapes (``actes/linked_data/shapes.ttl``) with pyshacl, by
chunks of ``CHUNK`` acts (memory stays bounded), before anything of them is written: an act that
does not conform is held out of the three outputs (``--hold-invalid``, the default) or written
and flagged (``--publish-invalid``); either way ``validation.json`` → ``linked_data`` lists it
with every SHACL result. The acts are those ``prepare`` let through (privacy), as for every file.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import ClassVar

from actes.exporters.base import Exporter
from actes.exporters.context import ExportContext
from actes.linked_data import uris
from actes.linked_data.model import Node, describe, document_line, ox_triples, triples
from actes.linked_data.vocabulary import CONTEXT
from actes.schemas.act import Act

DOCUMENTS = "actes-jsonld.jsonl"
CONTEXT_FILE = "contexte.jsonld"
CHUNK = 500
MAX_FAILURES = 1000  # acts listed in validation.json; the counts cover them all


class JsonLdExporter(Exporter):
    name: ClassVar[str] = "jsonld"
    filename: ClassVar[str] = "actes.nt"
    title: ClassVar[str] = "Actes, linked data (ELI): every act as N-Triples"
    format: ClassVar[str] = "nt"
    resource_name: ClassVar[str] = "actes-rdf"

    def __init__(self, context: ExportContext | None = None, *, base: str | None = None, validate: bool = True) -> None:
        super().__init__(context)
        self.base = uris.base_uri(base)
        self.validate = validate
        self.triples = 0
        self.seconds = {"describe": 0.0, "documents": 0.0, "dump": 0.0, "shacl": 0.0}
        self.failures: list[dict] = []
        self.failed = 0
        self.published_invalid = 0
        self.collisions: list[dict] = []
        self._pending: list[tuple[Act, Node]] = []
        self._uris: dict[str, str] = {}  # template URI → the act that has it
        self._described: set[str] = set()  # authorities already in the dump
        self._authorities: dict[str, Node] = {}  # authority URI → its description

    def start(self, out: Path) -> None:
        import pyoxigraph

        super().start(out)
        self._ox = pyoxigraph
        (out / CONTEXT_FILE).write_text(json.dumps({"@context": CONTEXT}, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
        self._documents = open(out / DOCUMENTS, "w", encoding="utf-8", newline="\n")
        self._dump = open(self.path, "wb")

    def write(self, act: Act) -> None:
        clock = time.perf_counter()
        uri = uris.act_uri(act, self.base)
        owner = self._uris.setdefault(uri, act.id)
        if owner != act.id:  # same authority, nature, date and number: the first act (by ID) keeps it
            self.collisions.append({"act_id": act.id, "uri": uri, "same_as": owner})
            uri = uris.fallback_uri(act, self.base)
        node = describe(act, uri, self.base)
        authority = node.values.get("adoptePar")
        if authority is not None:  # one description per authority: the first act's (names as printed vary)
            node.values["adoptePar"] = self._authorities.setdefault(authority.uri, authority)
        self._pending.append((act, node))
        self.seconds["describe"] += time.perf_counter() - clock
        if len(self._pending) >= CHUNK:
            self._flush()

    def _check(self) -> dict[str, list[dict]]:
        """SHACL results of the pending acts, by act ID."""
        from rdflib import Graph

        clock = time.perf_counter()
        graph = Graph()
        owners: dict[str, list[str]] = {}
        for act, node in self._pending:
            graph.addN((s, p, o, graph) for s, p, o in triples(node))
            owners.setdefault(node.uri, []).append(act.id)
            for child in node.values.values():
                if isinstance(child, Node):
                    owners.setdefault(child.uri, []).append(act.id)
        from actes.linked_data.shacl import validate

        by_act: dict[str, list[dict]] = {}
        for result in validate(graph):
            for act_id in owners.get(result.focus, []):
                by_act.setdefault(act_id, []).append(result.as_dict())
        self.seconds["shacl"] += time.perf_counter() - clock
        return by_act

    def _flush(self) -> None:
        failures = self._check() if self.validate else {}
        dump: list = []  # the chunk's triples, written in one call of pyoxigraph's serialiser
        for act, node in self._pending:
            clock = time.perf_counter()
            try:
                rows = ox_triples(node, self._described)
            except ValueError as error:  # a term N-Triples cannot hold (an IRI that is not one): held
                failures.setdefault(act.id, []).append({"focus": node.uri, "path": None, "constraint": "N-Triples",
                                                        "message": str(error), "value": None})
                rows, writable = [], False
            else:
                writable = True
            self.seconds["dump"] += time.perf_counter() - clock
            if act.id in failures:
                self.failed += 1
                publish = self.context.publish_invalid and writable
                self.published_invalid += publish
                if len(self.failures) < MAX_FAILURES:
                    self.failures.append({"act_id": act.id, "uri": node.uri,
                                          "action": "published-invalid" if publish else "held",
                                          "results": failures[act.id]})
                if not publish:
                    continue
            clock = time.perf_counter()
            self._documents.write(document_line(node))
            between = time.perf_counter()
            dump.extend(rows)
            self.triples += len(rows)
            authority = node.values.get("adoptePar")
            if authority is not None:
                self._described.add(authority.uri)
            self.rows += 1
            self.seconds["documents"] += between - clock
            self.seconds["dump"] += time.perf_counter() - between
        clock = time.perf_counter()
        self._write_dump(dump)
        self.seconds["dump"] += time.perf_counter() - clock
        self._pending = []

    def _write_dump(self, rows: list) -> None:
        if rows:
            self._ox.serialize(rows, self._dump, self._ox.RdfFormat.N_TRIPLES)

    def finish(self) -> Path:
        self._flush()
        self._documents.close()
        self._dump.close()
        return super().finish()

    def outputs(self) -> list[str]:
        return [self.filename, CONTEXT_FILE, DOCUMENTS]

    def resources(self) -> list[dict]:
        return [
            {"name": self.resource_name, "path": self.filename, "title": self.title, "profile": "data-resource",
             "format": "nt", "mediatype": "application/n-triples", "encoding": "utf-8",
             "description": f"Every act as ELI linked data (URIs, context and shapes: docs/linked-data.md). "
                            f"Base: {self.base}"},
            {"name": "actes-jsonld", "path": DOCUMENTS, "title": "Actes, one JSON-LD document per act and per line",
             "profile": "data-resource", "format": "jsonld-lines", "mediatype": "application/jsonl",  # not a table
             "encoding": "utf-8"},
            {"name": "contexte-jsonld", "path": CONTEXT_FILE, "title": "JSON-LD @context of the documents",
             "profile": "data-resource", "format": "jsonld", "mediatype": "application/ld+json", "encoding": "utf-8"},
        ]

    def validation(self) -> dict:
        """validation.json → linked_data: SHACL verdicts per act, URI collisions, figures."""
        return {
            "valid": not self.published_invalid,
            "base": self.base,
            "shacl": "actes/linked_data/shapes.ttl" if self.validate else None,
            "acts": self.rows,
            "triples": self.triples,
            "documents": DOCUMENTS,
            "not_conforming": self.failed,
            "failures": self.failures,
            "uri_collisions": self.collisions,
            "counts": {"rdf_not_conforming": self.failed},  # into validation.json → counts
        }
