"""Generic features of a segment: where it sits, how it is printed, how it starts and ends, and
the same of its neighbours. Nothing names an authority, a person or a file: the leading words
kept are the first two folded words (the training drops any seen in fewer than three
authorities' documents, so a place name opening a heading cannot be learned).
"""

from __future__ import annotations

import math
import re

from actes.evaluation.matching import fold
from actes.structure.segments import Segment

P_DATE_WORDS = re.compile(
    r"\b\d{1,2}(?:er)?\s+(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
    r"d[ée]cembre)\s+\d{4}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
    re.I,
)
P_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
P_NUMBER_SIGN = re.compile(r"\bn\s?[°º]", re.I)


def _shape(text: str) -> dict[str, float]:
    letters = sum(map(str.isalpha, text))
    words = text.split()
    upper = sum(map(str.isupper, text)) / letters if letters else 0.0
    capitalised = sum(map(str.isupper, [w[0] for w in words])) / len(words) if words else 0.0
    return {
        "upper": upper,
        "all_caps": float(upper > 0.9 and letters >= 4),
        "capitalised": capitalised,
        "chars_log": math.log1p(len(text)),
        "words_log": math.log1p(len(words)),
        "short": float(len(text) <= 40),
        "medium": float(40 < len(text) <= 160),
        "long": float(len(text) > 160),
        "digits": sum(map(str.isdigit, text)) / max(len(text), 1),
    }


def _lead(text: str) -> list[str]:
    return [w for w in fold(text[:80]).split() if not w.isdigit()][:2]


def _end_class(text: str) -> str:
    last = text.rstrip()[-1:] or " "
    if last in ".!?":
        return "stop"
    if last in ":;,":
        return {":": "colon", ";": "semicolon", ",": "comma"}[last]
    if last.isdigit():
        return "digit"
    return "letter"


def segment_features(text: str, segs: list[Segment], masked: str | None = None) -> list[dict[str, float]]:
    """One feature dict per segment of ``text`` (``masked``: ``text`` with its stamps blanked)."""
    n = len(segs)
    total = max(len(text), 1)
    own: list[dict[str, float]] = []
    shown: list[tuple[float, float, float, list[str]]] = []  # what a neighbour's row shows of each segment
    for i, seg in enumerate(segs):
        body = text[seg.start : seg.end]
        feats: dict[str, float] = {"bias": 1.0}
        shape = _shape(body)
        feats.update(shape)
        feats["pos_rel"] = seg.start / total
        feats["index_log"] = math.log1p(i)
        feats["first"] = float(i == 0)
        feats["last"] = float(i == n - 1)
        feats["head300"] = float(seg.start < 300)
        feats["head1500"] = float(seg.start < 1500)
        feats["tail"] = float(seg.start > total - 3000 and total > 6000)
        feats["tail_rel"] = float(seg.start / total > 0.8)
        feats["flattened"] = float(seg.flattened)
        # both need a decimal digit: a segment without one (``digits`` counts every digit) is not searched
        feats["has_date"] = float(bool(shape["digits"] and P_DATE_WORDS.search(body)))
        feats["has_year"] = float(bool(shape["digits"] and P_YEAR.search(body)))
        feats["has_number_sign"] = float(bool(P_NUMBER_SIGN.search(body)))
        end = f"end:{_end_class(body)}"
        feats[end] = 1.0
        if masked is not None and seg.end <= len(masked):
            masked_body = masked[seg.start : seg.end]
            blank = 0 if masked_body == body else sum(map(str.__ne__, body, masked_body))
            feats["stamp_share"] = blank / max(seg.end - seg.start, 1)
        lead = _lead(body)
        shown_keys = [end]
        if lead:
            feats[f"w1:{lead[0]}"] = 1.0
            shown_keys.append(f"w1:{lead[0]}")
            if len(lead) > 1:
                feats[f"w2:{lead[0]}_{lead[1]}"] = 1.0
        own.append(feats)
        shown.append((feats["upper"], feats["short"], feats["has_date"], shown_keys))
    # each row then gets its neighbours' leading word, ending and a few shapes (rows are extended in
    # place: what a neighbour shows was kept aside above)
    for i, row in enumerate(own):
        for side, j in (("p", i - 1), ("n", i + 1)):
            if 0 <= j < n:
                upper, short, has_date, keys = shown[j]
                row[f"{side}:upper"] = upper
                row[f"{side}:short"] = short
                row[f"{side}:has_date"] = has_date
                for key in keys:
                    row[f"{side}:{key}"] = 1.0
            else:
                row[f"{side}:none"] = 1.0
    return own
