"""What the scorer's description of candidates reads once per act gives every candidate the same
features it would get alone, and the folding it reads words with is the full Unicode one."""

from __future__ import annotations

import random
import re
import unicodedata

from actes.evaluation.matching import fold
from actes.extractors import TextView, run_extractors
from actes.extractors.dates import is_distracted
from actes.learning.candidates import AFTER_CHARS, BEFORE_CHARS, MAX_MENTIONS_DESCRIBED, gather


def _reference_fold(text: str) -> str:
    """The definition: ligatures spelled out, NFKD, every combining mark dropped, lowercase, any run of
    characters but ASCII letters and digits one space."""
    bare = text.replace("œ", "oe").replace("æ", "ae").replace("Œ", "OE").replace("Æ", "AE")
    bare = "".join(c for c in unicodedata.normalize("NFKD", bare) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", " ", bare.lower().replace("œ", "oe").replace("æ", "ae")).strip()


def test_fold_is_the_full_decomposition_whatever_the_script() -> None:
    tricky = [
        "  Œuvre d’ÉTÉ, n°3 ",
        "De\u0301libe\u0301ration",  # accents already decomposed
        "Ancien Ᵽlan ᴭ ﬁnal ① Ｆｕｌｌ",  # compatibility forms
        "İstanbul 5 K",  # a dotted capital I, a Kelvin sign
        "x\u034fy",  # a grapheme joiner: no combining class, so a separator
        "ש\u05b0לום ก\u0e38 д\u0483 a\u1dc0b c\u20d0d e\ufe20f",  # marks of other scripts, dropped
    ]
    for text in tricky:
        assert fold(text) == _reference_fold(text), text
    rng = random.Random(3)
    alphabet = [chr(c) for c in [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x300, 0x370)]]
    alphabet += ["\u2019", "\u1d2d", "\u0130", "\u212a", "\ufb01", "\u05b0", "\u0e38", "\u20d0", "\u034f"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 14)))
        assert fold(text) == _reference_fold(text), repr(text)


def test_candidates_sharing_mentions_read_the_words_around_each_as_if_alone() -> None:
    text = (
        "COMMUNE DE TESTBOURG\nSéance du conseil municipal\nConvoqué le 3 février 2023, le conseil s'est réuni "
        "le 9 février 2023 à la mairie.\nVu l'arrêté du 1er janvier 2020,\nFait le 9 février 2023."
    )
    view = TextView.of_text(text)
    candidates = [c for c in gather(view, run_extractors(view)) if c.field != "nature"]
    described = 0
    for cand in candidates:
        spans = sorted(f.span for f in cand.findings if f.span is not None)
        if not spans:
            continue
        start = spans[0][0] - view.start
        assert cand.features["distracted"] == float(is_distracted(text, start))
        for lo, hi in spans[:MAX_MENTIONS_DESCRIBED]:
            lo, hi = lo - view.start, hi - view.start
            before = fold(text[max(0, lo - BEFORE_CHARS) : lo]).split()[-5:]
            after = fold(text[hi : hi + AFTER_CHARS]).split()[:3]
            assert all(cand.features[f"b:{word}"] == 1.0 for word in before)
            assert all(cand.features[f"a:{word}"] == 1.0 for word in after)
        described += 1
    # the dates are candidates of three fields each, the title lines start several runs: shared mentions
    assert described >= 20
