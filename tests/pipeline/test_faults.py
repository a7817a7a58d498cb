"""A catalog that cannot be reached, an output folder that cannot be written: a clear error
naming it, exit 4, nothing half-done."""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

from actes.cli import app
from actes.pipeline import run
from actes.store.connect import CatalogUnavailable
from tests.pipeline.inbox import make_inbox

UNREACHABLE = "postgresql+psycopg://postgres:secret@127.0.0.1:9/test"  # the discard port: nobody listens


def test_an_unreachable_database_is_retried_then_named_without_its_password(tmp_path):
    inbox = make_inbox(tmp_path / "inbox", 1)
    start = time.monotonic()
    with pytest.raises(CatalogUnavailable, match="cannot be reached") as caught:
        run(inbox, tmp_path / "out", db=UNREACHABLE, workers=0, db_patience=1.5)
    assert time.monotonic() - start >= 1.0  # it waited before giving up
    assert "127.0.0.1:9/test" in str(caught.value) and "secret" not in str(caught.value)


def test_an_output_folder_that_cannot_be_written_exits_4_naming_it(tmp_path):
    inbox = make_inbox(tmp_path / "inbox", 1)
    blocked = tmp_path / "out"
    blocked.write_text("a file where the output folder should be")
    result = CliRunner().invoke(app, ["run", str(inbox), "--out", str(blocked), "--workers", "0"])
    assert result.exit_code == 4
    assert f'cannot write "{blocked}"' in result.output


def test_a_full_disk_mid_run_is_named_and_the_next_run_completes_the_work(tmp_path, monkeypatch):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from actes.store import Catalog

    inbox = make_inbox(tmp_path / "inbox", 3)
    out = tmp_path / "out"
    original, calls = Catalog.record, []

    def record_until_full(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # SQLite's own words when the disk fills during a write
            raise OperationalError("INSERT INTO acts", {}, sqlite3.OperationalError("database or disk is full"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Catalog, "record", record_until_full)
    with pytest.raises(CatalogUnavailable, match="disk is full"):
        run(inbox, out, workers=0)
    monkeypatch.setattr(Catalog, "record", original)
    report = run(inbox, out, workers=0)
    assert report.ok and report.processed == 2 and report.skipped == 1  # what was stored stays stored
    catalog = Catalog(out / "actes.db")
    ids = [act.id for act in catalog.iter_acts()]
    catalog.close()
    assert len(ids) == len(set(ids)) == 3
