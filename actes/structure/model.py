"""The block model: a multinomial logistic classifier over segment features, stored as JSON.

``analyse(text)`` cuts the head and tail of an act into segments and gives each the probability
of every block kind. Applying it needs no scikit-learn: one dot product per kind and segment.
``using_structure`` lets the evaluation apply a model trained without the authority it scores.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from actes.structure.features import segment_features
from actes.structure.segments import Segment, segments

KINDS = ("stamp", "header", "title", "attendance", "recital", "operative", "vote", "signature", "annex", "other")
DEFAULT_STRUCTURE_PATH = Path(__file__).resolve().parent.parent / "models" / "structure.json"
FORMAT_VERSION = 1


@dataclass
class Block:
    start: int
    end: int
    probs: dict[str, float]
    flattened: bool

    @property
    def kind(self) -> str:
        return max(self.probs, key=lambda k: self.probs[k])


@dataclass
class Structure:
    """The blocks of one act's text, in order, and where its parts start."""

    text: str
    blocks: list[Block]
    _starts: list[int] = field(default_factory=list, repr=False)
    _firsts: dict[tuple[str, float], int | None] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts = [b.start for b in self.blocks]

    def index_at(self, offset: int) -> int | None:
        """The index of the block holding ``offset`` (None outside every block)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.blocks[i].end:
            return i
        return None

    def first(self, kind: str, threshold: float = 0.5) -> int | None:
        """The index of the first block whose ``kind`` probability reaches ``threshold`` (asked once
        per candidate of the act: kept)."""
        key = (kind, threshold)
        if key not in self._firsts:
            self._firsts[key] = next(
                (i for i, b in enumerate(self.blocks) if b.probs.get(kind, 0.0) >= threshold), None
            )
        return self._firsts[key]

    def text_of(self, i: int, j: int | None = None) -> str:
        """The text of blocks ``i`` to ``j`` (inclusive), spaces collapsed."""
        j = i if j is None else j
        return " ".join(self.text[self.blocks[i].start : self.blocks[j].end].split())


@dataclass
class BlockModel:
    weights: dict[str, dict[str, float]]  # kind → feature → weight (bias included as a feature)
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # one row of weights (a weight per kind) per feature: a segment costs one lookup per feature
        self._kinds = list(self.weights)
        names = sorted({name for w in self.weights.values() for name in w})
        self._index = {name: i for i, name in enumerate(names)}
        self._matrix = np.zeros((len(names), len(self._kinds)))
        for k, kind in enumerate(self._kinds):
            for name, weight in self.weights[kind].items():
                self._matrix[self._index[name], k] = weight

    def _scores(self, rows: list[dict[str, float]]) -> np.ndarray:
        out = np.zeros((len(rows), len(self._kinds)))
        known = self._index.get
        matrix = self._matrix
        for r, feats in enumerate(rows):
            idx, values = [], []
            for name, value in feats.items():
                i = known(name)
                if i is not None:
                    idx.append(i)
                    values.append(value)
            if idx:
                out[r] = np.asarray(values) @ matrix[idx]
        out -= out.max(axis=1, keepdims=True)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        return dict(zip(self._kinds, self._scores([feats])[0].tolist(), strict=True))

    def analyse(self, text: str, masked: str | None = None) -> Structure:
        segs = segments(text)
        if not segs or not self._kinds:
            return Structure(text, [])
        probs = self._scores(segment_features(text, segs, masked)).tolist()
        return Structure(
            text,
            [
                Block(s.start, s.end, dict(zip(self._kinds, p, strict=True)), s.flattened)
                for s, p in zip(segs, probs, strict=True)
            ],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "meta": self.meta,
            "weights": {
                k: {n: round(v, 5) for n, v in sorted(w.items()) if abs(v) > 1e-5} for k, w in self.weights.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BlockModel:
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"structure model format {data.get('format')!r}, expected {FORMAT_VERSION}")
        return cls(weights=data["weights"], meta=data.get("meta", {}))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(self.to_json(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, path: Path) -> BlockModel:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def load_default_structure() -> BlockModel | None:
    """The shipped block model, or None when none was trained yet (no structure features then)."""
    if not DEFAULT_STRUCTURE_PATH.is_file():
        return None
    return BlockModel.load(DEFAULT_STRUCTURE_PATH)


_DEFAULT = object()
_model: ContextVar[Any] = ContextVar("actes_structure_model", default=_DEFAULT)


def active_structure() -> BlockModel | None:
    chosen = _model.get()
    return load_default_structure() if chosen is _DEFAULT else chosen


@contextmanager
def using_structure(model: BlockModel | None) -> Iterator[None]:
    """Analyse structure with ``model`` (None: no structure) instead of the shipped one."""
    token = _model.set(model)
    try:
        yield
    finally:
        _model.reset(token)


def analyse(text: str, masked: str | None = None) -> Structure | None:
    """The blocks of ``text`` by the active block model (None when there is none)."""
    model = active_structure()
    return None if model is None else model.analyse(text, masked)


__all__ = ["KINDS", "Block", "BlockModel", "Segment", "Structure", "analyse", "active_structure", "using_structure"]
