"""The batch: discover an inbox → extract each new submission → store → export.

Extraction runs in ``actes.extraction`` (no I/O on the catalog); only this module writes the
catalog, one transaction per submission.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from actes.errors import FileError
from actes.exporters import export_acts
from actes.extraction import extract_submission
from actes.limits import DEFAULT_LIMITS, Limits
from actes.readers.base import sha256_of
from actes.readers.pairing import group_files, list_inbox
from actes.schemas.document import Submission
from actes.store import Catalog
from actes.version import EXTRACTOR_VERSION


@dataclass
class RunReport:
    run_id: int
    inbox: str
    out: str
    files_seen: int = 0
    submissions: int = 0
    new: int = 0
    skipped: int = 0
    processed: int = 0
    failed: list[dict] = field(default_factory=list)
    acts: int = 0
    problems: Counter = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)
    exports: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict:
        return {
            "run_id": self.run_id, "inbox": self.inbox, "out": self.out, "files_seen": self.files_seen,
            "submissions": self.submissions, "new": self.new, "skipped": self.skipped,
            "processed": self.processed, "failed": self.failed, "acts": self.acts,
            "problems": dict(self.problems), "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "exports": self.exports, "extractor_version": EXTRACTOR_VERSION, "ok": self.ok,
        }


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


def run(
    inbox: str | Path,
    out: str | Path,
    *,
    db: str | None = None,
    reprocess: bool = False,
    fail_fast: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[int, int, str], None] | None = None,
) -> RunReport:
    """Process every new submission of ``inbox`` into the catalog, then export the package."""
    inbox, out = Path(inbox), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(db or out / "actes.db")
    run_id = catalog.start_run(str(inbox), EXTRACTOR_VERSION)
    report = RunReport(run_id=run_id, inbox=str(inbox), out=str(out))
    clock = time.perf_counter()
    paths = list_inbox(inbox)
    submissions, leftovers = group_files(paths)
    report.files_seen, report.submissions = len(paths), len(submissions) + len(leftovers)
    for path in leftovers:
        report.failed.append({"path": str(path), "reason": "unsupported-format", "message": f'"{path}": not a PDF, text or @CTES XML file'})
    report.seconds["discover"] = time.perf_counter() - clock

    clock = time.perf_counter()
    for index, submission in enumerate(submissions, start=1):
        label = submission.main or submission.envelope or submission.key
        if progress:
            progress(index, len(submissions), label)
        digest, files = describe_files(submission)
        seen = catalog.processed_version(digest)
        if seen and seen[1] == EXTRACTOR_VERSION and not reprocess:
            report.skipped += 1
            continue
        report.new += 1
        try:
            acts = extract_submission(submission, limits)
        except FileError as exc:
            report.failed.append({"path": exc.path, "reason": exc.reason, "message": str(exc)})
            catalog.record(digest, label, files, [], run_id, EXTRACTOR_VERSION, status="failed", reason=str(exc))
            if fail_fast:
                break
            continue
        catalog.record(digest, label, files, acts, run_id, EXTRACTOR_VERSION)
        report.processed += 1
        report.acts += len(acts)
        for act in acts:
            report.problems.update(p.slug for p in act.problems)
    report.seconds["extract"] = time.perf_counter() - clock

    clock = time.perf_counter()
    written = export_acts(catalog.iter_acts(), out)
    report.exports = {name: str(path) for name, path in written.items()}
    report.seconds["export"] = time.perf_counter() - clock
    catalog.finish_run(run_id, "done" if report.ok else "failed", report.as_dict())
    catalog.close()
    (out / f"run-{run_id}.json").write_text(json.dumps(report.as_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
    return report
