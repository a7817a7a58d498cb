"""Matching rules of the evaluation: what counts as the labelled value."""

import pytest

from actes.evaluation.matching import OBJET_THRESHOLD, fold, name_key, number_key, objet_ratio, values_match


@pytest.mark.parametrize(
    ("kind", "predicted", "expected", "same"),
    [
        # names: civility, case and accents do not matter
        ("name", "M. Gérard PORTES", "Gérard Portes", True),
        ("name", "Madame Nadège NAZE", "nadege naze", True),
        # names: registers print NOM Prénom as often as Prénom NOM
        ("name", "DUFOUR Thierry", "Monsieur Thierry DUFOUR", True),
        # names: a different person is a different person
        ("name", "Thierry DUFOUR", "Thierry DUPONT", False),
        # names: a surname alone is not the full name
        ("name", "M. PORTES", "Gérard PORTES", False),
        # numbers: punctuation and the "n°" label do not matter
        ("number", "N° 2022/174", "2022-174", True),
        ("number", "DEL2023_01", "del 2023-01", True),
        ("number", "2022-175", "2022-174", False),
        # dates: exact ISO
        ("exact", "2023-02-16", "2023-02-16", True),
        ("exact", "2023-02-16", "2023-02-17", False),
        # counts: exact integers
        ("count", 27, 27, True),
        ("count", 27, 28, False),
        # booleans: exact; False is a value, not a miss
        ("bool", False, False, True),
        ("bool", True, False, False),
        # objet: a typo or an apostrophe variant still matches
        ("objet", "Tarifs de la cantine scolaire pour l'annee 2023", "Tarifs de la cantine scolaire pour l’année 2023", True),
        # objet: another subject does not
        ("objet", "Budget primitif 2023", "Tarifs de la cantine scolaire 2023", False),
    ],
)
def test_values_match(kind, predicted, expected, same):
    assert values_match(kind, predicted, expected) is same


def test_fold_strips_case_accents_punctuation():
    assert fold("  Œuvre d’ÉTÉ, n°3 ") == "oeuvre d ete n 3"


def test_name_key_drops_civilities_only():
    assert name_key("Mme Marie-Mme MARTIN") == ("marie", "martin")  # hyphen splits; civilities go
    assert number_key("n° 41/Agenda") == "41agenda"


def test_objet_threshold_is_between_variants_and_other_texts():
    near = objet_ratio("Vote des taux d'imposition 2023", "Vote des taux d’imposition pour 2023")
    far = objet_ratio("Vote des taux d'imposition 2023", "Désignation des délégués au SIVOM")
    assert far < OBJET_THRESHOLD <= near
