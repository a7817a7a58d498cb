"""`actes export`: incremental packages, options and error paths."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from actes.cli import app
from actes.store import Catalog
from tests.factories import SIREN, SIRET, make_act, make_deliberation

runner = CliRunner()


def _record(db, acts, digest):
    catalog = Catalog(db)
    run_id = catalog.start_run("inbox", "test")
    catalog.record(digest, f"{digest}.pdf", [], acts, run_id, "test")
    catalog.close()


def _ids(package):
    return [row["ACTE_ID"] for row in csv.DictReader((package / "actes.csv").open(encoding="utf-8", newline=""))]


@pytest.fixture
def referential_csv(tmp_path):
    path = tmp_path / "collectivites.csv"
    path.write_text(f"SIREN,SIRET,NOM\n{SIREN},{SIRET},Commune de Valbrenne\n", encoding="utf-8")
    return path


def test_two_successive_since_packages_hold_each_act_once(tmp_path, referential_csv):
    db = tmp_path / "actes.db"
    _record(db, [make_deliberation("a-1"), make_act("a-2", nature="arrete")], "first")
    first = runner.invoke(app, ["export", "--out", str(tmp_path / "p1"), "--db", str(db), "--since", "2000-01-01",
                                "--referential", str(referential_csv)])
    assert first.exit_code == 0, first.output
    until = json.loads((tmp_path / "p1" / "datapackage.json").read_text())["actes"]["selection"]["until"]
    assert f"actes export --since {until}" in first.output
    _record(db, [make_deliberation("a-3", numero="3")], "second")
    second = runner.invoke(app, ["export", "--out", str(tmp_path / "p2"), "--db", str(db), "--since", until,
                                 "--referential", str(referential_csv)])
    assert second.exit_code == 0, second.output
    together = _ids(tmp_path / "p1") + _ids(tmp_path / "p2")
    assert sorted(together) == ["a-1", "a-2", "a-3"]
    assert _ids(tmp_path / "p2") == ["a-3"]


def test_run_option_selects_one_run(tmp_path):
    db = tmp_path / "actes.db"
    _record(db, [make_act("r1-a")], "first")
    _record(db, [make_act("r2-a"), make_act("r2-b")], "second")
    result = runner.invoke(app, ["export", "--out", str(tmp_path / "p"), "--db", str(db), "--run", "2", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["selection"]["run"] == 2
    assert _ids(tmp_path / "p") == ["r2-a", "r2-b"]


def test_missing_catalog_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["export", "--out", str(tmp_path / "p")])
    assert result.exit_code == 2
    assert "no catalog at" in result.output and "--db" in result.output


def test_bad_since_is_a_usage_error(tmp_path):
    _record(tmp_path / "actes.db", [], "none")
    result = runner.invoke(app, ["export", "--out", str(tmp_path), "--since", "yesterday"])
    assert result.exit_code == 2
    assert "'yesterday' is not a date" in result.output


def test_bad_referential_names_file_and_line(tmp_path):
    _record(tmp_path / "actes.db", [], "none")
    bad = tmp_path / "collectivites.csv"
    bad.write_text(f"SIREN,SIRET,NOM\n{SIREN},{SIRET},Commune de Valbrenne\n{SIREN},21019990700018,Autre\n", encoding="utf-8")
    result = runner.invoke(app, ["export", "--out", str(tmp_path), "--referential", str(bad)])
    assert result.exit_code == 2
    flat = "".join(result.output.replace("│", "").split())  # rich's error panel folds long lines
    assert "collectivites.csv" in flat and "line3:SIRET'21019990700018'isnot14Luhn-validdigits" in flat


def test_help_mentions_every_option():
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0
    for option in ("--out", "--db", "--since", "--run", "--referential", "--publish-invalid", "--hold-invalid"):
        assert option in result.output


def test_run_checks_the_referential_before_any_work(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bad = tmp_path / "collectivites.csv"
    bad.write_text("SIREN,NOM\n210199907,Valbrenne\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(inbox), "--out", str(tmp_path / "out"), "--referential", str(bad)])
    assert result.exit_code == 2
    assert "missing column(s) SIRET" in " ".join(result.output.replace("│", "").split())
    assert not (tmp_path / "out").exists()


@pytest.mark.postgres
def test_export_from_a_postgresql_catalog(tmp_path, pg_db):
    _record(pg_db, [make_deliberation("pg-1"), make_act("pg-2")], "first")
    result = runner.invoke(app, ["export", "--out", str(tmp_path / "p"), "--db", pg_db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["counts"]["actes.csv"] == 2
    assert _ids(tmp_path / "p") == ["pg-1", "pg-2"]
