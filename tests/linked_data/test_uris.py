"""Stable URIs: the template, its encoding, the fallback, the base setting, collisions."""

from __future__ import annotations

import json

import pytest

from actes.exporters.package import export_package
from actes.linked_data import uris
from tests.factories import SIREN, make_act, make_deliberation
from tests.linked_data.conftest import documents

BASE = "https://data.example.net"


def test_template_from_what_never_changes():
    act = make_deliberation()
    assert uris.act_uri(act, BASE) == f"{BASE}/eli/{SIREN}/deliberation/2023-02-16/2023_12"


def test_the_number_is_percent_encoded_so_two_numbers_never_share_a_uri():
    slash = make_deliberation(numero="2023/174")
    dash = make_deliberation(numero="2023-174")
    spaced = make_deliberation(numero=" n° 12 ")
    assert uris.act_path(slash).endswith("/2023%2F174")
    assert uris.act_path(dash).endswith("/2023-174")
    assert uris.act_path(spaced).endswith("/n%C2%B0%2012")
    assert uris.act_uri(slash, BASE) != uris.act_uri(dash, BASE)


@pytest.mark.parametrize(
    "text", ["2023_12", "A-2023.7~b", " 12 ", "", "2023/174", "n° 12", "DÉL-1", "١٢", "a b", "x%41"]
)
def test_a_segment_is_the_number_percent_encoded_but_its_unreserved_characters(text):
    from urllib.parse import quote

    assert uris.segment(text) == quote(text.strip(), safe="-._~")


@pytest.mark.parametrize(
    "missing",
    [
        {"collectivite": {"nom": "Commune de Valbrenne"}},
        {"nature": None},
        {"date_decision": None},
        {"numero": None},
        {"collectivite": {"siren": "12345"}},
    ],
)
def test_a_missing_part_falls_back_to_the_act_id(missing):
    act = make_deliberation("034-491011698-20171207-CL20171227_06-DE", **missing)
    assert uris.act_uri(act, BASE) == f"{BASE}/acte/034-491011698-20171207-CL20171227_06-DE"


def test_the_fallback_encodes_the_id():
    assert uris.act_path(make_act("a b/c")) == "/acte/a%20b%2Fc"


def test_base_is_a_setting_with_a_placeholder_default(monkeypatch):
    monkeypatch.delenv(uris.ENV, raising=False)
    assert uris.base_uri() == uris.DEFAULT_BASE == "https://actes.example.org"
    monkeypatch.setenv(uris.ENV, "https://donnees.example.fr/actes/")
    assert uris.base_uri() == "https://donnees.example.fr/actes"
    assert uris.base_uri("http://other.example") == "http://other.example"
    with pytest.raises(ValueError, match=uris.ENV):
        uris.base_uri("not a url")


def test_the_package_uses_the_base_setting(tmp_path, monkeypatch):
    monkeypatch.setenv(uris.ENV, BASE)
    export_package([make_deliberation()], tmp_path, formats=["jsonld"])
    (document,) = documents(tmp_path).values()
    assert document["id"].startswith(BASE + "/eli/")
    assert json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))["linked_data"]["base"] == BASE


def test_two_acts_with_one_template_uri_the_later_falls_back_and_is_reported(tmp_path):
    first = make_deliberation("001-210199907-20230216-2023_12-DE")
    twin = make_deliberation("002-210199907-20230216-2023_12-DE")  # same authority, nature, date, number
    export_package([first, twin], tmp_path, formats=["jsonld"])
    ids = {act_id: doc["id"] for act_id, doc in documents(tmp_path).items()}
    assert ids[first.id].endswith("/eli/210199907/deliberation/2023-02-16/2023_12")
    assert ids[twin.id].endswith("/acte/002-210199907-20230216-2023_12-DE")
    report = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))["linked_data"]
    assert report["uri_collisions"] == [{"act_id": twin.id, "uri": ids[first.id], "same_as": first.id}]
