"""Fuzz archive unpacking: any bytes as .zip / .tar.gz → members inside the private folder or
named failures; never a file outside it, never an exception.

    .venv/bin/python fuzz/fuzz_archive.py -max_total_time=60 -print_final_stats=1
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import fixture_files, run  # noqa: E402

with atheris.instrument_imports(include=["actes"]):
    from actes.limits import Limits
    from actes.readers.archive import expand_archives

BASE = Path(tempfile.mkdtemp(prefix="actes-fuzz-archive-"))
LIMITS = Limits(max_archive_bytes=20_000_000, max_archive_members=500)


def test_one_input(data: bytes) -> None:
    suffix = ".zip" if data[:2] == b"PK" else ".tar.gz" if data[:2] == b"\x1f\x8b" else ".tar"
    inbox, work = BASE / "inbox", BASE / "work"
    shutil.rmtree(BASE)
    inbox.mkdir(parents=True)
    archive = inbox / f"a{suffix}"
    archive.write_bytes(data)
    paths, failures = expand_archives([archive], work, LIMITS, root=inbox)
    for path in paths:
        assert work in path.parents and path.is_file() and not path.is_symlink()
    assert sorted(p.name for p in BASE.iterdir()) in (["inbox"], ["inbox", "work"])
    assert [p.name for p in inbox.iterdir()] == [archive.name]
    for failure in failures:
        failure["path"].encode("utf-8")


def seeds() -> list[bytes]:
    return [p.read_bytes() for p in fixture_files(".zip", ".tar.gz", ".tgz", ".tar")]


if __name__ == "__main__":
    run("archive", test_one_input, seeds)
