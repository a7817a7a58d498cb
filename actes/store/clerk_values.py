"""Values a clerk set by hand (table ``clerk_values``): they win over extraction and outlive it.

``record_value`` stores one and rewrites the stored act at once (its data and its provenance
row), so every export, page and feed sees it without re-running anything; ``Catalog.record``
calls ``reapply`` so a re-extracted act (a new extractor version) gets it back. The latest value
per (act, field) counts. Applying a value to an ``Act`` is the field's own business
(``APPLIERS``: ``actes.matiere.clerk`` for ``matiere.code``, ``actes.referential.clerk`` for
``collectivite.siren``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from actes.schemas.act import Act
from actes.schemas.provenance import Candidate, FieldProvenance, SourceKind
from actes.store import partitions
from actes.store import tables as t

EXTRACTOR = "review:clerk"


def clerk_note(reviewer: str | None, decided_at: dt.datetime) -> str:
    """Who set a value by hand and when: the snippet of its provenance."""
    return f"set by {reviewer or 'a clerk'} on {decided_at:%Y-%m-%d %H:%M} UTC"


def clerk_provenance(note: str, conflicts: list[Candidate] | None = None) -> FieldProvenance:
    """The provenance of a value a clerk set: certain, and keeping what it displaced."""
    return FieldProvenance(
        source=SourceKind.clerk, extractor=EXTRACTOR, confidence=1.0, snippet=note, conflicts=conflicts or []
    )


def _appliers() -> dict[str, Callable[[Act, Any, str | None, dt.datetime], None]]:
    from actes.matiere.clerk import apply_matiere
    from actes.referential.clerk import apply_siren

    return {"matiere.code": apply_matiere, "collectivite.siren": apply_siren}


def latest_values(conn: Connection, act_ids: Iterable[str] | None = None) -> dict[str, dict[str, dict]]:
    """act ID → field → its latest clerk value {value, reviewer, decided_at}."""
    query = select(t.clerk_values).order_by(t.clerk_values.c.decided_at, t.clerk_values.c.id)
    if act_ids is not None:
        ids = list(act_ids)
        if not ids:
            return {}
        query = query.where(t.clerk_values.c.act_id.in_(ids))
    out: dict[str, dict[str, dict]] = {}
    for row in conn.execute(query):
        out.setdefault(row.act_id, {})[row.field] = dict(row._mapping)
    return out


def apply_values(act: Act, values: dict[str, dict]) -> bool:
    """Apply every clerk value of ``act`` (field → row); True when one was applied."""
    appliers = _appliers()
    for field, row in values.items():
        decided_at = row["decided_at"]
        appliers[field](act, row["value"], row["reviewer"], decided_at)
    return bool(values)


def reapply(conn: Connection, acts: list[Act]) -> None:
    """Inside ``Catalog.record``: give re-extracted acts their clerk values back (one query)."""
    values = latest_values(conn, (act.id for act in acts))
    for act in acts:
        if act.id in values:
            apply_values(act, values[act.id])


def record_for(catalog, act_id: str, field: str, value: Any, reviewer: str | None) -> Act:
    """``record_value`` for the stored act ``act_id``; KeyError when the catalog has no such act."""
    act = catalog.get_act(act_id)
    if act is None:
        raise KeyError(act_id)
    return record_value(catalog, act, field, value, reviewer)


def record_value(catalog, act: Act, field: str, value: Any, reviewer: str | None) -> Act:
    """Store the clerk's ``value`` of ``field`` for ``act`` and rewrite the stored act with it."""
    if field not in _appliers():
        raise ValueError(f"a clerk cannot set {field!r} (only {', '.join(sorted(_appliers()))})")
    decided_at = dt.datetime.now(dt.UTC)
    _appliers()[field](act, value, reviewer, decided_at)
    with catalog.engine.begin() as conn:
        conn.execute(
            insert(t.clerk_values).values(
                act_id=act.id, field=field, value=value, reviewer=reviewer, decided_at=decided_at
            )
        )
        conn.execute(
            update(t.acts).where(t.acts.c.id == act.id).values(data=act.model_dump(mode="json"), updated_at=decided_at)
        )
        partitions.touch(conn, partitions.keys_of_rows(conn, t.acts.c.id == act.id), decided_at)
        touched = [f for f in act.provenance if f == field or f.startswith(field.rsplit(".", 1)[0] + ".")]
        conn.execute(delete(t.provenance).where(t.provenance.c.act_id == act.id, t.provenance.c.field.in_(touched)))
        conn.execute(
            insert(t.provenance),
            [
                {
                    "act_id": act.id,
                    "field": f,
                    "source": act.provenance[f].source.value,
                    "extractor": act.provenance[f].extractor,
                    "confidence": act.provenance[f].confidence,
                    "page": None,
                    "span_start": None,
                    "span_end": None,
                    "snippet": act.provenance[f].snippet,
                }
                for f in touched
            ],
        )
    return act
