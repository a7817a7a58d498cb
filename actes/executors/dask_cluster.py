"""``--scheduler tcp://HOST:PORT``: the same tasks on a Dask distributed cluster."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from distributed import Client, as_completed

from actes.executors.task import Outcome, Task, process, warm_up


class DaskExecutor:
    """Workers must import ``actes`` and see the inbox at the same paths as this process.

    At most ``window`` tasks are in flight, so a million-file inbox does not flood the
    scheduler. Dask re-runs elsewhere the task of a worker that died; a task that kills
    workers repeatedly fails with ``worker-died``. Per-file timeouts are not enforced here
    (Dask cannot stop a running task): use the OCR and page limits.
    """

    name = "dask"

    def __init__(self, address: str, window: int = 64):
        self.client = Client(address, timeout="30s")
        self.window = window
        self.client.run(warm_up)

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        tasks = iter(tasks)
        pending: dict[str, Task] = {}
        flow = as_completed()

        def submit(task: Task) -> None:
            future = self.client.submit(process, task, pure=False)
            pending[future.key] = task
            flow.add(future)

        for task in islice(tasks, self.window):
            submit(task)
        for future in flow:
            task = pending.pop(future.key)
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, lost connection…
                yield Outcome.failed(task, "worker-died", f"{type(exc).__name__}: {exc}")
            if (following := next(tasks, None)) is not None:
                submit(following)

    def close(self) -> None:
        self.client.close()
