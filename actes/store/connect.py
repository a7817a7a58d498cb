"""Reach the catalog's database, waiting a while for one that refuses connections (a
PostgreSQL server restarting at night), then failing with a message that names it."""

from __future__ import annotations

import time

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from actes.errors import ActesError


class CatalogUnavailable(ActesError):
    """The catalog's database cannot be reached or written (the CLI exits 4)."""


def wait_for_database(url: str, patience: float = 60.0) -> None:
    """Return once ``url`` accepts a connection; retry with backoff for ``patience`` seconds.
    SQLite files are not retried: a missing folder or a read-only disk does not heal itself."""
    parsed = make_url(url)
    shown = parsed.render_as_string(hide_password=True)
    deadline, delay = time.monotonic() + patience, 0.5
    while True:
        engine = create_engine(parsed, poolclass=NullPool)
        try:
            with engine.connect() as conn:
                conn.execute(text("select 1"))
            return
        except DBAPIError as exc:
            if parsed.get_backend_name() == "sqlite" or time.monotonic() >= deadline:
                reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
                raise CatalogUnavailable(f'catalog "{shown}" cannot be reached: {reason}') from None
        finally:
            engine.dispose()
        time.sleep(max(0.0, min(delay, deadline - time.monotonic())))
        delay = min(delay * 2, 10.0)
