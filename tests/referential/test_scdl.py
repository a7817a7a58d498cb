"""SCDL rows from what the referential and the @CTES ID give: DELIB_ID from the ID's own number."""

from __future__ import annotations

import csv

from actes.exporters.package import export_package
from actes.referential import Entry, Referential
from tests.factories import SIREN, SIRET, make_deliberation

ID = "001-210199907-20230216-2023_12-DE"


def _rows(tmp_path, name, acts, referential):
    export_package(acts, tmp_path, referential=referential, prepare=lambda act: act, formats=["scdl", "provenance"])
    return list(csv.DictReader((tmp_path / name).open(encoding="utf-8", newline="")))


def test_delib_id_comes_from_the_ctes_id_when_none_is_printed(tmp_path):
    act = make_deliberation(ID, numero=None)
    del act.provenance["numero"]
    ref = Referential([Entry(SIREN, SIRET, "Commune de Valbrenne", None, 2)])
    [row] = _rows(tmp_path, "deliberations.csv", [act], ref)
    assert row["DELIB_ID"] == "2023_12"
    [cell] = [c for c in _rows(tmp_path, "provenance.csv", [act], ref) if c["COLONNE"] == "DELIB_ID" and c["FICHIER"] == "deliberations.csv"]
    assert (cell["SOURCE"], cell["EXTRACTEUR"]) == ("derived", "exporter:DELIB_ID<-test")


def test_a_printed_number_wins_over_the_ctes_id(tmp_path):
    act = make_deliberation(ID, numero="DEL-12")
    ref = Referential([Entry(SIREN, SIRET, "Commune de Valbrenne", None, 2)])
    [row] = _rows(tmp_path, "deliberations.csv", [act], ref)
    assert row["DELIB_ID"] == "DEL-12"


def test_a_siren_looked_up_from_the_name_does_not_hide_the_users_entry_of_that_name(tmp_path):
    from actes.schemas.provenance import FieldProvenance, SourceKind

    act = make_deliberation(ID, collectivite={"nom": "Commune de Valbrenne", "siren": "217201813"})
    act.provenance["collectivite.siren"] = FieldProvenance(source=SourceKind.referential, extractor="referential:name",
                                                           confidence=0.9)
    ref = Referential([Entry(SIREN, SIRET, "Commune de Valbrenne", None, 2)])
    [row] = _rows(tmp_path, "deliberations.csv", [act], ref)
    assert row["COLL_SIRET"] == SIRET
