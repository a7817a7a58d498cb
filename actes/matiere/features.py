"""What the matière model reads of an act, and the TF-IDF that weighs it.

Terms, from the cleaned and folded objet: words (``w:``), word pairs (``b:``) and the character
3- to 5-grams inside each word (``c:``, robust to "Amenagement"/"Aménagement", "sciales",
"subv"); from the act's "Vu …"/"Considérant …" recitals: their words, in the same ``w:`` space
but weighted ``RECITAL_WEIGHT`` (the objet says what the act does, the recitals what it relies
on). Numbers alone (years, amounts, lot numbers) are left out; a word holding digits (the code
article "l2241") is kept.

The vectorizer is plain Python over a dict, so prediction needs neither scikit-learn nor scipy;
``Vectorizer.matrix`` (training only) builds the same values as a scipy sparse matrix.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from actes.matiere.normalize import clean_objet, fold, recitals

RECITAL_WEIGHT = 0.25
CHAR_SIZES = (3, 4, 5)


@dataclass(frozen=True)
class MatiereInput:
    """What the classifier is given: the objet first, then the act's text if there is one."""

    objet: str | None
    text: str | None = None  # the whole act text; only its recitals are read
    nature: str | None = None  # deliberation | arrete | … (Act.nature)
    collectivite_type: str | None = None  # commune | epci | departement | region | … (Collectivite.type)
    authority: str | None = None  # the authority's SIREN: one whose acts trained the model gets its own calibration


def terms(item: MatiereInput) -> dict[str, float]:
    """Term → weighted count of one input."""
    counts: Counter[str] = Counter()
    words = [w for w in fold(clean_objet(item.objet or "")).split() if len(w) > 1 and not w.isdigit()]
    for word in words:
        counts["w:" + word] += 1
        padded = f" {word} "
        for size in CHAR_SIZES:
            for start in range(len(padded) - size + 1):
                counts["c:" + padded[start : start + size]] += 1
    for first, second in zip(words, words[1:], strict=False):
        counts[f"b:{first} {second}"] += 1
    for word in fold(recitals(item.text)).split():
        if len(word) > 2 and not word.isdigit():
            counts["w:" + word] += RECITAL_WEIGHT
    return dict(counts)


def _tf(count: float) -> float:
    return 1.0 + math.log(count) if count >= 1 else count  # sublinear; a recital word counts less


class Vectorizer:
    """Terms → L2-normalised TF-IDF over a fixed vocabulary."""

    def __init__(self, vocabulary: dict[str, int], idf: list[float]):
        self.vocabulary = vocabulary
        self.idf = idf

    @classmethod
    def fit(cls, documents: Iterable[dict[str, float]], min_df: int = 2) -> Vectorizer:
        documents = list(documents)
        df: Counter[str] = Counter(term for doc in documents for term in doc)
        kept = sorted(term for term, n in df.items() if n >= min_df)
        n_docs = len(documents)
        idf = [math.log((1 + n_docs) / (1 + df[term])) + 1.0 for term in kept]
        return cls({term: i for i, term in enumerate(kept)}, idf)

    def transform(self, doc: dict[str, float]) -> tuple[list[int], list[float]]:
        """(feature indices, values) of one document, L2-normalised; unknown terms are dropped."""
        indices, values = [], []
        for term, count in doc.items():
            index = self.vocabulary.get(term)
            if index is not None:
                indices.append(index)
                values.append(_tf(count) * self.idf[index])
        norm = math.sqrt(sum(v * v for v in values))
        return indices, ([v / norm for v in values] if norm else values)

    def matrix(self, documents: Iterable[dict[str, float]]):
        """Training only: a scipy CSR matrix of the documents."""
        from scipy.sparse import csr_matrix

        data, cols, indptr = [], [], [0]
        for doc in documents:
            indices, values = self.transform(doc)
            cols.extend(indices)
            data.extend(values)
            indptr.append(len(cols))
        return csr_matrix((data, cols, indptr), shape=(len(indptr) - 1, len(self.vocabulary)))
