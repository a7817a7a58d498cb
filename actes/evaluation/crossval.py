"""`actes evaluate --cross-validate`: the figure a new authority will see.

Every labelled file is extracted once with the rules' own choice (the candidates the scorer
learns from; with the block features on, described by block models trained without their
authority's fold); then, for each authority in turn, a scorer (and a block model) is trained on
every other authority and the authority's files are extracted again with it and scored. The in-sample figure (models trained
on everything, scored on the same files) is printed beside it: the gap is over-fit.
Reported per labels file, with GROBID-style strict and soft F1 and the share of acts whose
every field is right.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actes.evaluation.fields import LABEL_FIELDS
from actes.evaluation.matching import strict_match, values_match
from actes.evaluation.metrics import FieldScore, micro
from actes.evaluation.runner import EvaluationReport, Mismatch, pick_act, score_act
from actes.learning import candidates
from actes.learning.dataset import DocumentMemo, LabelledActs, collect, extract_with, read_label_files
from actes.learning.training import fit
from actes.structure.model import using_structure
from actes.structure.training import fit as fit_structure
from actes.structure.training import out_of_fold_models, samples_from_labels

GAP_LIMIT = 0.05  # in-sample minus cross-validated micro-F1 above this: the model fits files, not acts


@dataclass
class Scored:
    """One way of extracting (rules, cross-validated, in-sample) scored on one set of labels."""

    soft: EvaluationReport
    strict: dict[str, FieldScore]
    acts_all_right: int = 0
    acts_scored: int = 0

    @property
    def all_right_share(self) -> float:
        return self.acts_all_right / self.acts_scored if self.acts_scored else 0.0


@dataclass
class CrossValidation:
    label_files: list[str]
    groups: int
    folds: int
    seconds: float
    scored: dict[str, dict[str, Scored]] = field(default_factory=dict)  # labels file → mode → scores

    def gap(self, labels_file: str) -> float:
        modes = self.scored[labels_file]
        return (micro(modes["in-sample"].soft.fields).f1 or 0.0) - (micro(modes["cross-validated"].soft.fields).f1 or 0.0)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label_files": self.label_files, "groups": self.groups, "folds": self.folds,
                               "seconds": round(self.seconds, 1), "sets": {}}
        for name, modes in self.scored.items():
            out["sets"][name] = {
                "gap": round(self.gap(name), 4),
                **{mode: {"soft": s.soft.as_dict(), "strict": {k: v.as_dict() for k, v in s.strict.items()},
                          "strict_micro": micro(s.strict).as_dict(), "acts_all_right": s.acts_all_right,
                          "acts_scored": s.acts_scored, "all_right_share": round(s.all_right_share, 4)}
                   for mode, s in modes.items()},
            }
        return out


def _score(items: list[LabelledActs], acts_of: Callable[[LabelledActs], list[dict[str, Any]] | None]) -> Scored:
    soft = EvaluationReport(fields={spec.key: FieldScore() for spec in LABEL_FIELDS})
    strict = {spec.key: FieldScore() for spec in LABEL_FIELDS}
    scored = Scored(soft, strict)
    ignored: list[Mismatch] = []
    for item in items:
        acts = acts_of(item)
        soft.files += 1
        if acts is None:
            soft.failures.append((item.label.file, item.error or "unreadable"))
        act = pick_act(acts or [], item.label)
        soft.acts += len(acts or [])
        right = score_act(act, item.label, soft.fields, soft.mismatches, match=values_match)
        score_act(act, item.label, strict, ignored, match=strict_match)
        scored.acts_scored += 1
        scored.acts_all_right += int(right)
    return scored


def _fold_groups(groups: list[str], folds: int | None) -> list[list[str]]:
    if not folds or folds >= len(groups):
        return [[g] for g in groups]  # leave one authority out
    return [groups[i::folds] for i in range(folds)]


def cross_validate(label_files: list[Path], data_dir: Path | None = None, seed: int = 0, folds: int | None = None,
                   progress: Callable[[str], None] | None = None) -> CrossValidation:
    """Rules, cross-validated and in-sample scores of the learned extraction on ``label_files``."""
    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    labels = read_label_files(label_files, data_dir)
    memo = DocumentMemo()
    samples = []
    if candidates.USE_STRUCTURE:
        say(f"weak-labelling the blocks of {len(labels)} labelled files")
        samples = samples_from_labels(labels, memo)
    say(f"extracting {len(labels)} labelled files with the rules")
    items = collect(labels, memo, out_of_fold_models(samples, seed).get if samples else None)
    groups = sorted({item.group for item in items})
    cv_acts: dict[int, list[dict[str, Any]] | None] = {}
    plan = _fold_groups(groups, folds)
    for number, held_out in enumerate(plan, start=1):
        held = set(held_out)
        model = fit([ex for item in items if item.group not in held for ex in item.examples()], seed)
        # the held-out authorities' blocks, too, come from a block model that never saw them
        with using_structure(fit_structure([s for s in samples if s.group not in held], seed) if samples else None):
            for index, item in enumerate(items):
                if item.group in held:
                    cv_acts[index] = extract_with(item.label.path, model, memo) if item.acts is not None else None
        if number % 10 == 0:
            say(f"fold {number}/{len(plan)}")
    model = fit([ex for item in items for ex in item.examples()], seed)
    with using_structure(fit_structure(samples, seed) if samples else None):
        in_acts = {i: extract_with(item.label.path, model, memo) if item.acts is not None else None
                   for i, item in enumerate(items)}
    result = CrossValidation([str(p) for p in label_files], len(groups), len(plan), 0.0)
    index_of = {id(item): i for i, item in enumerate(items)}
    for labels_path in label_files:
        subset = [item for item in items if _from(item, labels_path)]
        result.scored[str(labels_path)] = {
            "rules": _score(subset, lambda item: item.acts),
            "cross-validated": _score(subset, lambda item: cv_acts[index_of[id(item)]]),
            "in-sample": _score(subset, lambda item: in_acts[index_of[id(item)]]),
        }
    result.seconds = time.perf_counter() - started
    return result


def _from(item: LabelledActs, labels_path: Path) -> bool:
    return item.label.source == str(labels_path)
