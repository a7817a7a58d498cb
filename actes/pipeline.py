"""The batch: discover an inbox → decide what needs extracting → extract (on an executor) →
store → export.

Only this process writes the catalog, one transaction per submission, while holding the
catalog's run lock. A run killed at any moment leaves every submission either fully stored
or absent; the next run extracts what is absent, so nothing is lost and nothing duplicated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from actes.executors import Outcome, Task, make_executor
from actes.limits import DEFAULT_LIMITS, Limits
from actes.readers.base import sha256_of
from actes.readers.inbox import UNPACK_FOLDER, discover_inbox
from actes.readers.pairing import group_files
from actes.run_report import RunReport, write_json
from actes.schemas.document import Submission
from actes.store import Catalog, database_url
from actes.store.connect import CatalogUnavailable, wait_for_database
from actes.store.lock import RunLock
from actes.version import EXTRACTOR_VERSION

__all__ = ["RunReport", "describe_files", "run"]


@dataclass
class Item:
    """One submission of the inbox (or a lone file no reader accepts), hashed."""

    submission: Submission
    digest: str = ""
    files: list[dict] = field(default_factory=list)
    error: tuple[str, str] | None = None  # (slug, message) known before extraction

    @property
    def label(self) -> str:
        return self.submission.main or self.submission.envelope or self.submission.key


def describe_files(submission: Submission) -> tuple[str, list[dict]]:
    """The submission's digest (over its files' hashes and roles) and its file list."""
    files = []
    for role, paths in (
        ("main", [submission.main]), ("envelope", [submission.envelope]),
        ("acknowledgement", [submission.acknowledgement]), ("annex", submission.annexes),
    ):
        for path in paths:
            if path:
                p = Path(path)
                files.append({"path": str(p), "sha256": sha256_of(p), "size": p.stat().st_size, "role": role})
    digest = hashlib.sha256("\n".join(f"{f['role']}:{f['sha256']}" for f in files).encode()).hexdigest()
    return digest, files


def discover(inbox: Path, workdir: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[int, list[Item]]:
    """Files seen, and one hashed Item per submission (unknown formats become failed Items).
    Archives are unpacked under ``workdir``; refused entries (links, FIFOs, bad archive members) fail."""
    paths, refused = discover_inbox(inbox, workdir, limits)
    submissions, leftovers = group_files(paths, limits)
    items = [Item(s) for s in submissions]
    for path in leftovers:
        items.append(Item(Submission(key=str(path), main=str(path)),
                          error=("unsupported-format", f'"{path}": not a PDF, text or @CTES XML file')))
    for item in items:
        try:
            item.digest, item.files = describe_files(item.submission)
        except OSError as exc:  # vanished or unreadable since listed: its name is the identity
            item.digest = hashlib.sha256(f"unreadable:{item.label}".encode()).hexdigest()
            item.error = ("unreadable", f'"{item.label}": cannot be read ({exc.strerror or exc})')
    for entry in refused:  # never hashed: a link or a FIFO must not be opened
        digest = hashlib.sha256(f"refused:{entry['path']}:{entry['reason']}".encode()).hexdigest()
        items.append(Item(Submission(key=entry["path"]), digest=digest, error=(entry["reason"], entry["message"])))
    return len(paths) + len(refused), items


def plan(items: list[Item], catalog: Catalog, report: RunReport, *, reprocess: bool, retry_failed: bool) -> list[Item]:
    """The items to extract this run; counts the others as skipped."""
    seen = catalog.seen(item.digest for item in items)
    todo, digests = [], {}
    for item in items:
        prior = seen.get(item.digest)
        if item.digest in digests:  # the same files twice in the inbox: extracted once, named in the report
            report.skipped += 1
            report.duplicates.append({"path": item.label, "same_as": digests[item.digest]})
        elif prior is None:
            report.new += 1
            todo.append(item)
        elif reprocess or prior[1] != EXTRACTOR_VERSION or (prior[0] == "failed" and retry_failed):
            report.reextracted += 1
            todo.append(item)
        else:
            report.skipped += 1
            report.still_quarantined += prior[0] == "failed"
        digests.setdefault(item.digest, item.label)
    return todo


def run(
    inbox: str | Path,
    out: str | Path,
    *,
    db: str | None = None,
    reprocess: bool = False,
    retry_failed: bool = False,
    fail_fast: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = None,
    scheduler: str | None = None,
    file_timeout: float = 600.0,
    wait_lock: float = 0.0,
    progress: Callable[[int, int, str], None] | None = None,
    referential: str | Path | None = None,
    db_patience: float = 60.0,
    site_url: str | None = None,
    whole_files: str = "all",
) -> RunReport:
    """Process every new submission of ``inbox`` into the catalog, then export the package.

    Raises ``CatalogBusy`` when another run holds the catalog for longer than ``wait_lock`` s,
    ``CatalogUnavailable`` when the database stays unreachable for ``db_patience`` s or the
    output folder or catalog cannot be written (read-only, disk full). ``site_url``: where the
    journalists' site is served, for the links of ``run-<id>.html`` (default: see actes.run_page).
    The package is partitioned and only the partitions this run changed are written again
    (``actes.exporters.partitioned``); ``whole_files`` (all, tables, none): which whole files are
    joined from the partitions for users who want one file.
    """
    inbox, out = Path(inbox), Path(out)
    url = database_url(db or out / "actes.db")
    try:
        out.mkdir(parents=True, exist_ok=True)
        wait_for_database(url, patience=db_patience)
        with RunLock(url, wait=wait_lock):
            catalog = Catalog(url, lock_held=True)
            try:
                return _run_locked(catalog, inbox, out, reprocess=reprocess, retry_failed=retry_failed,
                                   fail_fast=fail_fast, limits=limits, progress=progress,
                                   executor_args=(workers, scheduler, file_timeout),
                                   referential=referential, site_url=site_url, whole_files=whole_files)
            finally:
                catalog.close()
                shutil.rmtree(out / UNPACK_FOLDER, ignore_errors=True)
    except OSError as exc:  # read-only or full output folder: every stored submission stays stored
        where = exc.filename or out
        raise CatalogUnavailable(f'cannot write "{where}": {exc.strerror or exc}; the next run resumes') from None
    except DBAPIError as exc:  # the database went away or filled up mid-run
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise CatalogUnavailable(f"the catalog failed during the run: {reason}; the next run resumes") from None


def _run_locked(catalog: Catalog, inbox: Path, out: Path, *, reprocess, retry_failed, fail_fast, limits,
                progress, executor_args, referential=None, site_url=None, whole_files="all") -> RunReport:
    interrupted = catalog.mark_interrupted()
    run_id = catalog.start_run(str(inbox), EXTRACTOR_VERSION)
    report = RunReport(run_id=run_id, inbox=str(inbox), out=str(out), interrupted_runs=interrupted,
                       started_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    if (age := process_age()) is not None:  # interpreter, imports, catalog opened and locked
        report.seconds["startup"] = age
    clock = time.perf_counter()
    report.files_seen, items = discover(inbox, out / UNPACK_FOLDER, limits)
    report.submissions = len(items)
    todo = plan(items, catalog, report, reprocess=reprocess, retry_failed=retry_failed)
    report.seconds["discover"] = time.perf_counter() - clock

    clock, stored = time.perf_counter(), 0.0
    for item in [i for i in todo if i.error]:
        stored += _store(catalog, report, item, Outcome(0, error=item.error[0], message=item.error[1], path=item.label))
    tasks = [Task(index, item.submission, limits) for index, item in enumerate(todo) if not item.error]
    executor = None
    imported = 0.0
    if tasks and not (fail_fast and report.failed):
        executor = make_executor(*executor_args)
        report.executor = executor.name
        try:
            for done, outcome in enumerate(executor.run(tasks), start=1):
                item = todo[outcome.index]
                if progress:
                    progress(done, len(tasks), item.label)
                report.add_worker_sample(outcome.worker, outcome.seconds, outcome.max_rss_kb, outcome.uss_kb)
                stored += _store(catalog, report, item, outcome)
                if done == 1:  # the first act is stored: import the export's code while the workers extract
                    imported = _import_export_early()
                if fail_fast and report.failed:
                    report.stopped_early = True
                    break
        except KeyboardInterrupt:  # Ctrl-C: what is stored stays; the next run does the rest
            catalog.finish_run(run_id, "interrupted", report.as_dict())
            raise
        finally:
            executor.close()
    report.seconds["extract"] = time.perf_counter() - clock - stored - imported
    if imported:
        report.seconds["import_export"] = imported
    if startup := getattr(executor, "startup_seconds", None):  # forking workers, loading models
        report.seconds["start_workers"] = startup
        report.seconds["extract"] -= startup
    report.seconds["store"] = stored
    report.seconds["extract_cpu"] = sum(w["seconds"] for w in report.workers.values())
    _fail_duplicates_of_failures(report)

    clock = time.perf_counter()
    _import_export()
    from actes.exporters.package import default_referential, export_catalog
    from actes.privacy.review import Publisher
    from actes.run_page import write_page

    publisher = Publisher(catalog)  # privacy: decisions, gate, pseudonymisation; remembers what it held
    package = export_catalog(catalog, out, referential=referential or default_referential(inbox), prepare=publisher,
                             partitioned=True, whole=whole_files)
    report.held_for_review = publisher.summary()
    report.exports = {name: str(path) for name, path in package.files.items()}
    report.matiere_unknown = package.counts.get("matiere_unknown", 0)
    report.partitions = package.partitions
    report.quarantine = str(_write_quarantine(catalog, out))
    report.seconds["export"] = time.perf_counter() - clock
    catalog.finish_run(run_id, "done" if report.ok else "failed", report.as_dict())
    write_json(out / f"run-{run_id}.json", report.as_dict())
    write_page(out, report.as_dict(), site_url=site_url)  # run-<id>.html: the same figures, for people
    return report


def _import_export_early() -> float:
    """``_import_export`` during the extraction: its seconds, kept out of the extraction's. An
    error there does not stop the extraction: the export imports again after the last act and
    raises it then, with the export's context."""
    clock = time.perf_counter()
    try:
        _import_export()
    except Exception:  # noqa: BLE001 - raised again by the export's own import
        pass
    return time.perf_counter() - clock


def _import_export() -> None:
    """The export's code (validators, linked-data libraries): not needed to extract and store, so
    imported once the first act is stored, while the workers extract the rest (this process
    mostly waits for them then), or here before the export when nothing was extracted."""
    import pyshacl  # noqa: F401 - imported by the SHACL check of the first partition otherwise

    import actes.exporters.package
    import actes.linked_data.shacl
    import actes.privacy.review
    import actes.run_page  # noqa: F401

    actes.linked_data.shacl.shapes()  # the SHACL shapes, parsed once per process


def _fail_duplicates_of_failures(report: RunReport) -> None:
    """A copy of a file that failed fails too, by its own name: no bad file goes unnamed."""
    failures = {f["path"]: f for f in report.failed}
    for duplicate in report.duplicates:
        if (failure := failures.get(duplicate["same_as"])) is not None:
            report.failed.append({
                "path": duplicate["path"], "reason": failure["reason"],
                "message": f'"{duplicate["path"]}": same content as "{duplicate["same_as"]}", which failed: {failure["message"]}',
            })


def _store(catalog: Catalog, report: RunReport, item: Item, outcome: Outcome) -> float:
    """Record one outcome in one transaction; return the seconds it took."""
    start = time.perf_counter()
    if outcome.error:
        report.failed.append({"path": outcome.path or item.label, "reason": outcome.error, "message": outcome.message})
        catalog.record(item.digest, item.label, item.files, [], report.run_id, EXTRACTOR_VERSION, status="failed",
                       reason=outcome.message, error=outcome.error, seconds=outcome.seconds)
    else:
        acts = outcome.acts or []
        catalog.record(item.digest, item.label, item.files, acts, report.run_id, EXTRACTOR_VERSION,
                       seconds=outcome.seconds)
        if acts and report.first_act_s is None:
            report.first_act_s = process_age()
        report.processed += 1
        report.add_acts(acts, outcome.path or item.label, outcome.seconds)
    return time.perf_counter() - start


def process_age() -> float | None:
    """Seconds since this process started (interpreter start-up and imports included): what a
    clerk waits after typing ``actes run``. None where /proc is not there."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return None


def _write_quarantine(catalog: Catalog, out: Path) -> Path:
    """OUT/quarantine/index.json: every submission whose last attempt failed, with its reason.
    The inbox files themselves are never moved, copied or deleted."""
    folder = out / "quarantine"
    folder.mkdir(exist_ok=True)
    path = folder / "index.json"
    write_json(path, catalog.failures())
    return path
