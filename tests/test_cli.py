"""The CLI as a clerk uses it: exit codes, messages, JSON shape."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from actes.cli import app

runner = CliRunner()

CONTRACT_KEYS = {
    "id", "nature", "nature_actes", "collectivite", "numero", "date_decision", "objet", "matiere",
    "votes", "president", "secretaire_seance", "signataire", "date_convocation", "transmission",
    "budget", "source", "provenance", "problems",
}

DELIBERATION = """COMMUNE DE SAINT-EXEMPLE
Envoyé en préfecture le 16/02/2023
Reçu en préfecture le 16/02/2023
ID : 093-213000000-20230126-2023_006-DE
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Séance du 26 janvier 2023
Délibération n° 2023/006
Objet : Vente d'un terrain communal
"""


def test_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "run"):
        assert command in result.output


def test_extract_prints_acts_with_the_contract_keys(tmp_path):
    act = tmp_path / "delib.txt"
    act.write_text(DELIBERATION, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(act), "--format", "json"])
    assert result.exit_code == 0, result.output
    acts = json.loads(result.stdout)
    assert len(acts) == 1
    assert CONTRACT_KEYS <= set(acts[0])
    assert acts[0]["id"] == "093-213000000-20230126-2023_006-DE"
    assert acts[0]["transmission"]["date_reception"] == "2023-02-16"
    assert acts[0]["provenance"]["transmission.pref_id"]["source"] == "stamp"


def test_extract_jsonl_prints_one_act_per_line(tmp_path):
    act = tmp_path / "delib.txt"
    act.write_text(DELIBERATION, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(act), "--format", "jsonl"])
    assert result.exit_code == 0
    assert [json.loads(line)["nature"] for line in result.stdout.splitlines()] == ["deliberation"]


def test_extract_missing_file_names_it_and_exits_1(tmp_path):
    missing = tmp_path / "absent.pdf"
    result = runner.invoke(app, ["extract", str(missing)])
    assert result.exit_code == 1
    assert "absent.pdf" in result.output
    assert "no such file" in result.output


def test_extract_unknown_format_is_a_usage_error(tmp_path):
    act = tmp_path / "delib.txt"
    act.write_text(DELIBERATION, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(act), "--format", "xml"])
    assert result.exit_code == 2


def test_run_processes_an_inbox_and_reports_a_bad_file(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "delib.txt").write_text(DELIBERATION, encoding="utf-8")
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(inbox), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "broken.pdf" in result.output
    assert (out / "actes.db").is_file()
    lines = (out / "actes.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["093-213000000-20230126-2023_006-DE"]
    header = (out / "deliberations.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE")


def test_run_twice_processes_nothing_the_second_time(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "delib.txt").write_text(DELIBERATION, encoding="utf-8")
    out = tmp_path / "out"
    first = runner.invoke(app, ["run", str(inbox), "--out", str(out), "--json"])
    second = runner.invoke(app, ["run", str(inbox), "--out", str(out), "--json"])
    assert first.exit_code == second.exit_code == 0
    assert json.loads(first.stdout)["processed"] == 1
    report = json.loads(second.stdout)
    assert report["processed"] == 0 and report["skipped"] == 1
    assert len((out / "actes.jsonl").read_text(encoding="utf-8").splitlines()) == 1
