"""Fixtures of the exporter tests: a referential and a small set of acts of every kind."""

from __future__ import annotations

import pytest

from actes.referential import Entry, Referential
from tests.factories import SIREN, SIRET, make_act, make_deliberation
from tests.store.databases import any_db, pg_db  # noqa: F401 - fixtures


@pytest.fixture
def referential() -> Referential:
    return Referential([Entry(SIREN, SIRET, "Commune de Valbrenne", "PREF001", 2)], "collectivites.csv")


@pytest.fixture
def acts():
    """Two valid délibérations (one with a comma, quote and newline in its objet), an arrêté."""
    return [
        make_deliberation(),
        make_deliberation("001-210199907-20230216-2023_13-DE", numero="2023_13",
                          objet='Vente du "Clos", parcelle AB 12,\nlieu-dit Les Prés', budget={}),
        make_act("ar-1", nature="arrete", nature_actes="AR", objet="Arrêté de voirie", date_decision="2023-03-01",
                 collectivite={"siren": SIREN}),
    ]
