"""Attendance quality on hand-labelled minutes (``labels/attendance.jsonl``): set F1 over
(councillor, status) pairs and over proxy pairs (giver, holder), by split.

A label line: ``{"file": "texts/x.txt", "split": "tune" | "heldout", "attendance": [{"name":
…, "status": present | excused | absent | represented, "proxy": holder or null}]}``. Names
match without civility, case, accents or order of first and last name (``names.same_person``);
a proxy holder is first resolved against the members present on its own side, so "pouvoir à
Nelly" and "Nelly WIDMER" are one holder. The reader is scored on each file's text as the
pipeline reads it (``actes.readers.read_document``), its first attendance block.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from actes.evaluation.groups import file_group
from actes.evaluation.labels import LabelsError, read_labels
from actes.minutes import names, read_attendance
from actes.minutes.attendance import resolve
from actes.minutes.entries import Entry
from actes.readers import read_document

SPLITS = ("tune", "heldout")
UNSEEN = "heldout, authority not in tune"  # held-out files of authorities with no tuning file


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.expected += other.expected

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.expected if self.expected else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "predicted": self.predicted,
            "expected": self.expected,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


@dataclass
class FileResult:
    file: str
    split: str
    attendance: Score
    proxies: Score
    missed: list[tuple] = field(default_factory=list)
    extra: list[tuple] = field(default_factory=list)
    group: str = ""  # the authority


@dataclass
class AttendanceReport:
    files: list[FileResult] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def unseen(self) -> set[str]:
        """Authorities with no file in the tuning split: their held-out files are held out whole."""
        tuned = {f.group for f in self.files if f.split != "heldout"}
        return {f.group for f in self.files} - tuned

    def chosen(self, split: str | None = None) -> list[FileResult]:
        if split == UNSEEN:
            unseen = self.unseen()
            return [f for f in self.files if f.split == "heldout" and f.group in unseen]
        return [f for f in self.files if split is None or f.split == split]

    def totals(self, split: str | None = None) -> tuple[Score, Score]:
        attendance, proxies = Score(), Score()
        for result in self.chosen(split):
            attendance.add(result.attendance)
            proxies.add(result.proxies)
        return attendance, proxies

    def by_authority(self) -> dict[str, dict]:
        out = {}
        for group in sorted({f.group for f in self.files}):
            attendance, proxies = Score(), Score()
            chosen = [f for f in self.files if f.group == group]
            for result in chosen:
                attendance.add(result.attendance)
                proxies.add(result.proxies)
            out[group] = {
                "files": len(chosen),
                "splits": sorted({f.split for f in chosen}),
                "attendance": attendance.as_dict(),
                "proxies": proxies.as_dict(),
            }
        return out

    def as_dict(self) -> dict:
        splits = {}
        for split in (*SPLITS, UNSEEN, None):
            attendance, proxies = self.totals(split)
            splits[split or "all"] = {
                "files": len(self.chosen(split)),
                "attendance": attendance.as_dict(),
                "proxies": proxies.as_dict(),
            }
        return {
            "splits": splits,
            "seconds": round(self.seconds, 1),
            "failures": self.failures,
            "authorities": self.by_authority(),
            "files": [
                {
                    "file": f.file,
                    "split": f.split,
                    "authority": f.group,
                    "attendance": f.attendance.as_dict(),
                    "proxies": f.proxies.as_dict(),
                    "missed": f.missed,
                    "extra": f.extra,
                }
                for f in self.files
            ],
        }


def _match(expected: list[tuple], predicted: list[tuple], compare: tuple) -> tuple[int, list[tuple], list[tuple]]:
    """Greedy one-to-one matching of tuples, each position compared by its function in ``compare``."""
    left = list(predicted)
    missed = []
    for item in expected:
        found = next((p for p in left if all(f(x, y) for f, x, y in zip(compare, item, p, strict=True))), None)
        if found is None:
            missed.append(item)
        else:
            left.remove(found)
    return len(expected) - len(missed), missed, left


def _equal(a, b) -> bool:
    return a == b


def _proxy_pairs(rows: list[dict]) -> list[tuple[str, str]]:
    present = [Entry(nom=r["name"], status="present", start=0, end=0) for r in rows if r["status"] == "present"]
    return [(r["name"], resolve(r["proxy"], present)) for r in rows if r.get("proxy")]


def score_file(expected: list[dict], predicted: list[dict]) -> tuple[Score, Score, list, list]:
    """(attendance score, proxy score, missed, extra) of one file; rows are {name, status, proxy}."""
    exp_pairs = [(r["name"], r["status"]) for r in expected]
    pred_pairs = [(r["name"], r["status"]) for r in predicted]
    tp, missed, extra = _match(exp_pairs, pred_pairs, (names.same_person, _equal))
    attendance = Score(tp, len(pred_pairs), len(exp_pairs))
    exp_proxies, pred_proxies = _proxy_pairs(expected), _proxy_pairs(predicted)
    ptp, pmissed, pextra = _match(exp_proxies, pred_proxies, (names.same_person, names.same_person))
    proxies = Score(ptp, len(pred_proxies), len(exp_proxies))
    return attendance, proxies, missed + [("proxy", *p) for p in pmissed], extra + [("proxy", *p) for p in pextra]


def predict(path: Path) -> list[dict]:
    doc = read_document(path)
    found = read_attendance(doc.text)
    return [{"name": e.nom, "status": e.status, "proxy": e.holder} for e in found.entries]


def evaluate_attendance(labels_path: Path, data_dir: Path | None = None) -> AttendanceReport:
    report = AttendanceReport()
    started = time.perf_counter()
    for label in read_labels(labels_path, data_dir):
        rows = label.values.get("attendance")
        if not isinstance(rows, list):
            raise LabelsError(f'"{labels_path}" line {label.line}: an "attendance" list is expected')
        try:
            predicted = predict(label.path)
        except Exception as exc:  # noqa: BLE001 - a file that fails is reported, the others scored
            report.failures.append((label.file, str(exc)))
            continue
        attendance, proxies, missed, extra = score_file(rows, predicted)
        group = str(label.values.get("authority") or file_group(label.file))
        report.files.append(
            FileResult(label.file, label.values.get("split", "tune"), attendance, proxies, missed, extra, group)
        )
    report.seconds = time.perf_counter() - started
    return report


def markdown(report: AttendanceReport) -> str:
    lines = ["| split | files | attendance P / R / F1 | proxy pairs P / R / F1 |", "|---|---:|---|---|"]
    for split, values in report.as_dict()["splits"].items():
        a, p = values["attendance"], values["proxies"]
        lines.append(
            f"| {split} | {values['files']} | {a['precision']} / {a['recall']} / **{a['f1']}** "
            f"({a['tp']}/{a['expected']}) | {p['precision']} / {p['recall']} / **{p['f1']}** ({p['tp']}/{p['expected']}) |"
        )
    return "\n".join(lines)


def markdown_authorities(report: AttendanceReport) -> str:
    """One row per authority: the rule reader has no folds to cross-validate, so each
    authority's own figure shows whether one layout carries the total."""
    lines = ["| authority | splits | files | attendance F1 (pairs) | proxy pairs F1 |", "|---|---|---:|---|---|"]
    for group, values in report.by_authority().items():
        a, p = values["attendance"], values["proxies"]
        proxy = f"{p['f1']} ({p['tp']}/{p['expected']})" if p["expected"] or p["predicted"] else "–"
        lines.append(
            f"| {group} | {', '.join(values['splits'])} | {values['files']} | {a['f1']} ({a['tp']}/{a['expected']}) | {proxy} |"
        )
    return "\n".join(lines)


def main_json(report: AttendanceReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)


DEFAULT_LABELS = Path("labels/attendance.jsonl")
DEFAULT_DATA = Path("../shared/corpus")


def run_cli(data_dir: Path | None, labels: Path | None, as_json: bool, mismatches: bool) -> int:
    """`actes evaluate --attendance [DATA_DIR] [--labels L] [--json] [--mismatches]` → exit code."""
    import sys

    try:
        report = evaluate_attendance(labels or DEFAULT_LABELS, data_dir or DEFAULT_DATA)
    except LabelsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if as_json:
        print(main_json(report))
    else:
        print(markdown(report))
        print()
        print(markdown_authorities(report))
        for result in report.files if mismatches else []:
            for item in result.missed:
                print(f"{result.file} [{result.split}] missed: {item}")
            for item in result.extra:
                print(f"{result.file} [{result.split}] extra: {item}")
        print(f"{len(report.files)} files in {report.seconds:.1f} s")
    for file, reason in report.failures:
        print(f"failed: {file}: {reason}", file=sys.stderr)
    return 1 if report.failures else 0
