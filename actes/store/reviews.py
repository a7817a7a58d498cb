"""The clerk's privacy decisions in the catalog (table ``reviews``): the publish gate's memory.

Decisions are keyed by act ID and outlive re-extraction; the latest one counts.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select

from actes.store import partitions
from actes.store import tables as t
from actes.store.catalog import Catalog


def record_decision(catalog: Catalog, act_id: str, decision: str, corrections: list[dict], reviewer: str | None) -> None:
    decided_at = dt.datetime.now(dt.UTC)
    with catalog.engine.begin() as conn:
        conn.execute(
            insert(t.reviews).values(
                act_id=act_id, decision=decision, corrections=corrections, reviewer=reviewer, decided_at=decided_at,
            )
        )
        # what the act's partition publishes changes with the decision: the next export rewrites it
        partitions.touch(conn, partitions.keys_of_rows(conn, t.acts.c.id == act_id), decided_at)


def latest_decisions(catalog: Catalog) -> dict[str, dict]:
    """act ID → its latest decision {decision, corrections, reviewer, decided_at}."""
    query = select(t.reviews).order_by(t.reviews.c.decided_at, t.reviews.c.id)
    with catalog.engine.connect() as conn:
        return {row.act_id: dict(row._mapping) for row in conn.execute(query)}
