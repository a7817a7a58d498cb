"""Text clean-up shared by readers: Unicode NFKC, line-end hyphens, stray whitespace."""

from __future__ import annotations

import re
import unicodedata

# "conven-\ntion" → "convention", but keep real hyphens of compound words before a capital
# ("Saint-\nMartin" stays "Saint-Martin").
_P_HYPHEN_BREAK = re.compile(r"(?<=[a-zà-ÿ])-\n(?=[a-zà-ÿ])")
_P_HYPHEN_COMPOUND = re.compile(r"(?<=\w)-\n(?=[A-ZÀ-Ý])")
_P_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_P_TRAILING = re.compile(r" +\n")


def normalize_text(text: str) -> str:
    """Return ``text`` NFKC-normalised, with line-end hyphenation joined and spaces folded."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = text.replace("\u00ad", "")  # soft hyphen
    text = _P_SPACES.sub(" ", text)
    text = _P_TRAILING.sub("\n", text)
    text = _P_HYPHEN_BREAK.sub("", text)
    text = _P_HYPHEN_COMPOUND.sub("-", text)
    return text
