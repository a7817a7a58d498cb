"""``actes run`` killed with SIGKILL at random points, and runs started at the same time, never
lose or duplicate an act: the catalog ends identical to one uninterrupted run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import sqlalchemy as sa

from actes.store.lock import EXIT_BUSY
from tests.pipeline.inbox import catalog_acts, export_files, make_inbox

ACTS = 60


def actes_run(inbox: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "actes", "run", str(inbox), "--out", str(out), "--json", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def stored_inputs(db: Path) -> int:
    if not db.exists():
        return 0
    engine = sa.create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("select count(*) from inputs")).scalar_one()
    except sa.exc.OperationalError:  # not created yet
        return 0
    finally:
        engine.dispose()


def kill_at(process: subprocess.Popen, db: Path, target: int, rng: random.Random) -> bool:
    """SIGKILL ``process`` once ``target`` submissions are stored (plus a random instant);
    False when it finished first."""
    target = max(target, stored_inputs(db) + 1)  # after at least one store of this run
    while process.poll() is None and stored_inputs(db) < target:
        time.sleep(0.05)
    time.sleep(rng.uniform(0, 0.05))
    if process.poll() is not None:
        return False
    children = psutil.Process(process.pid).children(recursive=True)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.communicate()
    psutil.wait_procs(children, timeout=30)  # workers notice their parent is gone and stop
    assert not [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
    return True


@pytest.mark.slow
def test_sigkill_at_random_points_then_rerun_gives_the_uninterrupted_catalog(tmp_path):
    inbox = make_inbox(tmp_path / "inbox", ACTS, bad=2)
    reference = actes_run(inbox, tmp_path / "reference", "--workers", "1")
    assert reference.wait() == 1  # the two broken files
    rng = random.Random(20261126)
    out, db, kills = tmp_path / "killed", tmp_path / "killed" / "actes.db", 0
    # Five points in the batch, in order: each killed run has stored at least one submission.
    for attempt, target in enumerate(sorted(rng.sample(range(2, ACTS - 2), 5))):
        workers = "1" if attempt % 2 else "0"  # killed with and without worker processes
        kills += kill_at(actes_run(inbox, out, "--workers", workers), db, target, rng)
    assert kills >= 5
    final = actes_run(inbox, out, "--workers", "1")
    stdout, stderr = final.communicate()
    assert final.returncode in (0, 1), stderr
    assert catalog_acts(str(db)) == catalog_acts(str(tmp_path / "reference" / "actes.db"))
    assert export_files(out) == export_files(tmp_path / "reference")
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from inputs")).scalar_one() == ACTS + 2
        statuses = [row[0] for row in conn.execute(sa.text("select status from runs order by id"))]
    engine.dispose()
    assert statuses[:-1] == ["interrupted"] * kills and statuses[-1] in ("done", "failed")


def test_a_second_run_on_a_busy_catalog_exits_3_and_a_waiting_one_finds_nothing_to_do(tmp_path):
    inbox = make_inbox(tmp_path / "inbox", 20)
    out = tmp_path / "out"
    first = actes_run(inbox, out, "--workers", "0")
    lock = out / "actes.db.lock"
    while first.poll() is None and not (lock.exists() and lock.read_text().strip()):
        time.sleep(0.05)
    busy = actes_run(inbox, out, "--workers", "0")
    waiting = actes_run(inbox, out, "--workers", "0", "--wait-lock", "600")
    _, busy_err = busy.communicate()
    assert busy.returncode == EXIT_BUSY
    assert "in use by another `actes run`" in busy_err
    assert first.wait() == 0
    waited, _ = waiting.communicate()
    assert waiting.returncode == 0
    assert json.loads(waited)["processed"] + json.loads(first.communicate()[0])["processed"] == 20
    assert len(catalog_acts(str(out / "actes.db"))) == 20
