"""Séances, attendance and votes as Popolo linked data: the nodes, their URIs, the shapes, and no
pseudonymised person in any RDF output."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from actes.exporters.package import export_package
from actes.linked_data import uris
from actes.linked_data.model import describe, document, triples
from actes.linked_data.shacl import validate
from actes.schemas.privacy import PersonalData
from tests.factories import SIREN, make_deliberation
from tests.linked_data.conftest import documents, name_votes, seance_acts

BASE = uris.DEFAULT_BASE
SEANCE = f"{BASE}/seance/{SIREN}/2023-03-06/conseil-municipal"
ACTES, OPENGOV, SCHEMA = "https://actes.example.org/ns#", "http://www.w3.org/ns/opengov#", "https://schema.org/"
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def _graph(rows) -> Graph:
    graph = Graph()
    for row in rows:
        graph.add(row)
    return graph


def _node(act):
    return describe(act, uris.act_uri(act, BASE), BASE, registry={})


def test_a_seance_its_council_and_its_councillors_have_stable_uris():
    act = seance_acts()[0]
    doc = document(_node(act))
    seance = doc["seance"]
    assert seance["id"] == SEANCE and seance["type"] == "schema:Event"
    assert seance["dateSeance"] == "2023-03-06" and seance["lieu"] == "salle du conseil"
    assert seance["organe"] == {
        "id": f"{BASE}/organisation/{SIREN}/conseil-municipal",
        "type": "org:Organization",
        "nom": "conseil municipal",
        "classification": "conseil municipal",
        "sousOrganisationDe": f"{BASE}/organisation/{SIREN}",
    }
    people = {p["personne"]["nom"]: p for p in seance["presences"]}
    assert set(people) == {"Paul DURAND", "Claire MOREAU", "BLANC Julie", "Marc NOIR"}  # as printed
    julie = people["BLANC Julie"]
    assert julie["personne"]["id"] == f"{BASE}/personne/{SIREN}/blanc-julie"
    assert julie["statut"] == "represented"
    assert julie["mandataire"]["id"] == f"{BASE}/personne/{SIREN}/claire-moreau"
    assert people["Paul DURAND"]["mandat"] == {
        "id": f"{BASE}/personne/{SIREN}/durand-paul/mandat/conseil-municipal",
        "type": "org:Membership",
        "membre": f"{BASE}/personne/{SIREN}/durand-paul",
        "organisation": f"{BASE}/organisation/{SIREN}/conseil-municipal",
        "qualite": "Maire",
    }
    assert seance["presidentSeance"]["id"] == f"{BASE}/personne/{SIREN}/durand-paul"


def test_a_name_in_any_order_is_one_councillor():
    assert uris.person_uri(SIREN, "MOREAU Claire", "x", BASE) == uris.person_uri(SIREN, "Claire Moreau", "x", BASE)
    assert (
        uris.person_uri(None, "Claire Moreau", SEANCE, BASE) == SEANCE + "#personne-claire-moreau"
    )  # no SIREN: the séance's


def test_the_vote_event_has_popolo_counts_a_motion_and_named_votes():
    act = seance_acts()[0]
    doc = document(_node(act))
    vote = doc["vote"]
    assert {(c["option"], c["valeur"]) for c in vote["decomptes"]} == {("yes", 15), ("no", 2), ("abstain", 1)}
    assert vote["motion"]["intitule"] == act.objet
    named = {(v["votant"]["nom"], v["option"]) for v in vote["votes"]}
    assert named == {
        ("Claire MOREAU", "no"),
        ("Marc NOIR", "no"),
        ("BLANC Julie", "abstain"),  # one person: "Julie BLANC"
        ("Paul DURAND", "not voting"),  # "ne prend pas part au vote"
    }
    assert vote["resultat"] == "pass"  # the point was adopted
    assert "resultat" not in document(_node(seance_acts()[1]))["vote"]  # no outcome read


def test_the_seance_and_the_vote_conform_to_the_shapes_and_breaking_them_is_caught():
    acts = seance_acts()
    graph = Graph()
    registry: dict = {}
    for act in acts:
        graph += _graph(triples(describe(act, uris.act_uri(act, BASE), BASE, registry=registry)))
    assert validate(graph) == []
    person = URIRef(f"{BASE}/personne/{SIREN}/claire-moreau")
    graph.add((person, URIRef(SCHEMA + "name"), Literal("[PERSONNE 1]")))
    presence = URIRef(SEANCE + "#presence-blanc-julie")
    graph.set((presence, URIRef(ACTES + "statut"), Literal("late")))
    found = {(r.focus, r.constraint) for r in validate(graph)}
    assert (str(person), "PatternConstraintComponent") in found and (
        str(person),
        "MaxCountConstraintComponent",
    ) in found
    assert (str(presence), "InConstraintComponent") in found


def test_the_dump_describes_a_seance_once_and_equals_the_documents(tmp_path):
    acts = seance_acts()
    export_package(acts, tmp_path, formats=["jsonld"])
    validation = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))["linked_data"]
    assert (validation["acts"], validation["not_conforming"]) == (len(acts), 0)
    text = (tmp_path / "actes.nt").read_text(encoding="utf-8")
    assert text.count(f"<{SEANCE}> <{SCHEMA}startDate>") == 1
    assert text.count(f"<{BASE}/personne/{SIREN}/claire-moreau> <{SCHEMA}name>") == 1
    dump = Graph().parse(tmp_path / "actes.nt", format="nt")
    union = Graph()
    for line in (tmp_path / "actes-jsonld.jsonl").read_text(encoding="utf-8").splitlines():
        union.parse(data=line, format="json-ld")
    assert isomorphic(union, dump)
    assert len(dump) == validation["triples"]
    docs = documents(tmp_path)
    assert all(doc["seance"]["id"] == SEANCE for doc in docs.values())


def test_a_pseudonymised_person_is_in_no_rdf_output(tmp_path):
    """A name the privacy gate replaces (here: marked private in the act) has no node, no URI, no
    name and no placeholder in the documents or the dump; the other councillors stay."""
    act = seance_acts()[0]
    act.personal_data = [
        PersonalData(
            kind="person", text="Marc NOIR", start=0, end=0, status="private", confidence=0.99, detector="test"
        )
    ]
    export_package([act], tmp_path, formats=["jsonld"])
    validation = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))
    assert validation["linked_data"]["acts"] == 1 and validation["linked_data"]["not_conforming"] == 0
    for name in ("actes.nt", "actes-jsonld.jsonl"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "NOIR" not in text and "noir" not in text.lower() and "PERSONNE" not in text, name
        assert "Claire MOREAU" in text, name
    doc = next(iter(documents(tmp_path).values()))
    assert len(doc["seance"]["presences"]) == 3
    assert {v["votant"]["nom"] for v in doc["vote"]["votes"]} == {"Claire MOREAU", "BLANC Julie", "Paul DURAND"}
    assert {(c["option"], c["valeur"]) for c in doc["vote"]["decomptes"]} >= {("no", 2)}  # the count keeps them


def test_an_act_whose_gate_finds_a_councillor_private_does_not_name_them_though_its_seance_does(tmp_path):
    """The privacy gate decides per act: a name the attendance publishes in the first act of a
    séance may be private in another act of it. That act's document leaves the councillor out of
    the séance it embeds (same URI, fewer persons); the first act's document and the dump, built
    from the first act, keep them; the documents still say what the dump says, and conform."""
    from actes.linked_data.check import check_package

    first, second = seance_acts()
    second.personal_data = [
        PersonalData(
            kind="person", text="Marc NOIR", start=0, end=0, status="private", confidence=0.99, detector="test"
        )
    ]
    export_package([first, second], tmp_path, formats=["jsonld"])
    docs = documents(tmp_path)
    named = {act_id: {p["personne"]["nom"] for p in doc["seance"]["presences"]} for act_id, doc in docs.items()}
    assert "Marc NOIR" in named[first.id] and "Marc NOIR" not in named[second.id]
    assert named[second.id] == named[first.id] - {"Marc NOIR"}
    assert docs[second.id]["seance"]["id"] == docs[first.id]["seance"]["id"] == SEANCE
    line = next(
        line
        for line in (tmp_path / "actes-jsonld.jsonl").read_text(encoding="utf-8").splitlines()
        if f'"identifiant": "{second.id}"' in line
    )
    assert "NOIR" not in line and "PERSONNE" not in line
    assert "Marc NOIR" in (tmp_path / "actes.nt").read_text(encoding="utf-8")  # the first act publishes him
    report = check_package(tmp_path)
    assert report["problems"] == [] and report["counts"]["shacl_results"] == 0


def test_a_named_voter_the_published_attendance_does_not_list_gets_no_vote():
    """With a séance, a vote is published by name only for a councillor its attendance lists (a
    name read elsewhere in the text may be anyone's)."""
    act = seance_acts()[0]
    name_votes(act, [("Claire MOREAU", "contre"), ("Pierre GRISON", "contre")])
    doc = document(_node(act))
    assert [v["votant"]["nom"] for v in doc["vote"]["votes"]] == ["Claire MOREAU"]
    alone = make_deliberation()
    name_votes(alone, [("Pierre GRISON", "contre")])  # no séance read: the name as the act prints it
    assert [v["votant"]["id"] for v in document(_node(alone))["vote"]["votes"]] == [
        f"{BASE}/personne/{SIREN}/grison-pierre"
    ]


def test_an_act_without_seance_has_no_seance_node():
    doc = document(_node(make_deliberation()))
    assert "seance" not in doc and "votes" not in doc["vote"]


def test_the_acts_of_one_seance_share_its_node_though_their_siren_differs():
    first, second = seance_acts()
    for act in (first, second):
        act.seance.siren = None
    second.collectivite.siren = None  # read on one act of the minutes, not the other
    registry: dict = {}
    nodes = [describe(a, uris.act_uri(a, BASE), BASE, registry=registry) for a in (first, second)]
    assert nodes[0].values["seance"] is nodes[1].values["seance"]
    assert nodes[0].values["seance"].uri == SEANCE  # the first act's SIREN
