"""Faster ``finditer``/``search``/``sub`` for case-insensitive patterns, with the same matches.

Python's ``re`` skips ahead quickly only when a pattern starts with a known literal or a
case-sensitive set of characters; a pattern compiled with ``re.I`` (or one that opens on a
lookbehind) is tried at every position of the text, which is most of the extractors' time.

``Scanned(pattern)`` reads, from the parsed pattern, the literal prefixes (up to a few characters,
lowercased) every match must start with: "s[ée]ance\\s+du|conseil…" gives "séan", "sean", "cons"….
It then finds those prefixes in a lowercased copy of the text with ``str.find`` (made once per
text and kept) and runs ``pattern.match`` only there, in order, skipping what an earlier match
covered: exactly what ``pattern.finditer`` returns. A pattern whose matches may start with a
character outside a short list (``\\d``, ``\\w``, a long set) is left to ``re`` as it is.

Lowercasing follows ``re``'s own case-insensitivity: the simple lowercase mapping, and the
characters ``re`` treats as equal beyond it (``ſ`` and ``s``, ``ı`` and ``i``…) made one.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

try:  # CPython's own parser and case tables (3.11+): without them, patterns are left to re as they are
    import _sre
    from re import _casefix, _parser  # type: ignore[attr-defined]
    from re import _constants as C  # type: ignore[attr-defined]

    _EXTRA_CASES = _casefix._EXTRA_CASES
except ImportError:  # pragma: no cover - another Python implementation
    _sre = _parser = C = None
    _EXTRA_CASES = {}

MAX_PREFIX = 4  # characters of prefix read from a pattern
MAX_PREFIXES = 48  # more prefixes than this: shorter ones
MAX_SET = 12  # a character set wider than this (lowercased) ends the prefix
MIN_TEXT = 160  # under this many characters in the window, ``re`` alone is faster

# re's case-insensitive equivalences beyond lowercase, closed into classes; each char → the smallest of its class
_CLASSES: dict[str, set[str]] = {}
for _code, _extra in _EXTRA_CASES.items():
    _members = {chr(_code), *map(chr, _extra)}
    for _member in list(_members):
        _members |= _CLASSES.get(_member, set())
    for _member in _members:
        _CLASSES[_member] = _members
_CANON = {ord(c): min(members) for c, members in _CLASSES.items() if min(members) != c}
P_DIGITS = re.compile(r"\d+")
P_NEEDS_CANON = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_CANON)) + "]")


def fold_char(char: str) -> str:
    """``char`` as ``re`` compares it under ``re.I``: simple lowercase, then the class representative."""
    low = chr(_sre.unicode_tolower(ord(char)))
    return _CANON.get(ord(low), low) if ord(low) in _CANON else low


@lru_cache(maxsize=32)  # the texts of the act being read: its text, its heads, masked
def fold(text: str) -> str:
    """``text`` lowercased as ``re.I`` sees it, character for character (same length, same offsets)."""
    low = text.lower()
    if len(low) != len(text):  # "İ" lowercases to two characters: do it one by one
        low = "".join(fold_char(c) for c in text)
    if P_NEEDS_CANON.search(low):
        low = low.translate(_CANON)
    return low


# Markers in a prefix (never characters of a pattern's prefix: patterns holding them are left to re)
START = "\x00"  # this way of matching starts only at the string's first character (^, \A)
DIGIT = "\x01"  # a decimal digit, of any script (\d)
SPACE = "\x02"  # a whitespace character (\s)
MARKERS = {DIGIT: r"\d", SPACE: r"\s"}
_CATEGORIES = {C.CATEGORY_DIGIT: DIGIT, C.CATEGORY_SPACE: SPACE} if C is not None else {}


def _chars(op, av, flags: int) -> set[str] | None:
    """The folded characters one LITERAL or IN element can match (a marker for \\d, \\s); None
    when too many or unknown."""
    if op is C.LITERAL:
        return {fold_char(chr(av))}
    if op is not C.IN:
        return None
    out: set[str] = set()
    for item, value in av:
        if item is C.LITERAL:
            out.add(fold_char(chr(value)))
        elif item is C.RANGE and value[1] - value[0] <= 4 * MAX_SET:
            out.update(fold_char(chr(code)) for code in range(value[0], value[1] + 1))
        elif item is C.CATEGORY and value in _CATEGORIES:
            out.add(_CATEGORIES[value])
        else:  # NEGATE, other categories (\w), a wide range
            return None
        if len(out) > MAX_SET:
            return None
    return out


_STOP = (None, None, 0)  # ends a prefix: what follows is not known


def _prefixes(items: list, k: int) -> set[str]:
    """Strings (at most ``k`` folded characters) one of which starts every match of ``items``;
    "" in the result means some match may start with a character not known here."""
    if k == 0 or not items:
        return {""}
    (op, av, flags), rest = items[0], items[1:]
    if op is None:
        return {""}
    if op is C.AT and (av is C.AT_BEGINNING_STRING or (av is C.AT_BEGINNING and not flags & re.MULTILINE)):
        return {START}  # this way matches only at the string's start
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero width: \b, lookarounds
        return _prefixes(rest, k)
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        inner = (flags | add_flags) & ~del_flags
        return _prefixes([(o, a, inner) for o, a in sub.data] + rest, k)
    if op is C.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            out |= _prefixes([(o, a, flags) for o, a in alternative.data] + rest, k)
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, sub = av
        if high == 0:
            return _prefixes(rest, k)
        inner = [(o, a, flags) for o, a in sub.data]
        if sub.getwidth()[0] == 0:
            after = [_STOP]  # a repeat that may match nothing: what follows it is not followed here
        else:  # once, then the same repeat one time less
            again = (low - 1 if low else 0, high if high == C.MAXREPEAT else high - 1, sub)
            after = [(op, again, flags)] + rest
        once = _prefixes(inner + after, k)
        return once | _prefixes(rest, k) if low == 0 else once
    chars = _chars(op, av, flags)
    if chars is None:
        return {""}
    tails = _prefixes(rest, k - 1)
    return {c + tail for c in chars for tail in tails}


def _minimal(prefixes: set[str]) -> frozenset[str]:
    """Drop a prefix that a shorter one already covers ("cons" when "con" is there)."""
    kept: list[str] = []
    for prefix in sorted(prefixes, key=len):
        if not any(prefix.startswith(shorter) for shorter in kept):
            kept.append(prefix)
    return frozenset(kept)


def literal_prefixes(pattern: re.Pattern) -> frozenset[str] | None:
    """The folded prefixes every match of ``pattern`` starts with; None when none can be told."""
    if _parser is None or pattern.flags & re.LOCALE or not isinstance(pattern.pattern, str):
        return None
    if any(marker in pattern.pattern for marker in (START, DIGIT, SPACE)):
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        items = [(op, av, parsed.state.flags) for op, av in parsed.data]
        for k in range(MAX_PREFIX, 0, -1):
            found = _prefixes(items, k)
            if "" in found:
                return None
            found = _minimal({p for p in found if START not in p[1:]})  # "a^": no match that way
            if len(found) <= MAX_PREFIXES:
                return found
    except Exception:  # noqa: BLE001 - a parser of another shape (another Python): leave the pattern to re
        return None
    return None


def _candidates_regexes(prefixes) -> tuple[re.Pattern, ...]:
    """Regexes finding, in the folded text, where a prefix holding \\d or \\s starts: one per first
    character (a regex that opens on one set or literal skips ahead in C), each consuming that one
    character with the rest as a lookahead, so that overlapping starts are all found."""
    ways: dict[str, list[str]] = {}
    for prefix in prefixes:
        ways.setdefault(prefix[0], []).append("".join(MARKERS.get(c, re.escape(c)) for c in prefix[1:]))
    return tuple(
        re.compile(MARKERS.get(first, re.escape(first)) + (f"(?={'|'.join(sorted(rests))})" if all(rests) else ""))
        for first, rests in sorted(ways.items())
    )


class Scanned:
    """A compiled pattern whose ``finditer``, ``search`` and ``sub`` run only where its literal
    prefixes appear; every other attribute is the pattern's."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.compiled = pattern
        self.prefixes = literal_prefixes(pattern)
        self.match = pattern.match
        self.fullmatch = pattern.fullmatch
        prefixes = self.prefixes or frozenset()
        self._at_start = any(p[0] == START for p in prefixes)
        self._literals = tuple(p for p in prefixes if p[0] != START and not any(m in p for m in MARKERS))
        self._regexes = _candidates_regexes(sorted(p for p in prefixes if p[0] != START and any(m in p for m in MARKERS)))

    def __getattr__(self, name: str):
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"Scanned({self.compiled!r})"

    def _starts(self, text: str, pos: int, endpos: int) -> list[int]:
        """Every offset in [pos, endpos) where a match may start, in order."""
        folded = fold(text)
        starts: set[int] = {0} if self._at_start and pos == 0 < endpos else set()
        find = folded.find
        for prefix in self._literals:
            index = find(prefix, pos, endpos)
            while index >= 0:
                starts.add(index)
                index = find(prefix, index + 1, endpos)
        for regex in self._regexes:
            starts.update(match.start() for match in regex.finditer(folded, pos, endpos))
        return sorted(starts)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        endpos = min(endpos, len(text))
        if self.prefixes is None or endpos - pos < MIN_TEXT:
            return self.compiled.finditer(text, pos, endpos)
        return self._finditer(text, max(pos, 0), endpos)

    def _finditer(self, text: str, pos: int, endpos: int):
        match_at = self.compiled.match
        covered = pos
        for start in self._starts(text, pos, endpos):
            if start < covered:
                continue
            match = match_at(text, start, endpos)
            if match is not None:
                yield match
                covered = match.end()

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        endpos = min(endpos, len(text))
        if self.prefixes is None or endpos - pos < MIN_TEXT:
            return self.compiled.search(text, pos, endpos)
        match_at = self.compiled.match
        for start in self._starts(text, max(pos, 0), endpos):
            match = match_at(text, start, endpos)
            if match is not None:
                return match
        return None

    def sub(self, repl, text: str, count: int = 0):
        if self.prefixes is None or not callable(repl) or count or len(text) < MIN_TEXT:
            return self.compiled.sub(repl, text, count)
        pieces, last = [], 0
        for match in self._finditer(text, 0, len(text)):
            pieces.append(text[last : match.start()])
            pieces.append(repl(match))
            last = match.end()
        pieces.append(text[last:])
        return "".join(pieces)


def scanned(pattern: re.Pattern) -> Scanned | re.Pattern:
    """``pattern`` behind a ``Scanned`` (same matches, found faster on long texts); the pattern
    itself when its matches may start anywhere."""
    found = Scanned(pattern)
    return found if found.prefixes is not None else pattern
