"""The text the matière model reads: objets cleaned as extracted, folded; recitals picked."""

import pytest

from actes.matiere.normalize import clean_objet, fold, recitals


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # a register acronym and its filing number
        ("DCM 2023-0461 - Rapport_activites_Developpement_durable", "Rapport activites Developpement durable"),
        ("DCM2022-0110 - Aménagement – Cession", "Aménagement – Cession"),
        ("DCM_2024-144_Sports_jeunesse_Subventions", "Sports jeunesse Subventions"),
        ("D2023_15 : Tarifs de la cantine", "Tarifs de la cantine"),
        # a bare number with its separator
        ("12 - Tarifs communaux", "Tarifs communaux"),
        ("Délibération n° 2023-12 : Vente d'un terrain", "Vente d'un terrain"),
        ("Objet : Budget primitif 2024", "Budget primitif 2024"),
        # a number that is part of the title stays, and so does an acronym naming the act
        ("12 agents recrutés pour l'été", "12 agents recrutés pour l'été"),
        ("CA 2023 budget annexe", "CA 2023 budget annexe"),
        # an apostrophe lost in the export
        ("Convention dInsertion avec lAgence", "Convention d Insertion avec l Agence"),
    ],
)
def test_clean_objet(raw, clean):
    assert clean_objet(raw) == clean


def test_fold_removes_accents_case_and_punctuation():
    assert fold("Aménagement – Œuvre d'Art, 2023") == "amenagement oeuvre d art 2023"


def test_recitals_keep_only_the_vu_and_considerant_lines():
    text = "Objet : Vente\nVu le code général des collectivités territoriales, article L. 2241-1,\nLe conseil\nConsidérant l'avis des Domaines,\nDÉCIDE"
    assert recitals(text) == ("Vu le code général des collectivités territoriales, article L. 2241-1, "
                              "Considérant l'avis des Domaines,")
    assert recitals(None) == ""
