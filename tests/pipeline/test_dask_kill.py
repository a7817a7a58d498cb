"""``actes run --scheduler`` on a real Dask cluster of worker processes, one of them killed
mid-run: Dask gives its work to the other, and every act is stored once."""

from __future__ import annotations

import os
import signal

import pytest
import sqlalchemy as sa

from actes.pipeline import run
from tests.pipeline.inbox import catalog_acts, make_inbox

FILES = 16


def test_a_dask_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setenv("ACTES_NLP", "0")  # the spawned workers skip spaCy: this is about the batch, not NER
    inbox = make_inbox(tmp_path / "inbox", FILES)
    killed: list[int] = []
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=50,
    ) as cluster:

        def kill_one(done: int, total: int, label: str) -> None:
            # Read from the scheduler itself (in this process): a second Client here would share
            # the futures' event loop with the run's own client.
            busy = [w for w in list(cluster.scheduler.workers.values()) if w.processing and w.pid]
            if not killed and done >= 2 and busy:  # a worker holding tasks right now: SIGKILL, as the OOM killer would
                killed.append(done)
                os.kill(max(busy, key=lambda w: len(w.processing)).pid, signal.SIGKILL)

        report = run(inbox, tmp_path / "out", scheduler=cluster.scheduler_address, progress=kill_one)
    assert killed and killed[0] < FILES  # killed while work was left
    assert report.executor == "dask"
    assert (report.processed, report.failed) == (FILES, []), report.failed
    acts = catalog_acts(str(tmp_path / "out" / "actes.db"))
    assert len(acts) == report.acts == FILES  # one act per file: none lost, none twice
    assert sorted(a["source"]["path"].rsplit("/", 1)[-1] for a in acts.values()) == sorted(
        p.name for p in inbox.iterdir()
    )
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'out' / 'actes.db'}")
    try:
        with engine.connect() as conn:
            statuses = conn.execute(sa.text("select status, count(*) from inputs group by status")).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in statuses] == [("processed", FILES)]
