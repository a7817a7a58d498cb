"""`actes evaluate` on a tiny labelled fixture: exit codes, the table, --json."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actes.cli import app

DATA = Path(__file__).parent / "data"
runner = CliRunner()


@pytest.fixture(autouse=True)
def no_model_load(monkeypatch):
    """NER is not what these tests check: skip loading spaCy (tens of seconds on a busy machine)."""
    import actes.extractors.nlp as nlp

    monkeypatch.setattr(nlp, "persons", lambda text: [])
    try:
        import actes.privacy.ner as privacy_ner

        monkeypatch.setattr(privacy_ner, "person_spans", lambda text, regions=None: [])
    except ImportError:
        pass


def test_table_lists_fields_and_the_missing_file():
    result = runner.invoke(app, ["evaluate", str(DATA), "--labels", str(DATA / "labels.jsonl")])
    assert result.exit_code == 1  # texts/missing.txt cannot be read
    assert "date_decision" in result.stdout and "micro" in result.stdout
    assert "texts/missing.txt" in result.stderr


def test_json_scores():
    result = runner.invoke(app, ["evaluate", str(DATA), "--labels", str(DATA / "labels.jsonl"), "--json"])
    report = json.loads(result.stdout)
    assert report["files"] == 3
    assert [f["file"] for f in report["failures"]] == ["texts/missing.txt"]
    numero = report["fields"]["numero"]
    assert numero["support"] == 3 and numero["tp"] >= 1  # both readable files print their number
    assert report["fields"]["date_decision"]["tp"] == 1  # "Séance du 12 mai 2023"


def test_unusable_labels_exit_2(tmp_path):
    bad = tmp_path / "labels.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(tmp_path), "--labels", str(bad)])
    assert result.exit_code == 2
    assert "line 1" in result.stderr
