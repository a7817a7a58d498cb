"""Export partitions: the catalog's acts grouped by year of decision and authority (SIREN), and
which groups changed since a moment, so that a nightly export rewrites only those.

A partition key is ``<year>/<siren>`` (``sans-date`` when the date is unknown, the authority's
printed name when its SIREN is), kept in the ``acts.partition`` column (indexed). Why these two:
an authority's acts of one year are what its users look for, a night brings acts of the last
weeks from a few authorities, so it touches few partitions whatever the catalog's size, and
the things the exporters join across acts (a séance and its acts, an authority's délibérations
that cite each other in one year, URI collisions) stay inside one partition.

Every write that can change what a partition publishes records its keys in ``partition_changes``
in the same transaction: the acts a submission removes (their old keys) and writes (their new
keys), a clerk's value, a privacy decision.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from actes.schemas.act import Act
from actes.store import tables as t

NO_DATE = "sans-date"
NO_SIREN = "sans-siren"
STREAM_CHUNK = 500  # acts fetched per round trip (a server-side cursor on PostgreSQL)


def key_of(date_decision: str | dt.date | None, siren: str | None, nom: str | None = None) -> str:
    """``2025/210199907``: the partition of an act decided on that date by that authority; an act
    whose SIREN is unknown goes with the other acts printed with the same authority name
    (``2025/nom-commune-de-valbrenne``), so that such acts do not pile up in one partition."""
    year = str(date_decision)[:4] if date_decision else NO_DATE
    if siren:
        return f"{year}/{siren}"
    slug = "-".join(
        re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", nom or "").encode("ascii", "ignore").decode().lower())
    )[:80]
    return f"{year}/nom-{slug}" if slug else f"{year}/{NO_SIREN}"


def key_of_seance(seance_id: str, date: str | dt.date | None, siren: str | None) -> str:
    """The partition of every act decided at one séance: its points may disagree on their own
    authority (one names a member town, another none), but the séance is written once, in one
    partition, or seances.csv would hold it twice."""
    if siren:
        return key_of(date, siren)
    return key_of(date, None, seance_id)


def key_of_act(act: Act) -> str:
    if act.seance is not None:
        seance = act.seance
        return key_of_seance(seance.id, seance.date, seance.siren)  # not the point's own date: one key per séance
    return key_of(act.date_decision, act.collectivite.siren, act.collectivite.nom)


def key_of_data(data: dict) -> str:
    """The key of an act stored as JSON (the catalog's ``data`` column), without validating it."""
    seance = data.get("seance")
    if seance and seance.get("id"):
        return key_of_seance(seance["id"], seance.get("date"), seance.get("siren"))
    authority = data.get("collectivite") or {}
    return key_of(data.get("date_decision"), authority.get("siren"), authority.get("nom"))


def keys_of_rows(conn: Connection, where) -> set[str]:
    """The partitions of the catalog's acts matching ``where`` (before they are changed)."""
    return set(conn.execute(select(t.acts.c.partition).where(where)).scalars())


def touch(conn: Connection, keys: Iterable[str], moment: dt.datetime | None = None) -> None:
    """Record that these partitions changed now (one row per key: the latest change), in one statement."""
    keys = sorted(set(keys))
    if not keys:
        return
    moment = moment or dt.datetime.now(dt.UTC)
    dialect = conn.engine.dialect.name
    if dialect in ("sqlite", "postgresql"):
        upsert = (sqlite_insert if dialect == "sqlite" else pg_insert)(t.partition_changes)
        statement = upsert.on_conflict_do_update(
            index_elements=["key"], set_={"changed_at": upsert.excluded.changed_at}
        )
        conn.execute(statement, [{"key": key, "changed_at": moment} for key in keys])
        return
    conn.execute(delete(t.partition_changes).where(t.partition_changes.c.key.in_(keys)))
    conn.execute(insert(t.partition_changes), [{"key": key, "changed_at": moment} for key in keys])


def changed_since(conn: Connection, moment: dt.datetime) -> set[str]:
    """Partitions changed at or after ``moment`` (UTC)."""
    if conn.engine.dialect.name == "sqlite":  # SQLite keeps naive UTC text: compare like with like
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    query = select(t.partition_changes.c.key).where(t.partition_changes.c.changed_at >= moment)
    return set(conn.execute(query).scalars())


def all_keys(conn: Connection) -> set[str]:
    """Every partition that holds an act (the index on ``acts.partition``)."""
    return set(conn.execute(select(t.acts.c.partition).distinct()).scalars())


def acts_of(catalog, key: str) -> Iterator[Act]:
    """The acts of one partition in ID order (bytewise on every database), streamed in chunks:
    memory holds one chunk, whatever the partition's size."""
    order = t.acts.c.id.collate("C") if catalog.engine.dialect.name == "postgresql" else t.acts.c.id
    query = select(t.acts.c.data).where(t.acts.c.partition == key).order_by(order)
    with catalog.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=STREAM_CHUNK).execute(query)
        for (data,) in result:
            yield Act.model_validate(data)
