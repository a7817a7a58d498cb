"""Date order, convocation delay in clear days, implausible dates."""

from __future__ import annotations

import datetime as dt

import pytest

from actes.checks import run_checks
from tests.factories import make_act, make_document

D = dt.date
TODAY = D(2024, 6, 1)


def slugs(act, names, text="(texte)", population=None) -> set[str]:
    return {p.slug for p in run_checks(act, make_document(text), today=TODAY, population=population, names=names)}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # the whole chain in order, publication after reception
        ({"date_convocation": D(2023, 3, 1), "date_decision": D(2023, 3, 8),
          "transmission": {"date_envoi": D(2023, 3, 10), "date_reception": D(2023, 3, 10), "date_publication": D(2023, 3, 11)}},
         set()),
        # convocation dated after the séance
        ({"date_convocation": D(2023, 3, 9), "date_decision": D(2023, 3, 8)}, {"convocation-after-seance"}),
        # sent before the séance
        ({"date_decision": D(2023, 3, 8), "transmission": {"date_envoi": D(2023, 3, 7)}}, {"sent-before-decision"}),
        # received (no envoi known) before the séance
        ({"date_decision": D(2023, 3, 8), "transmission": {"date_reception": D(2023, 3, 7)}}, {"sent-before-decision"}),
        # received before sent
        ({"transmission": {"date_envoi": D(2023, 3, 10), "date_reception": D(2023, 3, 9)}}, {"received-before-sent"}),
        # published before the decision
        ({"date_decision": D(2023, 3, 8), "transmission": {"date_publication": D(2023, 3, 1)}}, {"published-before-decision"}),
        # published before transmission: lawful, noted
        ({"date_decision": D(2023, 3, 8), "transmission": {"date_reception": D(2023, 3, 15), "date_publication": D(2023, 3, 9)}},
         {"published-before-received"}),
    ],
)
def test_order(fields, expected):
    assert slugs(make_act(**fields), ["dates:order"]) == expected


COMMUNE = {"nom": "Commune de Valbrenne", "type": "commune"}


@pytest.mark.parametrize(
    ("collectivite", "convocation", "population", "text", "expected"),
    [
        # commune under 3,500, 3 clear days (1st → 5th)
        (COMMUNE, D(2023, 3, 1), 1200, "", set()),
        # commune under 3,500, 2 clear days
        (COMMUNE, D(2023, 3, 2), 1200, "", {"convocation-too-late"}),
        # commune of 3,500+, 4 clear days
        (COMMUNE, D(2023, 2, 28), 12000, "", {"convocation-too-late"}),
        # commune of 3,500+, 5 clear days
        (COMMUNE, D(2023, 2, 27), 12000, "", set()),
        # population unknown, 4 clear days: enough only for small communes
        (COMMUNE, D(2023, 2, 28), None, "", {"convocation-delay-unknown"}),
        # population unknown, 2 clear days: too late whatever the size
        (COMMUNE, D(2023, 3, 2), None, "", {"convocation-too-late"}),
        # population unknown, 7 clear days: enough whatever the size
        (COMMUNE, D(2023, 2, 25), None, "", set()),
        # urgency: one clear day is enough
        (COMMUNE, D(2023, 3, 3), 12000, "Convocation en urgence", set()),
        # communauté d'agglomération: 5 clear days, 4 given
        ({"nom": "Communauté d'agglomération du Grand Bourg", "type": "epci"}, D(2023, 2, 28), None, "",
         {"convocation-too-late"}),
        # convocation and séance the same day: 0 clear days, not -1
        ({"type": "commune"}, D(2023, 3, 5), None, "", {"convocation-too-late"}),
        # département: the report is due twelve days before, 8 given
        ({"nom": "Département de la Loire", "type": "departement"}, D(2023, 2, 25), None, "", {"report-delay-short"}),
        # département, twelve days
        ({"nom": "Département de la Loire", "type": "departement"}, D(2023, 2, 21), None, "", set()),
        # département's commission permanente: no twelve-day rule
        ({"nom": "Département de la Loire", "type": "departement"}, D(2023, 2, 25), None,
         "Commission permanente du conseil départemental", set()),
        # "département" read from a commune's PV that names its conseil municipal: kind unknown
        ({"nom": "Conseil départemental de la Loire", "type": "departement"}, D(2023, 2, 25), None,
         "Le Conseil Municipal, régulièrement convoqué", set()),
        # authority of unknown kind, 4 clear days
        ({}, D(2023, 2, 28), None, "", {"convocation-delay-unknown"}),
        # authority not named, 1 clear day, but a conseil municipal's: too late whatever its size
        ({}, D(2023, 3, 3), None, "CONSEIL MUNICIPAL DU 5 MARS 2023", {"convocation-too-late"}),
        # authority not named nor its assembly, 1 clear day: could be a département's (no clear-day rule)
        ({}, D(2023, 3, 3), None, "", {"convocation-delay-unknown"}),
    ],
)
def test_convocation_delay(collectivite, convocation, population, text, expected):
    act = make_act(collectivite=collectivite, date_convocation=convocation, date_decision=D(2023, 3, 5))
    assert slugs(act, ["dates:convocation-delay"], text or "(texte)", lambda _act: population) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # an ordinary act
        ({"date_decision": D(2023, 3, 8), "transmission": {"pref_id": "034-491011698-20230308-12-DE"}}, set()),
        # a séance in the future
        ({"date_decision": D(2025, 3, 8)}, {"date-in-future"}),
        # received before the 1982 law
        ({"transmission": {"date_reception": D(1979, 3, 8)}}, {"date-before-authority"}),
        # an act of 1975 with no trace of transmission: nothing to say
        ({"date_decision": D(1975, 3, 8)}, set()),
        # an @CTES ID dated before 2004
        ({"transmission": {"pref_id": "034-491011698-19990308-12-DE"}}, {"date-before-authority"}),
    ],
)
def test_plausible(fields, expected):
    assert slugs(make_act(**fields), ["dates:plausible"]) == expected


def test_an_item_cut_from_a_conseil_municipals_minutes_gets_the_commune_rules():
    act = make_act(date_convocation=D(2023, 3, 3), date_decision=D(2023, 3, 5), text="3. Subvention au club de football")
    document = make_document("CONSEIL MUNICIPAL DU 5 MARS 2023\nConvocation du 3 mars 2023\n3. Subvention au club de football")
    problems = run_checks(act, document, today=TODAY, population=lambda _act: None, names=["dates:convocation-delay"])
    assert [p.slug for p in problems] == ["convocation-too-late"]
    alone = run_checks(act, make_document("3. Subvention"), today=TODAY, population=lambda _act: None,
                       names=["dates:convocation-delay"])
    assert [p.slug for p in alone] == ["convocation-delay-unknown"]
