"""Shared test fixtures. Tests that read ../shared skip cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ACTES_SHARED", ROOT.parent / "shared"))
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (reference material, corpus); skips the test when absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def pg_url() -> str:
    """URL of the PostgreSQL test database; skips when unreachable unless ACTES_REQUIRE_PG=1."""
    url = os.environ.get("ACTES_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        if os.environ.get("ACTES_REQUIRE_PG") == "1":
            raise
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    return url
