"""Catalog URLs for tests: a SQLite file, or a fresh PostgreSQL schema dropped afterwards."""

from __future__ import annotations

import uuid

import pytest


@pytest.fixture
def pg_db(pg_url):
    """A PostgreSQL URL whose search_path is a schema of its own, so tests never share rows."""
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text(f"create schema {schema}"))
    sep = "&" if "?" in pg_url else "?"
    yield f"{pg_url}{sep}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(text(f"drop schema {schema} cascade"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, tmp_path):
    """Each test that uses it runs on both databases."""
    if request.param == "sqlite":
        return str(tmp_path / "catalog.db")
    return request.getfixturevalue("pg_db")
