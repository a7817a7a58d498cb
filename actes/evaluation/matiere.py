"""`actes evaluate --matiere`: the matière model, cross-validated on real rows.

Folds hold out an authority when the rows come from several, a year otherwise (the grouping is
named in the report). Each fold trains the whole recipe (``actes.matiere.training.train``: its own
calibration and thresholds, on its own training rows only) and scores the rows it never saw. The
nomenclature wordings are training data only, never scored.

Reported: level-2 accuracy on the rows answered and the share answered (coverage); level-1
accuracy and coverage; per-class precision, recall and support; reliability tables (stated
confidence per bin against the observed accuracy of the top code, abstentions included, with its
95 % Wilson interval): ten equal-count bins (the rule for issue 22's "within 0.05 per bin",
chosen before measuring: no bin too small to say anything), and the fixed ranges shown before; the
same figures in-sample (trained and scored on every row: the optimistic bound); and, when one
authority holds most rows, the others scored by a model trained without them.
"""

from __future__ import annotations

import math
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

FIXED_BINS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
EQUAL_COUNT_BINS = 10  # deciles of the stated confidence: ~66 rows a bin on the 663 real rows
RELIABILITY_TOLERANCE = 0.05  # issue 22: stated confidence within 0.05 of the observed accuracy, per bin


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


def wilson(right: int, rows: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson interval of an observed accuracy ``right / rows``."""
    if not rows:
        return 0.0, 1.0
    p = right / rows
    denominator = 1 + z * z / rows
    centre = (p + z * z / (2 * rows)) / denominator
    half = z * math.sqrt(p * (1 - p) / rows + z * z / (4 * rows * rows)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def _stated_and_right(pairs: Sequence[tuple[Example, Prediction]], level: str) -> list[tuple[float, bool]]:
    if level == "level2":
        return [(p.confidence, p.best == e.code) for e, p in pairs]
    return [(p.level1_confidence, _top1(p) == e.code.split(".")[0]) for e, p in pairs]


def _bin_row(inside: list[tuple[float, bool]], label: str) -> dict[str, Any]:
    stated = sum(c for c, _ in inside) / len(inside)
    right = sum(ok for _, ok in inside)
    observed = right / len(inside)
    low, high = wilson(right, len(inside))
    return {"bin": label, "rows": len(inside), "stated": round(stated, 3), "observed": round(observed, 3),
            "gap": round(observed - stated, 3), "ci_low": round(low, 3), "ci_high": round(high, 3),
            "within": abs(observed - stated) <= RELIABILITY_TOLERANCE}


def reliability(pairs: Sequence[tuple[Example, Prediction]], level: str = "level2",
                bins: str = "equal-count") -> list[dict[str, Any]]:
    """Per bin: rows, mean stated confidence, observed accuracy of the top code (abstentions
    included), its 95 % Wilson interval, and whether the gap is within RELIABILITY_TOLERANCE.

    ``bins="equal-count"`` (the rule of the issue's reliability target, fixed before measuring):
    the rows sorted by stated confidence, cut into EQUAL_COUNT_BINS bins of equal size (ties
    split by the rows' order), so that no bin is too small to say anything; ``"fixed"``: the
    confidence ranges of FIXED_BINS, whatever their size (the table shown before)."""
    scored = _stated_and_right(pairs, level)
    if not scored:
        return []
    if bins == "fixed":
        out = []
        for low, high in zip(FIXED_BINS, FIXED_BINS[1:], strict=False):
            inside = [(c, ok) for c, ok in scored if low <= c < high]
            if inside:
                out.append(_bin_row(inside, f"{low:.1f}–{min(high, 1.0):.1f}"))
        return out
    ordered = sorted(scored, key=lambda item: item[0])
    size, extra = divmod(len(ordered), min(EQUAL_COUNT_BINS, len(ordered)))
    out, start = [], 0
    for index in range(min(EQUAL_COUNT_BINS, len(ordered))):
        inside = ordered[start : start + size + (1 if index < extra else 0)]
        start += len(inside)
        out.append(_bin_row(inside, f"{inside[0][0]:.3f}–{inside[-1][0]:.3f}"))
    return out


def _top1(prediction: Prediction) -> str:
    """The level-1 group ``level1_confidence`` is about (not always the top level-2 code's group)."""
    return prediction.level1 or prediction.best_level1 or prediction.best.split(".")[0]


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
            "reliability_level2_fixed": reliability(self.cross_validated, bins="fixed"),
            "reliability_level1_fixed": reliability(self.cross_validated, "level1", bins="fixed"),
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
    for key, title in (("", f"{EQUAL_COUNT_BINS} equal-count bins (deciles of the stated confidence)"),
                       ("_fixed", "fixed confidence ranges, whatever their size")):
        for level in ("level2", "level1"):
            table = data[f"reliability_{level}{key}"]
            met = sum(b["within"] for b in table)
            lines += ["", f"Reliability, {level.replace('level', 'level ')}, {title} (cross-validated; every row, "
                      f"abstentions included): {met} of {len(table)} bins within {RELIABILITY_TOLERANCE}.", "",
                      "| confidence | rows | stated | observed | gap | observed, 95 % interval | within 0.05 |",
                      "|---|---:|---:|---:|---:|---|---|"]
            lines += [f"| {b['bin']} | {b['rows']} | {b['stated']:.3f} | {b['observed']:.3f} | {b['gap']:+.3f} | "
                      f"{b['ci_low']:.2f}–{b['ci_high']:.2f} | {'yes' if b['within'] else '**no**'} |" for b in table]
    lines += ["", "Per class (cross-validated, level 2):", "", "| code | precision | recall | answered | support |",
              "|---|---:|---:|---:|---:|"]
    lines += [f"| {c['code']} | {_f(c['precision'])} | {_f(c['recall'])} | {c['answered']} | {c['support']} |"
              for c in data["per_class"]]
    return "\n".join(lines)


def _f(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
