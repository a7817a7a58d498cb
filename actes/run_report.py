"""What one ``actes run`` did: counts, failures with their reasons, time per stage, workers.

Written as ``OUT/run-<id>.json``, stored in the catalog's ``runs.report``, printed as a summary.
Keys are a contract for cron scripts and monitoring: add, never rename.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from actes.referential.national import describe as describe_referential
from actes.referential.national import referential_line
from actes.version import EXTRACTOR_VERSION

SLOWEST = 10  # submissions named in the report's "slowest"
MODELS = Path(__file__).resolve().parent / "models"


@functools.cache
def model_versions() -> dict[str, dict]:
    """The shipped models (actes/models/*.json): format, sha256 (first 12 hex) and their training
    meta (seed, examples…), so a night's figures can be tied to the model that produced them."""
    versions = {}
    for path in sorted(MODELS.glob("*.json")):
        data = path.read_bytes()
        try:
            model = json.loads(data)
        except ValueError:
            continue
        meta = model.get("meta") if isinstance(model, dict) else None
        meta = {k: v for k, v in (meta or {}).items() if isinstance(v, str | int | float | bool)}
        versions[path.stem] = {"format": str(model.get("format", "")), "sha256": hashlib.sha256(data).hexdigest()[:12],
                               **meta}
    return versions


@dataclass
class RunReport:
    run_id: int
    inbox: str
    out: str
    executor: str = ""
    files_seen: int = 0
    submissions: int = 0
    new: int = 0  # never seen by the catalog
    reextracted: int = 0  # seen before, extracted again (--reprocess, new extractor version, --retry-failed)
    skipped: int = 0  # already in the catalog at this extractor version (or a duplicate in this inbox)
    still_quarantined: int = 0  # skipped because they failed before at this version (see --retry-failed)
    processed: int = 0
    failed: list[dict] = field(default_factory=list)  # this run's failures: path, reason (slug), message
    acts: int = 0
    pages: int = 0
    problems: Counter = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, wall clock
    workers: dict[str, dict] = field(default_factory=dict)  # worker id → files, seconds, max_rss_mb
    interrupted_runs: list[int] = field(default_factory=list)  # earlier runs found dead and closed
    stopped_early: bool = False  # --fail-fast stopped the run
    exports: dict[str, str] = field(default_factory=dict)
    quarantine: str | None = None
    duplicates: list[dict] = field(default_factory=list)  # same bytes as another file of this inbox: path, same_as
    held_for_review: dict = field(default_factory=dict)  # privacy gate: count, by_reason, acts (id, source, reason, detail)
    matiere_unknown: int = 0  # délibérations held out of deliberations.csv: no level-2 matière
    started_at: str = ""  # ISO 8601, UTC
    acts_by_nature: Counter = field(default_factory=Counter)  # nature (or "unknown") → acts extracted this run
    acts_by_authority: Counter = field(default_factory=Counter)  # authority name (or SIREN, or "unknown") → acts
    problem_acts: dict[str, list[dict]] = field(default_factory=dict)  # problem slug → every act: id, source
    slowest: list[dict] = field(default_factory=list)  # the slowest submissions: path, seconds, acts, pages
    first_act_s: float | None = None  # seconds from the start of the process to the first act stored
    partitions: dict | None = None  # the package's partitions: total, rewritten, removed, rebuilt, seconds

    @property
    def ok(self) -> bool:
        return not self.failed

    def add_worker_sample(self, worker: str, seconds: float, max_rss_kb: int, uss_kb: int = 0) -> None:
        """Per worker: files, seconds, peak RSS (shared model pages included) and the largest
        unique memory (USS: what this worker costs on top of the others) seen after a file."""
        entry = self.workers.setdefault(worker, {"files": 0, "seconds": 0.0, "max_rss_mb": 0.0, "max_uss_mb": 0.0})
        entry["files"] += 1
        entry["seconds"] = round(entry["seconds"] + seconds, 3)
        entry["max_rss_mb"] = max(entry["max_rss_mb"], round(max_rss_kb / 1024, 1))
        entry["max_uss_mb"] = max(entry["max_uss_mb"], round(uss_kb / 1024, 1))

    def as_dict(self) -> dict:
        return {
            "run_id": self.run_id, "inbox": self.inbox, "out": self.out, "executor": self.executor,
            "files_seen": self.files_seen, "submissions": self.submissions, "new": self.new,
            "reextracted": self.reextracted, "skipped": self.skipped, "still_quarantined": self.still_quarantined,
            "processed": self.processed, "failed": self.failed, "acts": self.acts, "pages": self.pages,
            "problems": dict(self.problems), "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "workers": self.workers, "interrupted_runs": self.interrupted_runs, "stopped_early": self.stopped_early,
            "exports": self.exports, "quarantine": self.quarantine, "duplicates": self.duplicates,
            "held_for_review": self.held_for_review,
            "matiere_unknown": self.matiere_unknown,
            "partitions": self.partitions,
            "started_at": self.started_at,
            "acts_by_nature": dict(self.acts_by_nature.most_common()),
            "acts_by_authority": dict(self.acts_by_authority.most_common()),
            "problem_acts": self.problem_acts,
            "slowest": self.slowest,
            "first_act_s": None if self.first_act_s is None else round(self.first_act_s, 3),
            "extractor_version": EXTRACTOR_VERSION,
            "models": model_versions(),
            "referential": describe_referential(),  # None when no national referential was built
            "ok": self.ok,
        }

    def add_acts(self, acts: list, path: str, seconds: float) -> None:
        """Count one processed submission's acts: nature, authority, problems (every act named), time."""
        pages = len({(a.source.path, p) for a in acts for p in a.source.pages})
        self.acts += len(acts)
        self.pages += pages
        for act in acts:
            self.problems.update(p.slug for p in act.problems)
            self.acts_by_nature[act.nature.value if act.nature else "unknown"] += 1
            who = act.collectivite
            self.acts_by_authority[who.nom_officiel or who.nom or who.siren or "unknown"] += 1
            for slug in dict.fromkeys(p.slug for p in act.problems):
                self.problem_acts.setdefault(slug, []).append({"id": act.id, "source": act.source.path})
        self.slowest.append({"path": path, "seconds": round(seconds, 3), "acts": len(acts), "pages": pages})
        self.slowest.sort(key=lambda f: -f["seconds"])
        del self.slowest[SLOWEST:]

    def summary_lines(self) -> list[str]:
        """The readable summary the CLI prints."""
        lines = [
            f"run {self.run_id}: {self.files_seen} files seen, {self.submissions} submissions: {self.new} new, "
            f"{self.reextracted} re-extracted, {self.skipped} skipped; {self.processed} processed, "
            f"{len(self.failed)} failed; {self.acts} acts extracted ({self.pages} pages)"
        ]
        lines += [f"  failed [{f['reason']}] {f['message']}" for f in self.failed]
        if self.still_quarantined:
            lines.append(f"  {self.still_quarantined} submissions still quarantined from earlier runs (--retry-failed)")
        if self.interrupted_runs:
            lines.append(f"  earlier runs found interrupted and closed: {self.interrupted_runs}")
        if self.stopped_early:
            lines.append("  stopped at the first failure (--fail-fast)")
        if self.problems:
            lines.append("problems: " + ", ".join(f"{slug} {n}" for slug, n in self.problems.most_common()))
        if self.matiere_unknown:
            from actes.exporters.scdl import MATIERE_HINT

            lines.append(f"deliberations.csv: {self.matiere_unknown} held, matière unknown ({MATIERE_HINT})")
        if self.held_for_review.get("count"):
            reasons = ", ".join(f"{r} {n}" for r, n in self.held_for_review["by_reason"].items())
            lines.append(f"held for privacy review: {self.held_for_review['count']} of {self.acts} acts ({reasons}; actes review)")
            lines += [f"  held {a['id']} ({a['source']}): {a['reason']}: {a['detail'] or ''}"[:200]
                      for a in self.held_for_review["acts"][:20]]
        lines.append("seconds: " + ", ".join(f"{stage} {s:.2f}" for stage, s in self.seconds.items()))
        lines.append(referential_line())
        return lines


def write_atomically(path: Path, text: str) -> None:
    """Write then rename, so a reader (or a kill -9) never sees half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_json(path: Path, data) -> None:
    write_atomically(path, json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
