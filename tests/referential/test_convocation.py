"""The convocation delay set by the population the national referential gives (CGCT L2121-11,
L2121-12; an EPCI by its largest member, L5211-1)."""

from __future__ import annotations

import datetime as dt

import pytest

from actes.checks import run_checks
from tests.factories import make_act, make_document

SEANCE = dt.date(2023, 3, 10)
SMALL_COMMUNE = "211703194"  # 113 inhabitants
LARGE_COMMUNE = "217201813"  # over 140,000
SMALL_EPCI = "245600465"  # largest member 2,631
EPCI_WITH_A_LARGE_MEMBER = "243000650"  # largest member 8,795


def _problems(siren, kind, clear_days):
    act = make_act(collectivite={"siren": siren, "type": kind}, date_decision=SEANCE,
                   date_convocation=SEANCE - dt.timedelta(days=clear_days + 1))
    return run_checks(act, make_document("Séance du conseil"), today=dt.date(2024, 1, 1), names=["dates:convocation-delay"])


@pytest.fixture
def with_referential(db, monkeypatch):
    monkeypatch.setenv("ACTES_REFERENTIAL_DB", str(db))


@pytest.mark.parametrize(("siren", "kind", "clear_days", "rule"), [
    # a small commune: three clear days are enough, two are not
    (SMALL_COMMUNE, "commune", 3, None),
    (SMALL_COMMUNE, "commune", 2, "CGCT L2121-11 (commune of 113 inhabitants)"),
    # a large one: five
    (LARGE_COMMUNE, "commune", 5, None),
    (LARGE_COMMUNE, "commune", 4, "CGCT L2121-12"),
    # an EPCI follows its largest member
    (SMALL_EPCI, "epci", 3, None),
    (SMALL_EPCI, "epci", 2, "CGCT L5211-1 and L2121-11 (EPCI whose largest member commune has 2631 inhabitants)"),
    (EPCI_WITH_A_LARGE_MEMBER, "epci", 4, "CGCT L5211-1 and L2121-12 (EPCI whose largest member commune has 8795"),
])
def test_delay_follows_the_population(with_referential, siren, kind, clear_days, rule):
    problems = _problems(siren, kind, clear_days)
    if rule is None:
        assert problems == []
    else:
        assert [p.slug for p in problems] == ["convocation-too-late"]
        assert rule in problems[0].message


def test_without_referential_the_size_stays_unknown(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTES_REFERENTIAL_DB", str(tmp_path / "absent.sqlite"))
    assert [p.slug for p in _problems(LARGE_COMMUNE, "commune", 4)] == ["convocation-delay-unknown"]
