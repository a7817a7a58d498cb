"""Fields SCDL requires, and acts with no signatory."""

from __future__ import annotations

import datetime as dt

import pytest

from actes.checks import run_checks
from tests.factories import make_act, make_document

FULL_DELIBERATION = {
    "nature": "deliberation", "numero": "2023-12", "date_decision": dt.date(2023, 3, 8), "objet": "Budget primitif",
    "matiere": {"code": "7.1"}, "collectivite": {"nom": "Commune de Valbrenne", "siren": "210199907"},
}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # a délibération with everything SCDL wants
        (FULL_DELIBERATION, []),
        # a délibération without matière nor number
        ({**FULL_DELIBERATION, "matiere": {}, "numero": None}, ["numero", "matiere.code"]),
        # an arrêté needs only objet and date
        ({"nature": "arrete", "date_decision": dt.date(2023, 3, 8), "objet": "Circulation"}, []),
        # an arrêté with a blank objet
        ({"nature": "arrete", "date_decision": dt.date(2023, 3, 8), "objet": "  "}, ["objet"]),
        # Billère annex: number and SIREN unread in the body, but the @CTES ID carries them
        ({"nature": "deliberation", "date_decision": dt.date(2023, 2, 28), "objet": "ROB 2023",
          "collectivite": {"nom": "Billère"}, "matiere": {"code": "7.1"},
          "transmission": {"pref_id": "064-216401299-20230228-2023_02_05-DE"}}, []),
        # nature known only from the envelope code DE: SCDL applies
        ({"nature_actes": "DE", "date_decision": dt.date(2023, 3, 8), "objet": "x"},
         ["collectivite.nom", "collectivite.siren", "numero", "matiere.code"]),
    ],
)
def test_required(fields, expected):
    problems = run_checks(make_act(**fields), names=["completeness:required"])
    assert all(p.slug == "missing-field" for p in problems)
    assert [p.field for p in problems] == expected


@pytest.mark.parametrize(
    ("signataire", "text", "expected"),
    [
        # extracted signatory
        ({"nom": "Jean Dupont"}, "sans formule", set()),
        # no signatory extracted, but the text closes with "Le Maire,"
        ({}, "Fait et délibéré.\nLe Maire,\nJ. Dupont", set()),
        # "Signé électroniquement par"
        ({}, "Signé électroniquement par : M. X", set()),
        # nothing that looks like a signature
        ({}, "Le conseil approuve le budget.", {"no-signatory"}),
        # no text: we cannot tell, we say nothing
        ({}, "", set()),
    ],
)
def test_signatory(signataire, text, expected):
    act = make_act(signataire=signataire)
    doc = make_document(text) if text else None
    assert {p.slug for p in run_checks(act, doc, names=["completeness:signatory"])} == expected
