"""Where extraction runs: in this process, in local worker processes, or on a Dask cluster.

All of them take the same ``Task`` and give back the same ``Outcome`` (``actes.executors.task``);
extraction does not know which one runs it, and only the parent process writes the catalog.
An executor has ``name``, ``run(tasks) -> Iterator[Outcome]`` (in completion order) and ``close()``.
"""

from __future__ import annotations

import os

from actes.executors.task import InlineExecutor, Outcome, Task, process, warm_up

__all__ = ["InlineExecutor", "Outcome", "Task", "make_executor", "process", "warm_up"]


def make_executor(workers: int | None = None, scheduler: str | None = None, timeout: float = 600.0):
    """The executor for ``--scheduler`` / ``--workers`` (default: one worker per core; 0: inline)."""
    if scheduler:
        from actes.executors.dask_cluster import DaskExecutor

        return DaskExecutor(scheduler)
    count = (os.cpu_count() or 1) if workers is None else workers
    if count == 0:
        return InlineExecutor()
    from actes.executors.local import ProcessExecutor

    return ProcessExecutor(count, timeout)
