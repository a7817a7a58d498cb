"""A small published output folder shared by the publication tests."""

from __future__ import annotations

import shutil

import pytest

from actes.pipeline import run
from actes.publish.site import publish

ACTS = ("deliberation-01.txt", "peril-01.txt", "minutes-01.txt", "decision-01.txt")


@pytest.fixture(scope="session")
def published(tmp_path_factory, fixtures_dir):
    """OUT after `actes run` + `actes publish` on four acts of the privacy set."""
    root = tmp_path_factory.mktemp("published")
    inbox = root / "inbox"
    inbox.mkdir()
    for name in ACTS:
        shutil.copy(fixtures_dir / "privacy" / "acts" / name, inbox / name)
    out = root / "out"
    report = run(inbox, out, workers=1)
    assert report.ok
    (out / "searches.json").write_text('[{"name": "cessions", "query": "cession"}]', encoding="utf-8")
    publish(out)
    return out
