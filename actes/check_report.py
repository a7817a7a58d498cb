"""What `actes check` reports: the problems of many acts, grouped by severity then by act.

The acts come from files (extracted now, their checks run during extraction) or from the
catalog (the problems ``actes run`` recorded, or checked again with ``recheck``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from actes.checks import SEVERITIES, run_checks
from actes.errors import FileError
from actes.schemas.act import Act, ProblemRecord


@dataclass
class CheckReport:
    acts: list[Act] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file, message)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for act in self.acts for p in act.problems)

    def by_slug(self) -> Counter:
        return Counter(p.slug for act in self.acts for p in act.problems)

    def grouped(self, minimum: str = "info") -> list[tuple[str, list[tuple[Act, list[ProblemRecord]]]]]:
        """[(severity, [(act, its problems of that severity)])], severities down to ``minimum``."""
        shown = SEVERITIES[: SEVERITIES.index(minimum) + 1]
        groups = []
        for severity in shown:
            rows = [(act, [p for p in act.problems if p.severity == severity]) for act in self.acts]
            groups.append((severity, [(act, problems) for act, problems in rows if problems]))
        return groups

    def as_dict(self, minimum: str = "info") -> dict:
        shown = SEVERITIES[: SEVERITIES.index(minimum) + 1]
        return {
            "acts": len(self.acts),
            "has_errors": self.has_errors,
            "by_severity": dict(Counter(p.severity for a in self.acts for p in a.problems)),
            "by_slug": dict(self.by_slug().most_common()),
            "failures": [{"file": f, "message": m} for f, m in self.failures],
            "problems": [
                {"act": act.id, "path": act.source.path, "pages": act.source.pages, **p.model_dump()}
                for severity in shown for act in self.acts for p in act.problems if p.severity == severity
            ],
        }


def _expand(paths: Iterable[Path]) -> list[Path]:
    from actes.readers.pairing import list_inbox

    files: list[Path] = []
    for path in paths:
        files.extend(list_inbox(path) if path.is_dir() else [path])
    return files


def check_files(paths: Iterable[Path]) -> CheckReport:
    """Extract the files (a folder stands for its files); a file that fails is reported, the rest go on."""
    from actes.extraction import extract_submission
    from actes.readers.pairing import group_files

    report = CheckReport()
    submissions, leftovers = group_files(_expand(paths))
    report.failures += [(str(p), f'"{p}": not a PDF, text or @CTES XML file') for p in leftovers]
    for submission in submissions:
        try:
            report.acts.extend(extract_submission(submission))
        except FileError as exc:
            report.failures.append((exc.path, str(exc)))
    return report


def check_catalog(db: str, *, recheck: bool = False, today: dt.date | None = None) -> CheckReport:
    """The acts of the catalog with the problems it recorded, or checked again (without their Document)."""
    from actes.store import Catalog

    catalog = Catalog(db)
    try:
        acts = list(catalog.iter_acts())
    finally:
        catalog.close()
    if recheck:
        for act in acts:
            act.problems = run_checks(act, today=today)
    return CheckReport(acts=acts)
