"""`actes referential build` and `info`."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from actes.cli import app

runner = CliRunner()


def test_build_from_a_tarball_then_info(tarball, tmp_path, monkeypatch):
    db = tmp_path / "authorities.sqlite"
    monkeypatch.setenv("ACTES_REFERENTIAL_DB", str(db))
    result = runner.invoke(app, ["referential", "build", "--tarball", str(tarball)])
    assert result.exit_code == 0, result.output
    assert "@etalab/decoupage-administratif@6.0.0" in result.output and "6 EPCI" in result.output
    result = runner.invoke(app, ["referential", "info", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["version"] == "6.0.0"


def test_build_without_npm_says_so_and_exits_1(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    result = runner.invoke(app, ["referential", "build", "--cache", str(tmp_path), "--db", str(tmp_path / "db.sqlite")])
    assert result.exit_code == 1
    assert "npm is not installed" in result.output and "stays unknown" in result.output


def test_info_without_referential_exits_1(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTES_REFERENTIAL_DB", str(tmp_path / "absent.sqlite"))
    result = runner.invoke(app, ["referential", "info"])
    assert result.exit_code == 1 and "actes referential build" in result.output


def test_help():
    assert runner.invoke(app, ["referential", "--help"]).exit_code == 0


def test_init_refuses_to_overwrite_and_needs_a_catalog(tmp_path):
    target = tmp_path / "collectivites.csv"
    result = runner.invoke(app, ["referential", "init", str(target), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no catalog" in result.output
    (tmp_path / "actes.db").write_bytes(b"")
    target.write_text("SIREN,SIRET,NOM\n")
    result = runner.invoke(app, ["referential", "init", str(target), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--force" in result.output
