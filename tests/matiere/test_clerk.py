"""A clerk sets the matière of a délibération held for "matière unknown": `actes review ACT --matiere`."""

from __future__ import annotations

import csv
import json

from typer.testing import CliRunner

from actes.cli import app
from actes.exporters.package import export_catalog
from actes.reference.matieres import scdl_nom
from actes.schemas.provenance import FieldProvenance, SourceKind
from actes.store import Catalog
from tests.factories import make_deliberation

runner = CliRunner()
ACT = "001-210199907-20230216-2023_12-DE"


def _unclassified(act_id=ACT):
    act = make_deliberation(act_id, matiere={})
    act.provenance["matiere.code"] = FieldProvenance(
        source=SourceKind.nlp,
        extractor="matiere:abstained",
        confidence=0.31,
        snippet="classifier abstained, best 7.10 at 0.31, level 1 at 0.55 — Objet",
    )
    return act


def _record(db, acts, digest="first"):
    catalog = Catalog(db)
    catalog.record(digest, f"{digest}.pdf", [], acts, catalog.start_run("inbox", "test"), "test")
    catalog.close()


def _scdl_rows(package):
    return list(csv.DictReader((package / "deliberations.csv").open(encoding="utf-8", newline="")))


def test_a_clerk_sets_the_matiere_and_the_row_is_published(tmp_path, referential):
    db = tmp_path / "actes.db"
    _record(db, [_unclassified()])
    before = export_catalog(db, tmp_path / "p0", referential=referential)
    assert before.counts["matiere_unknown"] == 1 and _scdl_rows(tmp_path / "p0") == []
    held = json.loads((tmp_path / "p0" / "validation.json").read_text(encoding="utf-8"))["rows"][0]
    assert f"actes review {ACT} --matiere CODE" in held["issues"][0]["message"]

    result = runner.invoke(app, ["review", ACT, "--matiere", "7.5", "--reviewer", "clerk@mairie", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "7.5 Finances locales/Subventions" in result.output

    after = export_catalog(db, tmp_path / "p1", referential=referential)
    rows = _scdl_rows(tmp_path / "p1")
    assert after.counts["matiere_unknown"] == 0
    assert [(r["DELIB_MATIERE_CODE"], r["DELIB_MATIERE_NOM"]) for r in rows] == [("7.5", scdl_nom("7.5"))]
    cells = list(csv.DictReader((tmp_path / "p1" / "provenance.csv").open(encoding="utf-8", newline="")))
    code = next(c for c in cells if c["FICHIER"] == "deliberations.csv" and c["COLONNE"] == "DELIB_MATIERE_CODE")
    assert code["SOURCE"] == "clerk" and "clerk@mairie" in code["EXTRAIT"]
    assert json.loads((tmp_path / "p1" / "validation.json").read_text(encoding="utf-8"))["valid"]

    catalog = Catalog(db)
    stored = catalog.get_act(ACT)
    catalog.close()
    prov = stored.provenance["matiere.code"]
    assert (prov.source, prov.confidence) == (SourceKind.clerk, 1.0)


def test_the_clerk_value_outlives_re_extraction_and_beats_the_envelope(tmp_path):
    db = tmp_path / "actes.db"
    _record(db, [_unclassified()])
    assert runner.invoke(app, ["review", ACT, "--matiere", "3.1", "--db", str(db)]).exit_code == 0
    envelope = make_deliberation(ACT, matiere={"code": "3.2", "libelle": "x"})
    envelope.provenance["matiere.code"] = FieldProvenance(
        source=SourceKind.envelope, extractor="envelope", confidence=1.0
    )
    _record(db, [envelope], digest="second")  # re-extracted (a new extractor version, a re-sent act)
    catalog = Catalog(db)
    act = catalog.get_act(ACT)
    catalog.close()
    assert act.matiere.code == "3.1" and act.provenance["matiere.code"].source is SourceKind.clerk
    assert [c.value for c in act.provenance["matiere.code"].conflicts] == ["3.2"]  # what it overrules stays visible


def test_unknown_codes_and_acts_are_refused(tmp_path):
    db = tmp_path / "actes.db"
    _record(db, [_unclassified()])
    for code in ("7", "7.75", "subventions"):
        result = runner.invoke(app, ["review", ACT, "--matiere", code, "--db", str(db)])
        assert result.exit_code == 2 and "not a level-2 matière code" in result.output
    result = runner.invoke(app, ["review", "nope", "--matiere", "7.5", "--db", str(db)])
    assert result.exit_code == 2 and 'no act "nope"' in result.output
    catalog = Catalog(db)
    assert catalog.get_act(ACT).matiere.code is None
    catalog.close()
