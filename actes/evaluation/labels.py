"""Read a ``labels.jsonl``: one JSON object per labelled file, flat keys (see ``fields.py``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actes.errors import ActesError


class LabelsError(ActesError):
    """The labels file itself is unusable (missing, not JSON lines, no ``file`` key)."""


@dataclass
class Label:
    file: str  # as written in the labels file, e.g. "texts/x.txt"
    path: Path  # resolved on disk
    values: dict[str, Any]  # label key → expected value (None = the act has no such value)
    line: int
    source: str = ""  # the labels file it was read from, as given


def resolve(file: str, data_dir: Path, labels_dir: Path) -> Path:
    """``file`` is relative to the labels file's folder; DIR is tried first, so a copy of the
    labelled files elsewhere can be evaluated with the same labels."""
    for base in (data_dir, labels_dir):
        candidate = base / file
        if candidate.exists():
            return candidate
    return data_dir / file


def read_labels(labels_path: Path, data_dir: Path | None = None) -> list[Label]:
    if not labels_path.is_file():
        raise LabelsError(f'"{labels_path}": no such labels file')
    labels_dir = labels_path.resolve().parent
    data_dir = data_dir if data_dir is not None else labels_dir
    labels: list[Label] = []
    with open(labels_path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LabelsError(f'"{labels_path}" line {number}: not JSON ({exc.msg})') from None
            if not isinstance(row, dict) or not isinstance(row.get("file"), str):
                raise LabelsError(f'"{labels_path}" line {number}: an object with a "file" key is expected')
            path = resolve(row["file"], data_dir, labels_dir)
            labels.append(Label(file=row["file"], path=path, values=row, line=number, source=str(labels_path)))
    return labels
