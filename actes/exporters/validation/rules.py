"""Row checks driven by a Table Schema: its field constraints, and the custom checks the SCDL
validator (Validata) runs, named as in the schema's ``custom_checks``.

Frictionless checks the field constraints too, on the written file; checking each row before
it is written is what lets the exporter hold a row out, or withhold inconsistent cells, and
say why in validation.json.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from importlib import resources
from urllib.parse import urlparse

from stdnum.fr import siret as siret_mod

from actes.exporters.context import Issue
from actes.reference.matieres import MATIERES_1, is_known, scdl_nom
from actes.referential import name_key

SCDL_SCHEMA = "scdl_deliberations_2.1.5.json"
LEVEL_1_KEYS = {name_key(label) for label in MATIERES_1.values()}
OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq}

Row = dict[str, str]


@cache
def scdl_schema() -> dict:
    """The project's copy of SCDL Délibérations 2.1.5 (actes/reference)."""
    text = resources.files("actes.reference").joinpath(SCDL_SCHEMA).read_text(encoding="utf-8")
    return json.loads(text)


def _typed(value: str) -> object:
    """A cell as a comparable value: date, integer, or the string itself."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    if re.fullmatch(r"-?\d+", value):
        return int(value)
    return value


# Field constraints
def _is_iso_date(value: str) -> bool:
    try:
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def field_issues(field: dict, value: str) -> Iterator[Issue]:
    name, constraints = field["name"], field.get("constraints", {})
    if not value:
        if constraints.get("required"):
            yield Issue("required", name, f"{name} is required and empty", (name,))
        return
    kind = field.get("type", "string")
    if kind == "date" and not _is_iso_date(value):
        yield Issue("type-error", name, f"{name} {value!r} is not a date AAAA-MM-JJ", (name,))
    elif kind == "integer" and not re.fullmatch(r"-?\d+", value):
        yield Issue("type-error", name, f"{name} {value!r} is not an integer", (name,))
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        yield Issue("constraint-error", name, f"{name} {value!r} does not match {constraints['pattern']}", (name,))
    if field.get("format") == "uri":
        parsed = urlparse(value)
        if not (parsed.scheme and parsed.netloc):
            yield Issue("type-error", name, f"{name} {value!r} is not a URI", (name,))


# Custom checks (Validata's names)
@lru_cache(maxsize=4096)
def _siret_ok(value: str) -> bool:
    return siret_mod.is_valid(value)  # ~0.4 ms each; a package repeats few SIRETs


def french_siret(row: Row, column: str) -> Iterator[Issue]:
    value = row.get(column, "")
    if value and not _siret_ok(value):
        yield Issue("french-siret-value", column, f"{column} {value} is not a valid SIRET (Luhn key)", (column,))


def year_interval(row: Row, column: str, **params) -> Iterator[Issue]:
    value = row.get(column, "")
    if not value:
        return
    match = re.fullmatch(r"(\d{4})(?:/(\d{4}))?", value)
    only_year = params.get("allow-year-only") == "yes"
    if not match or (match[2] is None and not only_year) or (match[2] and int(match[2]) <= int(match[1])):
        yield Issue("year-interval-value", column, f"{column} {value!r} is not a year AAAA or an interval AAAA/AAAA (second year after the first)", (column,))


def cohesive_columns(row: Row, column: str, othercolumns: list[str]) -> Iterator[Issue]:
    group = [column, *othercolumns]
    filled = [c for c in group if row.get(c)]
    if filled and len(filled) != len(group):
        empty = [c for c in group if not row.get(c)]
        yield Issue("cohesive-columns-value", column, f"{', '.join(filled)} filled but {', '.join(empty)} empty: fill all or none", tuple(group))


def compare_columns(row: Row, column: str, op: str, column2: str) -> Iterator[Issue]:
    a, b = row.get(column, ""), row.get(column2, "")
    if not (a and b):
        return
    left, right = _typed(a), _typed(b)
    if type(left) is type(right) and not OPS[op](left, right):
        yield Issue("compare-columns-value", column, f"{column} {a} {op} {column2} {b} is false", (column, column2))


def sum_columns(row: Row, column: str, columns: list[str]) -> Iterator[Issue]:
    group = [column, *columns]
    if not all(re.fullmatch(r"-?\d+", row.get(c, "")) for c in group):
        return
    total = sum(int(row[c]) for c in columns)
    if int(row[column]) != total:
        yield Issue("sum-columns-value", column, f"{column} {row[column]} ≠ {' + '.join(columns)} = {total}", tuple(group))


def nomenclature_actes(row: Row, column: str) -> Iterator[Issue]:
    value = row.get(column, "")
    if not value:
        return
    if "/" not in value:
        yield Issue("nomenclature-actes-value", column, f"{column} {value!r} has no '/' between matière and sous-matière", (column,))
    elif name_key(value.split("/", 1)[0]) not in LEVEL_1_KEYS:
        yield Issue("nomenclature-actes-value", column, f"{column} {value!r}: matière {value.split('/', 1)[0]!r} is not in the ACTES nomenclature", (column,))
    code = row.get("DELIB_MATIERE_CODE", "")
    if code and is_known(code) and value != scdl_nom(code):
        yield Issue("nomenclature-actes-value", column, f"{column} {value!r} is not the name of code {code} ({scdl_nom(code)!r})", (column, "DELIB_MATIERE_CODE"))


CUSTOM_CHECKS: dict[str, Callable[..., Iterator[Issue]]] = {
    "french-siret-value": french_siret,
    "year-interval-value": year_interval,
    "cohesive-columns-value": cohesive_columns,
    "compare-columns-value": compare_columns,
    "sum-columns-value": sum_columns,
    "nomenclature-actes-value": nomenclature_actes,
}


def check_row(row: Row, schema: dict | None = None) -> list[Issue]:
    """Every issue the validator would raise on ``row`` (column name → cell text)."""
    schema = schema or scdl_schema()
    issues = [issue for field in schema["fields"] for issue in field_issues(field, row.get(field["name"], ""))]
    for check in schema.get("custom_checks", []):
        issues.extend(CUSTOM_CHECKS[check["name"]](row, **check["params"]))
    return issues
