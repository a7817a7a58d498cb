"""`actes evaluate --matiere`: the matière model, cross-validated on real rows.

Folds hold out an authority when the rows come from several, a year otherwise (the grouping is
named in the report). Each fold trains the whole recipe (``actes.matiere.training.train``: its own
calibration and thresholds, on its own training rows only) and scores the rows it never saw. The
nomenclature wordings are training data only, never scored.

Reported: level-2 accuracy on the rows answered and the share answered (coverage); level-1
accuracy and coverage; per-class precision, recall and support; a reliability table (stated
confidence per bin against the observed accuracy of the top code, abstentions included); the
same figures in-sample (trained and scored on every row: the optimistic bound); and, when one
authority holds most rows, the others scored by a model trained without them.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actes.matiere.data import NOMENCLATURE, Example, Sources, load_all
from actes.matiere.features import MatiereInput
from actes.matiere.model import MatiereModel, Prediction
from actes.matiere.training import SEED, grouping, train

BINS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


@dataclass
class Scores:
    """Figures over a list of (example, prediction)."""

    rows: int
    answered: int
    correct: int
    answered1: int
    correct1: int
    top_correct: int  # the top code, abstentions included

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None

    @property
    def coverage(self) -> float:
        return self.answered / self.rows if self.rows else 0.0

    @property
    def accuracy1(self) -> float | None:
        return self.correct1 / self.answered1 if self.answered1 else None

    @property
    def coverage1(self) -> float:
        return self.answered1 / self.rows if self.rows else 0.0

    def as_dict(self) -> dict[str, Any]:
        r = lambda v: None if v is None else round(v, 3)  # noqa: E731
        return {"rows": self.rows, "level2_accuracy": r(self.accuracy), "coverage": r(self.coverage),
                "level1_accuracy": r(self.accuracy1), "level1_coverage": r(self.coverage1),
                "top_accuracy_no_abstention": r(self.top_correct / self.rows if self.rows else None),
                "answered": self.answered, "correct": self.correct}


def score(pairs: Sequence[tuple[Example, Prediction]]) -> Scores:
    return Scores(
        rows=len(pairs),
        answered=sum(p.code is not None for _, p in pairs),
        correct=sum(p.code == e.code for e, p in pairs),
        answered1=sum(p.level1 is not None for _, p in pairs),
        correct1=sum(p.level1 == e.code.split(".")[0] for e, p in pairs),
        top_correct=sum(p.best == e.code for e, p in pairs),
    )


def per_class(pairs: Sequence[tuple[Example, Prediction]]) -> list[dict[str, Any]]:
    """Per level-2 code: precision of its answers, recall over its rows, support."""
    support = Counter(e.code for e, _ in pairs)
    answered = Counter(p.code for _, p in pairs if p.code)
    right = Counter(e.code for e, p in pairs if p.code == e.code)
    codes = sorted(set(support) | set(answered), key=lambda c: tuple(int(x) for x in c.split(".")))
    return [{"code": c, "precision": round(right[c] / answered[c], 3) if answered[c] else None,
             "recall": round(right[c] / support[c], 3) if support[c] else None,
             "answered": answered[c], "support": support[c]} for c in codes]


def reliability(pairs: Sequence[tuple[Example, Prediction]], level: str = "level2") -> list[dict[str, Any]]:
    """Per confidence bin: rows, mean stated confidence, observed accuracy of the top code."""
    out = []
    for low, high in zip(BINS, BINS[1:], strict=False):
        if level == "level2":
            inside = [(p.confidence, p.best == e.code) for e, p in pairs if low <= p.confidence < high]
        else:
            inside = [(p.level1_confidence, _top1(p) == e.code.split(".")[0]) for e, p in pairs
                      if low <= p.level1_confidence < high]
        if not inside:
            continue
        stated = sum(c for c, _ in inside) / len(inside)
        observed = sum(ok for _, ok in inside) / len(inside)
        out.append({"bin": f"{low:.1f}–{min(high, 1.0):.1f}", "rows": len(inside), "stated": round(stated, 3),
                    "observed": round(observed, 3), "gap": round(observed - stated, 3)})
    return out


def _top1(prediction: Prediction) -> str:
    return prediction.level1 or prediction.best.split(".")[0]


def predict_all(model: MatiereModel, examples: Sequence[Example]) -> list[tuple[Example, Prediction]]:
    return [(e, model.predict(MatiereInput(e.objet))) for e in examples]


@dataclass
class MatiereReport:
    grouping: str
    folds: list[str]
    cross_validated: list[tuple[Example, Prediction]]
    in_sample: list[tuple[Example, Prediction]]
    other_authorities: list[tuple[Example, Prediction]] = field(default_factory=list)
    training: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "grouping": self.grouping, "folds": self.folds, "training_examples": self.training,
            "cross_validated": score(self.cross_validated).as_dict(),
            "in_sample": score(self.in_sample).as_dict(),
            "other_authorities": score(self.other_authorities).as_dict() if self.other_authorities else None,
            "per_class": per_class(self.cross_validated),
            "reliability_level2": reliability(self.cross_validated),
            "reliability_level1": reliability(self.cross_validated, "level1"),
            "seconds": round(self.seconds, 1),
        }


def evaluate_matiere(examples: Sequence[Example], seed: int = SEED) -> MatiereReport:
    """Cross-validate the whole training recipe on ``examples`` (see the module's docstring)."""
    clock = time.perf_counter()
    split = grouping(examples)
    scored = [e for e in examples if e.origin != NOMENCLATURE]
    always = [e for e in examples if e.origin == NOMENCLATURE]
    folds = sorted({split.key(e) for e in scored})
    cross: list[tuple[Example, Prediction]] = []
    for fold in folds:
        model = train([e for e in scored if split.key(e) != fold] + always, seed)
        cross += predict_all(model, [e for e in scored if split.key(e) == fold])
    full = train(examples, seed)
    report = MatiereReport(split.name, folds, cross, predict_all(full, scored),
                           training=dict(Counter(e.origin for e in examples)))
    sizes = Counter(e.group for e in scored)
    if split.name == "year" and len(sizes) > 1:
        main = sizes.most_common(1)[0][0]
        model = train([e for e in scored if e.group == main] + always, seed)
        report.other_authorities = predict_all(model, [e for e in scored if e.group != main])
    report.seconds = time.perf_counter() - clock
    return report


def run(shared: str | Path, seed: int | None = None) -> MatiereReport:
    """Load the training data under ``shared`` (../shared) and cross-validate."""
    sources = Sources.under(shared)
    if not sources.rows.is_file():
        raise FileNotFoundError(f'no matière rows at "{sources.rows}"')
    return evaluate_matiere(load_all(sources), SEED if seed is None else seed)


def markdown(report: MatiereReport) -> str:
    """The report as Markdown tables (docs/evaluation.md)."""
    data = report.as_dict()
    lines = [f"Folds by **{report.grouping}** ({', '.join(report.folds)}); training examples: "
             + ", ".join(f"{k} {v}" for k, v in report.training.items()) + ".", "",
             "| scored | rows | level-2 accuracy (answered) | coverage | level-1 accuracy (answered) | level-1 coverage | top code, no abstention |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, key in (("cross-validated", "cross_validated"), ("in-sample", "in_sample"),
                      ("other authorities, trained without them", "other_authorities")):
        s = data[key]
        if s:
            lines.append(f"| {name} | {s['rows']} | {_f(s['level2_accuracy'])} | {_f(s['coverage'])} | "
                         f"{_f(s['level1_accuracy'])} | {_f(s['level1_coverage'])} | {_f(s['top_accuracy_no_abstention'])} |")
    for level in ("level2", "level1"):
        lines += ["", f"Reliability, {level.replace('level', 'level ')} (cross-validated; every row, abstentions included):", "",
                  "| confidence | rows | stated | observed | gap |", "|---|---:|---:|---:|---:|"]
        lines += [f"| {b['bin']} | {b['rows']} | {b['stated']:.3f} | {b['observed']:.3f} | {b['gap']:+.3f} |"
                  for b in data[f"reliability_{level}"]]
    lines += ["", "Per class (cross-validated, level 2):", "", "| code | precision | recall | answered | support |",
              "|---|---:|---:|---:|---:|"]
    lines += [f"| {c['code']} | {_f(c['precision'])} | {_f(c['recall'])} | {c['answered']} | {c['support']} |"
              for c in data["per_class"]]
    return "\n".join(lines)


def _f(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
