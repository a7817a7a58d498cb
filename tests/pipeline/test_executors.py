"""The local worker pool survives workers that hang or die; executors give the same results."""

from __future__ import annotations

import pytest

from actes.executors import InlineExecutor, Task
from actes.executors.local import ProcessExecutor
from actes.limits import DEFAULT_LIMITS
from actes.schemas.document import Submission
from tests.pipeline.faulty import misbehave
from tests.pipeline.inbox import make_inbox


def tasks_for(*names: str) -> list[Task]:
    return [Task(i, Submission(key=name, main=name), DEFAULT_LIMITS) for i, name in enumerate(names)]


def test_a_hung_worker_is_killed_a_dead_one_replaced_and_the_rest_goes_on():
    names = ["ok-1", "hang-2", "ok-3", "die-4", "ok-5", "ok-6"]
    pool = ProcessExecutor(2, timeout=3, function=misbehave)
    try:
        outcomes = {o.index: o for o in pool.run(tasks_for(*names))}
    finally:
        pool.close()
    assert sorted(outcomes) == list(range(len(names)))  # every task answered exactly once
    assert outcomes[1].error == "timeout" and '"hang-2"' in outcomes[1].message
    assert outcomes[3].error == "worker-died" and "exit code -9" in outcomes[3].message
    assert all(outcomes[i].error is None for i in (0, 2, 4, 5))
    assert all(not w.process.is_alive() for w in pool.workers) and pool.workers == []


def test_a_worker_that_raises_only_fails_its_file():
    pool = ProcessExecutor(1, timeout=30, function=misbehave)
    try:
        outcomes = sorted(pool.run(tasks_for("raise-1", "ok-2")), key=lambda o: o.index)
    finally:
        pool.close()
    assert outcomes[0].error == "worker-died"  # the exception escaped the unit of work: worker lost
    assert outcomes[1].error is None


@pytest.mark.parametrize("workers", [1, 2])
def test_worker_processes_extract_what_the_inline_executor_extracts(tmp_path, workers):
    inbox = make_inbox(tmp_path / "inbox", 4, bad=1)
    tasks = tasks_for(*sorted(str(p) for p in inbox.iterdir()))
    inline = {o.index: o for o in InlineExecutor().run(tasks)}
    pool = ProcessExecutor(workers, timeout=300)
    try:
        pooled = {o.index: o for o in pool.run(tasks)}
    finally:
        pool.close()
    assert {i: (o.error, [a.model_dump() for a in o.acts or []]) for i, o in inline.items()} == {
        i: (o.error, [a.model_dump() for a in o.acts or []]) for i, o in pooled.items()
    }
    assert sum(o.error == "unreadable" for o in pooled.values()) == 1
    assert all(o.max_rss_kb > 0 for o in pooled.values())
