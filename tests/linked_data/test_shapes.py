"""SHACL: the acts conform; an act that does not is held out of every RDF output (or written
and flagged with publish_invalid) and listed per act with the results in validation.json."""

from __future__ import annotations

import json

from rdflib import Graph

from actes.exporters.package import export_package
from actes.linked_data import shacl, uris
from actes.linked_data.model import describe, triples
from tests.factories import make_deliberation
from tests.linked_data.conftest import documents

BASE = uris.DEFAULT_BASE


def _graph(acts) -> Graph:
    graph = Graph()
    for act in acts:
        for row in triples(describe(act, uris.act_uri(act, BASE), BASE)):
            graph.add(row)
    return graph


def test_fixture_acts_conform(ld_acts):
    assert shacl.validate(_graph(ld_acts)) == []


def _bad():
    return make_deliberation("001-210199907-20230216-2023_13-DE", numero="2023_13", matiere={"code": "7.1.4"},
                             votes={"pour": -1}, transmission={"pref_id": "034-2023-not-an-id"})


def test_a_malformed_act_fails_with_one_result_per_problem():
    results = shacl.validate(_graph([_bad()]))
    found = {(r.path.rsplit("#", 1)[-1], r.constraint) for r in results}
    assert found == {("id_local", "PatternConstraintComponent"), ("codeMatiere", "PatternConstraintComponent"),
                     ("pour", "MinInclusiveConstraintComponent"), ("value", "MinInclusiveConstraintComponent")}
    assert any(r.focus.endswith("#vote") for r in results)
    assert any(r.focus.endswith("#decompte-yes") for r in results)  # Popolo's count says the same


def test_a_non_conforming_act_is_held_out_of_the_rdf_and_reported(tmp_path, ld_acts):
    bad = _bad()
    report = export_package([*ld_acts, bad], tmp_path)
    validation = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))
    section = validation["linked_data"]
    assert section["not_conforming"] == 1 and section["acts"] == len(ld_acts)
    assert validation["counts"]["rdf_not_conforming"] == 1 and "rdf not conforming 1" in report.summary_lines()[1]
    (failure,) = section["failures"]
    assert failure["act_id"] == bad.id and failure["action"] == "held"
    assert {r["constraint"] for r in failure["results"]} >= {"PatternConstraintComponent", "MinInclusiveConstraintComponent"}
    assert bad.id not in (tmp_path / "actes.nt").read_text(encoding="utf-8")
    assert bad.id not in documents(tmp_path)
    assert bad.id in (tmp_path / "actes.jsonl").read_text(encoding="utf-8")  # the other files are not the shapes' business
    assert report.valid and validation["valid"]


def test_publish_invalid_writes_it_and_the_package_is_not_valid(tmp_path, ld_acts):
    bad = _bad()
    report = export_package([*ld_acts, bad], tmp_path, publish_invalid=True)
    section = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))["linked_data"]
    assert section["failures"][0]["action"] == "published-invalid"
    assert bad.id in documents(tmp_path)
    assert not report.valid


def test_acts_are_validated_by_chunks(tmp_path, monkeypatch):
    import actes.exporters.jsonld as exporter

    monkeypatch.setattr(exporter, "CHUNK", 2)
    acts = [make_deliberation(f"001-210199907-20230216-2023_{i:02d}-DE", numero=f"2023_{i:02d}") for i in range(5)]
    acts[3] = make_deliberation(acts[3].id, numero=acts[3].numero, matiere={"code": "x"})
    export_package(acts, tmp_path, formats=["jsonld"])
    section = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))["linked_data"]
    assert [f["act_id"] for f in section["failures"]] == [acts[3].id] and section["acts"] == 4


def test_the_shapes_as_evaluated_give_the_results_of_the_shapes_as_written(ld_acts):
    """shapes() hands each property shape its node shape's targets (pyshacl evaluates it once for
    all focus nodes): every result of shapes.ttl as written, and no other."""
    from rdflib import XSD, Literal, URIRef

    eli, actes, org = "http://data.europa.eu/eli/ontology#", "https://actes.example.org/ns#", "https://schema.org/"
    graph = _graph([*ld_acts, _bad()])
    act = URIRef(uris.act_uri(ld_acts[1], BASE))
    graph.add((act, URIRef(eli + "title"), Literal("Un second titre", lang="fr")))  # maxCount
    graph.add((act, URIRef(actes + "natureActes"), Literal("XX")))  # sh:in and maxCount
    graph.add((act, URIRef(eli + "date_document"), Literal("16/03/2023")))  # datatype
    graph.add((act, URIRef(actes + "vote"), URIRef(BASE + "/nulle-part")))  # sh:class
    graph.add((URIRef(f"{BASE}/organisation/210199907"), URIRef(actes + "siren"), Literal("2101", datatype=XSD.string)))
    graph.add((URIRef(f"{BASE}/organisation/210199907"), URIRef(org + "name"), Literal(3)))

    def found(shapes_graph):
        copy = Graph()
        for row in graph:
            copy.add(row)
        return sorted(r.as_dict().items() for r in shacl.validate(copy, shapes_graph))

    as_written = found(shacl.written())
    assert len(as_written) >= 10
    assert found(shacl.shapes()) == as_written
    assert {dict(r)["constraint"] for r in as_written} >= {
        "MaxCountConstraintComponent", "InConstraintComponent", "DatatypeConstraintComponent",
        "ClassConstraintComponent", "PatternConstraintComponent", "MinInclusiveConstraintComponent"}


def test_every_property_shape_keeps_its_targets():
    from rdflib import RDF

    written = shacl.written()
    evaluated = shacl.targeted(written)
    for shape in written.subjects(RDF.type, shacl.SH.NodeShape):
        targets = set(written.objects(shape, shacl.SH.targetClass))
        for prop in written.objects(shape, shacl.SH.property):
            assert set(evaluated.objects(prop, shacl.SH.targetClass)) == targets
            assert set(written.predicate_objects(prop)) <= set(evaluated.predicate_objects(prop))


def test_the_sampled_check_finds_what_every_shape_on_every_act_finds():
    """Every shape on the acts of a new form (and one in dump.EVERY), the shapes of values on the
    others: the same verdicts as every shape on every act, on acts whose values break each kind
    of value constraint after acts of the same form passed."""
    from actes.linked_data.dump import Dumper
    from tests.linked_data.conftest import seance_acts

    good = [make_deliberation(f"001-210199907-20230216-{i:04d}-DE", numero=f"{i:04d}") for i in range(30)]
    bad = [
        make_deliberation("001-210199907-20230216-b1-DE", numero="b1", matiere={"code": "7.1.4"}),
        make_deliberation("001-210199907-20230216-b2-DE", numero="b2", votes={"pour": -1, "contre": 1}),
        make_deliberation("001-210199907-20230216-b3-DE", numero="", transmission={"pref_id": "034-2023-x"}),
        make_deliberation("001-210199907-20230216-b4-DE", numero="b4", budget={"annee": "23"}),
    ]
    seances = seance_acts()
    later = seance_acts()[1]
    later.id = "001-210199907-20230306-2023_32-DE"
    later.numero = "2023_32"
    later.votes.contre = -2  # the séance's second act, same form as the first: its Popolo count too
    items = [(a.id, describe(a, uris.act_uri(a, BASE), BASE, registry={})) for a in [*good, *bad, *seances, later]]
    sampled, every = Dumper(True, False, sample=True), Dumper(True, False, sample=False)
    verdicts = [{(v.act_id, json.dumps(v.results, sort_keys=True)) for v in d.chunk(items).verdicts}
                for d in (sampled, every)]
    assert verdicts[0] == verdicts[1]
    assert {act_id for act_id, _ in verdicts[0]} == {a.id for a in [*bad, later]}
    assert len(sampled.forms) < len(items) // 4  # most acts went the short way


def test_an_act_of_a_new_form_meets_every_shape():
    from actes.linked_data.dump import Dumper

    acts = [make_deliberation(f"001-210199907-20230216-{i:04d}-DE", numero=f"{i:04d}") for i in range(3)]
    items = [(a.id, describe(a, uris.act_uri(a, BASE), BASE)) for a in acts]
    odd = items[2][1]
    odd.values["vote"].values.pop("motion")  # a new form (a vote without its motion)...
    odd.values["dateDocument"] = "16/02/2023"  # ... and a value the code never builds: not an xsd:date
    verdicts = Dumper(True, False, sample=True).chunk(items).verdicts
    assert [v.act_id for v in verdicts] == [acts[2].id]
    assert "DatatypeConstraintComponent" in {r["constraint"] for r in verdicts[0].results}
