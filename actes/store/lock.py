"""One run at a time per catalog.

SQLite: an exclusive ``flock`` on ``<catalog>.lock``; PostgreSQL: a session advisory lock
keyed by the schema. Both vanish with the process that holds them, so a run killed with
SIGKILL never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
import weakref
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from actes.errors import ActesError

RUN_LOCK = "actes:run"
EXIT_BUSY = 3


class CatalogBusy(ActesError):
    """Another run holds this catalog. The CLI exits with ``EXIT_BUSY``."""


def lock_file_of(url: URL) -> Path | None:
    """``<catalog>.lock`` for a SQLite file, None for other databases (or in-memory SQLite)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database + ".lock")


@contextlib.contextmanager
def sqlite_file_lock(path: Path):
    """Block until this process holds the lock file (used for the short migration step)."""
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_HELD: weakref.WeakSet[RunLock] = weakref.WeakSet()


def _close_in_child() -> None:
    """A worker forked during a run closes its copy of the lock file, so that the lock goes
    with the run's process, not with the last of its workers."""
    for lock in list(_HELD):
        if lock._handle is not None:
            lock._handle.close()
            lock._handle = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


class RunLock:
    """Held for the whole run over the catalog at ``url``. ``wait``: seconds to wait for
    another run to finish before giving up with ``CatalogBusy``."""

    def __init__(self, url: str, wait: float = 0.0):
        self.url, self.wait = make_url(url), wait
        self._handle = None
        self._engine = None
        self._conn = None

    def __enter__(self) -> RunLock:
        deadline = time.monotonic() + self.wait
        while not self._try():
            if time.monotonic() >= deadline:
                self.__exit__()
                raise CatalogBusy(
                    f'catalog "{self.url.render_as_string(hide_password=True)}" is in use by another '
                    f"`actes run`; try again later or pass --wait-lock SECONDS"
                )
            time.sleep(0.2)
        return self

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
        if self._conn is not None:
            self._conn.close()  # ends the session, which releases the advisory lock
            self._engine.dispose()
            self._conn = self._engine = None

    def _try(self) -> bool:
        path = lock_file_of(self.url)
        if path is not None:
            handle = open(path, "a")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                return False
            handle.truncate(0)
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            self._handle = handle
            _HELD.add(self)
            return True
        if self.url.get_backend_name() != "postgresql":
            return True  # in-memory SQLite: nothing else can see it
        if self._conn is None:
            self._engine = create_engine(self.url, poolclass=NullPool)
            self._conn = self._engine.connect()
        got = self._conn.execute(
            text("select pg_try_advisory_lock(hashtext(:name || current_schema()))"), {"name": RUN_LOCK}
        ).scalar()
        self._conn.commit()
        return bool(got)
