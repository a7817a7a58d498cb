"""Council size against CGCT L2121-2, and the quorum bounded by it when the members in office are not read."""

from __future__ import annotations

import datetime as dt

import pytest

from actes.checks import run_checks
from actes.checks.council import legal_size
from tests.factories import make_act

DAY = dt.date(2023, 3, 1)


@pytest.mark.parametrize(
    ("population", "size"),
    [
        (0, 7),
        (99, 7),
        (100, 11),
        (499, 11),
        (500, 15),
        (1499, 15),
        (1500, 19),
        (3499, 23),
        (3500, 27),
        (4999, 27),
        (5000, 29),
        (9999, 29),
        (10000, 33),
        (29999, 35),
        (59999, 45),
        (60000, 49),
        (99999, 53),
        (100000, 55),
        (249999, 61),
        (299999, 65),
        (300000, 69),
        (2_000_000, 69),
    ],
)
def test_legal_size_follows_the_table_of_l2121_2(population, size):
    assert legal_size(population) == size


def _slugs(population, code="01998", **votes):
    act = make_act(
        collectivite={"nom": "Commune de X", "type": "commune", "code_insee": code}, votes=votes, date_decision=DAY
    )
    return {p.slug for p in run_checks(act, population=lambda _act: population, names=["council:size", "quorum"])}


@pytest.mark.parametrize(
    ("population", "en_exercice", "expected"),
    [
        (1200, 15, set()),  # the legal size
        (1200, 14, set()),  # a vacancy is lawful
        (1200, 10, {"council-lost-a-third"}),  # 10 of 15: a third lost
        (1200, 19, {"council-larger-than-legal"}),  # the size of 1,500-2,499
        (1450, 19, set()),  # near the threshold: the size of the last election's population may be the next band's
        (70000, 53, set()),  # 70,000 + 15 % reaches the 80,000 band: lawful after a decrease
        (70000, 55, {"council-larger-than-legal"}),
    ],
)
def test_council_size(population, en_exercice, expected):
    assert _slugs(population, en_exercice=en_exercice) == expected


def test_paris_marseille_lyon_and_unknown_populations_are_not_checked():
    assert _slugs(2_100_000, code="75056", en_exercice=163) == set()
    assert _slugs(None, en_exercice=163) == set()


def test_quorum_from_the_legal_size_when_en_exercice_is_not_read():
    assert _slugs(1200, presents=8) == set()  # 8 of at most 15: a majority whatever the vacancies
    assert _slugs(1200, presents=7) == {"quorum-unverified"}  # 7 of 15 is not, unless seats are vacant
    assert _slugs(None, presents=7) == set()  # size unknown: nothing to say


def test_an_epci_is_not_sized_by_the_commune_table():
    act = make_act(collectivite={"nom": "CC X", "type": "epci"}, votes={"en_exercice": 90}, date_decision=DAY)
    assert run_checks(act, population=lambda _act: 1000, names=["council:size"]) == []
