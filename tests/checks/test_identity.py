"""Envelope ↔ @CTES ID ↔ body, SIREN check digit, nature code against the act."""

from __future__ import annotations

import datetime as dt

import pytest

from actes.checks import run_checks
from tests.factories import conflict, make_act, prov

ID = "034-491011698-20171207-CL20171227_06-DE"


def slugs(act, names) -> set[str]:
    return {p.slug for p in run_checks(act, names=names)}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # envelope, ID and body agree on the date
        ({"date_decision": dt.date(2017, 12, 7), "transmission": {"pref_id": ID},
          "provenance": {"date_decision": prov("envelope", "envelope")}}, set()),
        # envelope date differs from the ID's date
        ({"date_decision": dt.date(2017, 12, 8), "transmission": {"pref_id": ID},
          "provenance": {"date_decision": prov("envelope", "envelope")}}, {"date-mismatch"}),
        # the ID dated on the day of sending, séance a week earlier
        ({"date_decision": dt.date(2022, 6, 24), "transmission": {"pref_id": "077-217701929-20220701-DEL20220624_06-DE",
          "date_envoi": dt.date(2022, 7, 1)}, "provenance": {"date_decision": prov()}}, set()),
        # the body's séance date lost against the envelope
        ({"date_decision": dt.date(2017, 12, 7),
          "provenance": {"date_decision": prov("envelope", "envelope", [conflict(dt.date(2017, 11, 7))])}},
         {"date-mismatch"}),
        # two dates inside the body only: not the act's problem
        ({"date_decision": dt.date(2017, 12, 7),
          "provenance": {"date_decision": prov("text", "header:seance", [conflict(dt.date(2017, 11, 7))])}}, set()),
        # printed number "CL20171227-06" agrees with the ID's "CL20171227_06"
        ({"numero": "CL20171227-06", "transmission": {"pref_id": ID}, "provenance": {"numero": prov()}}, set()),
        # printed "06" is held in the ID's number
        ({"numero": "06", "transmission": {"pref_id": ID}, "provenance": {"numero": prov()}}, set()),
        # printed number is another numbering than the ID's: not compared
        ({"numero": "01-02", "transmission": {"pref_id": "093-229300082-20230126-2023_01_26_006-DE"},
          "provenance": {"numero": prov()}}, set()),
        # envelope number differs from the stamp's ID
        ({"numero": "2017-99", "transmission": {"pref_id": ID}, "provenance": {"numero": prov("envelope", "envelope")}},
         {"numero-mismatch"}),
        # stamp SIREN (from the ID) against the envelope's
        ({"collectivite": {"siren": "491011698"},
          "provenance": {"collectivite.siren": prov("envelope", "envelope", [conflict("210199907", "derived", "stamp:id")])}},
         {"siren-mismatch"}),
        # envelope nature code DE, stamp ID says AR
        ({"nature_actes": "DE", "transmission": {"pref_id": ID.replace("-DE", "-AR")},
          "provenance": {"nature_actes": prov("envelope", "envelope")}}, {"nature-mismatch"}),
        # envelope matière 7.1, body prints 5.2
        ({"matiere": {"code": "7.1"}, "provenance": {"matiere.code": prov("envelope", "envelope", [conflict("5.2")])}},
         {"matiere-mismatch"}),
        # same matière, the body gives a third level
        ({"matiere": {"code": "7.1"}, "provenance": {"matiere.code": prov("envelope", "envelope", [conflict("7.1.2")])}},
         set()),
    ],
)
def test_sources_agree(fields, expected):
    assert slugs(make_act(**fields), ["identity:sources"]) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # Montpellier Méditerranée Métropole's SIREN
        ({"collectivite": {"siren": "491011698"}}, set()),
        # one digit misread
        ({"collectivite": {"siren": "491011699"}}, {"siren-invalid"}),
        # a bad SIREN inside the stamp's ID
        ({"transmission": {"pref_id": "034-491011699-20171207-CL20171227_06-DE"}}, {"siren-invalid"}),
    ],
)
def test_siren(fields, expected):
    assert slugs(make_act(**fields), ["identity:siren"]) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # délibération transmitted as DE
        ({"nature": "deliberation", "transmission": {"pref_id": ID}, "provenance": {"nature": prov()}}, set()),
        # délibération transmitted as AR
        ({"nature": "deliberation", "transmission": {"pref_id": ID.replace("-DE", "-AR")}, "provenance": {"nature": prov()}},
         {"nature-code-contradiction"}),
        # arrêté whose envelope says DE; the body lost against the envelope's nature
        ({"nature": "deliberation", "nature_actes": "DE",
          "provenance": {"nature": prov("envelope", "envelope", [conflict("arrete")]), "nature_actes": prov("envelope", "envelope")}},
         {"nature-code-contradiction"}),
        # "Décision modificative" read as a décision, sent as DE: the word tells nothing
        ({"nature": "decision", "transmission": {"pref_id": ID}, "provenance": {"nature": prov()}}, set()),
        # budget voted and sent as BF
        ({"nature": "budget", "transmission": {"pref_id": ID.replace("-DE", "-BF")}, "provenance": {"nature": prov()}}, set()),
        # nature from the envelope only: nothing to compare
        ({"nature": "deliberation", "transmission": {"pref_id": ID.replace("-DE", "-AR")},
          "provenance": {"nature": prov("envelope", "envelope")}}, set()),
    ],
)
def test_nature_code(fields, expected):
    assert slugs(make_act(**fields), ["identity:nature-code"]) == expected
