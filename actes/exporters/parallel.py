"""A night's partitions written by two processes: after the extraction the export ran on one core
while the other waited, and the partitions are independent of each other.

The export's process forks one helper (copy-on-write: the models, the referential, the privacy
decisions are already in memory) that writes every other partition, in the same staging folder,
while this process writes the rest; the helper sends back what each of its partitions gave (the
entry of ``datapackage.json``, the validation result, the acts ``prepare`` held and why) and its
seconds per step. Each partition's files do not depend on which process wrote them; the acts held
for privacy review are listed in the partitions' order, as one process lists them.

The helper is forked only when a core is idle at that moment (``free_core``: on a machine whose
cores are all taken by other jobs, two processes would share one core and add the fork's cost).
``ACTES_EXPORT_PROCESSES=1`` writes every partition in this process (where ``fork`` is missing,
too), ``=2`` forks the helper whatever the load. The helper stops when this process disappears (checked between partitions), and closes its
copy of the run lock at the fork (``actes.store.lock``).
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
    """How many processes write the partitions: ``ACTES_EXPORT_PROCESSES`` (1 or 2), else 2 when
    this machine has a core that nothing runs on right now."""
    wanted = os.environ.get(PROCESSES_ENV, "")
    if wanted in ("1", "2"):
        return min(int(wanted), os.cpu_count() or 1)
    return 2 if free_core() else 1


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
    if processes() < 2 or len(keys) < MIN_PARTITIONS or "fork" not in multiprocessing.get_all_start_methods():
        done = {key: _one(key, write_one, prepare, timings) for key in keys}
        return {key: value[:2] for key, value in _settled(done, settle, timings).items()}
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    helper = context.Process(target=_helper, args=(send, keys[1::2], write_one, prepare, catalog, os.getpid(), settle))
    helper.start()
    send.close()
    try:
        done = _settled({key: _one(key, write_one, prepare, timings) for key in keys[0::2]}, settle, timings)
        try:
            status, payload = receive.recv()
        except EOFError:
            raise RuntimeError(f"the export's helper process died (exit code {helper.exitcode})") from None
        if status == "error":
            raise payload
        theirs, their_timings = payload
        done.update(theirs)
        timings.update(their_timings)
    finally:
        receive.close()
        helper.join(30)
        if helper.is_alive():  # pragma: no cover - stuck: it is ours, end it
            helper.kill()
            helper.join()
    if isinstance(held, list):  # the held acts in key order, as one process would list them
        held[base:] = [act_id for key in keys for act_id in done[key][2]]
        prepare.reasons.update({k: v for key in keys for k, v in done[key][3].items()})
    return {key: done[key][:2] for key in keys}


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
    try:
        catalog.engine.dispose(close=False)  # the parent's pooled connections stay the parent's
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
            pickle.dumps(exc)
        except Exception:  # noqa: BLE001
            exc = RuntimeError(f"the export's helper process failed:\n{traceback.format_exc()}")
        send.send(("error", exc))
    finally:
        send.close()
