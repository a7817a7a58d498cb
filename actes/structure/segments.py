"""Cut an act's text into segments: the units the block model classifies.

A segment is a line when the text keeps its line breaks. Many text layers lose them (a PDF's
words joined by spaces): a long line is then cut again where a reader sees a new block start,
from generic signs only: the end of a sentence, a run of capitals starting or ending (headings
are printed in capitals), a year followed by a capitalised word (a title's date, then the body),
and the leading words that open the parts of an act (Vu, Considérant, DÉCIDE, Article…).
Only the head and the tail of an act are cut: its metadata sit there, and the middle of a long
report would cost time for nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

HEAD_CHARS = 6000
TAIL_CHARS = 3000
LONG_LINE = 160  # a line longer than this is probably flattened text: cut it again
MAX_SEGMENT = 600  # a segment never runs longer: the rest of a long paragraph is cut at a sentence
MIN_SEGMENT = 2
CIVILITIES = frozenset({"m", "mme", "mlle", "monsieur", "madame", "mademoiselle", "messieurs", "mesdames", "mm"})
P_LINE = re.compile(r"[^\n]+")
P_WORD = re.compile(r"\S+")
# Leading words that open a part of an act (French administrative vocabulary, not any authority's).
P_OPENER = re.compile(
    r"(?:Vu|VU|Considérant|CONSIDÉRANT|CONSIDERANT|Considerant|Attendu|Entendu|DÉCIDE|DECIDE|Décide|DÉLIBÈRE|"
    r"DELIBERE|ARRÊTE|ARRETE|Arrête|Article|ARTICLE|Étaient|Etaient|ÉTAIENT|ETAIENT|Sont|Présents|Presents|PRÉSENTS|"
    r"PRESENTS|Absents?|ABSENTS?|Excusés?|EXCUSÉS?|Pouvoirs?|Secrétaire|Secretaire|SECRÉTAIRE|SECRETAIRE|Objet|OBJET|"
    r"Ordre|ORDRE|Fait|FAIT|Pour\s+extrait|POUR\s+EXTRAIT|Après|Apres|APRÈS|Sur\s+(?:le|la|proposition)|L['’]an|"
    r"Le\s+Conseil|LE\s+CONSEIL|Le\s+Maire|LE\s+MAIRE|Le\s+Président|LE\s+PRÉSIDENT|Adopté|ADOPTÉ|Nombre|NOMBRE|"
    r"ANNEXE|Annexe|Séance|SÉANCE|SEANCE|PROC[ÈE]S[- ]VERBAL|Proc[èe]s[- ]verbal|COMPTE[- ]RENDU|Compte[- ]rendu|"
    r"EXTRAIT|Extrait)\b"
)
# Words that open a heading of their own inside a run of capitals: a letterhead flattened into one
# line ("DÉPARTEMENT DE X ARRONDISSEMENT DE Y COMMUNE DE Z CONSEIL MUNICIPAL PROCÈS-VERBAL") is
# several headings, and the title starts at one of them.
HEADING_WORDS = frozenset(
    "DEPARTEMENT ARRONDISSEMENT COMMUNE VILLE MAIRIE CONSEIL REPUBLIQUE PROCES PROCES-VERBAL COMPTE COMPTE-RENDU "
    "EXTRAIT REGISTRE SEANCE REUNION BUREAU COMMUNAUTE DISPOSITIONS REGLEMENT ORDRE".split()
)
CONNECTORS = frozenset(
    {"DU", "DE", "DES", "D'", "D’", "LA", "LE", "LES", "L'", "L’", "AU", "AUX", "A", "À", "ET", "-", "–"}
)
P_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[Mm]me)(?<!\bMM)[.!?;]\s+(?=[«\"(]?[A-ZÉÈÊÀÂÎÔÛÇ0-9])")
P_YEAR_THEN_CAPITAL = re.compile(r"\b(?:1[89]|20)\d\d\b\.?\s+(?=[A-ZÉÈÊÀÂÎÔÛÇ][a-zéèêàâîôûç])")


@lru_cache(maxsize=1 << 16)  # the same words come back on every long line
def _word_kind(word: str) -> tuple[int | None, int]:
    """(1 capitals, 0 other, None neutral: numbers, dashes, initials continue a run; its letters)."""
    letters = sum(map(str.isalpha, word))
    lower = word != word.upper()
    if lower:
        return 0, letters
    return (1 if letters >= 2 else None), letters


def _caps_cuts(line: str, lo: int, hi: int) -> list[int]:
    """Offsets where a run of at least two capitalised words starts or ends."""
    words = [(m.start(), m.end(), m.group()) for m in P_WORD.finditer(line, lo, hi)]
    kinds, counts = zip(*(_word_kind(word) for _, _, word in words), strict=True) if words else ((), ())
    cuts = []
    i = 0
    while i < len(words):
        if kinds[i] != 1:
            i += 1
            continue
        j = i
        caps = 0
        while j < len(words) and kinds[j] != 0:
            caps += kinds[j] == 1
            j += 1
        letters = sum(counts[i:j])
        after_civility = i > 0 and words[i - 1][2].strip(".,").lower() in CIVILITIES
        if (caps >= 3 or (caps == 2 and letters >= 10)) and not after_civility:
            cuts.append(words[i][0])
            if j < len(words):
                cuts.append(words[j][0])
            cuts.extend(
                words[k][0]
                for k in range(i + 1, j)
                if _heading_word(words[k][2])
                and not _heading_word(words[k - 1][2])
                and words[k - 1][2].upper() not in CONNECTORS
            )
        i = j
    return cuts


@lru_cache(maxsize=1 << 16)
def _heading_word(word: str) -> bool:
    folded = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return folded.strip(".,:;").upper() in HEADING_WORDS


def _cut_long(line: str, lo: int, hi: int) -> list[tuple[int, int]]:
    cuts = {lo, hi}
    cuts.update(m.end() for m in P_SENTENCE_END.finditer(line, lo, hi))
    cuts.update(m.end() for m in P_YEAR_THEN_CAPITAL.finditer(line, lo, hi))
    cuts.update(m.start() for m in P_OPENER.finditer(line, lo, hi) if m.start() == lo or line[m.start() - 1] == " ")
    cuts.update(_caps_cuts(line, lo, hi))
    ordered = sorted(c for c in cuts if lo <= c <= hi)
    spans = []
    for start, end in zip(ordered, ordered[1:], strict=False):
        while end - start > MAX_SEGMENT:  # an endless paragraph: cut at a space
            cut = line.rfind(" ", start, start + MAX_SEGMENT)
            cut = cut if cut > start else start + MAX_SEGMENT
            spans.append((start, cut))
            start = cut
        spans.append((start, end))
    return spans


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    flattened: bool  # cut out of a long line, not a line of its own


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def segments(text: str, head: int = HEAD_CHARS, tail: int = TAIL_CHARS) -> list[Segment]:
    """The segments of ``text``'s head and tail, in order (offsets into ``text``)."""
    windows = [(0, min(len(text), head))]
    if len(text) > head:
        windows.append((max(head, len(text) - tail), len(text)))
    out: list[Segment] = []
    for lo, hi in windows:
        for match in P_LINE.finditer(text, lo, hi):
            start, end = _trimmed(text, *match.span())
            if end - start < MIN_SEGMENT:
                continue
            if end - start <= LONG_LINE:
                out.append(Segment(start, end, False))
                continue
            for s, e in _cut_long(text, start, end):
                s, e = _trimmed(text, s, e)
                if e - s >= MIN_SEGMENT:
                    out.append(Segment(s, e, True))
    return out
