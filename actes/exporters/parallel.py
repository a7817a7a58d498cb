"""A night's partitions written by two processes: after the extraction the export ran on one core
while the other waited, and the partitions are independent of each other.

The export's process forks one helper (copy-on-write: the models, the referential, the privacy
decisions are already in memory) that writes every other partition, in the same staging folder,
while this process writes the rest; the helper sends back what each of its partitions gave (the
entry of ``datapackage.json``, the validation result, the acts ``prepare`` held and why) and its
seconds per step. Each partition's files do not depend on which process wrote them; the acts held
for privacy review are listed in the partitions' order, as one process lists them.

By default one process writes every partition: forking a process that holds threads (the
progress bar, the page watcher) and database connections is a hazard that a gain estimated from
CPU times (the export at about 0.66× of its wall with a free core), not yet measured in wall time
on a quiet machine, does not pay for. ``ACTES_EXPORT_PROCESSES=2`` forks the helper whatever the
load, ``=auto`` only when a core is idle at that moment (``free_core``: on a machine whose cores
are all taken by other jobs, two processes share one core and add the fork's cost); ``=1``, unset,
or no ``fork`` on this system: one process. The forked helper writes through fresh std streams
(a parent thread may hold their locks), dies with this process (``PR_SET_PDEATHSIG`` on Linux,
and a check between partitions elsewhere), is killed when this process's own partitions fail,
and closes its copy of the run lock at the fork (``actes.store.lock``). This process closes its
pooled database connections before forking, so none is shared across the fork.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

PROCESSES_ENV = "ACTES_EXPORT_PROCESSES"
MIN_PARTITIONS = 8  # below this a fork costs more than the half it saves

Written = tuple[dict | None, dict]  # (entry, validation result) of one partition; (None, {}) when empty
WriteOne = Callable[[str, Counter], "Written | object"]  # or an object whose done() gives it later
Settle = Callable[[Counter], None]  # completes what write_one left waiting (partitioned.settle)


def processes() -> int:
    """How many processes write the partitions: ``ACTES_EXPORT_PROCESSES`` "2" (two, where the
    machine has two cores), "auto" (two when a core is idle right now), else one."""
    wanted = os.environ.get(PROCESSES_ENV, "")
    if wanted == "2":
        return min(2, os.cpu_count() or 1)
    if wanted == "auto":
        return 2 if free_core() else 1
    return 1


def free_core(samples: int = 3, pause: float = 0.02) -> bool:
    """Whether a core is idle now: the tasks running or runnable (``/proc/loadavg``, this process
    included), at their fewest over a few samples, leave one of the cores free. The load
    average would not do: it still counts the extraction's workers for a minute after they stop.
    True where /proc is not there."""
    cores = os.cpu_count() or 1
    fewest = None
    for n in range(samples):
        try:
            running = int(Path("/proc/loadavg").read_text().split()[3].split("/")[0])
        except (OSError, ValueError, IndexError):
            return cores > 1
        fewest = running if fewest is None else min(fewest, running)
        if n + 1 < samples:
            time.sleep(pause)
    return fewest is not None and fewest < cores


def write_partitions(keys: list[str], write_one: WriteOne, *, prepare, catalog, timings: Counter,
                     settle: Settle | None = None) -> dict[str, Written]:
    """``write_one(key, timings)`` for every key, on one or two processes, then ``settle(timings)``
    in each process; the results by key.
    ``prepare``'s memory of held acts (``held``, ``reasons``: ``actes.privacy.review.Publisher``)
    ends as if one process had written the partitions in key order."""
    keys = sorted(keys)
    held = getattr(prepare, "held", None)
    base = len(held) if isinstance(held, list) else 0
    if (
        processes() < 2
        or len(keys) < MIN_PARTITIONS
        or "fork" not in multiprocessing.get_all_start_methods()
        or _in_memory(catalog)  # its one connection is the database: neither shared nor closed
    ):
        done = {key: _one(key, write_one, prepare, timings) for key in keys}
        return {key: value[:2] for key, value in _settled(done, settle, timings).items()}
    context = multiprocessing.get_context("fork")
    catalog.engine.dispose()  # no pooled connection of this process crosses the fork
    receive, send = context.Pipe(duplex=False)
    helper = context.Process(target=_helper, args=(send, keys[1::2], write_one, prepare, catalog, os.getpid(), settle))
    helper.start()
    send.close()
    failed = True
    try:
        done = _settled({key: _one(key, write_one, prepare, timings) for key in keys[0::2]}, settle, timings)
        status, payload = _receive(receive, helper)
        if status == "error":
            raise payload
        theirs, their_timings = payload
        done.update(theirs)
        timings.update(their_timings)
        failed = False
    finally:
        receive.close()
        if failed:  # this process's partitions or the helper failed: nothing more of it is wanted
            helper.kill()
        helper.join(30)
        if helper.is_alive():  # pragma: no cover - stuck: it is ours, end it
            helper.kill()
            helper.join()
    if isinstance(held, list):  # the held acts in key order, as one process would list them
        held[base:] = [act_id for key in keys for act_id in done[key][2]]
        prepare.reasons.update({k: v for key in keys for k, v in done[key][3].items()})
    return {key: done[key][:2] for key in keys}


def _in_memory(catalog) -> bool:
    url = catalog.engine.url
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _receive(receive, helper) -> tuple:
    """The helper's message, or an error as soon as it has died without sending one."""
    while not receive.poll(1.0):
        if not helper.is_alive() and not receive.poll(0):
            raise RuntimeError(f"the export's helper process died (exit code {helper.exitcode})")
    try:
        return receive.recv()
    except EOFError:
        raise RuntimeError(f"the export's helper process died (exit code {helper.exitcode})") from None


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this process when its parent dies (prctl PR_SET_PDEATHSIG); checked
    once here too, in case the parent died before the call. Elsewhere the check between partitions
    is what stops it."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:
        os._exit(1)


def _one(key: str, write_one: WriteOne, prepare, timings: Counter) -> tuple:
    """One partition written: (entry and result, or what gives them later; acts held meanwhile, their reasons)."""
    held = getattr(prepare, "held", None)
    before = len(held) if isinstance(held, list) else 0
    written = write_one(key, timings)
    if not isinstance(held, list):
        return written, [], {}
    now_held = held[before:]
    return written, now_held, {act_id: prepare.reasons[act_id] for act_id in now_held}


def _settled(done: dict[str, tuple], settle: Settle | None, timings: Counter) -> dict[str, tuple]:
    """``settle`` called, each partition's (entry, result, held, reasons)."""
    if settle is not None:
        settle(timings)
    out = {}
    for key, (written, now_held, reasons) in done.items():
        entry, result = written.done() if hasattr(written, "done") else written
        out[key] = (entry, result, now_held, reasons)
    return out


def _helper(send, keys: list[str], write_one: WriteOne, prepare, catalog, parent: int, settle: Settle | None) -> None:
    """The forked process: its own database connections, then its partitions, then the results."""
    from actes.executors.local import _fresh_std_streams

    _die_with_parent(parent)
    _fresh_std_streams()
    try:
        catalog.engine.dispose(close=False)  # any connection the parent still had stays the parent's
        timings: Counter = Counter()
        done = {}
        for key in keys:
            if os.getppid() != parent:  # the run was killed: write nothing more
                os._exit(1)
            done[key] = _one(key, write_one, prepare, timings)
        done = _settled(done, settle, timings)
        send.send(("ok", (done, timings)))
    except BaseException as exc:  # noqa: BLE001 - raised again in the parent, as it was when it pickles
        try:
            pickle.loads(pickle.dumps(exc))  # some exceptions pickle but do not unpickle
        except Exception:  # noqa: BLE001
            exc = RuntimeError(f"the export's helper process failed:\n{traceback.format_exc()}")
        send.send(("error", exc))
    finally:
        send.close()
