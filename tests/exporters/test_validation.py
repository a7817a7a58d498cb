"""Rows the SCDL validator would refuse are not dropped silently: validation.json says why."""

from __future__ import annotations

import csv
import json

import pytest

from actes.exporters.package import export_package
from actes.exporters.validation.rules import check_row
from tests.factories import make_deliberation

WRONG_SUM = make_deliberation("wrong-sum", votes={"en_exercice": 19, "votants": 17, "pour": 10, "contre": 1, "abstentions": 1})
NO_SIRET = make_deliberation("no-siret", collectivite={"nom": "Commune inconnue", "siren": "200000172"})
DATE_INVERSION = make_deliberation("date-inversion", transmission={"date_reception": "2023-02-01"})


def _package(tmp_path, referential, **options):
    acts = [make_deliberation(), WRONG_SUM, NO_SIRET, DATE_INVERSION]
    report = export_package(acts, tmp_path, referential=referential, **options)
    validation = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))
    actes_ids = [row["ACTE_ID"] for row in csv.DictReader((tmp_path / "actes.csv").open(encoding="utf-8", newline=""))]
    return report, validation, actes_ids


def _verdicts(validation, act_id):
    return {v["action"]: v["issues"] for v in validation["rows"] if v["act_id"] == act_id}


def test_each_failure_is_in_validation_json_with_its_reason(tmp_path, referential):
    report, validation, actes_ids = _package(tmp_path, referential)
    wrong_sum = _verdicts(validation, "wrong-sum")["votes-withheld"]
    assert wrong_sum[0]["check"] == "sum-columns-value" and "VOTE_REEL 17" in wrong_sum[0]["message"]
    no_siret = _verdicts(validation, "no-siret")["held"]
    assert [(i["check"], i["column"]) for i in no_siret] == [("required", "COLL_SIRET")]
    assert "SIREN 200000172 not found in collectivites.csv" in no_siret[0]["message"]
    assert validation["referential"]["not_found"] == {"SIREN 200000172": 1}
    inversion = _verdicts(validation, "date-inversion")["held"]
    assert [(i["check"], i["column"]) for i in inversion] == [("compare-columns-value", "PREF_DATE")]
    assert validation["policy"] == "hold-invalid" and validation["counts"]["held"] == 2
    # held out of deliberations.csv, never out of actes.csv
    assert sorted(actes_ids) == sorted(["001-210199907-20230216-2023_12-DE", "wrong-sum", "no-siret", "date-inversion"])
    assert report.valid and validation["frictionless"]["valid"]


def test_wrong_vote_sum_keeps_the_row_without_votes(tmp_path, referential):
    _package(tmp_path, referential)
    rows = list(csv.DictReader((tmp_path / "deliberations.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 2  # the valid one and the wrong-sum one
    assert [r["VOTE_REEL"] for r in rows] == ["17", ""]
    assert all(rows[1][c] == "" for c in ("VOTE_EFFECTIF", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"))


def test_publish_invalid_writes_the_rows_and_says_so(tmp_path, referential):
    report, validation, _ = _package(tmp_path, referential, publish_invalid=True)
    rows = list(csv.DictReader((tmp_path / "deliberations.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 4
    assert {v["act_id"] for v in validation["rows"] if v["action"] == "published-invalid"} == {"no-siret", "date-inversion"}
    # Frictionless sees the empty required COLL_SIRET; the custom rule (dates) only our checks see.
    assert not report.valid and not validation["valid"]


VALID = {
    "COLL_NOM": "Commune de Valbrenne", "COLL_SIRET": "21019990700010", "DELIB_ID": "2023_12", "DELIB_DATE": "2023-02-16",
    "DELIB_MATIERE_CODE": "7.1", "DELIB_MATIERE_NOM": "finances locales/décisions budgétaires", "DELIB_OBJET": "Budget",
    "BUDGET_ANNEE": "2023", "BUDGET_NOM": "Budget principal", "PREF_ID": "", "PREF_DATE": "2023-02-20",
    "VOTE_EFFECTIF": "19", "VOTE_REEL": "17", "VOTE_POUR": "15", "VOTE_CONTRE": "1", "VOTE_ABSTENTION": "1", "DELIB_URL": "",
}


@pytest.mark.parametrize(("change", "expected"), [
    # a complete, consistent row passes
    ({}, []),
    # SIRET with a wrong Luhn key (last digit changed)
    ({"COLL_SIRET": "21019990700018"}, [("french-siret-value", "COLL_SIRET")]),
    # a SIREN pasted where the SIRET goes
    ({"COLL_SIRET": "210199907"}, [("constraint-error", "COLL_SIRET"), ("french-siret-value", "COLL_SIRET")]),
    # received by the préfecture before the session
    ({"PREF_DATE": "2023-02-15"}, [("compare-columns-value", "PREF_DATE")]),
    # more votants than members in office
    ({"VOTE_EFFECTIF": "16"}, [("compare-columns-value", "VOTE_EFFECTIF")]),
    # pour + contre + abstention ≠ votants
    ({"VOTE_POUR": "14"}, [("sum-columns-value", "VOTE_REEL")]),
    # votes partly filled
    ({"VOTE_EFFECTIF": ""}, [("cohesive-columns-value", "VOTE_EFFECTIF")]),
    # budget year without budget name
    ({"BUDGET_NOM": ""}, [("cohesive-columns-value", "BUDGET_ANNEE")]),
    # budget interval going backwards
    ({"BUDGET_ANNEE": "2024/2023"}, [("year-interval-value", "BUDGET_ANNEE")]),
    # budget interval, the SCDL example form
    ({"BUDGET_ANNEE": "2023/2024"}, []),
    # matière label with the level-1 name misspelled
    ({"DELIB_MATIERE_NOM": "finance locale/décisions budgétaires"}, [("nomenclature-actes-value", "DELIB_MATIERE_NOM")] * 2),
    # matière label of another code than DELIB_MATIERE_CODE
    ({"DELIB_MATIERE_NOM": "urbanisme/documents d'urbanisme"}, [("nomenclature-actes-value", "DELIB_MATIERE_NOM")]),
    # matière label without the slash
    ({"DELIB_MATIERE_NOM": "finances locales"}, [("nomenclature-actes-value", "DELIB_MATIERE_NOM")] * 2),
    # date written the French way
    ({"DELIB_DATE": "16/02/2023"}, [("type-error", "DELIB_DATE")]),
    # missing objet
    ({"DELIB_OBJET": ""}, [("required", "DELIB_OBJET")]),
])
def test_rules(change, expected):
    issues = check_row({**VALID, **change})
    assert [(i.check, i.column) for i in issues] == expected
