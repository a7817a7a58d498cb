"""Everything ``actes serve`` shows, under ``OUT/site``: the package files (copies of the
pseudonymised exports, never the catalog) and the feeds, plus Datasette's metadata."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from actes.privacy.policy import DEFAULT_POLICY, PrivacyPolicy
from actes.publish.database import PublicationReport, build_publication
from actes.publish.feeds import write_feeds
from actes.publish.metadata import metadata

PACKAGE_FILES = (
    "deliberations.csv",
    "actes.csv",
    "actes.jsonl",
    "provenance.csv",
    "datapackage.json",
    "validation.json",
    "actes.nt",
    "actes-jsonld.jsonl",
    "contexte.jsonld",
)  # linked data: docs/linked-data.md
METADATA_FILE = "metadata.json"


def publish(
    out: str | Path,
    *,
    db: str | None = None,
    policy: PrivacyPolicy = DEFAULT_POLICY,
    base_url: str = "http://127.0.0.1:8001",
    full: bool = False,
) -> PublicationReport:
    """Build the publication database, the site folder and the feeds from the catalog: only what
    changed since the last publish is written again (``full``: everything)."""
    out = Path(out)
    report = build_publication(db or out / "actes.db", out, policy, full=full)
    every = full or not (out / "site" / "feeds").is_dir()  # a site folder removed by hand: every feed again
    package = out / "site" / "package"
    package.mkdir(parents=True, exist_ok=True)
    for name in PACKAGE_FILES:
        _share(out / name, package / name)
    package_date = None
    if (out / "datapackage.json").is_file():
        package_date = json.loads((out / "datapackage.json").read_text(encoding="utf-8")).get("created")
    text = json.dumps(metadata(package_date, report.acts), ensure_ascii=False, indent=2) + "\n"
    path = out / "site" / METADATA_FILE
    if not path.is_file() or path.read_text(encoding="utf-8") != text:  # the dashboards' declaration included
        path.write_text(text, encoding="utf-8")
    write_feeds(report.path, out, base_url, report.feeds, None if every else report.feeds_touched)
    return report


def _share(source: Path, copy: Path) -> None:
    """Put the package file ``source`` in the site: a hard link where the file system allows (the
    export replaces its files, it never writes into them), else a copy; nothing when already there."""
    if not source.is_file():
        return
    if copy.is_file():
        a, b = source.stat(), copy.stat()
        if (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev) or (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns):
            return
    staging = copy.with_name(f".{copy.name}.tmp")
    staging.unlink(missing_ok=True)
    try:
        os.link(source, staging)
    except OSError:
        shutil.copy2(source, staging)
    os.replace(staging, copy)
