"""Inputs that crashed a fuzz harness once, kept as tests (tests/fuzz/crashes/)."""

from __future__ import annotations

import shutil
from pathlib import Path

from actes.readers.archive import expand_archives

CRASHES = Path(__file__).parent / "crashes"


def test_zip_member_with_a_broken_deflate_stream_fails_by_name(tmp_path):
    # fuzz/fuzz_archive.py: zlib.error "invalid distance too far back" escaped from a nested member
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    archive = inbox / "a.zip"
    shutil.copy(CRASHES / "archive-zlib-invalid-distance.zip", archive)
    paths, failures = expand_archives([archive], tmp_path / "work", root=inbox)
    assert paths == []
    assert [(f["path"], f["reason"]) for f in failures] == [(f"{archive}!inner.zip", "bad-archive")]
    assert "decompressing" in failures[0]["message"]


def test_zip_member_with_an_empty_name_fails_by_name(tmp_path):
    # fuzz/fuzz_archive.py: zipfile.ZipInfo.is_dir() raised IndexError on a member named ""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    archive = inbox / "a.zip"
    shutil.copy(CRASHES / "archive-zip-empty-member-name.zip", archive)
    paths, failures = expand_archives([archive], tmp_path / "work", root=inbox)
    assert failures and all(f["path"].startswith(str(archive)) for f in failures)
    assert all(tmp_path / "work" in p.parents for p in paths)
