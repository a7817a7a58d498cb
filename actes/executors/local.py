"""``--workers N``: a pool of local worker processes that survives its workers.

``concurrent.futures`` cannot kill one stuck task and breaks the whole pool when a worker
dies; here each worker has its own pipe, so the parent knows which submission a dead or
stuck worker held, reports it, and starts a fresh worker in its place.

Workers are forked from this process once it has loaded the models (``warm_up``): they start
in milliseconds, without importing anything or loading a model again, and share the models'
pages copy-on-write (a replacement worker too). Where ``fork`` is not available, a forkserver
that preloads the same models (``actes.executors.preload``) starts them instead.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from multiprocessing.connection import wait

from actes.executors.task import Outcome, Task, process, warm_up

READY = "ready"
# One thread per worker: N workers on N cores, each with a BLAS pool of N threads (spaCy's
# numpy), would run N² threads that wait for each other. Read by the forkserver when it starts.
SINGLE_THREADED = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
STARTUP_SECONDS = 600.0  # importing and loading the NLP model on a loaded machine
MAX_FAILED_STARTS = 3


# This process's ends of its workers' pipes. A worker forked from here inherits copies of them:
# it closes them first, or it would never read EOF on its own pipe once the parent is gone.
_PARENT_ENDS: list = []


def _worker_main(conn, function) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for end in _PARENT_ENDS:
        end.close()
    _PARENT_ENDS.clear()
    _fresh_std_streams()
    _one_blas_thread()
    if function is process:
        warm_up()  # a no-op when forked from a warm parent
    conn.send(READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone (even killed with SIGKILL): stop
            return
        if task is None:
            return
        conn.send(function(task))


def _fresh_std_streams() -> None:
    """Forked while another thread of the parent (a progress bar) may hold the lock of stdout
    or stderr: write through new stream objects, whose locks no thread holds."""
    for name, fd in (("stdout", 1), ("stderr", 2)):
        stream = getattr(sys, name)
        try:
            setattr(
                sys,
                name,
                open(
                    os.dup(fd),
                    "w",
                    encoding=getattr(stream, "encoding", None) or "utf-8",
                    errors="backslashreplace",
                    buffering=1,
                ),
            )
        except (OSError, ValueError):
            pass


def _one_blas_thread() -> None:
    """A forked worker inherits the BLAS pool the parent sized at import (one thread per core),
    before ``SINGLE_THREADED`` could be set: shrink it to one thread."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(1)


class _Worker:
    def __init__(self, context, function):
        self.conn, child = context.Pipe()
        _PARENT_ENDS.append(self.conn)
        self.process = context.Process(target=_worker_main, args=(child, function), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.task: Task | None = None
        self.deadline = time.monotonic() + STARTUP_SECONDS

    def send(self, task: Task, timeout: float) -> None:
        self.task, self.deadline = task, time.monotonic() + timeout
        self.conn.send(task)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()
        if self.conn in _PARENT_ENDS:
            _PARENT_ENDS.remove(self.conn)


class ProcessExecutor:
    """N worker processes (forked from this warm process), each fed one task at a time.

    A worker past ``timeout`` seconds on one submission is killed; one that dies is noticed
    by its sentinel. Either way its submission fails with a reason (``timeout``,
    ``worker-died``), a fresh worker replaces it, and the batch goes on. ``function`` is the
    unit of work (a module-level function; tests pass one that hangs or crashes).
    """

    name = "processes"

    def __init__(self, workers: int, timeout: float = 600.0, function=process):
        self.size, self.timeout, self.function = max(1, workers), timeout, function
        for name in SINGLE_THREADED:
            os.environ.setdefault(name, "1")
        if "fork" in multiprocessing.get_all_start_methods():
            self.context = multiprocessing.get_context("fork")
        else:  # macOS and Windows semantics: a forkserver loads the models once for all workers
            self.context = multiprocessing.get_context("forkserver")
            self.context.set_forkserver_preload(["actes.executors.local", "actes.executors.preload"])
        self.workers: list[_Worker] = []
        self.failed_starts = 0
        self.startup_seconds: float | None = None  # until every first worker was ready
        self._started = 0.0

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        tasks = iter(tasks)
        self._started = time.monotonic()
        if not self.workers:  # a second run() reuses the workers of the first
            if self.function is process and self.context.get_start_method() == "fork":
                warm_up()  # once, here: every worker forked below (and any replacement) shares it
            self.workers = [_Worker(self.context, self.function) for _ in range(self.size)]
        following = next(tasks, None)
        while True:
            for worker in self.workers:
                if following is not None and worker.ready and worker.task is None:
                    worker.send(following, self.timeout)
                    following = next(tasks, None)
            active = [w for w in self.workers if w.task is not None or (not w.ready and following is not None)]
            if not active:
                return
            left = max(0.0, min(w.deadline for w in active) - time.monotonic())
            ready = set(wait([w.conn for w in active] + [w.process.sentinel for w in active], timeout=left))
            for worker in active:
                yield from self._check(worker, ready)

    def _check(self, worker: _Worker, ready: set) -> Iterator[Outcome]:
        message = None
        if worker.conn in ready:
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                message = None
        if message == READY:
            worker.ready, self.failed_starts = True, 0
            if self.startup_seconds is None and all(w.ready for w in self.workers):
                self.startup_seconds = time.monotonic() - self._started
        elif message is not None:
            worker.task = None
            yield message
        elif worker.conn in ready or worker.process.sentinel in ready:
            task = self._replace(worker)
            if task is not None:
                code = worker.process.exitcode  # -9: killed (out of memory?), -11: crashed
                yield Outcome.failed(task, "worker-died", f"the worker died (exit code {code})")
        elif time.monotonic() >= worker.deadline:
            task = self._replace(worker)
            if task is not None:
                yield Outcome.failed(task, "timeout", f"no result after {self.timeout:g} s; worker killed")

    def _replace(self, worker: _Worker) -> Task | None:
        """Kill ``worker``, start a fresh one in its place; return the task it held."""
        if not worker.ready:
            self.failed_starts += 1
            if self.failed_starts >= MAX_FAILED_STARTS:
                raise RuntimeError(f"{MAX_FAILED_STARTS} worker processes in a row failed to start")
        worker.stop(kill=True)
        self.workers[self.workers.index(worker)] = _Worker(self.context, self.function)
        return worker.task

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(kill=worker.task is not None or not worker.ready)
        self.workers = []
