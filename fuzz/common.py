"""Shared plumbing of the atheris harnesses: seed corpus from the project's fixtures, run."""

from __future__ import annotations

import functools
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@functools.cache
def hostile_inbox() -> Path:
    """The hostile corpus of fixtures/hostile, built once per process in a temporary folder."""
    from fixtures.hostile import build

    hostile = Path(tempfile.mkdtemp(prefix="actes-fuzz-hostile-"))
    build(hostile / "inbox", hostile / "canary.txt")
    return hostile / "inbox"


def fixture_files(*suffixes: str) -> list[Path]:
    """Project fixtures with these suffixes: the demo inbox, the hostile corpus (built on the fly)."""
    roots = [ROOT / "fixtures", hostile_inbox()]
    found = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink() and path.name.lower().endswith(suffixes):
                if path.stat().st_size <= 1_000_000:  # libFuzzer's default max_len is far smaller anyway
                    found.append(path)
    return found


def seed_folder(name: str, seeds: list[bytes]) -> str:
    folder = Path(tempfile.mkdtemp(prefix=f"actes-fuzz-{name}-"))
    for index, data in enumerate(seeds):
        (folder / f"seed-{index:04d}").write_bytes(data)
    return str(folder)


def run(name: str, test_one_input: Callable[[bytes], None], seeds: Callable[[], list[bytes]]) -> None:
    """``python fuzz/<name>.py [libFuzzer options] [corpus folder]``; seeds are added when no folder is given."""
    import atheris

    argv = list(sys.argv)
    if not any(not arg.startswith("-") for arg in argv[1:]):
        argv.append(seed_folder(name, seeds()))
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()
