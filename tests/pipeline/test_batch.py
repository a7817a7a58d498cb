"""The nightly batch: idempotent, incremental, quarantines bad files, same result on every
database and executor."""

from __future__ import annotations

import json

import pytest

from actes import pipeline
from actes.pipeline import run
from tests.pipeline.inbox import catalog_acts, export_files, make_inbox


def test_a_second_run_on_the_same_inbox_processes_nothing(tmp_path):
    inbox = make_inbox(tmp_path / "inbox", 5)
    first = run(inbox, tmp_path / "out", workers=0)
    assert (first.new, first.processed, first.acts, first.ok) == (5, 5, 5, True)
    exports = export_files(tmp_path / "out")
    second = run(inbox, tmp_path / "out", workers=0)
    assert (second.new, second.skipped, second.processed, second.acts, second.ok) == (0, 5, 0, 0, True)
    assert export_files(tmp_path / "out") == exports
    report = json.loads((tmp_path / "out" / f"run-{second.run_id}.json").read_text())
    assert report["skipped"] == 5 and report["ok"] is True


def test_a_new_file_in_the_inbox_is_the_only_one_extracted(tmp_path):
    inbox = make_inbox(tmp_path / "inbox", 3)
    run(inbox, tmp_path / "out", workers=0)
    make_inbox(inbox, 4)  # rewrites 1-3 identically, adds delib-004
    report = run(inbox, tmp_path / "out", workers=0)
    assert (report.new, report.skipped, report.processed) == (1, 3, 1)
    assert len(catalog_acts(str(tmp_path / "out" / "actes.db"))) == 4


def test_reprocess_and_a_new_extractor_version_re_extract_with_the_same_act_ids(tmp_path, monkeypatch):
    inbox = make_inbox(tmp_path / "inbox", 3)
    db = str(tmp_path / "out" / "actes.db")
    run(inbox, tmp_path / "out", workers=0)
    before = catalog_acts(db)
    again = run(inbox, tmp_path / "out", workers=0, reprocess=True)
    assert (again.reextracted, again.processed) == (3, 3)
    assert catalog_acts(db) == before
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "9999.1")
    upgraded = run(inbox, tmp_path / "out", workers=0)
    assert (upgraded.reextracted, upgraded.skipped) == (3, 0)
    assert set(catalog_acts(db)) == set(before)


def test_a_bad_file_is_quarantined_named_and_kept_in_the_inbox_while_the_batch_goes_on(tmp_path, monkeypatch):
    inbox = make_inbox(tmp_path / "inbox", 3, bad=1)
    (inbox / "notes.docx").write_bytes(b"PK\x03\x04")
    out = tmp_path / "out"
    report = run(inbox, out, workers=0)
    assert not report.ok and report.processed == 3
    assert sorted(f["reason"] for f in report.failed) == ["unreadable", "unsupported-format"]
    assert all(f'"{inbox}' in f["message"] for f in report.failed)
    quarantine = json.loads((out / "quarantine" / "index.json").read_text())
    assert sorted(q["path"].rsplit("/", 1)[-1] for q in quarantine) == ["broken-1.pdf", "notes.docx"]
    assert (inbox / "broken-1.pdf").exists() and (inbox / "notes.docx").exists()  # never moved
    # Next night: failed files are not retried at the same extractor version (exit 0)...
    quiet = run(inbox, out, workers=0)
    assert quiet.ok and quiet.still_quarantined == 2
    # ...unless asked, or the extractor changed.
    assert len(run(inbox, out, workers=0, retry_failed=True).failed) == 2
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "9999.1")
    assert len(run(inbox, out, workers=0).failed) == 2


def test_fail_fast_stops_at_the_first_failure(tmp_path):
    inbox = make_inbox(tmp_path / "inbox", 0, bad=3)
    make_inbox(inbox, 2)
    report = run(inbox, tmp_path / "out", workers=0, fail_fast=True)
    assert report.stopped_early and len(report.failed) == 1
    assert report.processed + len(report.failed) < 5


def test_sqlite_and_postgresql_give_identical_exports(tmp_path, pg_db):
    inbox = make_inbox(tmp_path / "inbox", 6, bad=1)
    on_sqlite = run(inbox, tmp_path / "sqlite", workers=0)
    on_pg = run(inbox, tmp_path / "pg", workers=0, db=pg_db)
    assert (on_pg.processed, len(on_pg.failed)) == (on_sqlite.processed, len(on_sqlite.failed)) == (6, 1)
    assert export_files(tmp_path / "pg") == export_files(tmp_path / "sqlite")
    assert catalog_acts(pg_db) == catalog_acts(str(tmp_path / "sqlite" / "actes.db"))
    assert run(inbox, tmp_path / "pg", workers=0, db=pg_db).processed == 0


def test_dask_gives_the_exports_of_local_workers(tmp_path):
    distributed = pytest.importorskip("distributed")
    inbox = make_inbox(tmp_path / "inbox", 6, bad=1)
    local = run(inbox, tmp_path / "local", workers=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        on_dask = run(inbox, tmp_path / "dask", scheduler=cluster.scheduler_address)
    assert (on_dask.executor, local.executor) == ("dask", "processes")
    assert (on_dask.processed, len(on_dask.failed)) == (local.processed, len(local.failed)) == (6, 1)
    assert export_files(tmp_path / "dask") == export_files(tmp_path / "local")


def test_a_failed_early_import_of_the_export_neither_stops_the_extraction_nor_hides_the_error(tmp_path, monkeypatch):
    calls = []

    def failing_import():
        calls.append(len(calls))
        if len(calls) == 1:  # the early import, after the first act stored
            raise ImportError("shapes unreadable")

    monkeypatch.setattr(pipeline, "_import_export", failing_import)
    report = run(make_inbox(tmp_path / "inbox", 3), tmp_path / "out", workers=0)
    assert calls == [0, 1] and (report.processed, report.acts, report.ok) == (3, 3, True)
    assert report.seconds["import_export"] >= 0 and report.seconds["extract"] >= 0
    assert len(catalog_acts(str(tmp_path / "out" / "actes.db"))) == 3

    monkeypatch.setattr(pipeline, "_import_export", lambda: (_ for _ in ()).throw(ImportError("still unreadable")))
    with pytest.raises(ImportError, match="still unreadable"):
        run(make_inbox(tmp_path / "inbox2", 2), tmp_path / "out2", workers=0)
    assert len(catalog_acts(str(tmp_path / "out2" / "actes.db"))) == 2  # stored before the export failed
