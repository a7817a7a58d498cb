"""Item quality on hand-labelled minutes (``labels/minutes-items.jsonl``): how many items are
found against the labels, and the set F1 of item objets, by split (the split is by authority,
made before the reader was written).

A label line: ``{"file": "texts/x.txt", "authority": …, "split": "tune" | "heldout", "items":
[{"objet": …, "vote": {…} | null, "outcome": adopted | rejected | withdrawn | prend acte |
information | null}]}``. Two objets match when their word sets (folded: no case, accents or
punctuation, words of 3 letters or more) overlap with an F1 of at least ``OBJET_MATCH``; items
are paired one to one, best pairs first. Outcomes are compared on the pairs.

Three readers are scored on the same files: the rule reader (``rules``), the learned scorer of
item starts fitted on every labelled file (``in-sample``: how well it can fit), and the one that
matters, ``cross-validated``: each file read by a scorer fitted without any file of its
authority (leave one authority out, its threshold from inner folds that also keep authorities
whole).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from actes.evaluation.attendance import Score
from actes.evaluation.groups import file_group
from actes.evaluation.labels import LabelsError, read_labels
from actes.minutes import read_attendance
from actes.minutes.items import items_at
from actes.minutes.items import read_items as rules_read_items
from actes.minutes.names import fold
from actes.minutes.start_model import LabelledStarts, StartModel, fit, labelled_starts
from actes.minutes.starts import pick
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
    group: str = ""


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
    """The rule reader's items of one file."""
    text, start = body_of(path)
    return as_rows(rules_read_items(text, start))


def body_of(path: Path) -> tuple[str, int]:
    """The file's text as the pipeline reads it and where its body starts (after attendance)."""
    doc = read_document(path)
    block = read_attendance(doc.text)
    return doc.text, block.end if block else 0


def as_rows(items: list) -> list[dict]:
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


READERS = ("rules", "in-sample", "cross-validated")


@dataclass
class LabelledFile:
    file: str
    split: str
    group: str  # the authority: folds never split one
    rows: list[dict]
    text: str
    start: int


def load(labels_path: Path, data_dir: Path | None = None) -> tuple[list[LabelledFile], list[tuple[str, str]]]:
    """The labelled files read once: (files, failures)."""
    files, failures = [], []
    for label in read_labels(labels_path, data_dir):
        rows = label.values.get("items")
        if not isinstance(rows, list):
            raise LabelsError(f'"{labels_path}" line {label.line}: an "items" list is expected')
        group = label.values.get("authority") or file_group(label.file)
        try:
            text, start = body_of(label.path)
        except Exception as exc:  # noqa: BLE001 - a file that fails is reported, the others scored
            failures.append((label.file, str(exc)))
            continue
        files.append(LabelledFile(label.file, label.values.get("split", "tune"), str(group), rows, text, start))
    return files, failures


def _learned(f: LabelledFile, example: LabelledStarts, model: StartModel) -> list:
    """The model's items of one file, from the candidates already described for training."""
    chosen = pick(example.starts, [model.probability(s) for s in example.starts], model.threshold)
    return items_at(f.text, [s.heading for s in chosen], len(f.text))


def training_set(files: list[LabelledFile]) -> list[LabelledStarts]:
    return [labelled_starts(f.group, f.text, f.start, [row.get("objet") for row in f.rows]) for f in files]


def _report(files: list[LabelledFile], predicted: list[list[dict]], failures: list, started: float) -> ItemsReport:
    report = ItemsReport(failures=list(failures))
    for f, rows in zip(files, predicted, strict=True):
        objets, outcomes, missed, extra = score_file(f.rows, rows)
        report.files.append(
            FileResult(f.file, f.split, len(f.rows), len(rows), objets, outcomes, missed, extra, f.group)
        )
    report.seconds = time.perf_counter() - started
    return report


def evaluate_readers(
    labels_path: Path, data_dir: Path | None = None, seed: int = 0, readers: tuple[str, ...] = READERS
) -> dict[str, ItemsReport]:
    """Each reader's report on the labelled files."""
    started = time.perf_counter()
    files, failures = load(labels_path, data_dir)
    out: dict[str, ItemsReport] = {}
    if "rules" in readers:
        out["rules"] = _report(files, [as_rows(rules_read_items(f.text, f.start)) for f in files], failures, started)
    if not {"in-sample", "cross-validated"} & set(readers):
        return out
    examples = training_set(files)
    if "in-sample" in readers:
        began = time.perf_counter()
        model = fit(examples, seed)
        out["in-sample"] = _report(
            files, [as_rows(_learned(f, ex, model)) for f, ex in zip(files, examples, strict=True)], failures, began
        )
    if "cross-validated" in readers:
        began = time.perf_counter()
        predicted: list[list[dict]] = [[] for _ in files]
        for group in sorted({f.group for f in files}):
            model = fit([ex for ex in examples if ex.group != group], seed)
            for k, f in enumerate(files):
                if f.group == group:
                    predicted[k] = as_rows(_learned(f, examples[k], model))
        out["cross-validated"] = _report(files, predicted, failures, began)
    return out


def evaluate_items(labels_path: Path, data_dir: Path | None = None, reader: str = "rules") -> ItemsReport:
    """One reader's report (``READERS``)."""
    return evaluate_readers(labels_path, data_dir, readers=(reader,))[reader]


def _row(name: str, split: str | None, t: dict) -> str:
    o = t["objets"]
    error = f"{t['count_error']:+.1%}" if t["count_error"] is not None else "–"
    return (
        f"| {name} | {split or 'all'} | {t['files']} | {t['expected']} / {t['predicted']} ({error}) | "
        f"{t['files_exact']} | {o['precision']} / {o['recall']} / **{o['f1']}** ({o['tp']}) | {t['outcome_accuracy']} |"
    )


HEADER = [
    "| reader | split | files | items labelled / found (error) | files exact | objet P / R / F1 | outcome accuracy |",
    "|---|---|---:|---|---:|---|---:|",
]


def render(reports: dict[str, ItemsReport] | ItemsReport) -> str:
    """The table: each reader by split (tune, held-out, all)."""
    if isinstance(reports, ItemsReport):
        reports = {"rules": reports}
    lines = list(HEADER)
    for name, report in reports.items():
        lines += [_row(name, split, report.totals(split)) for split in (*SPLITS, None)]
    return "\n".join(lines)


def render_authorities(report: ItemsReport) -> str:
    """One row per authority (its files together)."""
    lines = ["| authority | split | files | labelled / found | objet F1 |", "|---|---|---:|---|---:|"]
    for group in sorted({f.group for f in report.files}):
        chosen = [f for f in report.files if f.group == group]
        objets = Score()
        for f in chosen:
            objets.add(f.objets)
        f1 = objets.as_dict()["f1"]
        lines.append(
            f"| {group} | {chosen[0].split} | {len(chosen)} | {sum(f.expected for f in chosen)} / "
            f"{sum(f.predicted for f in chosen)} | {f1 if f1 is not None else '–'} |"
        )
    return "\n".join(lines)


DEFAULT_LABELS = Path("labels/minutes-items.jsonl")
DEFAULT_DATA = Path("../shared/corpus")


def run_cli(data_dir: Path | None, labels: Path | None, as_json: bool, mismatches: bool) -> int:
    """`actes evaluate --items [DATA_DIR] [--labels L] [--json] [--mismatches]` → exit code."""
    import sys

    try:
        reports = evaluate_readers(labels or DEFAULT_LABELS, data_dir or DEFAULT_DATA)
    except LabelsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    crossval = reports["cross-validated"]
    if as_json:
        print(json.dumps({name: r.as_dict() for name, r in reports.items()}, ensure_ascii=False, indent=2))
    else:
        print(render(reports))
        print()
        print("cross-validated, by authority:")
        print(render_authorities(crossval))
        for result in crossval.files if mismatches else []:
            for objet in result.missed:
                print(f"{result.file} [{result.split}] missed: {objet}")
            for objet in result.extra:
                print(f"{result.file} [{result.split}] extra: {objet}")
        print(
            f"{len(crossval.files)} files, {len({f.group for f in crossval.files})} authorities; "
            f"{sum(r.seconds for r in reports.values()):.1f} s"
        )
    for file, reason in crossval.failures:
        print(f"failed: {file}: {reason}", file=sys.stderr)
    return 1 if crossval.failures else 0
