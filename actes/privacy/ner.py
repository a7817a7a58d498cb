"""spaCy's French NER (shared with ``actes.extractors.nlp``) for the person names rules miss."""

from __future__ import annotations

MAX_CHARS = 200_000  # longer texts are cut into chunks of this size


def _pipeline():
    # The same process-wide model as the field extractors: loaded once per worker.
    from actes.extractors.nlp import pipeline

    return pipeline()


def available() -> bool:
    return _pipeline() is not None


def person_spans(text: str, regions: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Character spans of PER entities in ``text`` (or only in ``regions`` of it); empty when
    the model is not installed."""
    if regions == [] or not text.strip():  # nothing left for the model: do not load it for this
        return []
    nlp = _pipeline()
    if nlp is None:
        return []
    if regions is None:
        regions = [(i, min(i + MAX_CHARS, len(text))) for i in range(0, len(text), MAX_CHARS)]
    regions = _merge(regions)
    spans = []
    chunks = (text[a:b] for a, b in regions)
    for (offset, _), doc in zip(regions, nlp.pipe(chunks, batch_size=64), strict=True):
        spans.extend((offset + ent.start_char, offset + ent.end_char) for ent in doc.ents if ent.label_ == "PER")
    return spans


def _merge(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent regions joined (a name cut by a line break stays whole), none over MAX_CHARS."""
    merged: list[list[int]] = []
    for start, end in sorted(regions):
        if merged and start <= merged[-1][1] and end - merged[-1][0] <= MAX_CHARS:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]
