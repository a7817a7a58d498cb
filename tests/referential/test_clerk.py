"""A clerk names the authority of an act whose text does not: `actes review ACT --siren SIREN`."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from actes.cli import app
from actes.exporters.package import export_catalog
from actes.referential import Entry, Referential
from actes.referential.clerk import UnknownSiren, apply_siren
from actes.referential.missing import held_lines
from actes.schemas.provenance import SourceKind
from actes.store import Catalog
from tests.factories import SIREN, SIRET, make_deliberation

runner = CliRunner()
ACT = "5f0c0ffee0000000-3"  # a point of minutes: no @CTES ID
NOW = dt.datetime(2026, 12, 7, 15, 0, tzinfo=dt.UTC)


def _unnamed():
    act = make_deliberation(ACT, collectivite={}, transmission={})
    for field in ("collectivite.nom", "collectivite.siren"):
        act.provenance.pop(field, None)
    return act


def test_the_clerks_siren_names_the_authority_from_the_referential(ref):
    act = _unnamed()
    apply_siren(act, "217 201 813", "clerk@mairie", NOW, ref)
    coll = act.collectivite
    assert (coll.siren, coll.nom, coll.nom_officiel, coll.type, coll.code_insee, coll.departement) == (
        "217201813",
        "Le Mans",
        "Le Mans",
        "commune",
        "72181",
        "72",
    )
    prov = act.provenance["collectivite.siren"]
    assert (prov.source, prov.confidence) == (SourceKind.clerk, 1.0) and "clerk@mairie" in prov.snippet


def test_a_siren_the_referential_lacks_is_kept_alone_and_a_bad_one_refused(ref):
    act = _unnamed()
    apply_siren(act, SIREN, None, NOW, ref)  # not in the committed extract
    assert (act.collectivite.siren, act.collectivite.nom) == (SIREN, None)
    with pytest.raises(UnknownSiren):
        apply_siren(_unnamed(), "217201814", None, NOW, ref)  # Luhn key wrong


def test_an_unnamed_deliberation_is_held_with_the_command_then_becomes_a_row(tmp_path, db, monkeypatch):
    monkeypatch.setenv("ACTES_REFERENTIAL_DB", str(db))
    catalog_path = tmp_path / "actes.db"
    catalog = Catalog(catalog_path)
    catalog.record("d", "minutes.pdf", [], [_unnamed()], catalog.start_run("inbox", "test"), "test")
    catalog.close()
    referential = Referential([Entry(SIREN, SIRET, "Commune de Valbrenne", None, 2)], "collectivites.csv")

    export_catalog(catalog_path, tmp_path / "p0", referential=referential)
    validation = json.loads((tmp_path / "p0" / "validation.json").read_text(encoding="utf-8"))
    messages = " ".join(i["message"] for i in validation["rows"][0]["issues"])
    assert f"actes review {ACT} --siren SIREN" in messages
    lines = held_lines(tmp_path / "p0" / "validation.json", tmp_path)
    assert any("names no authority" in line and "--siren SIREN" in line for line in lines), lines

    result = runner.invoke(
        app, ["review", ACT, "--siren", SIREN, "--reviewer", "clerk@mairie", "--db", str(catalog_path)]
    )
    assert result.exit_code == 0, result.output
    export_catalog(catalog_path, tmp_path / "p1", referential=referential)
    rows = list(csv.DictReader((tmp_path / "p1" / "deliberations.csv").open(encoding="utf-8", newline="")))
    assert [(r["COLL_NOM"], r["COLL_SIRET"]) for r in rows] == [("Commune de Valbrenne", SIRET)]

    catalog = Catalog(catalog_path)
    try:
        catalog.record("d2", "minutes.pdf", [], [_unnamed()], catalog.start_run("inbox", "test"), "test")
        assert catalog.get_act(ACT).collectivite.siren == SIREN  # outlives re-extraction
    finally:
        catalog.close()


def test_review_refuses_a_number_that_is_not_a_siren(tmp_path):
    catalog_path = tmp_path / "actes.db"
    catalog = Catalog(catalog_path)
    catalog.record("d", "minutes.pdf", [], [_unnamed()], catalog.start_run("inbox", "test"), "test")
    catalog.close()
    result = runner.invoke(app, ["review", ACT, "--siren", "123", "--db", str(catalog_path)])
    assert result.exit_code == 2 and "is not a SIREN" in result.output
