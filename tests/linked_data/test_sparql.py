"""The SPARQL queries of docs/linked-data.md, as written there, over the dump of the fixtures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from actes.exporters.package import export_package
from tests.linked_data.conftest import linked_data_acts, seance_acts

DOC = Path(__file__).resolve().parents[2] / "docs" / "linked-data.md"
BASE = "https://actes.example.org"


def queries() -> list[str]:
    return re.findall(r"```sparql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    out = tmp_path_factory.mktemp("ld")
    export_package(linked_data_acts(), out, formats=["jsonld"])
    return Graph().parse(out / "actes.nt", format="nt")


def rows(graph, query):
    return [tuple(str(value) if value is not None else None for value in row) for row in graph.query(query)]


def test_the_doc_has_four_queries():
    assert len(queries()) == 4


def test_deliberations_of_an_authority_on_a_subject_in_a_year(dump):
    assert rows(dump, queries()[0]) == [
        (f"{BASE}/eli/210199907/deliberation/2023-03-16/2023_20", "2023-03-16", "Décision modificative n° 1"),
    ]  # not: its 3.2 of 2023 (another subject), its 7.2 of 2022 (another year), the other authority's 7.1 of 2023


def test_acts_citing_an_article(dump):
    assert rows(dump, queries()[1]) == [
        (f"{BASE}/eli/200000172/deliberation/2023-04-05/D12", "Communauté de communes du Lac", "Budget annexe de l'eau"),
        (f"{BASE}/eli/210199907/deliberation/2023-02-16/2023_12", "Commune de Valbrenne", "Cession d'un terrain communal"),
    ]


def test_acts_with_a_contested_vote(dump):
    found = rows(dump, queries()[2])
    assert found[0] == (f"{BASE}/eli/210199907/deliberation/2023-03-16/2023_20", "Décision modificative n° 1", "12", "6")
    assert len(found) == 4  # the fixtures' default vote has 1 contre; the arrêté and the décision have no vote


def test_councillors_who_voted_against(tmp_path):
    out = tmp_path / "ld"
    export_package([*linked_data_acts(), *seance_acts()], out, formats=["jsonld"])
    graph = Graph().parse(out / "actes.nt", format="nt")
    act = f"{BASE}/eli/210199907/deliberation/2023-03-06/2023_30"
    assert rows(graph, queries()[3]) == [
        (f"{BASE}/personne/210199907/claire-moreau", "Claire MOREAU", act, "Vente d'un terrain communal", "2023-03-06"),
        (f"{BASE}/personne/210199907/marc-noir", "Marc NOIR", act, "Vente d'un terrain communal", "2023-03-06"),
    ]  # not Julie BLANC (abstained), nor the acts whose counts alone say "contre"
