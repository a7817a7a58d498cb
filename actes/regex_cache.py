"""A disk cache for the few huge regular expressions a model compiles when it loads.

spaCy's French tokenizer compiles one 1.4 MB pattern (its exceptions' ``token_match``) every
time the language is imported: about 3 s of CPU on a free core, most of ``actes run``'s
start-up. Python's ``re`` keeps compiled patterns only in memory, so each run paid it again.
Inside ``cached_regexes()`` a pattern of ``MIN_CHARS`` or more is compiled once, its SRE code
(a list of integers) kept as JSON under the user's cache folder, and later runs build the
pattern from that code in ~0.05 s. The key holds the Python version and the pattern's hash,
so another interpreter or another pattern compiles afresh; any problem with the cache falls
back on the normal compilation (the result is the same object ``re.compile`` makes).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

MIN_CHARS = 100_000
ENV = "ACTES_CACHE_DIR"  # where the cache lives (default: $XDG_CACHE_HOME/actes or ~/.cache/actes)


def cache_dir() -> Path:
    if folder := os.environ.get(ENV):
        return Path(folder) / "regex"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "actes" / "regex"


def _key(pattern: str | bytes, flags: int) -> str:
    raw = pattern.encode("utf-8", "surrogatepass") if isinstance(pattern, str) else pattern
    digest = hashlib.sha256(raw + f"\0{type(pattern).__name__}\0{int(flags)}".encode()).hexdigest()[:32]
    return f"{sys.implementation.cache_tag}-{sys.version_info.releaselevel}{sys.hexversion:x}-{digest}"


def _build(pattern, entry: dict):
    import _sre

    index = {name: i for name, i in entry["groupindex"]}
    return _sre.compile(pattern, entry["flags"], entry["code"], entry["groups"] - 1, index, tuple(entry["indexgroup"]))


def _compile_and_describe(pattern, flags: int) -> tuple[object, dict]:
    """What ``re._compiler.compile`` does, keeping the pieces the cache needs."""
    from re import _compiler, _parser

    tree = _parser.parse(pattern, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry = {
        "flags": int(flags | tree.state.flags),
        "code": list(code),
        "groups": tree.state.groups,
        "groupindex": sorted(groupindex.items(), key=lambda kv: kv[1]),
        "indexgroup": indexgroup,
    }
    return _build(pattern, entry), entry


def _write(path: Path, entry: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w") as handle:
        json.dump(entry, handle, separators=(",", ":"))
    os.replace(tmp, path)  # another process writing the same entry writes the same bytes


def compile_cached(pattern, flags: int = 0, folder: Path | None = None):
    """``re._compiler.compile`` for one pattern, through the disk cache."""
    path = (folder or cache_dir()) / f"{_key(pattern, flags)}.json"
    try:
        return _build(pattern, json.loads(path.read_text()))
    except (OSError, ValueError, KeyError, TypeError, RuntimeError):
        pass  # absent, unreadable, or from an incompatible interpreter: compile afresh
    compiled, entry = _compile_and_describe(pattern, flags)
    with contextlib.suppress(OSError):  # a read-only home only costs the next run the compilation
        _write(path, entry)
    return compiled


@contextlib.contextmanager
def cached_regexes(folder: Path | None = None) -> Iterator[None]:
    """Within the block, huge patterns go through the disk cache (small ones compile as usual)."""
    from re import _compiler

    original = _compiler.compile

    def compile(pattern, flags=0):
        if isinstance(pattern, str | bytes) and len(pattern) >= MIN_CHARS:
            try:
                return compile_cached(pattern, flags, folder)
            except Exception:  # noqa: BLE001 - the cache must never break a model's loading
                pass
        return original(pattern, flags)

    _compiler.compile = compile
    try:
        yield
    finally:
        _compiler.compile = original
