"""Columns of the CSV files and the explanation of each cell they hold.

A ``Column`` says how a cell is computed from an Act and which Act field explains it; ``explain``
turns that into the provenance row users check the cell against (provenance.csv).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from actes.schemas.act import Act

if TYPE_CHECKING:
    from actes.exporters.context import ExportContext

# Where a cell's value comes from (provenance.csv "source"): the Act's own provenance kinds,
# plus "referential" (the user's collectivités CSV) and "unrecorded" (a value with no provenance).
SOURCES = ("clerk", "envelope", "stamp", "text", "ocr", "nlp", "derived", "referential", "unrecorded")


@dataclass(frozen=True)
class Column:
    """One column: its name, how to get its value, and what explains it.

    ``field`` is the dotted Act path whose provenance explains the cell ("votes.pour").
    ``via`` is None when the cell copies ``field``; "derived" when it is computed from it (a
    label from a code); "referential" when it comes from the collectivités referential if the
    act matches an entry there, else from ``field``.
    """

    name: str
    get: Callable[[Act, ExportContext], Any]
    field: str | None = None
    via: str | None = None
    fallback: str | None = None  # the field the cell is derived from when ``field`` is empty (DELIB_ID ← @CTES ID)
    explainer: Callable[[Act, str, ExportContext], Cell | None] | None = None  # a cell with several sources (COLL_SIRET)


def _value(act: Act, field: str) -> Any:
    value: Any = act
    for part in field.split("."):
        value = getattr(value, part)
    return value


def field_column(name: str, field: str, via: str | None = None) -> Column:
    """A column copying the Act value at the dotted path ``field``."""
    return Column(name, lambda act, _ctx: _value(act, field), field, via)


@dataclass
class Cell:
    """The provenance of one non-empty exported cell."""

    act_id: str
    column: str
    value: str
    source: str
    extractor: str
    page: int | None = None
    snippet: str | None = None
    confidence: float | None = None
    ocr: bool = False
    row: int | None = None  # 1-indexed data row of the cell in its file (header not counted)


def explain(act: Act, column: Column, value: str, ctx: ExportContext) -> Cell:
    """Where the non-empty ``value`` of ``column`` for ``act`` came from."""
    if column.explainer is not None:
        cell = column.explainer(act, value, ctx)
        if cell is not None:
            return cell
    if column.via == "referential":
        match = ctx.match(act)
        if match is not None:
            return Cell(
                act.id, column.name, value, "referential", f"referential:{match.by}",
                snippet=match.entry.snippet(ctx.referential.path), confidence=match.confidence,
            )
    prov = act.provenance.get(column.field) if column.field else None
    if column.fallback and column.field and _value(act, column.field) is None and column.fallback in act.provenance:
        origin = act.provenance[column.fallback]
        return Cell(act.id, column.name, value, "derived", f"exporter:{column.name}<-{origin.extractor}",
                    page=origin.page, snippet=origin.snippet, confidence=origin.confidence, ocr=origin.ocr)
    if prov is None:
        source = "derived" if column.via == "derived" or column.field is None else "unrecorded"
        return Cell(act.id, column.name, value, source, f"exporter:{column.name}")
    derived = column.via == "derived"
    return Cell(
        act.id, column.name, value,
        source="derived" if derived else prov.source.value,
        extractor=f"exporter:{column.name}<-{prov.extractor}" if derived else prov.extractor,
        page=prov.page, snippet=prov.snippet, confidence=prov.confidence, ocr=prov.ocr,
    )
