"""Labelled files → training examples: extract each file once with the rules' own choice, keep
the candidates of the act its label describes.

Documents are read once and kept (``DocumentMemo``), so a cross-validation that extracts every
file again with the model of its fold does not OCR a scan twice, nor run the rules twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actes.evaluation.groups import authority_group
from actes.evaluation.labels import Label, read_labels
from actes.evaluation.runner import pick_act
from actes.learning.candidates import Candidate
from actes.learning.choose import tracing, using_model
from actes.learning.model import ScorerModel
from actes.learning.training import Example, examples_of
from actes.limits import DEFAULT_LIMITS, Limits
from actes.readers import read_document


class DocumentMemo:
    """``read_document`` with a memory: the evaluation extracts each file several times."""

    def __init__(self) -> None:
        self.documents: dict[Path, Any] = {}
        self.rules: dict = {}  # the rules' findings per act: they do not depend on the scorer

    def __call__(self, path: Path, limits: Limits = DEFAULT_LIMITS):
        key = Path(path).resolve()
        if key not in self.documents:
            self.documents[key] = read_document(path, limits)
        return self.documents[key]


@dataclass
class LabelledActs:
    label: Label
    group: str
    acts: list[dict[str, Any]] | None  # None: the file could not be read
    error: str | None = None
    candidates: list[Candidate] = field(default_factory=list)  # of the act the label describes

    def examples(self) -> list[Example]:
        return examples_of(self.group, self.label.values, self.candidates) if self.acts is not None else []


def extract_with(path: Path, model: ScorerModel | None, memo: DocumentMemo,
                 trace: list | None = None) -> list[dict[str, Any]]:
    """Every act of ``path`` as JSON, extracted with ``model`` (None: the rules' choice)."""
    from actes.extraction import extract_paths, remembering_rules

    sink: list = trace if trace is not None else []
    with using_model(model), tracing(sink), remembering_rules(memo.rules):
        acts = extract_paths([path], read=memo)
    return [act.model_dump(mode="json") for act in acts]


def read_label_files(label_files: list[Path], data_dir: Path | None) -> list[Label]:
    labels: list[Label] = []
    for labels_path in label_files:
        labels.extend(read_labels(labels_path, data_dir))
    return labels


def collect(labels: list[Label], memo: DocumentMemo,
            structure_of: Callable[[str], Any] | None = None) -> list[LabelledActs]:
    """Rules-only extraction of every labelled file, with the candidates of each labelled act.
    ``structure_of``: authority → the block model to describe its candidates with (one trained
    without it, so the scorer learns from block features as good as a new authority's)."""
    from actes.errors import ActesError
    from actes.structure.model import using_structure

    out = []
    for label in labels:
        trace: list = []
        try:
            if structure_of is None:
                acts = extract_with(label.path, None, memo, trace)
            else:
                with using_structure(structure_of(authority_group(label))):
                    acts = extract_with(label.path, None, memo, trace)
        except (ActesError, OSError, ValueError) as exc:
            out.append(LabelledActs(label, authority_group(label), None, str(exc)))
            continue
        item = LabelledActs(label, authority_group(label), acts)
        picked = pick_act(acts, label)
        if picked is not None:
            index = acts.index(picked)
            if index < len(trace):
                item.candidates = trace[index][1]
        out.append(item)
    return out


def training_label_files(shared: Path, repo: Path) -> list[Path]:
    """The labels the shipped scorer learns from: the corpus's own, the project's (``labels/``) and
    the generated acts' (which alone give it many délibérations and arrêtés with every field)."""
    return [shared / "corpus" / "labels.jsonl", *sorted((repo / "labels").glob("corpus-*.jsonl")),
            repo / "fixtures" / "generated" / "labels.jsonl"]


def train_from_labels(label_files: list[Path], data_dir: Path, out: Path, seed: int = 0):
    """Extract every labelled file once, fit the scorer on every example, write it to ``out``."""
    from actes.learning.candidates import USE_STRUCTURE
    from actes.learning.training import train_and_save
    from actes.structure.training import out_of_fold_models, samples_from_labels

    labels = read_label_files(label_files, data_dir)
    memo = DocumentMemo()
    if USE_STRUCTURE:
        items = collect(labels, memo, out_of_fold_models(samples_from_labels(labels, memo), seed).get)
    else:
        items = collect(labels, memo)
    examples = [ex for item in items for ex in item.examples()]
    model = train_and_save(examples, out, seed)
    return model, items


def train_structure_from_labels(label_files: list[Path], data_dir: Path, out: Path, seed: int = 0):
    """Weak-label every labelled file's segments, fit the block model on all, write it to ``out``;
    with its out-of-fold scores (grouped by authority) against the weak labels."""
    from actes.structure.training import evaluate, fit, samples_from_labels

    samples = samples_from_labels(read_label_files(label_files, data_dir), DocumentMemo())
    model = fit(samples, seed)
    model.meta["out_of_fold"] = evaluate(samples, seed)
    model.save(out)
    return model
