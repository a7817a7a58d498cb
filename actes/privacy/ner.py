"""spaCy's French NER, loaded once per process, for the person names rules miss."""

from __future__ import annotations

import functools

MAX_CHARS = 200_000  # longer texts are cut into chunks of this size


@functools.lru_cache(maxsize=1)
def _pipeline():
    try:
        import spacy
    except ImportError:
        return None
    try:
        return spacy.load("fr_core_news_md", enable=["ner"])
    except OSError:
        return None


def available() -> bool:
    return _pipeline() is not None


def person_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of PER entities; empty when the model is not installed."""
    nlp = _pipeline()
    if nlp is None or not text.strip():
        return []
    spans = []
    chunks = [(i, text[i : i + MAX_CHARS]) for i in range(0, len(text), MAX_CHARS)]
    for (offset, _), doc in zip(chunks, nlp.pipe(chunk for _, chunk in chunks), strict=True):
        spans.extend((offset + ent.start_char, offset + ent.end_char) for ent in doc.ents if ent.label_ == "PER")
    return spans
