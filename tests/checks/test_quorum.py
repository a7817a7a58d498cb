"""Quorum (CGCT L2121-17), its second-convocation exception and the Covid-19 rule."""

from __future__ import annotations

import datetime as dt

import pytest

from actes.checks import run_checks
from tests.factories import make_act, make_document

NORMAL_DAY = dt.date(2023, 3, 1)
COVID_DAY = dt.date(2021, 2, 1)


@pytest.mark.parametrize(
    ("votes", "day", "text", "expected"),
    [
        # 12 of 23 present: majority
        ({"en_exercice": 23, "presents": 12}, NORMAL_DAY, "", set()),
        # 11 of 23 present, 6 proxies: proxies do not count
        ({"en_exercice": 23, "presents": 11, "representes": 6}, NORMAL_DAY, "", {"quorum-not-reached"}),
        # exactly half is not more than half
        ({"en_exercice": 22, "presents": 11}, NORMAL_DAY, "", {"quorum-not-reached"}),
        # second convocation stated in the act
        ({"en_exercice": 23, "presents": 7}, NORMAL_DAY,
         "Le quorum n'ayant pas été atteint lors de la séance du 3 mars, le conseil s'est réuni",
         {"quorum-second-convocation"}),
        # "sur deuxième convocation"
        ({"en_exercice": 23, "presents": 7}, NORMAL_DAY, "réuni sur deuxième convocation", {"quorum-second-convocation"}),
        # Covid-19 rule: 5 present + 3 represented of 23 is a third
        ({"en_exercice": 23, "presents": 5, "representes": 3}, COVID_DAY, "", set()),
        # Covid-19 rule, less than a third
        ({"en_exercice": 23, "presents": 5, "representes": 2}, COVID_DAY, "", {"quorum-not-reached"}),
        # Covid-19 rule, proxies not counted: they could make the third
        ({"en_exercice": 23, "presents": 5}, COVID_DAY, "", set()),
        # no counts, nothing to say
        ({"en_exercice": 23}, NORMAL_DAY, "", set()),
    ],
)
def test_quorum(votes, day, text, expected):
    act = make_act(votes=votes, date_decision=day)
    problems = run_checks(act, make_document(text or "(texte)"), names=["quorum"])
    assert {p.slug for p in problems} == expected


def test_second_convocation_looked_for_in_the_acts_own_pages():
    doc = make_document("Délibération 1 : 7 présents", "Délibération 2, réunie sur deuxième convocation")
    act = make_act(votes={"en_exercice": 23, "presents": 7}, date_decision=NORMAL_DAY, pages=[1])
    assert [p.slug for p in run_checks(act, doc, names=["quorum"])] == ["quorum-not-reached"]
