"""spaCy's French NER, loaded once per process with only ``ner`` enabled, and run only on the
short windows the rules point at (a signature block, the text after "secrétaire de séance").

The benchmark on this machine: fr_core_news_md with only ``ner`` gives person precision 0.84 /
recall 0.93, so its findings carry ``SourceKind.nlp`` and lose to any rule. When spaCy or the
model is not installed (the ``nlp`` extra), ``persons`` returns nothing and rules work alone.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

MODEL = "fr_core_news_md"
DISABLED = os.environ.get("ACTES_NLP", "1") == "0"  # ACTES_NLP=0 turns the step off (benchmarks)


@lru_cache(maxsize=1)
def _pipeline() -> Any | None:
    if DISABLED:
        return None
    try:
        import spacy

        from actes.regex_cache import cached_regexes

        with cached_regexes():  # the French tokenizer's 1.4 MB pattern: ~3 s to compile, 0.05 s from the cache
            nlp = spacy.load(MODEL, exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"])
    except (ImportError, OSError):
        return None
    return nlp if "ner" in nlp.pipe_names else None


def pipeline() -> Any | None:
    """The shared spaCy pipeline (ner only), or None without spaCy or with ACTES_NLP=0."""
    return _pipeline()


def available() -> bool:
    return _pipeline() is not None


def persons(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each PER entity in ``text``; empty without spaCy."""
    nlp = _pipeline()
    if nlp is None or not text.strip():
        return []
    return [(ent.start_char, ent.end_char, ent.text) for ent in nlp(text[:2000]).ents if ent.label_ == "PER"]
