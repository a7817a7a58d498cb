"""validation.json: what Frictionless says of the package, and every row that did not pass as
it was (held, published invalid, or with cells withheld), with its reasons."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import frictionless

from actes.exporters.context import ExportContext

FILENAME = "validation.json"
MAX_ERRORS = 100  # per resource: enough to act on, small enough to read


def frictionless_summary(datapackage: str | Path) -> dict:
    """Validate a data package with the frictionless library (checksums, row counts, schemas)."""
    return _summary(frictionless.validate(str(datapackage)))


def _summary(report: frictionless.Report) -> dict:
    tasks = []
    for task in report.tasks:
        errors = [
            {"row": e.get("rowNumber"), "field": e.get("fieldName"), "type": e.get("type"), "note": e.get("note")}
            for e in (error.to_dict() for error in task.errors[:MAX_ERRORS])
        ]
        tasks.append({"name": task.name, "valid": task.valid, "rows": task.stats.get("rows"), "errors": errors})
    package_errors = [{"type": e.type, "note": e.note} for e in report.errors[:MAX_ERRORS]]
    return {"valid": report.valid, "errors": package_errors, "resources": tasks}


def validate_table(csv_path: str | Path, schema_path: str | Path) -> dict:
    """One CSV against a Table Schema file (e.g. the official SCDL schema.json)."""
    csv_path = Path(csv_path)
    schema = frictionless.Schema.from_descriptor(json.loads(Path(schema_path).read_text(encoding="utf-8")))
    resource = frictionless.Resource(path=csv_path.name, basepath=str(csv_path.parent), schema=schema)
    return _summary(frictionless.validate(resource))


def build(context: ExportContext, counts: dict, frictionless_result: dict, not_published: list[str] = ()) -> dict:
    actions = Counter(verdict.action for verdict in context.verdicts)
    published_invalid = actions.get("published-invalid", 0)
    # Délibérations kept out of (or flagged in) deliberations.csv for want of a level-2 matière.
    matiere_unknown = sum(any(i.check == "matiere-unknown" for i in v.issues) for v in context.verdicts)
    return {
        "valid": frictionless_result["valid"] and not published_invalid,
        "policy": "publish-invalid" if context.publish_invalid else "hold-invalid",
        "counts": {**counts, **{action.replace("-", "_"): n for action, n in sorted(actions.items())},
                   "matiere_unknown": matiere_unknown},
        "referential": {
            "path": context.referential.path if context.referential else None,
            "entries": len(context.referential.entries) if context.referential else 0,
            "not_found": dict(context.unmatched.most_common()),  # what to add to the referential
        },
        "not_published": list(not_published),  # kept out of every file by prepare() (privacy review)
        "rows": [verdict.as_dict() for verdict in context.verdicts],
        "frictionless": frictionless_result,
    }
