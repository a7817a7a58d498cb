"""A unit of work that misbehaves on purpose, for the worker-pool tests (runs in workers)."""

from __future__ import annotations

import os
import signal
import time

from actes.executors import Outcome, Task


def misbehave(task: Task) -> Outcome:
    name = task.label
    if "hang" in name:
        time.sleep(3600)
    if "die" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "raise" in name:
        raise MemoryError("simulated")
    return Outcome(task.index, acts=[], worker=str(os.getpid()))
