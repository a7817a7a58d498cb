"""Per-page verdict: is this page's text layer good, absent, or scanner-OCR garbage?

Peers decide per file, so a PDF mixing typed and scanned pages either loses its scanned pages
or is OCRed whole. We decide per page, from the text layer and how much of the page a picture
covers (scanners put their text layer over a full-page image; typed pages have none).
The function here is pure so that it can be tested on snippets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BORN_DIGITAL = "born-digital"
SCANNED = "scanned"  # no usable text layer: the page is a picture
BAD_TEXT_LAYER = "bad-text-layer"  # a picture with scanner OCR garbage on top
NEEDS_OCR = frozenset({SCANNED, BAD_TEXT_LAYER})

# Under this many letters a page has no text layer to speak of (a stamp added on a scan
# by the @CTES operator has about a hundred: see MIN_LETTERS_OVER_IMAGE).
MIN_LETTERS = 40
MIN_LETTERS_OVER_IMAGE = 250
# A picture covering this share of the page makes it a scan.
SCAN_COVERAGE = 0.5

# The most frequent French words of administrative prose. Correct French text has 30-50 %
# of its words in this list; scanner OCR garbage ("d4libdration Ia cornmune") has few.
COMMON_WORDS = frozenset(
    """
    le la les l un une des du de d au aux et ou en dans sur sous par pour avec sans que qui
    quoi dont ne pas plus est sont a ont été être avoir fait faire ce cet cette ces son sa ses
    leur leurs il elle ils elles on nous vous se s qu n y à ainsi comme entre vu article
    conseil municipal commune communes maire préfet arrêté arrête délibération séance présent
    présents date jour mois an année objet monsieur madame m mme code vote votes pour contre
    après avant selon lors compte ville département décide approuve autorise considérant
    """.split()
)
# Mojibake of UTF-8 read as Latin-1 ("dÃ©libÃ©ration"), replacement characters, and control
# characters from fonts without a Unicode map (seen in the heading of a born-digital PV).
# Private-use characters are not counted: Word's Symbol/Wingdings bullets (U+F0B7) are fine.
_P_BROKEN = re.compile(r"Ã[\x80-\xbf©¨ª«´®§¢¹]|â€|\ufffd|[\x00-\x08\x0e-\x1f]")
# Letter-spaced words ("D É L I B É R A T I O N"): runs of single letters separated by spaces.
_P_SPACED = re.compile(r"(?<!\w)(?:\w ){3,}\w(?!\w)")
_P_WORD = re.compile(r"[^\W\d_]+")
# One-letter words that exist in French, once elided forms are split off.
_SINGLE_LETTER_WORDS = frozenset("aàyldsmncjtq")


@dataclass(frozen=True)
class TextQuality:
    """Measures of a text layer that tell garbage apart from French."""

    letters: int
    words: int
    common_ratio: float  # share of words found in COMMON_WORDS
    single_letter_ratio: float  # share of words that are one odd letter
    spaced_ratio: float  # share of letters inside letter-spaced runs
    broken_ratio: float  # mojibake characters per letter
    broken: int = 0  # mojibake characters

    def looks_bad(self) -> bool:
        """Garbage as scanners' OCR layers make it: enough to OCR the page when a picture lies under it."""
        if self.letters == 0:
            return False
        if self.broken_ratio > 0.005 or self.spaced_ratio > 0.15:
            return True
        return self.words >= 20 and (self.common_ratio < 0.12 or self.single_letter_ratio > 0.15)

    def looks_hopeless(self) -> bool:
        """Garbage so dense that OCR is better even on a page with no picture (unmapped fonts)."""
        return (self.broken >= 20 and self.broken_ratio > 0.1) or (self.words >= 50 and self.common_ratio < 0.03)


def measure(text: str) -> TextQuality:
    """Measures of ``text``; written for speed, as it runs on every page of every PDF."""
    found = _P_WORD.findall(text)
    letters = sum(map(len, found))
    words = [w.lower() for w in found]
    count = len(words) or 1
    spaced = sum((len(m) + 1) // 2 for m in _P_SPACED.findall(text))
    broken = len(_P_BROKEN.findall(text))
    return TextQuality(
        letters=letters,
        words=len(words),
        common_ratio=len([w for w in words if w in COMMON_WORDS]) / count,
        single_letter_ratio=len([w for w in words if len(w) == 1 and w not in _SINGLE_LETTER_WORDS]) / count,
        spaced_ratio=spaced / (letters or 1),
        broken_ratio=broken / (letters or 1),
        broken=broken,
    )


def coverage_matters(quality: TextQuality) -> bool:
    """Whether the verdict depends on the page's pictures: not for a page full of good text,
    so that typed pages never pay for inspecting their images."""
    return quality.letters < MIN_LETTERS_OVER_IMAGE or quality.looks_bad() or quality.looks_hopeless()


def judge(quality: TextQuality, image_coverage: float = 0.0) -> str:
    """Verdict for one page: ``born-digital``, ``scanned`` or ``bad-text-layer``.

    ``image_coverage`` is the share (0..1) of the page covered by its largest picture.
    A page with (almost) no text is ``scanned`` when a picture covers it and ``born-digital``
    (blank) otherwise. A text layer that looks like garbage over a picture is ``bad-text-layer``;
    without a picture it takes hopeless garbage, since typed lists (communes, IDs, vote tables)
    also have few common words and OCR would only add errors to them.
    """
    scan = image_coverage >= SCAN_COVERAGE
    if quality.looks_hopeless():
        return BAD_TEXT_LAYER
    if quality.letters < MIN_LETTERS:
        return SCANNED if scan else BORN_DIGITAL
    if scan and quality.looks_bad():
        return BAD_TEXT_LAYER
    if scan and quality.letters < MIN_LETTERS_OVER_IMAGE:
        return SCANNED  # a scan carrying only a stamp or a header added as text
    return BORN_DIGITAL


def judge_page(text: str, image_coverage: float = 0.0) -> str:
    """``judge`` of a text layer given as a string."""
    return judge(measure(text), image_coverage)
