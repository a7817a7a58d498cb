"""actes.jsonl: the full Act model, one per line, provenance and problems included."""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import ClassVar

from actes.exporters.base import Exporter
from actes.schemas.act import Act

_JSON_TO_TABLE = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
                  "object": "object", "array": "array"}


def _table_type(spec: dict, defs: dict) -> str:
    """Table Schema type of one top-level Act property (its JSON Schema ``spec``)."""
    options = [s for s in spec.get("anyOf", [spec]) if s.get("type") != "null"]
    option = options[0] if options else {}
    if "$ref" in option:
        option = defs.get(option["$ref"].rsplit("/", 1)[-1], {})
        if "enum" in option:
            return "string"
        return "object"
    if option.get("format") == "date":
        return "date"
    return _JSON_TO_TABLE.get(option.get("type", ""), "any")


class JsonLinesExporter(Exporter):
    name: ClassVar[str] = "jsonl"
    filename: ClassVar[str] = "actes.jsonl"
    title: ClassVar[str] = "Actes, full model (provenance and problems included)"
    format: ClassVar[str] = "jsonl"
    resource_name: ClassVar[str] = "actes-jsonl"

    def start(self, out: Path) -> None:
        super().start(out)
        self._handle = open(self.path, "w", encoding="utf-8", newline="\n")

    def write(self, act: Act) -> None:
        self._handle.write(act.model_dump_json() + "\n")
        self.rows += 1

    def finish(self) -> Path:
        self._handle.close()
        return super().finish()

    def schema(self) -> dict:
        """One field per top-level key of the Act model, so new keys are described as they come."""
        return copy.deepcopy(_schema())  # built once: a partitioned package describes it per partition


@functools.cache
def _schema() -> dict:
    json_schema = Act.model_json_schema()
    defs = json_schema.get("$defs", {})
    fields = [
        {"name": name, "type": _table_type(spec, defs), "description": spec.get("description", "")}
        for name, spec in json_schema["properties"].items()
    ]
    fields[0]["constraints"] = {"required": True, "unique": True}
    return {"fields": fields, "primaryKey": ["id"]}
