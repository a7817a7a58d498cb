"""The unit of work every executor runs: one ``Task`` (a submission) → one ``Outcome``."""

from __future__ import annotations

import importlib
import os
import resource
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from actes.errors import FileError
from actes.extraction import extract_submission
from actes.limits import Limits
from actes.schemas.act import Act
from actes.schemas.document import Submission

# Hooks that load a process's heavy lazy singletons before its first task, so that no file's
# time (or timeout) pays for them: (module, function), called when both exist. Local workers are
# forked after the parent ran them, so they are loaded once per run and shared. The OCR engine
# stays lazy (loaded once per worker, on the first scanned page): born-digital runs never pay for it.
WARM_UP_HOOKS = (
    ("actes.extractors.nlp", "available"),  # spaCy for roles (signataire, secrétaire) and personal data
    ("actes.learning.model", "load_default_model"),  # the fields scorer (JSON)
    ("actes.matiere.model", "default_model"),  # the matière classifier (JSON, 2 MB)
    ("actes.privacy.firstnames", "_detector"),  # gender-guesser's 40,000 first names: ~1-5 s to parse
    ("actes.extraction", "warm_up"),
)
USS_EVERY = 30.0  # seconds between two USS samples in one worker (reading smaps costs ~50 ms)


@dataclass
class Task:
    index: int
    submission: Submission
    limits: Limits

    @property
    def label(self) -> str:
        return self.submission.main or self.submission.envelope or self.submission.key


@dataclass
class Outcome:
    """What a worker gives back: the acts, or the reason the submission failed."""

    index: int
    acts: list[Act] | None = None
    error: str | None = None  # a FileError slug, or timeout | worker-died | internal-error
    message: str | None = None  # names the file
    path: str | None = None
    seconds: float = 0.0
    worker: str = ""
    max_rss_kb: int = 0  # the worker's peak resident memory so far (shared pages included)
    uss_kb: int = 0  # its memory of its own (unique set size) now, when psutil is installed
    extra: dict = field(default_factory=dict)

    @classmethod
    def failed(cls, task: Task, error: str, detail: str, **kwargs) -> Outcome:
        return cls(task.index, error=error, message=f'"{task.label}": {detail}', path=task.label, **kwargs)


def warm_up() -> None:
    """Load the lazy singletons of this process once, before the first task."""
    for name, function in WARM_UP_HOOKS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        hook = getattr(module, function, None)
        if callable(hook):
            hook()


def process(task: Task) -> Outcome:
    """The unit of work, the same on every executor. Never raises for a bad file."""
    start = time.perf_counter()
    try:
        outcome = Outcome(task.index, acts=extract_submission(task.submission, task.limits))
    except FileError as exc:
        outcome = Outcome(task.index, error=exc.reason, message=str(exc), path=exc.path)
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the batch
        outcome = Outcome.failed(task, "internal-error", f"{type(exc).__name__}: {exc}")
    outcome.seconds = time.perf_counter() - start
    outcome.worker = str(os.getpid())
    outcome.max_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome.uss_kb = _uss_kb()
    return outcome


_last_uss = [0.0, 0]  # (when, value) of this process's last sample


def _uss_kb() -> int:
    now = time.monotonic()
    if now - _last_uss[0] >= USS_EVERY:
        try:
            import psutil

            _last_uss[:] = [now, psutil.Process().memory_full_info().uss // 1024]
        except (ImportError, OSError):
            _last_uss[0] = now
    return _last_uss[1]


class InlineExecutor:
    """``--workers 0``: extraction in this process (debugging, tiny inboxes)."""

    name = "inline"

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        warm_up()
        for task in tasks:
            yield process(task)

    def close(self) -> None:
        pass


