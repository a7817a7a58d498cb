"""Item quality on hand-labelled minutes (``labels/minutes-items.jsonl``): how many items are
found against the labels, and the set F1 of item objets, by split (the split is by authority,
made before the reader was written).

A label line: ``{"file": "texts/x.txt", "authority": …, "split": "tune" | "heldout", "items":
[{"objet": …, "vote": {…} | null, "outcome": adopted | rejected | withdrawn | prend acte |
information | null}]}``. Two objets match when their word sets (folded: no case, accents or
punctuation, words of 3 letters or more) overlap with an F1 of at least ``OBJET_MATCH``; items
are paired one to one, best pairs first. Outcomes are compared on the pairs.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from actes.evaluation.attendance import Score
from actes.evaluation.labels import LabelsError, read_labels
from actes.minutes import read_attendance
from actes.minutes.items import read_items
from actes.minutes.names import fold
from actes.readers import read_document

SPLITS = ("tune", "heldout")
OBJET_MATCH = 0.5


def words(text: str | None) -> set[str]:
    folded = "".join(c if c.isalnum() else " " for c in fold(text or ""))
    return {w for w in folded.split() if len(w) >= 3}


def similarity(a: str | None, b: str | None) -> float:
    left, right = words(a), words(b)
    if not left or not right:
        return 0.0
    common = len(left & right)
    return 2 * common / (len(left) + len(right))


@dataclass
class FileResult:
    file: str
    split: str
    expected: int
    predicted: int
    objets: Score
    outcomes: Score
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def pair(expected: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (expected index, predicted index) of matching objets, best first."""
    scored = sorted(
        ((similarity(e["objet"], p["objet"]), i, j) for i, e in enumerate(expected) for j, p in enumerate(predicted)),
        reverse=True,
    )
    used_e, used_p, pairs = set(), set(), []
    for sim, i, j in scored:
        if sim < OBJET_MATCH:
            break
        if i not in used_e and j not in used_p:
            used_e.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def score_file(expected: list[dict], predicted: list[dict]) -> tuple[Score, Score, list[str], list[str]]:
    pairs = pair(expected, predicted)
    objets = Score(len(pairs), len(predicted), len(expected))
    labelled = [(i, j) for i, j in pairs if expected[i].get("outcome")]
    right = sum(1 for i, j in labelled if expected[i]["outcome"] == predicted[j].get("outcome"))
    outcomes = Score(right, len(labelled), len(labelled))
    matched_e, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
    missed = [e["objet"] for i, e in enumerate(expected) if i not in matched_e]
    extra = [p["objet"] or "" for j, p in enumerate(predicted) if j not in matched_p]
    return objets, outcomes, missed, extra


def predict(path: Path) -> list[dict]:
    doc = read_document(path)
    block = read_attendance(doc.text)
    items = read_items(doc.text, block.end if block else 0)
    return [{"objet": item.objet, "outcome": item.outcome, "votes": item.votes} for item in items]


@dataclass
class ItemsReport:
    files: list[FileResult] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def totals(self, split: str | None = None) -> dict:
        chosen = [f for f in self.files if split is None or f.split == split]
        objets, outcomes = Score(), Score()
        for result in chosen:
            objets.add(result.objets)
            outcomes.add(result.outcomes)
        expected = sum(f.expected for f in chosen)
        predicted = sum(f.predicted for f in chosen)
        return {
            "files": len(chosen),
            "expected": expected,
            "predicted": predicted,
            "count_error": round((predicted - expected) / expected, 3) if expected else None,
            "files_exact": sum(1 for f in chosen if f.expected == f.predicted),
            "objets": objets.as_dict(),
            "outcome_accuracy": outcomes.as_dict()["precision"],
        }

    def as_dict(self) -> dict:
        return {
            "splits": {split or "all": self.totals(split) for split in (*SPLITS, None)},
            "seconds": round(self.seconds, 1),
            "failures": self.failures,
            "files": [
                {
                    "file": f.file,
                    "split": f.split,
                    "expected": f.expected,
                    "predicted": f.predicted,
                    "objets": f.objets.as_dict(),
                    "missed": f.missed,
                    "extra": f.extra,
                }
                for f in self.files
            ],
        }


def evaluate_items(labels_path: Path, data_dir: Path | None = None) -> ItemsReport:
    report = ItemsReport()
    started = time.perf_counter()
    for label in read_labels(labels_path, data_dir):
        rows = label.values.get("items")
        if not isinstance(rows, list):
            raise LabelsError(f'"{labels_path}" line {label.line}: an "items" list is expected')
        split = label.values.get("split", "tune")
        try:
            predicted = predict(label.path)
        except Exception as exc:  # noqa: BLE001 - a file that fails is reported, the others scored
            report.failures.append((label.file, str(exc)))
            continue
        objets, outcomes, missed, extra = score_file(rows, predicted)
        report.files.append(FileResult(label.file, split, len(rows), len(predicted), objets, outcomes, missed, extra))
    report.seconds = time.perf_counter() - started
    return report


def render(report: ItemsReport) -> str:
    lines = [
        "| split | files | items labelled / found (error) | files exact | objet P / R / F1 | outcome accuracy |",
        "|---|---:|---|---:|---|---:|",
    ]
    for split in (*SPLITS, None):
        t = report.totals(split)
        o = t["objets"]
        lines.append(
            f"| {split or 'all'} | {t['files']} | {t['expected']} / {t['predicted']} ({t['count_error']:+.1%}) | "
            f"{t['files_exact']} | {o['precision']} / {o['recall']} / **{o['f1']}** ({o['tp']}) | {t['outcome_accuracy']} |"
        )
    return "\n".join(lines)


DEFAULT_LABELS = Path("labels/minutes-items.jsonl")
DEFAULT_DATA = Path("../shared/corpus")


def run_cli(data_dir: Path | None, labels: Path | None, as_json: bool, mismatches: bool) -> int:
    """`actes evaluate --items [DATA_DIR] [--labels L] [--json] [--mismatches]` → exit code."""
    import sys

    try:
        report = evaluate_items(labels or DEFAULT_LABELS, data_dir or DEFAULT_DATA)
    except LabelsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(render(report))
        for result in report.files if mismatches else []:
            for objet in result.missed:
                print(f"{result.file} [{result.split}] missed: {objet}")
            for objet in result.extra:
                print(f"{result.file} [{result.split}] extra: {objet}")
        print(f"{len(report.files)} files in {report.seconds:.1f} s")
    for file, reason in report.failures:
        print(f"failed: {file}: {reason}", file=sys.stderr)
    return 1 if report.failures else 0
