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
import os
import time
from collections import deque
from pathlib import Path
from typing import ClassVar

from actes.exporters.base import Exporter
from actes.exporters.context import ExportContext
from actes.linked_data import uris
from actes.linked_data.deliberations import Index, catalog_index, find_cited
from actes.linked_data.dump import ChunkResult, Dumper, Worker, check_together
from actes.linked_data.model import HEAD, Node, describe, document_tail
from actes.linked_data.vocabulary import CONTEXT
from actes.schemas.act import Act

DOCUMENTS = "actes-jsonld.jsonl"
CONTEXT_FILE = "contexte.jsonld"
CHUNK = 500
MAX_FAILURES = 1000  # acts listed in validation.json; the counts cover them all
_HEAD = HEAD.encode()  # each line's start (the context), encoded once
# The documents and the dump are written act by act through a buffer of this size: joining each
# chunk's bytes into one object first cost more CPU (a fresh 3 MB copy per file and chunk), and
# the default 8 kB buffer made one system call per act (docs/linked-data.md, Cost).
BUFFER = 1 << 18
WORKER_ENV = "ACTES_LINKED_DATA_WORKER"  # "1": validate and dump in a worker process (a free second core)


class Batch:
    """The SHACL checks of several partitions' JSON-LD exporters in one pass: a pyshacl call has a
    fixed cost (3–6 ms, each shape harvested again) that a night's 200-odd small partitions paid
    once each. The exporters (``context.shared["shacl_batch"]``) hand their chunks here instead of
    checking them; ``settle`` checks every chunk waiting in one ``check_together`` (the same
    verdicts per act as alone), then each exporter writes its acts and, when it has finished,
    closes its files. The export describes a partition's files only after that."""

    LIMIT = 4 * CHUNK  # acts waiting

    def __init__(self) -> None:
        self.waiting: list[tuple[JsonLdExporter, list[tuple[str, Node]], list[tuple[str, str]]]] = []
        self.closing: list[JsonLdExporter] = []
        self.later: list = []  # what the export completes after settle (partitioned.Later)
        self.acts = 0
        self.seconds = {"shacl": 0.0, "jsonld": 0.0}

    def add(self, exporter: JsonLdExporter, items: list[tuple[str, Node]], tails: list[tuple[str, str]]) -> None:
        """A chunk to check; the batch settles itself past ``LIMIT`` acts (a large partition: memory bounded)."""
        self.waiting.append((exporter, items, tails))
        self.acts += len(items)
        if self.acts >= self.LIMIT:
            self.settle(inline=True)

    def settle(self, inline: bool = False) -> None:
        """Check and write every chunk waiting. ``inline``: called from ``add``, i.e. inside an
        exporter's ``write`` or ``finish`` whose wall the export already counts as the exporter's
        step ("jsonld"): only the SHACL part is moved out of it, nothing is added twice."""
        clock = time.perf_counter()
        waiting, self.waiting, self.acts = self.waiting, [], 0
        dumpers = [exporter._own_dumper() for exporter, _, _ in waiting]
        plans = [dumper.plan(items) if dumper.validate else None for dumper, (_, items, _) in zip(dumpers, waiting, strict=True)]
        checked = check_together([plan for plan in plans if plan is not None])
        between = time.perf_counter()
        self.seconds["shacl"] += between - clock
        if inline:
            self.seconds["jsonld"] -= between - clock
        verdicts = iter(checked)
        for dumper, plan, (exporter, items, tails) in zip(dumpers, plans, waiting, strict=True):
            exporter._apply(dumper.chunk(items, next(verdicts) if plan is not None else {}), tails)
        closing, self.closing = self.closing, []
        for exporter in closing:
            exporter._close()
        if not inline:
            self.seconds["jsonld"] += time.perf_counter() - between


def _parallel() -> bool:
    """A worker process for the SHACL check and the dump: only when asked (``ACTES_LINKED_DATA_WORKER=1``)
    and there is a second core. Off by default: on our shared 2-core machine, loaded, the worker
    made the linked data slower, not faster (docs/linked-data.md, Cost)."""
    return os.environ.get(WORKER_ENV, "0") == "1" and (os.cpu_count() or 1) > 1


class JsonLdExporter(Exporter):
    name: ClassVar[str] = "jsonld"
    filename: ClassVar[str] = "actes.nt"
    title: ClassVar[str] = "Actes, linked data (ELI): every act as N-Triples"
    format: ClassVar[str] = "nt"
    resource_name: ClassVar[str] = "actes-rdf"

    def __init__(self, context: ExportContext | None = None, *, base: str | None = None, validate: bool = True,
                 parallel: bool | None = None) -> None:
        super().__init__(context)
        self.base = uris.base_uri(base)
        self.validate = validate
        self.parallel = _parallel() if parallel is None else parallel
        self.triples = 0
        # dump and shacl: in the worker when there is one (overlapping the rest); wait: the export blocked on it
        self.seconds = {"describe": 0.0, "documents": 0.0, "dump": 0.0, "shacl": 0.0, "wait": 0.0}
        self.failures: list[dict] = []
        self.failed = 0
        self.published_invalid = 0
        self.collisions: list[dict] = []
        self._pending: list[tuple[str, Node, str]] = []  # (act ID, node, its line after HEAD: model.document_tail)
        self._dumper: Dumper | None = None
        self._worker: Worker | None = None
        self._waiting: deque[list[tuple[str, str]]] = deque()  # (act ID, document tail) of the chunks in the worker
        self._uris: dict[str, str] = {}  # template URI → the act that has it
        self._registry: dict[str, Node] = {}  # shared node URI → its description (the first act's)
        self._json: dict[str, tuple[Node, str]] = {}  # shared node URI → its JSON (model.document_tail)
        self._citable = Index()  # the délibérations an act may cite: the catalog's and the package's
        self._batch: Batch | None = self.context.shared.get("shacl_batch")  # checks of several partitions at once

    def start(self, out: Path) -> None:
        super().start(out)
        (out / CONTEXT_FILE).write_text(json.dumps({"@context": CONTEXT}, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
        self._documents = open(out / DOCUMENTS, "wb", buffering=BUFFER)  # UTF-8 lines, encoded here
        self._dump = open(self.path, "wb", buffering=BUFFER)
        # A partition of acts without SIREN cites nothing (Index.resolve needs the act's SIREN): no lookup.
        if self.context.catalog is not None and (self.context.partition is None or self.context.siren is not None):
            self._citable = catalog_index(self.context.catalog, self.base, siren=self.context.siren)

    def write(self, act: Act) -> None:
        clock = time.perf_counter()
        uri = uris.act_uri(act, self.base)
        owner = self._uris.setdefault(uri, act.id)
        if owner != act.id:  # same authority, nature, date and number: the first act (by ID) keeps it
            self.collisions.append({"act_id": act.id, "uri": uri, "same_as": owner})
            uri = uris.fallback_uri(act, self.base)
        nature = getattr(act.nature, "_value_", act.nature)
        self._citable.add(act.id, act.collectivite.siren, nature, act.date_decision, act.numero, uri)
        cited = self._citable.resolve(act, find_cited(act.text)) if act.text else None
        # one description per shared node (authority, séance, councillor): the first act's
        node = describe(act, uri, self.base, registry=self._registry, cited=cited)
        between = time.perf_counter()
        self._pending.append((act.id, node, document_tail(node, self._json)))
        self.seconds["describe"] += between - clock
        self.seconds["documents"] += time.perf_counter() - between
        if len(self._pending) >= CHUNK:
            self._flush()

    def _flush(self, final: bool = False) -> None:
        """The pending acts to the dumper (the worker's, started at the first full chunk, or this
        process's); the verdicts that came back applied, in order."""
        if self._pending:
            items = [(act_id, node) for act_id, node, _ in self._pending]
            tails = [(act_id, tail) for act_id, _, tail in self._pending]
            self._pending = []
            if self._batch is not None:  # no worker then: the batch checks
                self._batch.add(self, items, tails)
                return
            if self._worker is None and self.parallel and not final and self._dumper is None:
                self._worker = Worker(self.validate, self.context.publish_invalid)
            if self._worker is not None:
                self._worker.send([(act_id, "{" + tail) for act_id, tail in tails])  # each act's JSON
                self._waiting.append(tails)
            else:
                self._apply(self._own_dumper().chunk(items), tails)
        if self._worker is not None:
            while self._worker.in_flight > (0 if final else 1):  # one chunk in flight while the export goes on
                clock = time.perf_counter()
                result = self._worker.receive()
                self.seconds["wait"] += time.perf_counter() - clock
                self._apply(result, self._waiting.popleft())

    def _own_dumper(self) -> Dumper:
        if self._dumper is None:
            self._dumper = Dumper(self.validate, self.context.publish_invalid)
            # the act forms already checked against every shape, by this export's other partitions
            self._dumper.forms = self.context.shared.setdefault("shacl_forms", self._dumper.forms)
        return self._dumper

    def _apply(self, result: ChunkResult, tails: list[tuple[str, str]]) -> None:
        held = result.held()
        for verdict in result.verdicts:
            self.failed += 1
            self.published_invalid += verdict.action == "published-invalid"
            if len(self.failures) < MAX_FAILURES:
                self.failures.append({"act_id": verdict.act_id, "uri": verdict.uri, "action": verdict.action,
                                      "results": verdict.results})
        clock = time.perf_counter()
        written = [tail.encode() for act_id, tail in tails if act_id not in held]
        self._documents.writelines([part for tail in written for part in (_HEAD, tail)])  # a line: HEAD, tail
        self.seconds["documents"] += time.perf_counter() - clock
        self._dump.writelines(result.data)
        self.rows += len(written)
        self.triples += result.triples
        for name in ("dump", "shacl"):
            self.seconds[name] += result.seconds[name]

    def finish(self) -> Path:
        """The last acts checked and written, the files closed; with a ``Batch``, handed to it:
        its ``settle`` checks, writes and closes them (the files are incomplete until then)."""
        try:
            self._flush(final=True)
        finally:
            if self._worker is not None:
                self._worker.close()
                self._worker = None
        if self._batch is not None:
            self._batch.closing.append(self)
        else:
            self._close()
        return super().finish()

    def _close(self) -> None:
        self._documents.close()
        self._dump.close()

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
