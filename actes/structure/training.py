"""Weak labels for segments, the block model's fit, and its out-of-fold evaluation.

Nobody has drawn the blocks of the labelled acts, so their labels are derived, honestly, from
what is known: the label's ``objet`` located in the text marks the title; the president's and
the secretary's names in the head mark the attendance, the signatory's name in the tail the
signature; the stamp mask marks the stamp; the leading words that open a part of an act mark
recitals ("Vu", "Considérant"), the operative part ("DÉCIDE", "Article"), votes, attendance
lists and annexes; unlabelled segments before the title are the header, after it "other".
The model learns generic features (position, capitals, length, punctuation, neighbours), so it
also calls blocks whose leading words are unknown. Its out-of-fold scores are measured against
these weak labels, grouped by authority: the title (from labels, not from words) is the figure
that matters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from actes.structure.features import segment_features
from actes.structure.model import KINDS, BlockModel
from actes.structure.segments import Segment, segments

MIN_AUTHORITIES_PER_FEATURE = 3
REGULARISATION = 0.5
FOLDS = 5
TAIL_SHARE = 0.75  # a signature sits in the last quarter of the text
RECITAL_WORDS = {"vu", "considerant", "attendu", "entendu"}
OPERATIVE_WORDS = {"decide", "delibere", "arrete", "article", "decident", "approuve"}
ATTENDANCE_WORDS = {
    "presents",
    "present",
    "etaient",
    "absents",
    "absent",
    "absente",
    "absentes",
    "excuses",
    "excuse",
    "excusee",
    "excusees",
    "pouvoirs",
    "pouvoir",
    "secretaire",
    "sont",
    "l",
    "nombre",
    "membres",
    "procurations",
    "procuration",
    "quorum",
}
SIGNATURE_WORDS = {"fait", "signe", "certifie", "pour"}
P_VOTE = re.compile(r"\bunanimit|\bpour\s*:?\s*\d|\bcontre\s*:?\s*\d|\babstentions?\s*:?\s*\d|\badopte", re.I)


def flat(text: str) -> str:
    """``text`` lowercased, accents and punctuation turned into plain letters and spaces, same length."""
    out = []
    for ch in text:
        low = ch.lower()
        if len(low) != 1:
            low = ch
        base = unicodedata.normalize("NFKD", low)[:1] or " "
        out.append(base if base.isalnum() else " ")
    return "".join(out)


def locate(flat_text: str, value: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """The span of ``value``'s words (folded, any spacing and punctuation between) in ``flat_text``."""
    words = flat(value).split()
    if not words:
        return None
    match = re.compile(r"\s+".join(re.escape(w) for w in words)).search(
        flat_text, lo, len(flat_text) if hi is None else hi
    )
    return match.span() if match else None


def _surname(name: Any) -> str | None:
    if not isinstance(name, str):
        return None
    words = [w for w in flat(name).split() if len(w) >= 3]
    return max(words, key=len) if words else None


def weak_labels(text: str, segs: list[Segment], masked: str | None, values: dict[str, Any]) -> list[str | None]:
    """A block kind for each segment, or None where nothing honest can be said."""
    flat_text = flat(text)
    out: list[str | None] = [None] * len(segs)
    title_span = (
        locate(flat_text, values["objet"], 0, min(len(text), 6000)) if isinstance(values.get("objet"), str) else None
    )
    first_title = None
    for i, seg in enumerate(segs):
        body = flat_text[seg.start : seg.end]
        words = body.split()
        lead = words[0] if words else ""
        length = max(seg.end - seg.start, 1)
        if masked is not None and seg.end <= len(masked):
            blank = sum(
                1 for a, b in zip(text[seg.start : seg.end], masked[seg.start : seg.end], strict=True) if a != b
            )
            if blank / length > 0.5:
                out[i] = "stamp"
                continue
        if title_span is not None:
            overlap = min(seg.end, title_span[1]) - max(seg.start, title_span[0])
            if overlap > 0:
                if overlap / length >= 0.6:
                    out[i] = "title"
                    first_title = i if first_title is None else first_title
                continue  # a segment that holds the title and more: say nothing
        if lead in RECITAL_WORDS:
            out[i] = "recital"
        elif lead in OPERATIVE_WORDS:
            out[i] = "operative"
        elif P_VOTE.search(body[:200]):
            out[i] = "vote"
        elif lead == "annexe":
            out[i] = "annex"
        elif seg.start / max(len(text), 1) >= TAIL_SHARE and (
            lead in SIGNATURE_WORDS or (_surname(values.get("signataire")) or "\0") in words
        ):
            out[i] = "signature"
        elif seg.start / max(len(text), 1) < 0.5 and (
            lead in ATTENDANCE_WORDS
            or any(
                s in words for s in (_surname(values.get("president")), _surname(values.get("secretaire_seance"))) if s
            )
        ):
            out[i] = "attendance"
    for i in range(len(segs)):
        if out[i] is None and first_title is not None:
            out[i] = "header" if i < first_title else "other"
    return out


@dataclass
class Sample:
    group: str
    features: list[dict[str, float]]
    labels: list[str | None]


def sample_of(group: str, text: str, masked: str | None, values: dict[str, Any]) -> Sample:
    segs = segments(text)
    return Sample(group, segment_features(text, segs, masked), weak_labels(text, segs, masked, values))


_FITTED: dict[tuple, tuple[list[Sample], BlockModel]] = {}  # the evaluation fits the same folds several times


def fit(samples: list[Sample], seed: int = 0) -> BlockModel:
    """A multinomial logistic block model over every weakly labelled segment of ``samples``."""
    key = (seed, *map(id, samples))
    if key not in _FITTED:
        if len(_FITTED) > 32:
            _FITTED.clear()
        _FITTED[key] = (list(samples), _fit(samples, seed))  # the samples stay alive: their ids stay theirs
    return _FITTED[key][1]


def _fit(samples: list[Sample], seed: int) -> BlockModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    spread: dict[str, set[str]] = defaultdict(set)
    for sample in samples:
        for feats in sample.features:
            for name in feats:
                spread[name].add(sample.group)
    needed = min(MIN_AUTHORITIES_PER_FEATURE, len({s.group for s in samples}))
    shared = {name for name, groups in spread.items() if len(groups) >= needed}
    rows, targets = [], []
    for sample in samples:
        for feats, label in zip(sample.features, sample.labels, strict=True):
            if label is not None:
                rows.append({k: v for k, v in feats.items() if k in shared})
                targets.append(label)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    matrix = matrix.tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    names = vectorizer.get_feature_names_out()
    weights = {}
    # one kind against the rest, each a liblinear fit (seconds, where a multinomial fit took minutes);
    # applying the model turns the margins into probabilities with a softmax
    for kind in sorted(set(targets)):
        model = LogisticRegression(C=REGULARISATION, solver="liblinear", fit_intercept=False, random_state=seed)
        model.fit(matrix, [int(t == kind) for t in targets])
        weights[kind] = {str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True)}
    counts = Counter(targets)
    meta = {
        "seed": seed,
        "segments": len(rows),
        "documents": len(samples),
        "groups": len({s.group for s in samples}),
        "labels": {k: counts.get(k, 0) for k in KINDS},
        "regularisation": REGULARISATION,
    }
    return BlockModel(weights=weights, meta=meta)


def fold_of(groups: list[str], folds: int = FOLDS) -> dict[str, int]:
    ordered = sorted(set(groups))
    return {group: i % folds for i, group in enumerate(ordered)}


def out_of_fold_models(samples: list[Sample], seed: int = 0, folds: int = FOLDS) -> dict[str, BlockModel]:
    """For every authority, a block model trained without its fold (authorities grouped)."""
    assignment = fold_of([s.group for s in samples], folds)
    models = {k: fit([s for s in samples if assignment[s.group] != k], seed) for k in range(folds)}
    return {group: models[k] for group, k in assignment.items()}


def evaluate(samples: list[Sample], seed: int = 0, folds: int = FOLDS) -> dict[str, dict[str, float]]:
    """Per block kind, precision / recall / F1 / support of out-of-fold predictions against the weak labels."""
    models = out_of_fold_models(samples, seed, folds)
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for sample in samples:
        model = models[sample.group]
        for feats, label in zip(sample.features, sample.labels, strict=True):
            if label is None:
                continue
            probs = model.probabilities(feats)
            guess = max(probs, key=lambda k: probs[k])
            if guess == label:
                tp[label] += 1
            else:
                fp[guess] += 1
                fn[label] += 1
    out = {}
    for kind in KINDS:
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        out[kind] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "support": tp[kind] + fn[kind],
        }
    total = sum(tp.values())
    out["accuracy"] = {"value": round(total / max(total + sum(fn.values()), 1), 3)}
    return out


def masked_head(text: str) -> str:
    """``text``'s head with its stamps blanked: the very slices the header extractors mask (memoised)."""
    from actes.extractors.dates import CONVOCATION_CHARS
    from actes.extractors.patterns.heads import HEAD_CHARS as RULES_HEAD_CHARS
    from actes.extractors.stamp import mask_stamps

    return mask_stamps(text[:RULES_HEAD_CHARS]) + mask_stamps(text[RULES_HEAD_CHARS:CONVOCATION_CHARS])


def samples_from_labels(labels: list[Any], read: Any) -> list[Sample]:
    """One weakly labelled sample per readable labelled file (``read``: path → Document)."""
    from actes.errors import ActesError
    from actes.evaluation.groups import authority_group

    out = []
    for label in labels:
        try:
            text = read(label.path).text
        except (ActesError, OSError, ValueError):
            continue
        out.append(sample_of(authority_group(label), text, masked_head(text), label.values))
    return out
