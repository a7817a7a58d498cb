"""Alembic environment. Works from the installed package: ``actes.store.migrate`` passes the
open connection in ``config.attributes``; the alembic CLI passes ``-x db=URL-or-sqlite-path``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from actes.store.tables import metadata

config = context.config


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from actes.store.catalog import database_url

    db = context.get_x_argument(as_dictionary=True).get("db", "out/actes.db")
    engine = create_engine(database_url(db))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
