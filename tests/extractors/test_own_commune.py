"""A conseil municipal's minutes that name no authority: the commune from its maire or its mairie."""

from __future__ import annotations

import pytest

from actes.extractors.base import TextView
from actes.extractors.collectivite import CollectiviteExtractor, own_commune


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (
            "PROCES-VERBAL DU CONSEIL MUNICIPAL Séance du 16 janvier 2023 Le Conseil Municipal s'est réuni salle du Conseil "
            "de Villebois, sous la présidence de Monsieur Jean DUPONT, Maire de VILLEBOIS. Etaient présents :",
            "Villebois",
        ),
        (
            "PROCES VERBAL DU CONSEIL MUNICIPAL DU 15 DECEMBRE 2022 les membres du conseil municipal se sont réunis à la "
            "mairie de SAINT-MARTIN-DU-BOIS, sous la présidence de M. Paul MARTIN, Maire.",
            "SAINT-MARTIN-DU-BOIS",
        ),
        # two communes named: abstain
        ("CONSEIL MUNICIPAL réuni à la mairie de Villebois sous la présidence de M. X, Maire de Boisville", None),
        # a communauté's minutes held in a member's mairie: the place, not the author
        ("Conseil communautaire du 21 février, réuni à la mairie de Villebois, sous la présidence de M. X", None),
        # no conseil municipal named
        ("Réunion publique à la mairie de Villebois", None),
    ],
)
def test_own_commune(head, name):
    found = own_commune(head)
    assert (found[0] if found else None) == name


def test_the_extractor_gives_the_commune_with_a_lower_confidence():
    text = (
        "PROCES-VERBAL DU CONSEIL MUNICIPAL Séance du 16 janvier 2023, sous la présidence de Monsieur Jean DUPONT, "
        "Maire de VILLEBOIS."
    )
    found = {f.field: f for f in CollectiviteExtractor().extract(TextView.of_text(text))}
    assert (found["collectivite.nom"].value, found["collectivite.type"].value) == ("VILLEBOIS", "commune")
    assert found["collectivite.nom"].extractor == "collectivite:mairie" and found["collectivite.nom"].confidence < 0.7
