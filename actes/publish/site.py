"""Everything ``actes serve`` shows, under ``OUT/site``: the package files (copies of the
pseudonymised exports, never the catalog) and the feeds, plus Datasette's metadata."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from actes.privacy.policy import DEFAULT_POLICY, PrivacyPolicy
from actes.publish.database import PublicationReport, build_publication
from actes.publish.feeds import write_feeds
from actes.publish.metadata import metadata

PACKAGE_FILES = ("deliberations.csv", "actes.csv", "actes.jsonl", "provenance.csv", "datapackage.json", "validation.json",
                 "actes.nt", "actes-jsonld.jsonl", "contexte.jsonld")  # linked data: docs/linked-data.md
METADATA_FILE = "metadata.json"


def publish(out: str | Path, *, db: str | None = None, policy: PrivacyPolicy = DEFAULT_POLICY,
            base_url: str = "http://127.0.0.1:8001") -> PublicationReport:
    """Build the publication database, the site folder and the feeds from the catalog."""
    out = Path(out)
    report = build_publication(db or out / "actes.db", out, policy)
    package = out / "site" / "package"
    package.mkdir(parents=True, exist_ok=True)
    for name in PACKAGE_FILES:
        if (out / name).is_file():
            shutil.copy2(out / name, package / name)
    package_date = None
    if (out / "datapackage.json").is_file():
        package_date = json.loads((out / "datapackage.json").read_text(encoding="utf-8")).get("created")
    (out / "site" / METADATA_FILE).write_text(
        json.dumps(metadata(package_date, report.acts), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_feeds(report.path, out, base_url)
    return report
