"""Vote arithmetic: one passing and one failing row per check at least."""

from __future__ import annotations

import pytest

from actes.checks import run_checks
from tests.factories import make_act


def slugs(votes: dict) -> set[str]:
    return {p.slug for p in run_checks(make_act(votes=votes), names=[
        "votes:sum", "votes:votants-attendance", "votes:attendance-members", "votes:proxies", "votes:unanimity",
    ])}


@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        # pour + contre + abstentions = votants
        ({"votants": 23, "pour": 20, "contre": 2, "abstentions": 1}, set()),
        # votants read as suffrages exprimés: abstentions left out
        ({"votants": 22, "pour": 20, "contre": 2, "abstentions": 1}, set()),
        # "0 abstention" omitted
        ({"votants": 22, "pour": 20, "contre": 2}, set()),
        # one vote too many
        ({"votants": 23, "pour": 22, "contre": 2, "abstentions": 1}, {"votes-sum-mismatch"}),
        # counts missing: nothing to say
        ({"votants": 23, "pour": 20}, set()),
    ],
)
def test_vote_sum(votes, expected):
    assert slugs(votes) == expected


@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        # everyone present or represented votes
        ({"presents": 15, "representes": 4, "votants": 19}, set()),
        # a voter who was neither present nor represented
        ({"presents": 15, "representes": 4, "votants": 20}, {"votants-exceed-attendance"}),
        # one member did not take part in the vote
        ({"presents": 15, "representes": 4, "votants": 18}, {"votants-below-attendance"}),
    ],
)
def test_votants_attendance(votes, expected):
    assert slugs(votes) == expected


@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        # 15 + 4 of 23
        ({"en_exercice": 23, "presents": 15, "representes": 4}, set()),
        # all present, none represented
        ({"en_exercice": 23, "presents": 23}, set()),
        # 20 + 5 of 23 cannot be
        ({"en_exercice": 23, "presents": 20, "representes": 5}, {"attendance-exceeds-members"}),
    ],
)
def test_attendance_members(votes, expected):
    assert slugs(votes) == expected


@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        # 4 proxies held by 15 members present
        ({"presents": 15, "representes": 4}, set()),
        # 9 proxies for 8 members present: one holds two
        ({"presents": 8, "representes": 9}, {"too-many-proxies"}),
    ],
)
def test_proxies(votes, expected):
    assert slugs(votes) == expected


@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        # unanimity, counts agree
        ({"unanimite": True, "votants": 19, "pour": 19, "contre": 0}, set()),
        # "unanimité des suffrages exprimés", 2 abstentions
        ({"unanimite": True, "votants": 19, "pour": 17, "abstentions": 2}, set()),
        # unanimity with a vote against
        ({"unanimite": True, "votants": 19, "pour": 18, "contre": 1}, {"unanimity-contradicted"}),
        # unanimity but fewer pour than votants, no abstention stated
        ({"unanimite": True, "votants": 19, "pour": 17}, {"unanimity-contradicted"}),
    ],
)
def test_unanimity(votes, expected):
    assert slugs(votes) == expected


def test_message_names_act_field_and_values():
    act = make_act("034-491011698-20230101-12-DE", votes={"votants": 23, "pour": 22, "contre": 2, "abstentions": 1})
    [problem] = run_checks(act, names=["votes:sum"])
    assert problem.severity == "error"
    assert problem.field == "votes.votants"
    assert "034-491011698-20230101-12-DE" in problem.message and "25" in problem.message and "23" in problem.message


@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        # "Présents : 23 Votants : 24", the proxy named but not counted
        ({"presents": 23, "votants": 24}, set()),
        # the same with the proxies counted as none
        ({"presents": 23, "representes": 0, "votants": 24}, {"votants-exceed-attendance"}),
    ],
)
def test_uncounted_proxies_prove_nothing(votes, expected):
    assert slugs(votes) == expected
