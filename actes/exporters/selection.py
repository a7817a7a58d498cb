"""Which acts of the catalog a package holds: all, those of one run, or those written since a
moment (incremental packages).

An incremental package covers catalog writes in ``[since, until)``, ``until`` being the moment
the export started; the package records ``until``, and the next ``--since`` starts there, so two
successive packages hold each act exactly once. Times are UTC; a bare date means its midnight.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select

from actes.schemas.act import Act
from actes.store import Catalog
from actes.store import tables as t


@dataclass(frozen=True)
class Selection:
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    run_id: int | None = None

    def as_dict(self) -> dict:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "run": self.run_id,
        }


def parse_moment(text: str) -> dt.datetime:
    """'2026-11-26' or '2026-11-26T14:05:00+00:00' → an aware UTC datetime."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date AAAA-MM-JJ nor an ISO 8601 date-time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def select_acts(catalog: Catalog, selection: Selection) -> Iterator[Act]:
    """The selected acts, in ID order, read one at a time."""
    # Bytewise ID order on every database, as Catalog.iter_acts: packages must be identical.
    order = t.acts.c.id.collate("C") if catalog.engine.dialect.name == "postgresql" else t.acts.c.id
    query = select(t.acts.c.data).order_by(order)
    if selection.run_id is not None:
        query = query.where(t.acts.c.run_id == selection.run_id)
    if selection.since is not None:
        query = query.where(t.acts.c.updated_at >= _for_db(catalog, selection.since))
    if selection.until is not None:
        query = query.where(t.acts.c.updated_at < _for_db(catalog, selection.until))
    with catalog.engine.connect() as conn:  # in chunks: a server-side cursor on PostgreSQL
        for (data,) in conn.execution_options(stream_results=True, yield_per=500).execute(query):
            yield Act.model_validate(data)


def _for_db(catalog: Catalog, moment: dt.datetime) -> dt.datetime:
    # SQLite keeps DateTime values as naive UTC text: compare like with like.
    if catalog.engine.dialect.name == "sqlite":
        return moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment
