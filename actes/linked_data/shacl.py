"""SHACL validation of the linked data with pyshacl, against ``shapes.ttl``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import RDF, Graph, Namespace

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES_FILE = "shapes.ttl"


TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")
NESTING = ("node", "property", "qualifiedValueShape", "not", "and", "or", "xone")  # shapes inside shapes


def written() -> Graph:
    """``shapes.ttl`` as written (the single source of the constraints)."""
    text = resources.files("actes.linked_data").joinpath(SHAPES_FILE).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@cache
def shapes() -> Graph:
    """The shapes graph, parsed once per process, each node shape's property shapes given the
    node shape's targets (``targeted``)."""
    return targeted(written())


def targeted(graph: Graph) -> Graph:
    """The same constraints on the same focus nodes, in the form pyshacl evaluates fastest.

    A node shape that is only a target (no other shape refers to it) and ``sh:property`` P:
    P is checked on every focus node of the node shape. Giving P the node shape's targets says
    the same thing in SHACL (a property shape may have targets), and pyshacl then evaluates P
    once over all its focus nodes, instead of once per focus node (~3x faster on our shapes).
    The results differ only in ``sh:sourceShape``, which validation.json does not report;
    tests/linked_data/test_shapes.py checks that both forms give the same results.
    """
    out = Graph()
    for prefix, namespace in graph.namespaces():  # pyshacl's messages name paths by the shapes' prefixes
        out.bind(prefix, namespace, replace=True)
    for row in graph:
        out.add(row)
    nested = {o for p in NESTING for o in graph.objects(None, SH[p])}
    for shape in set(graph.subjects(RDF.type, SH.NodeShape)) - nested:
        targets = [(SH[t], o) for t in TARGETS for o in graph.objects(shape, SH[t])]
        if not targets or any(graph.objects(shape, SH.deactivated)):
            continue
        for prop in graph.objects(shape, SH.property):
            if len(set(graph.subjects(SH.property, prop))) > 1:  # shared by two node shapes: left as written
                continue
            out.remove((shape, SH.property, prop))
            out.add((prop, RDF.type, SH.PropertyShape))
            for predicate, target in targets:
                out.add((prop, predicate, target))
    return out


# Constraints on the values themselves (codes, patterns, counts ≥ 0, names never placeholders):
# what the data decides. The others (datatype, node kind, class, cardinalities) follow from the
# term table that builds every triple (``vocabulary.TERMS``): the same for every act of a shape.
VALUE_CONSTRAINTS = ("pattern", "in", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive",
                     "minLength", "maxLength", "hasValue", "languageIn")


@cache
def value_shapes() -> tuple[Graph, frozenset]:
    """The property shapes of ``shapes()`` that constrain values, alone, without their
    cardinalities (of structure too): each constraint left is about one value at a time. And
    their paths (the triples they read, with the types of their focus nodes)."""
    full = shapes()
    out = Graph()
    for prefix, namespace in full.namespaces():
        out.bind(prefix, namespace, replace=True)
    kept, paths = set(), set()
    for shape in set(full.subjects(RDF.type, SH.PropertyShape)):
        if any((shape, SH[c], None) in full for c in VALUE_CONSTRAINTS):  # (a Literal 0 is falsy)
            kept.add(shape)
            paths.add(full.value(shape, SH.path))
    shaped = set(full.subjects(RDF.type, SH.PropertyShape)) | set(full.subjects(RDF.type, SH.NodeShape))
    for s, p, o in full:
        if s in shaped and s not in kept:
            continue  # a shape of structure only, or a node shape (its property shapes carry its targets)
        if s in kept and p in (SH.minCount, SH.maxCount):
            continue
        out.add((s, p, o))
    return out, frozenset(paths)


@dataclass(frozen=True)
class Result:
    """One SHACL validation result: the node that fails, the property, the constraint, why."""

    focus: str
    path: str | None
    constraint: str  # e.g. "MinCountConstraintComponent"
    message: str
    value: str | None = None

    def as_dict(self) -> dict:
        return {"focus": self.focus, "path": self.path, "constraint": self.constraint,
                "message": self.message, "value": self.value}


def validate(data: Graph, shapes_graph: Graph | None = None) -> list[Result]:
    """Every violation of the shapes (``shapes()`` by default) in ``data`` (empty when it conforms).
    ``data`` may be modified (pyshacl runs in place, without inference: the shapes need none)."""
    from pyshacl import validate as pyshacl_validate

    conforms, report, _ = pyshacl_validate(data, shacl_graph=shapes() if shapes_graph is None else shapes_graph, inference="none", inplace=True,
                                           advanced=False, abort_on_first=False, allow_warnings=True)
    if conforms:
        return []
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        component = report.value(node, SH.sourceConstraintComponent)
        path, value, message = (report.value(node, SH.resultPath), report.value(node, SH.value),
                                report.value(node, SH.resultMessage))
        results.append(Result(
            focus=str(report.value(node, SH.focusNode)),
            path=str(path) if path is not None else None,
            constraint=str(component).rsplit("#", 1)[-1] if component is not None else "?",
            message=str(message) if message is not None else "",
            value=str(value) if value is not None else None,
        ))
    results.sort(key=lambda r: (r.focus, r.path or "", r.constraint))
    return results
