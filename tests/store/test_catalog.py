"""The catalog: migrations, one transaction per submission, stable act IDs, the run lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from actes.schemas.act import Act, Source
from actes.store import Catalog, database_url
from actes.store import tables as t
from actes.store.lock import CatalogBusy, RunLock
from actes.store.migrate import current_revision, head_revision


def act(act_id: str, objet: str = "Vente") -> Act:
    return Act(id=act_id, objet=objet, extractor_version="test", source=Source(path="a.txt", sha256="0" * 64))


def test_opening_a_catalog_brings_it_to_the_head_migration_matching_tables_py(any_db):
    catalog = Catalog(any_db)
    assert current_revision(catalog.engine) == head_revision()
    with catalog.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), t.metadata)
    catalog.close()
    # Not empty: tables.py changed without a revision in actes/store/migrations/versions/.
    assert diff == []


def test_a_catalog_made_before_migrations_is_stamped_then_upgraded(tmp_path):
    engine = sa.create_engine(database_url(tmp_path / "old.db"))
    legacy = sa.MetaData()
    for table in (t.runs, t.inputs, t.acts, t.provenance, t.problems):  # the skeleton's create_all
        sa.Table(table.name, legacy, *[c._copy() for c in table.columns if c.name not in {"pid", "host", "error", "seconds"}])
    legacy.create_all(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("insert into runs (started_at, status, extractor_version) values ('2026-01-01', 'done', 'v0')"))
    engine.dispose()
    catalog = Catalog(tmp_path / "old.db")
    assert current_revision(catalog.engine) == head_revision()
    assert catalog.counts()["runs"] == 1  # data kept
    assert "error" in {c["name"] for c in sa.inspect(catalog.engine).get_columns("inputs")}
    catalog.close()


def test_recording_a_submission_again_replaces_it_with_the_same_act_ids(any_db):
    catalog = Catalog(any_db)
    files = [{"path": "a.pdf", "sha256": "x", "size": 3, "role": "main"}]
    catalog.record("d1", "a.pdf", files, [act("A-1"), act("A-2")], None, "v1")
    catalog.record("d1", "a.pdf", files, [act("A-1", "Achat"), act("A-2")], None, "v2")
    assert [a.objet for a in catalog.iter_acts()] == ["Achat", "Vente"]
    assert catalog.seen(["d1", "nope"]) == {"d1": ("processed", "v2")}
    assert catalog.counts()["inputs"] == 1 and catalog.counts()["acts"] == 2
    catalog.close()


def test_a_re_sent_act_in_another_submission_is_replaced_not_duplicated(any_db):
    catalog = Catalog(any_db)
    catalog.record("d1", "first.pdf", [], [act("093-1-DE")], None, "v1")
    catalog.record("d2", "again.pdf", [], [act("093-1-DE", "Corrigé")], None, "v1")
    assert [(a.id, a.objet) for a in catalog.iter_acts()] == [("093-1-DE", "Corrigé")]
    catalog.close()


def test_failures_are_the_quarantine_with_their_reason(any_db):
    catalog = Catalog(any_db)
    catalog.record("d1", "bad.pdf", [], [], None, "v1", status="failed", reason='"bad.pdf": truncated', error="unreadable")
    catalog.record("d2", "good.pdf", [], [act("G")], None, "v1")
    [failure] = catalog.failures()
    assert (failure["path"], failure["error"], failure["reason"]) == ("bad.pdf", "unreadable", '"bad.pdf": truncated')
    catalog.close()


def test_acts_come_out_in_bytewise_id_order_on_every_database(any_db):
    catalog = Catalog(any_db)
    ids = ["a_b", "a-c", "A-1", "a-b", "ab"]  # a locale collation ignores "-" and "_" and folds case
    for n, act_id in enumerate(ids):
        catalog.record(f"d{n}", f"{n}.txt", [], [act(act_id)], None, "v1")
    assert [a.id for a in catalog.iter_acts()] == sorted(ids)
    catalog.close()


def test_mark_interrupted_closes_runs_left_running(any_db):
    catalog = Catalog(any_db)
    dead = catalog.start_run("inbox", "v1")
    assert catalog.mark_interrupted() == [dead]
    assert catalog.mark_interrupted() == []
    catalog.close()


def test_a_second_run_lock_on_the_same_catalog_is_refused_then_granted_after_release(any_db):
    url = database_url(any_db)
    Catalog(url).close()
    with RunLock(url):
        with pytest.raises(CatalogBusy, match="in use by another"):
            with RunLock(url, wait=0.3):
                pass
    with RunLock(url):
        pass


HOLD = """
import sys, time
from actes.store.lock import RunLock
with RunLock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(600)
"""


def test_the_lock_of_a_process_killed_with_sigkill_is_released(any_db):
    url = database_url(any_db)
    Catalog(url).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, url], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(CatalogBusy):
        with RunLock(url):
            pass
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    time.sleep(0.2)
    with RunLock(url, wait=10):
        pass
