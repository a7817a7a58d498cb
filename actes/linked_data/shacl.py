"""SHACL validation of the linked data with pyshacl, against ``shapes.ttl``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import RDF, Graph, Namespace

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES_FILE = "shapes.ttl"


@cache
def shapes() -> Graph:
    """The shapes graph, parsed once per process."""
    text = resources.files("actes.linked_data").joinpath(SHAPES_FILE).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


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


def validate(data: Graph) -> list[Result]:
    """Every violation of the shapes in ``data`` (empty when it conforms). ``data`` may be
    modified (pyshacl runs in place, without inference: the shapes need none)."""
    from pyshacl import validate as pyshacl_validate

    conforms, report, _ = pyshacl_validate(data, shacl_graph=shapes(), inference="none", inplace=True,
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
