"""Bring a catalog to the head Alembic revision when it is opened.

Clerks never run alembic: opening the catalog upgrades it. Two processes opening a fresh
catalog at once are serialised (an advisory lock on PostgreSQL, a lock file beside SQLite).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from actes.store.lock import lock_file_of, sqlite_file_lock

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = "actes:migrate"
INITIAL = "0001"  # the walking skeleton's schema, created without Alembic by create_all


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, *, lock_held: bool = False) -> None:
    """Upgrade to head. ``lock_held``: the caller already holds the run lock of this catalog."""
    if current_revision(engine) == head_revision():
        return
    lock_path = lock_file_of(engine.url)
    guard = sqlite_file_lock(lock_path) if lock_path and not lock_held else contextlib.nullcontext()
    with guard, engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("select pg_advisory_xact_lock(hashtext(:name || current_schema()))"), {"name": MIGRATION_LOCK})
        config = alembic_config()
        config.attributes["connection"] = conn
        revision = MigrationContext.configure(conn).get_current_revision()
        if revision is None and inspect(conn).has_table("runs"):
            command.stamp(config, INITIAL)  # a catalog made before migrations existed
        command.upgrade(config, "head")
