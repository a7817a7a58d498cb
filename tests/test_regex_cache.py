"""The disk cache of huge regexes gives the pattern ``re`` compiles, and survives a bad entry."""

from __future__ import annotations

import re

from actes import regex_cache
from actes.regex_cache import cached_regexes, compile_cached

WORDS = [f"mot{i}-trait[ée]?" for i in range(300)] + ["aujourd['’]hui", r"(?P<saint>saint-\w+)"]
PATTERN = r"^(?:" + "|".join(WORDS) + r")$"
SAMPLES = ["mot12-trait", "mot299-traité", "mot300-trait", "aujourd’hui", "saint-étienne", "Saint-Étienne", "x"]


def _matches(pattern: re.Pattern) -> list:
    return [(s, bool(pattern.match(s)), pattern.match(s) and pattern.match(s).groupdict()) for s in SAMPLES]


def test_a_cached_pattern_matches_what_re_compiles_and_is_read_back(tmp_path, monkeypatch):
    plain = re.compile(PATTERN, re.IGNORECASE)
    first = compile_cached(PATTERN, re.IGNORECASE, tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1
    monkeypatch.setattr(
        regex_cache, "_compile_and_describe", lambda *a: (_ for _ in ()).throw(AssertionError("compiled again"))
    )
    second = compile_cached(PATTERN, re.IGNORECASE, tmp_path)  # from the file, not compiled
    for pattern in (first, second):
        assert (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex) == (
            plain.pattern,
            plain.flags,
            plain.groups,
            plain.groupindex,
        )
        assert _matches(pattern) == _matches(plain)
    assert sum(m[1] for m in _matches(plain)) == 5  # the samples exercise both outcomes


def test_a_broken_entry_is_compiled_again(tmp_path):
    compile_cached(PATTERN, 0, tmp_path)
    (entry,) = tmp_path.glob("*.json")
    entry.write_text('{"code": [1, 2')
    assert _matches(compile_cached(PATTERN, 0, tmp_path)) == _matches(re.compile(PATTERN))
    entry.write_text('{"flags": 32, "code": [999999], "groups": 1, "groupindex": [], "indexgroup": [null]}')
    assert _matches(compile_cached(PATTERN, 0, tmp_path)) == _matches(re.compile(PATTERN))


def test_only_huge_patterns_go_through_the_cache_within_the_block(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache, "MIN_CHARS", len(PATTERN))
    re.purge()  # not from re's own memory cache
    with cached_regexes(tmp_path):
        big = re.compile(PATTERN)
        small = re.compile(r"petit\d+")
    assert len(list(tmp_path.glob("*.json"))) == 1
    assert _matches(big) == _matches(re.compile(PATTERN)) and small.match("petit3")
    re.purge()
    re.compile(PATTERN + "|autre")  # outside the block: the normal compiler, nothing written
    assert len(list(tmp_path.glob("*.json"))) == 1
