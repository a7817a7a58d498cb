"""`actes referential init`, unfilled lines of the collectivités CSV, and the loud lines on held délibérations."""

from __future__ import annotations

import json

from actes.referential import Referential
from actes.referential.init import authorities, write_init
from actes.referential.missing import held_lines
from tests.factories import SIREN, SIRET, make_act, make_deliberation


def test_init_lists_each_siren_once_official_name_first_most_deliberations_first(tmp_path):
    acts = [
        make_deliberation(
            collectivite={
                "nom": "VILLE DU MANS",
                "siren": "217201813",
                "type": "commune",
                "nom_officiel": "Le Mans",
                "departement": "72",
            }
        ),
        make_deliberation(collectivite={"nom": "Mairie du Mans", "siren": "217201813", "type": "commune"}),
        make_act("ar", nature="arrete", collectivite={"nom": "Commune de Valbrenne", "siren": SIREN}),
        make_act("no-siren", collectivite={"nom": "Commune de Sainte-Colombe"}),
        make_act("prefet", collectivite={"nom": "Préfet de l'Ain", "type": "etat"}),
        make_act("unnamed"),
    ]
    rows = authorities(acts)
    assert [(r["SIREN"], r["NOM"], r["SIRET"], r["DELIBERATIONS"]) for r in rows] == [
        ("217201813", "Le Mans", "", 2),
        (SIREN, "Commune de Valbrenne", "", 0),
        ("", "Commune de Sainte-Colombe", "", 0),
    ]
    path = tmp_path / "collectivites.csv"
    assert write_init(acts, path) == 3
    assert path.read_text("utf-8").splitlines()[0] == "SIREN,SIRET,NOM,PREF_ID,TYPE,DEPARTEMENT,ACTES,DELIBERATIONS"


def test_a_line_without_siren_filled_matches_the_act_by_its_printed_name(tmp_path):
    path = tmp_path / "collectivites.csv"
    rows = authorities([make_deliberation(collectivite={"nom": "Conseil régional d'Île-de-France", "type": "region"})])
    path.write_text(f"SIREN,SIRET,NOM\n{rows[0]['SIREN']},{SIRET},{rows[0]['NOM']}\n", "utf-8")
    match = Referential.load(path).match(None, "CONSEIL RÉGIONAL D'ÎLE-DE-FRANCE")
    assert match is not None and match.entry.siren == SIRET[:9] and match.by == "name"


def test_lines_left_unfilled_are_skipped_filled_ones_load(tmp_path):
    path = tmp_path / "collectivites.csv"
    path.write_text(
        f"SIREN,SIRET,NOM,PREF_ID,TYPE\n217201813,,Le Mans,,commune\n{SIREN},{SIRET},Valbrenne,,commune\n", "utf-8"
    )
    ref = Referential.load(path)
    assert [e.siren for e in ref.entries] == [SIREN]


def test_held_lines_say_how_many_why_and_the_command(tmp_path):
    validation = tmp_path / "validation.json"
    issue = {"check": "required", "column": "COLL_SIRET", "message": "COLL_SIRET is required and empty"}
    validation.write_text(
        json.dumps(
            {
                "referential": {"path": None},
                "rows": [
                    {
                        "file": "deliberations.csv",
                        "act_id": f"001-{SIREN}-20230216-{n}-DE",
                        "action": "held",
                        "issues": [issue],
                    }
                    for n in range(3)
                ]
                + [{"file": "deliberations.csv", "act_id": "x", "action": "votes-withheld", "issues": []}],
            }
        )
    )
    lines = held_lines(validation, tmp_path)
    assert lines[0].startswith("HELD: 3 délibérations kept out of deliberations.csv")
    assert "actes referential init collectivites.csv" in lines[1] and lines[1].startswith(
        "  3 without a valid COLL_SIRET"
    )
    assert f"{SIREN} 3" in lines[2]


def test_no_held_no_lines(tmp_path):
    assert held_lines(tmp_path / "absent.json", tmp_path) == []


def test_held_lines_give_the_clerks_command_for_an_unknown_matiere(tmp_path):
    validation = tmp_path / "validation.json"
    issue = {"check": "matiere-unknown", "column": "DELIB_MATIERE_CODE", "message": "matière unknown: …"}
    validation.write_text(
        json.dumps(
            {
                "referential": {"path": "collectivites.csv"},
                "rows": [{"file": "deliberations.csv", "act_id": "a", "action": "held", "issues": [issue]}],
            }
        )
    )
    lines = held_lines(validation, tmp_path)
    assert (
        lines[1].startswith("  1 without a valid DELIB_MATIERE_CODE")
        and "actes review ACT_ID --matiere CODE" in lines[1]
    )
