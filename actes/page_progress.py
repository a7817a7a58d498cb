"""Per-page progress of long files (a scanned recueil of hundreds of pages), for a person at a
terminal; cron logs never see it.

Readers call ``tick(path, done, total)`` after each page. In the process that shows the progress
(``actes extract``, ``actes run --workers 0``) a ``listen`` callback receives it directly. Worker
processes cannot call back into the parent, and the executor's pipe carries only tasks and
outcomes, so when the CLI sets ``ACTES_PAGE_PROGRESS`` to a folder, a worker writes its current
file and page there (one small file per process, at most every ``INTERVAL`` seconds) and the
``Watcher`` thread in the parent reads it. Nothing is set, written or read unless the CLI's
stderr is a terminal.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ENV = "ACTES_PAGE_PROGRESS"
MIN_PAGES = 10  # shorter files finish before a page count would help
INTERVAL = 0.2

Listener = Callable[[str, int, int], None]
_listener: Listener | None = None
_listener_pid = 0  # a forked worker inherits the parent's listener: it must not call it
_last_write = 0.0


def listen(callback: Listener | None) -> None:
    """Receive ``(file, pages done, pages)`` of long files read in this process (None: stop)."""
    global _listener, _listener_pid
    _listener, _listener_pid = callback, os.getpid()


def tick(path: str | Path, done: int, total: int) -> None:
    """One more page of ``path`` read: tell whoever shows progress, if anyone does."""
    global _last_write
    if total < MIN_PAGES:
        return
    if _listener is not None and _listener_pid == os.getpid():
        _listener(str(path), done, total)
        return
    folder = os.environ.get(ENV)
    if not folder:
        return
    now = time.monotonic()
    if done < total and now - _last_write < INTERVAL:
        return
    _last_write = now
    target = Path(folder) / str(os.getpid())
    try:
        temporary = target.with_suffix(".tmp")
        temporary.write_text(f"{done}\t{total}\t{path}", encoding="utf-8")
        os.replace(temporary, target)
    except OSError:  # the folder went away with the run: progress is only a courtesy
        pass


def read_folder(folder: Path) -> dict[str, tuple[str, int, int]]:
    """What each worker last wrote: pid → (file, pages done, pages)."""
    state = {}
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.suffix == ".tmp":
            continue
        try:
            done, total, path = entry.read_text(encoding="utf-8").split("\t", 2)
            state[entry.name] = (path, int(done), int(total))
        except (OSError, ValueError):
            continue
    return state


class Watcher:
    """In the parent: sets ``ACTES_PAGE_PROGRESS`` for the workers (and the in-process listener),
    and calls ``show(file, done, total)`` as pages are read, until closed."""

    def __init__(self, show: Listener, interval: float = INTERVAL):
        self.show, self.interval = show, interval
        self._folder = tempfile.TemporaryDirectory(prefix="actes-pages-")
        self.folder = Path(self._folder.name)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="actes-page-progress", daemon=True)
        self._previous = os.environ.get(ENV)
        self._seen: dict[str, tuple[str, int, int]] = {}

    def __enter__(self) -> Watcher:
        os.environ[ENV] = str(self.folder)
        listen(self.show)
        self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.poll()

    def poll(self) -> None:
        for pid, state in read_folder(self.folder).items():
            if self._seen.get(pid) != state:
                self._seen[pid] = state
                self.show(*state)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)
        listen(None)
        if self._previous is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = self._previous
        self._folder.cleanup()


def bar_listener(bar) -> Listener:
    """A listener that shows each long file as a line of a ``rich.progress.Progress``: its name
    and pages read, removed once the file is read."""
    tasks: dict[str, object] = {}
    lock = threading.Lock()

    def show(path: str, done: int, total: int) -> None:
        with lock:
            task = tasks.get(path)
            if task is None:
                if done >= total:
                    return
                task = tasks[path] = bar.add_task(f"{Path(path).name[:40]} (pages)", total=total)
            bar.update(task, completed=done, total=total)
            if done >= total:
                bar.remove_task(task)
                del tasks[path]

    return show
