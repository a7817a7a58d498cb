"""validation.json: what Frictionless says of the package, and every row that did not pass as
it was (held, published invalid, or with cells withheld), with its reasons."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import frictionless

from actes.exporters.context import ExportContext

FILENAME = "validation.json"
MAX_ERRORS = 100  # per resource: enough to act on, small enough to read


def frictionless_summary(source: str | Path, schema: str | Path | None = None) -> dict:
    """Validate a data package (or one CSV against ``schema``) with the frictionless library."""
    report = frictionless.validate(str(source), schema=str(schema)) if schema else frictionless.validate(str(source))
    tasks = []
    for task in report.tasks:
        errors = [
            {"row": e.get("rowNumber"), "field": e.get("fieldName"), "type": e.get("type"), "note": e.get("note")}
            for e in (error.to_dict() for error in task.errors[:MAX_ERRORS])
        ]
        tasks.append({"name": task.name, "valid": task.valid, "rows": task.stats.get("rows"), "errors": errors})
    package_errors = [{"type": e.type, "note": e.note} for e in report.errors[:MAX_ERRORS]]
    return {"valid": report.valid, "errors": package_errors, "resources": tasks}


def build(context: ExportContext, counts: dict, frictionless_result: dict) -> dict:
    actions = Counter(verdict.action for verdict in context.verdicts)
    published_invalid = actions.get("published-invalid", 0)
    return {
        "valid": frictionless_result["valid"] and not published_invalid,
        "policy": "publish-invalid" if context.publish_invalid else "hold-invalid",
        "counts": {**counts, **{action.replace("-", "_"): n for action, n in sorted(actions.items())}},
        "rows": [verdict.as_dict() for verdict in context.verdicts],
        "frictionless": frictionless_result,
    }
