"""Scoring attendance: set F1 over (councillor, status) and over proxy pairs."""

import json

import pytest

from actes.evaluation.attendance import evaluate_attendance, score_file

EXPECTED = [
    {"name": "Paul DURAND", "status": "present", "proxy": None},
    {"name": "Nelly WIDMER", "status": "present", "proxy": None},
    {"name": "Marc NOIR", "status": "represented", "proxy": "Nelly"},
    {"name": "Rose VERT", "status": "excused", "proxy": None},
]


def test_names_match_without_civility_case_accents_or_order():
    predicted = [
        {"name": "DURAND Paul", "status": "present", "proxy": None},
        {"name": "nelly widmer", "status": "present", "proxy": None},
        {"name": "NOIR Marc", "status": "represented", "proxy": "Nelly WIDMER"},
        {"name": "Rose VERT", "status": "absent", "proxy": None},  # wrong status
    ]
    attendance, proxies, missed, extra = score_file(EXPECTED, predicted)
    assert (attendance.tp, attendance.predicted, attendance.expected) == (3, 4, 4)
    assert (proxies.tp, proxies.expected) == (1, 1)
    assert missed == [("Rose VERT", "excused")] and extra == [("Rose VERT", "absent")]


def test_runner_on_a_labelled_text(tmp_path):
    (tmp_path / "pv.txt").write_text(
        "Présents : Paul DURAND, Nelly WIDMER. Absents excusés : Marc NOIR (pouvoir à Nelly WIDMER), Rose VERT. "
        "Secrétaire de séance : Paul DURAND", encoding="utf-8")
    labels = tmp_path / "attendance.jsonl"
    labels.write_text(json.dumps({"file": "pv.txt", "split": "heldout", "attendance": EXPECTED}) + "\n", encoding="utf-8")
    report = evaluate_attendance(labels, tmp_path)
    totals = report.as_dict()["splits"]
    assert totals["heldout"]["attendance"]["f1"] == 1.0 and totals["heldout"]["proxies"]["f1"] == 1.0


@pytest.mark.shared
def test_labelled_real_minutes(shared_dir):
    from pathlib import Path

    labels = Path(__file__).resolve().parents[2] / "labels" / "attendance.jsonl"
    report = evaluate_attendance(labels, shared_dir / "corpus")
    assert not report.failures
    tune = report.as_dict()["splits"]["tune"]
    assert tune["attendance"]["f1"] >= 0.95 and tune["proxies"]["f1"] >= 0.9


def test_cli_option(tmp_path):
    from typer.testing import CliRunner

    from actes.cli import app

    (tmp_path / "pv.txt").write_text("Présents : Paul DURAND, Nelly WIDMER. Absents : Rose VERT. Ordre du jour", encoding="utf-8")
    labels = tmp_path / "attendance.jsonl"
    rows = [{"name": "Paul DURAND", "status": "present", "proxy": None}, {"name": "Rose VERT", "status": "absent", "proxy": None}]
    labels.write_text(json.dumps({"file": "pv.txt", "split": "tune", "attendance": rows}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "--attendance", str(tmp_path), "--labels", str(labels), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["splits"]["tune"]["attendance"]
    assert (scores["tp"], scores["predicted"], scores["expected"]) == (2, 3, 2)
