"""The checked half of the linked-data export: each chunk of described acts validated against the
SHACL shapes (pyshacl) and serialised as N-Triples (rdflib's forms of the terms, each distinct
term rendered once: ``model.nt_text``), in this process or in a worker.

``Dumper.chunk`` takes the acts' nodes and says which acts are held (not conforming, or with a
term N-Triples cannot hold) and gives the chunk's N-Triples; it keeps the set of shared nodes
(authorities, séances, councillors) already in the dump, so chunks must come in order.

``Worker`` runs a ``Dumper`` in a forked process, one chunk in flight while the exporter describes
the next acts and the other exporters write their files: on a machine with two cores or more, the
validation and the dump then overlap the rest of the export instead of adding to it. The results
are the same, chunk by chunk, as in this process (a test compares them).
"""

from __future__ import annotations

import multiprocessing
import queue
import time
import traceback
from dataclasses import dataclass, field
from functools import cache

from rdflib import URIRef

from actes.linked_data.model import Node, _is_valid_uri, nt_text, object_term, predicate, triples, value_triples
from actes.linked_data.vocabulary import TERMS


def _unwritable(rows: list) -> str | None:
    """Why rdflib's N-Triples serialiser refuses these triples (an IRI that is not one), or None."""
    for term in (t for row in rows for t in row):
        if isinstance(term, URIRef) and not _is_valid_uri(term):
            return f"<{term}> is not an IRI: N-Triples cannot hold it"
    return None


EVERY = 50  # one act in EVERY is checked against every shape, whatever its form
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
VALUES = "urn:actes:value:"  # the nodes that carry each distinct value to its shapes (never published)


def _survey(node: Node) -> tuple[frozenset, set[str]]:
    """What an act's triples are made of, its *form*: (class, terms) of each node inside it (two
    acts of one form have their triples built by the same code paths from the term table); and
    the URIs of those nodes (whose SHACL results are the act's)."""
    form, stack, seen = set(), [node], set()
    while stack:
        current = stack.pop()
        if current.uri in seen:
            continue
        seen.add(current.uri)
        form.add((current.type, frozenset(current.values)))
        for value in current.values.values():
            for child in value if type(value) is list else (value,):
                if isinstance(child, Node):
                    stack.append(child)
    return frozenset(form), seen


@cache
def _value_terms(paths: frozenset) -> frozenset[str]:
    """The terms of the vocabulary whose predicate a shape of values reads."""
    iris = {str(path) for path in paths}
    return frozenset(name for name, term in TERMS.items() if term.iri in iris)


@dataclass
class Verdict:
    """One act that did not pass: held (default) or published anyway (``--publish-invalid``)."""

    act_id: str
    uri: str
    action: str  # held | published-invalid
    results: list[dict]


@dataclass
class ChunkResult:
    verdicts: list[Verdict] = field(default_factory=list)
    data: list[bytes] = field(default_factory=list)  # the N-Triples of each act written, in order
    triples: int = 0
    seconds: dict = field(default_factory=lambda: {"dump": 0.0, "shacl": 0.0})

    def held(self) -> set[str]:
        return {v.act_id for v in self.verdicts if v.action == "held"}


@dataclass
class Plan:
    """One chunk's share of a SHACL check (``Dumper.plan``)."""

    full: list = field(default_factory=list)  # the triples of the acts checked against every shape
    values: list = field(default_factory=list)  # (subject, class, term, value) of the others
    owners: dict[str, list[str]] = field(default_factory=dict)  # node URI → the acts that hold it


def _nodes(rows: list) -> dict:
    """Each IRI of the triples (subject or object) → the triples it is the subject of."""
    out: dict = {}
    for row in rows:
        out.setdefault(row[0], set()).add(row)
        if isinstance(row[2], URIRef):
            out.setdefault(row[2], set())
    return out


def _passes(plans: list[Plan]) -> list[tuple[list, list[int]]]:
    """The plans' full graphs joined into as few graphs as keep each plan's results: a plan joins a
    graph only if every IRI it holds has there the same triples as in the plan (a node described
    differently by two partitions, or described by one and only cited by the other, goes to another
    pass). Each focus node of a plan then sees in the joined graph exactly what it saw alone (the
    shapes target classes): the same results, in one pyshacl call instead of one per chunk."""
    passes: list[tuple[list, list[int], dict]] = []
    for index, plan in enumerate(plans):
        if not plan.full:
            continue
        mine = _nodes(plan.full)
        for rows, members, known in passes:
            if all(known.get(node, triples_of) == triples_of for node, triples_of in mine.items()):
                rows.extend(row for row in plan.full if row[0] not in known)  # a known node: its triples are there
                for node, triples_of in mine.items():
                    known.setdefault(node, triples_of)
                members.append(index)
                break
        else:
            passes.append((list(plan.full), [index], mine))
    return [(rows, members) for rows, members, _ in passes]


def check_together(plans: list[Plan]) -> list[dict[str, list[dict]]]:
    """SHACL results by act ID of each plan (chunks of one or several partitions), the same as each
    plan checked alone, with one pyshacl call per shapes graph (a few for the full shapes when
    partitions describe a shared node differently: ``_passes``); each distinct (class, property,
    value) of them all checked once against the shapes of values."""
    from dataclasses import replace

    from rdflib import Graph

    from actes.linked_data.shacl import validate, value_shapes

    value_graph, _ = value_shapes()
    found: list[list] = [[] for _ in plans]
    for rows, members in _passes(plans):
        full = Graph()
        full.addN((s, p, o, full) for s, p, o in rows)
        results = validate(full)
        for index in members:
            # Alone, a plan's focus nodes are the subjects of its own full graph: a node only its
            # acts checked on their values hold, described by another plan of the pass, is not its.
            subjects = {str(row[0]) for row in plans[index].full}
            found[index].extend(one for one in results if one.focus in plans[index].owners and one.focus in subjects)
    # (class, term, value) → the node that carries it: the k-th distinct value of each term of a
    # class on its k-th carrier (one value a property: the shapes of values have no cardinality),
    # so a class has as many carriers as its most varied term
    distinct: dict[tuple, str] = {}
    counts: dict[tuple, int] = {}
    classes: dict[str, str] = {}  # carrier → class
    carriers: dict[tuple[str, str], list[tuple[int, str]]] = {}  # (carrier, property) → (plan, node) that have it
    for index, plan in enumerate(plans):
        for subject, cls, name, value in plan.values:
            key = (cls, name, value)
            carrier = distinct.get(key)
            if carrier is None:
                k = counts[key[:2]] = counts.get(key[:2], 0) + 1
                carrier = distinct[key] = f"{VALUES}{cls}/{k}"
                classes[carrier] = cls
            carriers.setdefault((carrier, TERMS[name].iri), []).append((index, subject))
    if distinct:
        values = Graph()
        refs = {carrier: URIRef(carrier) for carrier in classes}
        values.addN((refs[carrier], RDF_TYPE, URIRef(cls), values) for carrier, cls in classes.items())
        values.addN(
            (refs[carrier], predicate(name), object_term(name, value), values)
            for (_, name, value), carrier in distinct.items()
        )
        for one in validate(values, value_graph):
            for index, focus in dict.fromkeys(carriers.get((one.focus, one.path), ())):
                found[index].append(replace(one, focus=focus))
    verdicts = []
    for plan, results in zip(plans, found, strict=True):
        by_act: dict[str, list[dict]] = {}
        for one in results:
            for act_id in plan.owners.get(one.focus, []):
                entry = one.as_dict()
                if entry not in by_act.setdefault(act_id, []):  # a shared node in both graphs
                    by_act[act_id].append(entry)
        for entries in by_act.values():
            entries.sort(key=lambda r: (r["focus"], r["path"] or "", r["constraint"], r["value"] or ""))
        verdicts.append(by_act)
    return verdicts


class Dumper:
    """Validates and serialises chunks of acts, in order; remembers the shared nodes dumped."""

    def __init__(self, validate: bool, publish_invalid: bool, sample: bool = True) -> None:
        self.validate = validate
        self.publish_invalid = publish_invalid
        self.sample = sample  # False: every shape on every act
        self.described: set[str] = set()
        self.forms: set[frozenset] = set()  # the forms of the acts checked against every shape
        self.seen = 0

    def _check(self, items: list[tuple[str, Node]], result: ChunkResult) -> dict[str, list[dict]]:
        """SHACL results of the chunk's acts, by act ID (``check_together`` of this chunk alone)."""
        clock = time.perf_counter()
        found = check_together([self.plan(items)])[0]
        result.seconds["shacl"] += time.perf_counter() - clock
        return found

    def plan(self, items: list[tuple[str, Node]]) -> Plan:
        """What the chunk's acts give the SHACL checks: every shape on the acts of a new form (and
        one act in ``EVERY``); on the others, the shapes of values (``shacl.value_shapes``: one
        value at a time). Chunks must be planned in order (the forms seen, the count)."""
        from actes.linked_data.shacl import value_shapes

        names = _value_terms(value_shapes()[1])
        plan = Plan()
        in_full: set[str] = set()  # shared nodes: once per graph
        in_values: set[str] = set()
        for act_id, node in items:
            self.seen += 1
            shape, inside = _survey(node)
            if self.sample and shape in self.forms and self.seen % EVERY:
                plan.values.extend(value_triples(node, names, in_values))
            else:
                self.forms.add(shape)
                plan.full.extend(triples(node, added=in_full))
            for uri in inside:
                plan.owners.setdefault(uri, []).append(act_id)
        return plan

    def chunk(self, items: list[tuple[str, Node]], failures: dict[str, list[dict]] | None = None) -> ChunkResult:
        """The chunk's verdicts and N-Triples; ``failures``: its SHACL results when already checked
        (``check_together`` of several chunks), else checked here."""
        result = ChunkResult()
        if failures is None:
            failures = self._check(items, result) if self.validate else {}
        ready = []
        for act_id, node in items:
            if act_id in failures:
                action = "published-invalid" if self.publish_invalid else "held"
                result.verdicts.append(Verdict(act_id, node.uri, action, failures[act_id]))
                if action == "held":
                    continue
            ready.append((act_id, node))
        self._render(ready, result)
        return result

    def _render(self, ready: list[tuple[str, Node]], result: ChunkResult) -> None:
        """The N-Triples of the acts (``model.nt_text``: what rdflib's serialiser writes for their
        triples); an act with a term N-Triples cannot hold is held (even with --publish-invalid)
        and reported, the rest of its chunk written."""
        clock = time.perf_counter()
        parts, count = [], 0
        for act_id, node in ready:
            added: set[str] = set()
            try:
                text, lines = nt_text(node, self.described, added)
            except Exception:  # noqa: BLE001 - rdflib refuses a term (plain Exception): say which, hold the act
                why = _unwritable(triples(node, self.described))
                if why is None:
                    raise
                self._hold(act_id, node, why, result)
                continue
            parts.append(text.encode())
            count += lines
            self.described |= added
        result.data, result.triples = parts, count
        result.seconds["dump"] += time.perf_counter() - clock

    @staticmethod
    def _hold(act_id: str, node: Node, why: str, result: ChunkResult) -> None:
        found = {"focus": node.uri, "path": None, "constraint": "N-Triples", "message": why, "value": None}
        for verdict in result.verdicts:
            if verdict.act_id == act_id:  # did not conform and was to be published anyway: held after all
                verdict.action = "held"
                verdict.results.append(found)
                return
        result.verdicts.append(Verdict(act_id, node.uri, "held", [found]))


def _serve(inbox, outbox, validate: bool, publish_invalid: bool) -> None:
    from actes.linked_data.model import node_of, read_line

    dumper = Dumper(validate, publish_invalid)
    while True:
        lines = inbox.get()
        if lines is None:
            break
        try:
            items = [(act_id, node_of(read_line(line))) for act_id, line in lines]
            outbox.put(("ok", dumper.chunk(items)))
        except Exception:  # noqa: BLE001 - reported to the exporter, which raises it
            outbox.put(("error", traceback.format_exc()))
            break


class Worker:
    """A ``Dumper`` in a forked process: ``send`` a chunk's (act ID, the act's JSON), ``receive``
    results in the same order. The worker reads the nodes back from the documents
    (``model.node_of``): strings cross faster than pickled nodes. Both ways are queues, written
    by their own feeder threads, so neither side blocks on a full pipe while the other does."""

    def __init__(self, validate: bool, publish_invalid: bool) -> None:
        context = multiprocessing.get_context("fork")
        self._inbox, self._outbox = context.Queue(), context.Queue()
        self._process = context.Process(
            target=_serve, args=(self._inbox, self._outbox, validate, publish_invalid), daemon=True
        )
        self._process.start()
        self.in_flight = 0

    def send(self, lines: list[tuple[str, str]]) -> None:
        self._inbox.put(lines)
        self.in_flight += 1

    def receive(self) -> ChunkResult:
        while True:
            try:
                status, value = self._outbox.get(timeout=2)
                break
            except queue.Empty:
                if not self._process.is_alive():
                    raise RuntimeError("the linked-data worker died (out of memory?)") from None
        self.in_flight -= 1
        if status != "ok":
            raise RuntimeError(f"the linked-data worker failed:\n{value}")
        return value

    def close(self) -> None:
        self._inbox.put(None)
        self._process.join(timeout=30)
        if self._process.is_alive():  # pragma: no cover - stuck: it is ours, end it
            self._process.terminate()
        self._inbox.close()
        self._outbox.close()
