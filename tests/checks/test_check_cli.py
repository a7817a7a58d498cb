"""`actes check`: exit codes, grouping, --json, --severity, over files and over the catalog."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from actes.cli import app
from actes.store import Catalog
from tests.factories import make_act

runner = CliRunner()

# Received three days before it was sent: an error whatever else the extractors find.
RECEIVED_BEFORE_SENT = """COMMUNE DE SAINT-EXEMPLE
Envoyé en préfecture le 16/02/2023
Reçu en préfecture le 13/02/2023
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Séance du 26 janvier 2023
Délibération n° 2023/006
Objet : Vente d'un terrain communal
Le Maire,
"""


@pytest.fixture
def catalog_db(tmp_path):
    """A catalog holding an act with an error and one with only a warning."""
    path = tmp_path / "actes.db"
    catalog = Catalog(path)
    bad = make_act("bad-act", votes={"en_exercice": 23, "presents": 20, "representes": 5})
    from actes.checks import run_checks

    bad.problems = run_checks(bad, names=["votes:attendance-members"])
    fine = make_act("fine-act", nature="arrete", date_decision=dt.date(2023, 3, 8), objet="Circulation")
    catalog.record("d1", "a.txt", [], [bad], None, "test")
    catalog.record("d2", "b.txt", [], [fine], None, "test")
    catalog.close()
    return path


def test_files_with_an_error_exit_1_and_group_by_severity(tmp_path):
    path = tmp_path / "delib.txt"
    path.write_text(RECEIVED_BEFORE_SENT, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert result.output.index("error") < result.output.index("received-before-sent")
    assert "delib.txt" in result.output


def test_json_output(tmp_path):
    path = tmp_path / "delib.txt"
    path.write_text(RECEIVED_BEFORE_SENT, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["has_errors"] is True and data["acts"] == 1
    problem = next(p for p in data["problems"] if p["slug"] == "received-before-sent")
    assert problem["severity"] == "error" and problem["field"] == "transmission.date_reception"
    assert problem["path"].endswith("delib.txt")


def test_catalog_errors_exit_1(catalog_db):
    result = runner.invoke(app, ["check", "--db", str(catalog_db), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(p["act"], p["slug"]) for p in data["problems"]] == [("bad-act", "attendance-exceeds-members")]


def test_recheck_without_errors_exits_0(tmp_path):
    path = tmp_path / "actes.db"
    catalog = Catalog(path)
    catalog.record("d1", "a.txt", [], [make_act("no-objet", nature="arrete", date_decision=dt.date(2023, 3, 8))], None, "t")
    catalog.close()
    stored = runner.invoke(app, ["check", "--db", str(path), "--json"])
    assert json.loads(stored.stdout)["problems"] == []  # recorded before any check ran
    result = runner.invoke(app, ["check", "--db", str(path), "--recheck", "--json"])
    assert result.exit_code == 0
    assert [p["slug"] for p in json.loads(result.stdout)["problems"]] == ["missing-field"]


def test_severity_hides_lower_levels_but_not_the_exit_code(catalog_db, tmp_path):
    result = runner.invoke(app, ["check", "--db", str(catalog_db), "--severity", "error"])
    assert result.exit_code == 1
    assert "attendance-exceeds-members" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["check"],  # neither files nor --db
        ["check", "--db", "/nonexistent/actes.db"],  # no such catalog
        ["check", "x.txt", "--severity", "fatal"],  # unknown severity
    ],
)
def test_usage_errors_exit_2(args):
    assert runner.invoke(app, args).exit_code == 2


def test_unreadable_file_is_reported_and_exits_1(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 1
    assert "broken.pdf" in result.output + (result.stderr or "")
