"""`actes export --format jsonld` on a catalog; an unknown format is a usage error."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from actes.cli import app
from actes.store import Catalog
from tests.linked_data.conftest import documents, linked_data_acts

runner = CliRunner()


def _catalog(db):
    catalog = Catalog(db)
    run_id = catalog.start_run("inbox", "test")
    catalog.record("digest", "acts.pdf", [], linked_data_acts(), run_id, "test")
    catalog.close()


def test_export_format_jsonld_writes_only_the_linked_data(tmp_path):
    db = tmp_path / "actes.db"
    _catalog(db)
    out = tmp_path / "rdf"
    result = runner.invoke(app, ["export", "--out", str(out), "--db", str(db), "--format", "jsonld"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["actes-jsonld.jsonl", "actes.nt", "contexte.jsonld",
                                                     "datapackage.json", "validation.json"]
    assert len(documents(out)) == len(linked_data_acts())
    assert "actes.nt 6" in result.output
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in descriptor["resources"]] == ["actes.nt", "actes-jsonld.jsonl", "contexte.jsonld"]

    again = runner.invoke(app, ["export", "--out", str(out), "--db", str(db), "--format", "jsonld"])
    assert again.exit_code == 0, again.output
    assert len(documents(out)) == len(linked_data_acts())


def test_unknown_format_is_a_usage_error(tmp_path):
    db = tmp_path / "actes.db"
    _catalog(db)
    result = runner.invoke(app, ["export", "--out", str(tmp_path), "--db", str(db), "--format", "rdfxml"])
    assert result.exit_code == 2 and "rdfxml" in result.output
