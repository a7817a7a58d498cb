"""Find a private value in any string, whatever its case, accents, spacing or line breaks.

Every published string is read through a *folded projection*: lower case, no accents, every
run of punctuation or whitespace one space, a word cut by an end-of-line hyphen joined again;
each folded character remembers the index of the character it came from. A value is searched
in the projection and its span mapped back, so the span is an offset into the very string
being published, whatever normalisation produced it (a whitespace-collapsed objet, a snippet,
a file name). The same projection serves the verification: a value is *in* a string exactly
when this search finds it.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata

_SPECIAL = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i"}
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"}  # soft hyphen, zero-width


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """The folded form of one character: letters and digits, or "" for a separator."""
    if ch in _INVISIBLE:
        return "\x00"  # dropped, not a separator
    out = []
    for c in unicodedata.normalize("NFKD", ch.lower()):
        if unicodedata.combining(c):
            continue
        c = _SPECIAL.get(c, c)
        if c.isalnum():
            out.append(c)
    return "".join(out)


class _Table(dict):
    """str.translate table: each character to its one folded character (" " for separators),
    or "\x01" when it folds to none or several ("œ", a soft hyphen); filled on first sight."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code)) or " "
        value = folded if len(folded) == 1 and folded != "\x00" else "\x01"
        self[code] = value
        return value


_TABLE = _Table()


class Folded:
    """The folded projection of ``text``: ``value``, and ``span`` to map a span of it back.

    Fast path (``one_to_one`` given): each character folded to exactly one, so a folded word is
    its source word character for character; where each word starts is only computed when a
    span is first mapped back (most strings searched hold no private value). Slow path:
    ``index`` gives the source of every folded character.
    """

    __slots__ = ("text", "value", "_one_to_one", "_starts", "_origins", "_index")

    def __init__(self, text: str, value: str, one_to_one: str | None = None, index: tuple[int, ...] | None = None):
        self.text, self.value, self._one_to_one, self._index = text, value, one_to_one, index
        self._starts: list[int] | None = None
        self._origins: list[int] = []

    def _origin(self, i: int) -> int:
        if self._index is not None:
            return self._index[i]
        if self._starts is None:
            self._starts, at = [], 0
            for word in P_WORD.finditer(self._one_to_one):
                self._starts.append(at)
                self._origins.append(word.start())
                at += word.end() - word.start() + 1
        word = bisect.bisect_right(self._starts, i) - 1
        return self._origins[word] + (i - self._starts[word])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``text`` that folded ``value[start:end]`` comes from."""
        return self._origin(start), self._origin(end - 1) + 1


P_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\r?\n[ \t]*(?=\w)")  # "QUÉME-\nNEUR"
P_WORD = re.compile(r"[^ ]+")


def fold(text: str, *, join_hyphens: bool = True) -> Folded:
    """The folded projection of ``text`` (see the module docstring)."""
    one_to_one = text.translate(_TABLE)
    if "\x01" not in one_to_one and not (join_hyphens and "-" in text and P_HYPHEN_BREAK.search(text)):
        return Folded(text, " ".join(one_to_one.split()), one_to_one)
    return _fold_slow(text, join_hyphens)


def _fold_slow(text: str, join_hyphens: bool) -> Folded:
    """Character by character: ligatures ("œ" → "oe"), invisible characters, hyphenated line ends."""
    skip: set[int] = set()
    if join_hyphens:
        for match in P_HYPHEN_BREAK.finditer(text):
            skip.update(range(match.start(), match.end()))
    chars: list[str] = []
    index: list[int] = []
    space = True  # no leading space
    for i, ch in enumerate(text):
        if i in skip:
            continue
        folded = _fold_char(ch)
        if folded == "\x00":
            continue
        if folded:
            for c in folded:
                chars.append(c)
                index.append(i)
            space = False
        elif not space:
            chars.append(" ")
            index.append(i)
            space = True
    if chars and chars[-1] == " ":
        chars.pop()
        index.pop()
    return Folded(text, "".join(chars), index=tuple(index))


def fold_value(text: str, *, join_hyphens: bool = True) -> str:
    return fold(text, join_hyphens=join_hyphens).value


@functools.lru_cache(maxsize=8192)
def needle_pattern(needle: str, spaced: bool = False) -> re.Pattern:
    """A folded value as a pattern over folded text, whole words only.

    ``spaced``: digits and letters may be grouped anyhow ("0612345678", "06 12 34 56 78",
    an IBAN in blocks of four or not).
    """
    if spaced:
        body = " ?".join(re.escape(c) for c in needle.replace(" ", ""))
    else:
        body = re.escape(needle)
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])")


def find(folded: Folded, needle: str, spaced: bool = False) -> list[tuple[int, int]]:
    """Spans of ``folded.text`` where the folded ``needle`` stands as whole words."""
    if not needle or not folded.value:
        return []
    return [folded.span(m.start(), m.end()) for m in needle_pattern(needle, spaced).finditer(folded.value)]


def contains(folded: Folded, needle: str, spaced: bool = False) -> bool:
    return bool(needle) and needle_pattern(needle, spaced).search(folded.value) is not None
