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

import io
import json
import time
from pathlib import Path
from typing import ClassVar

from rdflib import URIRef

from actes.exporters.base import Exporter
from actes.exporters.context import ExportContext
from actes.linked_data import uris
from actes.linked_data.deliberations import Index, catalog_index, find_cited
from actes.linked_data.model import Node, describe, document_line, triples
from actes.linked_data.vocabulary import CONTEXT
from actes.schemas.act import Act

try:  # rdflib's own test of what its N-Triples serialiser accepts
    from rdflib.term import _is_valid_uri
except ImportError:  # pragma: no cover - another rdflib
    def _is_valid_uri(uri: str) -> bool:
        return not any(c in uri for c in '<>" {}|\\^`')



def _unwritable(rows: list) -> str | None:
    """Why rdflib's N-Triples serialiser refuses these triples (an IRI that is not one), or None."""
    for term in (t for row in rows for t in row):
        if isinstance(term, URIRef) and not _is_valid_uri(term):
            return f"<{term}> is not an IRI: N-Triples cannot hold it"
    return None


def _uris(node: Node, seen: set[str] | None = None) -> set[str]:
    """The URIs of a node and of every node inside it (whose SHACL results are the act's)."""
    seen = set() if seen is None else seen
    seen.add(node.uri)
    for value in node.values.values():
        for child in value if isinstance(value, list) else (value,):
            if isinstance(child, Node) and child.uri not in seen:
                _uris(child, seen)
    return seen


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
        self._described: set[str] = set()  # shared nodes (authorities, séances, councillors) already in the dump
        self._registry: dict[str, Node] = {}  # shared node URI → its description (the first act's)
        self._citable = Index()  # the délibérations an act may cite: the catalog's and the package's

    def start(self, out: Path) -> None:
        from rdflib.plugins.serializers.nt import NTSerializer

        super().start(out)
        self._serializer = NTSerializer
        (out / CONTEXT_FILE).write_text(json.dumps({"@context": CONTEXT}, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
        self._documents = open(out / DOCUMENTS, "w", encoding="utf-8", newline="\n")
        self._dump = open(self.path, "wb")
        if self.context.catalog is not None:
            self._citable = catalog_index(self.context.catalog, self.base)

    def write(self, act: Act) -> None:
        clock = time.perf_counter()
        uri = uris.act_uri(act, self.base)
        owner = self._uris.setdefault(uri, act.id)
        if owner != act.id:  # same authority, nature, date and number: the first act (by ID) keeps it
            self.collisions.append({"act_id": act.id, "uri": uri, "same_as": owner})
            uri = uris.fallback_uri(act, self.base)
        nature = getattr(act.nature, "value", act.nature)
        self._citable.add(act.id, act.collectivite.siren, nature, act.date_decision, act.numero, uri)
        cited = self._citable.resolve(act, find_cited(act.text)) if act.text else None
        node = describe(act, uri, self.base, registry=self._registry, cited=cited)
        authority = node.values.get("adoptePar")
        if authority is not None:  # one description per authority: the first act's (names as printed vary)
            node.values["adoptePar"] = self._registry.setdefault(authority.uri, authority)
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
        described: set[str] = set()  # shared nodes: once in the chunk's graph
        for act, node in self._pending:
            graph.addN((s, p, o, graph) for s, p, o in triples(node, added=described))
            for uri in _uris(node):
                owners.setdefault(uri, []).append(act.id)
        from actes.linked_data.shacl import validate

        by_act: dict[str, list[dict]] = {}
        for result in validate(graph):
            for act_id in owners.get(result.focus, []):
                by_act.setdefault(act_id, []).append(result.as_dict())
        self.seconds["shacl"] += time.perf_counter() - clock
        return by_act

    def _flush(self) -> None:
        failures = self._check() if self.validate else {}
        ready: list[tuple[Act, Node]] = []
        for act, node in self._pending:
            if act.id in failures:
                self.failed += 1
                publish = self.context.publish_invalid
                self.published_invalid += publish
                if len(self.failures) < MAX_FAILURES:
                    self.failures.append({"act_id": act.id, "uri": node.uri,
                                          "action": "published-invalid" if publish else "held",
                                          "results": failures[act.id]})
                if not publish:
                    continue
            ready.append((act, node))
        described = set(self._described)
        try:  # into a buffer: nothing of the chunk is written if a term is refused
            lines, data = self._render(ready, failures, check=False)
        except Exception:  # noqa: BLE001 - rdflib refuses a term (plain Exception): find the acts, hold them
            self._described = described
            lines, data = self._render(ready, failures, check=True)
        clock = time.perf_counter()
        self._documents.writelines(lines)
        between = time.perf_counter()
        self._dump.write(data)
        self.seconds["documents"] += between - clock
        self.seconds["dump"] += time.perf_counter() - between
        self.rows += len(lines)
        self._pending = []

    def _render(self, ready: list[tuple[Act, Node]], failures: dict, check: bool) -> tuple[list[str], bytes]:
        """The documents' lines and the N-Triples of the acts; with ``check``, acts with a term
        N-Triples cannot hold are held (even with --publish-invalid) and reported."""
        lines, buffer, count, documents, dump = [], io.BytesIO(), 0, 0.0, 0.0
        for act, node in ready:
            clock = time.perf_counter()
            line = document_line(node)
            between = time.perf_counter()
            added: set[str] = set()
            rows = triples(node, self._described, added)
            if check and (why := _unwritable(rows)):
                self._hold(act, node, why, act.id in failures)
                continue
            self._serializer(rows).serialize(buffer)  # act by act: few live objects, little for the GC to scan
            documents += between - clock
            dump += time.perf_counter() - between
            lines.append(line)
            count += len(rows)
            self._described |= added
        self.triples += count
        self.seconds["documents"] += documents
        self.seconds["dump"] += dump
        return lines, buffer.getvalue()

    def _hold(self, act: Act, node: Node, why: str, counted: bool) -> None:
        result = {"focus": node.uri, "path": None, "constraint": "N-Triples", "message": why, "value": None}
        if counted:  # did not conform, counted and listed as published-invalid: held after all
            self.published_invalid -= 1
            for entry in self.failures:
                if entry["act_id"] == act.id:
                    entry["action"] = "held"
                    entry["results"].append(result)
            return
        self.failed += 1
        if len(self.failures) < MAX_FAILURES:
            self.failures.append({"act_id": act.id, "uri": node.uri, "action": "held", "results": [result]})

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
