"""The catalog: what was processed, by which extractor version, and the acts it gave.

Every submission is written in one transaction with its acts, provenance and problems, so a
crash at any moment leaves either all of it or none of it.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import create_engine, delete, event, func, insert, select, update
from sqlalchemy.engine import Engine

from actes.schemas.act import Act
from actes.store import partitions
from actes.store import tables as t
from actes.store.clerk_values import reapply
from actes.store.migrate import upgrade


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL: passed through when it has a scheme, else a SQLite file path."""
    text = str(db)
    return text if "://" in text else f"sqlite:///{Path(text).resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Catalog:
    """Open (and upgrade to the head migration) the catalog at ``db``.

    ``lock_held``: the caller holds this catalog's ``RunLock`` (see ``actes.store.lock``).
    """

    def __init__(self, db: str | Path, *, lock_held: bool = False):
        self.url = database_url(db)
        self.engine: Engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        upgrade(self.engine, lock_held=lock_held)

    def close(self) -> None:
        self.engine.dispose()

    # Runs
    def start_run(self, inbox: str, extractor_version: str) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(t.runs).values(
                    started_at=_now(), status="running", inbox=inbox, extractor_version=extractor_version,
                    pid=os.getpid(), host=socket.gethostname(),
                )
            )
            return int(result.inserted_primary_key[0])

    def mark_interrupted(self) -> list[int]:
        """Runs left "running" by a process that died. Call it while holding the run lock."""
        with self.engine.begin() as conn:
            ids = list(conn.execute(select(t.runs.c.id).where(t.runs.c.status == "running")).scalars())
            if ids:
                conn.execute(update(t.runs).where(t.runs.c.id.in_(ids)).values(status="interrupted"))
        return ids

    def finish_run(self, run_id: int, status: str, report: dict) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(t.runs).where(t.runs.c.id == run_id).values(finished_at=_now(), status=status, report=report))

    # Inputs
    def seen(self, digests: Iterable[str]) -> dict[str, tuple[str, str]]:
        """digest → (status, extractor_version) for the submissions already in the catalog."""
        digests, found = list(digests), {}
        with self.engine.connect() as conn:
            for start in range(0, len(digests), 500):
                rows = conn.execute(
                    select(t.inputs.c.digest, t.inputs.c.status, t.inputs.c.extractor_version)
                    .where(t.inputs.c.digest.in_(digests[start : start + 500]))
                )
                found.update({row.digest: (row.status, row.extractor_version) for row in rows})
        return found

    def record(self, digest: str, path: str, files: list[dict], acts: list[Act], run_id: int | None,
               extractor_version: str, *, status: str = "processed", reason: str | None = None,
               error: str | None = None, seconds: float | None = None) -> None:
        """Replace what the catalog holds for this submission, in one transaction."""
        size = sum(int(f.get("size", 0)) for f in files)
        # An act ID twice in one submission: the later one counts (as a re-sent act replaces the earlier).
        acts = list({act.id: act for act in acts}.values()) if len({a.id for a in acts}) < len(acts) else acts
        ids = [act.id for act in acts]
        with self.engine.begin() as conn:
            old = conn.execute(select(t.inputs.c.id).where(t.inputs.c.digest == digest)).scalar()
            # acts of these IDs already stored (a re-sent act, a re-extraction) and their partitions
            existing = dict(conn.execute(select(t.acts.c.id, t.acts.c.partition).where(t.acts.c.id.in_(ids))).all())
            # the export partitions this write changes: where the removed acts were, where the new ones go
            changed = {partitions.key_of_act(act) for act in acts} | set(existing.values())
            if old is not None:
                changed |= partitions.keys_of_rows(conn, t.acts.c.input_id == old)
                old_acts = select(t.acts.c.id).where(t.acts.c.input_id == old)
                conn.execute(delete(t.provenance).where(t.provenance.c.act_id.in_(old_acts)))
                conn.execute(delete(t.problems).where(t.problems.c.act_id.in_(old_acts)))
                conn.execute(delete(t.acts).where(t.acts.c.input_id == old))
                conn.execute(delete(t.inputs).where(t.inputs.c.id == old))
            input_id = conn.execute(
                insert(t.inputs).values(
                    digest=digest, path=path, files=files, size=size, status=status, reason=reason, error=error,
                    seconds=seconds,
                    extractor_version=extractor_version, run_id=run_id, processed_at=_now(),
                )
            ).inserted_primary_key[0]
            reapply(conn, acts)  # values a clerk set by hand outlive re-extraction
            if existing:  # an act ID seen in another submission (a re-sent act) is replaced, never duplicated
                stale = list(existing)
                conn.execute(delete(t.provenance).where(t.provenance.c.act_id.in_(stale)))
                conn.execute(delete(t.problems).where(t.problems.c.act_id.in_(stale)))
                conn.execute(delete(t.acts).where(t.acts.c.id.in_(stale)))
            if acts:  # one statement per table for the whole submission, not one per act
                conn.execute(insert(t.acts), [_act_row(act, input_id, position, run_id)
                                              for position, act in enumerate(acts)])
            provenance_rows = [row for act in acts for row in _provenance_rows(act)]
            if provenance_rows:
                conn.execute(insert(t.provenance), provenance_rows)
            problem_rows = [
                {"act_id": act.id, "slug": p.slug, "severity": p.severity, "field": p.field, "message": p.message}
                for act in acts for p in act.problems
            ]
            if problem_rows:
                conn.execute(insert(t.problems), problem_rows)
            partitions.touch(conn, changed)

    # Reading
    def iter_acts(self, run_id: int | None = None) -> Iterator[Act]:
        """Every act, ordered by ID bytewise on every database (PostgreSQL's locale collation
        would order "-" and "_" differently from SQLite, and exports must be identical)."""
        order = t.acts.c.id.collate("C") if self.engine.dialect.name == "postgresql" else t.acts.c.id
        query = select(t.acts.c.data).order_by(order)
        if run_id is not None:
            query = query.where(t.acts.c.run_id == run_id)
        with self.engine.connect() as conn:  # in chunks: a server-side cursor on PostgreSQL
            for (data,) in conn.execution_options(stream_results=True, yield_per=500).execute(query):
                yield Act.model_validate(data)

    def get_act(self, act_id: str) -> Act | None:
        with self.engine.connect() as conn:
            data = conn.execute(select(t.acts.c.data).where(t.acts.c.id == act_id)).scalar()
        return None if data is None else Act.model_validate(data)

    def failures(self) -> list[dict]:
        """The quarantine: every submission whose last attempt failed, with its reason."""
        columns = (t.inputs.c.path, t.inputs.c.error, t.inputs.c.reason, t.inputs.c.files, t.inputs.c.run_id,
                   t.inputs.c.extractor_version)
        with self.engine.connect() as conn:
            rows = conn.execute(select(*columns).where(t.inputs.c.status == "failed").order_by(t.inputs.c.path))
            return [dict(row._mapping) for row in rows]

    def counts(self) -> dict[str, int]:
        """Rows per table: what tests and reports compare."""
        with self.engine.connect() as conn:
            return {
                table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (t.runs, t.inputs, t.acts, t.provenance, t.problems)
            }


def _act_row(act: Act, input_id: int, position: int, run_id: int | None) -> dict:
    return {
        "id": act.id, "input_id": input_id, "position": position,
        "nature": act.nature.value if act.nature else None,
        "date_decision": act.date_decision.isoformat() if act.date_decision else None,
        "collectivite_siren": act.collectivite.siren, "objet": act.objet,
        "data": act.model_dump(mode="json"), "extractor_version": act.extractor_version or "",
        "run_id": run_id, "updated_at": _now(), "partition": partitions.key_of_act(act),
    }


def _provenance_rows(act: Act) -> list[dict]:
    return [
        {
            "act_id": act.id, "field": field, "source": prov.source.value, "extractor": prov.extractor,
            "confidence": prov.confidence, "page": prov.page,
            "span_start": prov.span[0] if prov.span else None, "span_end": prov.span[1] if prov.span else None,
            "snippet": prov.snippet,
        }
        for field, prov in act.provenance.items()
    ]
