"""A tiny matière model trained on objets written for these tests (never ../shared)."""

from __future__ import annotations

import pytest

from actes.matiere.data import ROWS, Example
from actes.matiere.training import train

# Invented objets in the way authorities title their acts, two years each so the training can
# hold one year out to calibrate.
OBJETS = {
    "7.5": ["Attribution d'une subvention à l'association sportive", "Subvention exceptionnelle au club de football",
            "Subventions aux associations culturelles", "Versement d'une subvention au comité des fêtes",
            "Subvention de fonctionnement à l'école de musique", "Attribution de subventions aux associations"],
    "3.2": ["Cession d'un terrain communal", "Vente de la parcelle AB 12", "Cession de l'ancien presbytère",
            "Vente d'un délaissé de voirie", "Cession d'un bâtiment communal", "Aliénation d'un chemin rural"],
    "4.1": ["Création d'un poste d'adjoint technique", "Modification du tableau des effectifs",
            "Création d'un emploi permanent de rédacteur", "Suppression d'un poste d'agent de maîtrise",
            "Tableau des effectifs : création de postes", "Création d'un poste d'attaché territorial"],
    "7.1": ["Budget primitif 2023 du budget principal", "Décision modificative n° 2 du budget principal",
            "Compte administratif 2022", "Affectation du résultat de l'exercice", "Budget primitif du budget annexe eau",
            "Décision modificative n° 1 budget annexe"],
}


def examples() -> list[Example]:
    return [Example(objet, code, ROWS, "commune", str(2022 + i % 2))
            for code, objets in OBJETS.items() for i, objet in enumerate(objets)]


@pytest.fixture(scope="session")
def tiny_model():
    return train(examples(), seed=1)


@pytest.fixture
def referential():
    from actes.referential import Entry, Referential
    from tests.factories import SIREN, SIRET

    return Referential([Entry(SIREN, SIRET, "Commune de Valbrenne", "PREF001", 2)], "collectivites.csv")
