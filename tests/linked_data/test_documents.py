"""Every published act has a JSON-LD document that parses (rdflib), expands (pyld) and says
exactly what the dump says of it; the context file is the one the documents carry."""

from __future__ import annotations

import json
import os

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from actes.exporters.package import export_package
from actes.linked_data import uris
from actes.linked_data.model import describe, document, triples
from actes.linked_data.vocabulary import CONTEXT, TERMS
from tests.factories import SIREN, make_deliberation
from tests.linked_data.conftest import OTHER_SIREN, documents

BASE = uris.DEFAULT_BASE
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's own parser


@pytest.fixture
def package(tmp_path, ld_acts):
    export_package(ld_acts, tmp_path)
    return tmp_path


def _graph(rows) -> Graph:
    graph = Graph()
    for row in rows:
        graph.add(row)
    return graph


def test_one_document_per_published_act_that_parses_to_the_dump(package, ld_acts):
    lines = (package / "actes-jsonld.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(ld_acts)
    union = Graph()
    for line in lines:
        union.parse(data=line, format="json-ld")
    dump = Graph().parse(package / "actes.nt", format="nt")
    assert isomorphic(union, dump)
    assert len(dump) == json.loads((package / "validation.json").read_text(encoding="utf-8"))["linked_data"]["triples"]


def test_a_second_processor_expands_each_document_to_the_same_triples(ld_acts):
    from pyld import jsonld

    for act in ld_acts:
        node = describe(act, uris.act_uri(act, BASE), BASE)
        doc = json.loads(json.dumps(document(node)))  # as written
        expanded = jsonld.expand(doc)
        assert expanded and expanded[0]["@id"] == node.uri
        nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
        assert isomorphic(Graph().parse(data=nquads, format="nt"), _graph(triples(node))), act.id


def test_values_are_typed(ld_acts):
    act = ld_acts[1]
    graph = _graph(triples(describe(act, uris.act_uri(act, BASE), BASE)))
    eli = "http://data.europa.eu/eli/ontology#"
    subject = URIRef(uris.act_uri(act, BASE))
    assert graph.value(subject, URIRef(eli + "date_document")).toPython().isoformat() == "2023-03-16"
    assert graph.value(subject, URIRef(eli + "title")).language == "fr"
    vote = graph.value(subject, URIRef("https://actes.example.org/ns#vote"))
    assert graph.value(vote, URIRef("https://actes.example.org/ns#contre")) == Literal(6)


def test_authority_links_out_by_siren_and_insee_code(ld_acts):
    act = ld_acts[0]
    doc = document(describe(act, uris.act_uri(act, BASE), BASE))
    authority = doc["adoptePar"]
    assert authority["id"] == f"{BASE}/organisation/210199907"
    assert (authority["siren"], authority["codeInsee"]) == ("210199907", "01998")
    assert authority["voirAussi"] == ["https://annuaire-entreprises.data.gouv.fr/entreprise/210199907",
                                      "https://geo.api.gouv.fr/communes/01998"]
    assert doc["cite"] == ["https://www.legifrance.gouv.fr/eli/loi/2015/8/7/2015-991/jo/texte"]
    assert "Article L2241-1 - Code général des collectivités territoriales" in doc["citation"]


def test_an_authority_without_siren_is_a_node_of_the_act():
    act = make_deliberation(collectivite={"nom": "Syndicat des eaux"})
    doc = document(describe(act, uris.act_uri(act, BASE), BASE))
    assert doc["adoptePar"] == {"id": doc["id"] + "#collectivite", "type": "schema:GovernmentOrganization",
                                "nom": "Syndicat des eaux"}


def test_each_authority_is_described_once_in_the_dump(package):
    dump = Graph().parse(package / "actes.nt", format="nt")
    name = URIRef("https://schema.org/name")
    assert len(list(dump.objects(URIRef(f"{BASE}/organisation/210199907"), name))) == 1
    assert len((package / "actes.nt").read_text(encoding="utf-8").split(f"<{BASE}/organisation/210199907> <{name}>")) == 2


def test_context_file_is_the_context_of_the_documents(package):
    published = json.loads((package / "contexte.jsonld").read_text(encoding="utf-8"))["@context"]
    assert published == CONTEXT
    for doc in documents(package).values():
        assert doc["@context"] == CONTEXT
        assert set(_keys(doc)) <= set(TERMS) | {"@context", "id", "type"}  # no key the context does not define


def _keys(node):
    for key, value in node.items():
        yield key
        if isinstance(value, dict) and key != "@context":
            yield from _keys(value)


def test_the_package_lists_the_dump_and_validates(package):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    rdf = next(r for r in descriptor["resources"] if r["path"] == "actes.nt")
    assert {"actes-jsonld.jsonl", "contexte.jsonld"} <= {r["path"] for r in descriptor["resources"]}
    assert rdf["mediatype"] == "application/n-triples" and rdf["hash"].startswith("sha256:")
    validation = json.loads((package / "validation.json").read_text(encoding="utf-8"))
    assert validation["valid"] and validation["frictionless"]["valid"]
    assert validation["linked_data"]["acts"] == 6 and validation["linked_data"]["not_conforming"] == 0


def test_one_description_per_authority_though_names_as_printed_vary(tmp_path):
    first = make_deliberation(collectivite={"nom": "Commune de Valbrenne", "siren": "210199907"})
    second = make_deliberation("001-210199907-20230216-2023_13-DE", numero="2023_13",
                               collectivite={"nom": "COMMUNE DE VALBRENNE (Ain)", "siren": "210199907"})
    export_package([first, second], tmp_path, formats=["jsonld"])
    docs = documents(tmp_path)
    assert docs[first.id]["adoptePar"] == docs[second.id]["adoptePar"]
    assert docs[second.id]["adoptePar"]["nom"] == "Commune de Valbrenne"  # the first act's, by ID
    assert json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))["linked_data"]["not_conforming"] == 0


def test_legality_problems_are_iris_of_our_vocabulary(ld_acts):
    act = ld_acts[-1]
    doc = document(describe(act, uris.act_uri(act, BASE), BASE))
    assert doc["problemes"] == ["probleme:missing-field", "probleme:no-signatory"]
    graph = Graph().parse(data=json.dumps(doc), format="json-ld")
    assert {str(o) for o in graph.objects(None, URIRef("https://actes.example.org/ns#probleme"))} == {
        "https://actes.example.org/ns/probleme/missing-field", "https://actes.example.org/ns/probleme/no-signatory"}


def test_the_dump_says_what_the_shapes_checked_escapes_included(tmp_path, ld_acts):
    tricky = make_deliberation("001-210199907-20230401-2023_30-DE", numero="2023/30 bis",
                               objet='Tarifs "été" 2023\n\tligne 2 \\ fin — à 5 €', budget={"annee": "2023/2024"},
                               votes={"en_exercice": 19, "votants": 19, "pour": 19, "contre": 0, "unanimite": True})
    export_package([*ld_acts, tricky], tmp_path, formats=["jsonld"])
    expected = Graph()
    described: set[str] = set()
    for act in sorted([*ld_acts, tricky], key=lambda a: a.id):
        node = describe(act, uris.act_uri(act, BASE), BASE)
        for row in triples(node):
            expected.add(row)
        described.add(node.uri)
    dump = Graph().parse(tmp_path / "actes.nt", format="nt")
    assert isomorphic(dump, expected)
    title = dump.value(URIRef(uris.act_uri(tricky, BASE)), URIRef("http://data.europa.eu/eli/ontology#title"))
    assert str(title) == 'Tarifs "été" 2023\n\tligne 2 \\ fin — à 5 €'


def test_more_acts_than_a_chunk_are_dumped_whole(tmp_path):
    from actes.exporters import jsonld

    acts = [make_deliberation(f"001-210199907-20230216-{i:04d}-DE", numero=f"{i:04d}", objet=f"Objet {i}")
            for i in range(jsonld.CHUNK + 7)]
    export_package(acts, tmp_path, formats=["jsonld"])
    dump = Graph().parse(tmp_path / "actes.nt", format="nt")
    eli = URIRef("http://data.europa.eu/eli/ontology#LegalResource")
    assert len(set(dump.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), eli))) == len(acts)
    assert len(dump) == json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))["linked_data"]["triples"]


def test_an_act_whose_terms_n_triples_cannot_hold_is_held_and_reported(tmp_path):
    """Not an IRI (a space in the INSEE code of a link out): the shapes flag the code, rdflib's
    serialiser refuses the link; the act is held even with --publish-invalid (it cannot be written),
    the other acts of its chunk are written."""
    act = make_deliberation(collectivite={"nom": "Commune de Valbrenne", "siren": SIREN, "code_insee": "01 998"})
    other = make_deliberation(f"074-{OTHER_SIREN}-20230405-D12-DE", numero="D12",
                              collectivite={"nom": "Communauté de communes du Lac", "siren": OTHER_SIREN})
    export_package([act, other], tmp_path, formats=["jsonld"], publish_invalid=True)
    validation = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))["linked_data"]
    assert (validation["acts"], validation["not_conforming"], validation["valid"]) == (1, 1, True)
    failure = validation["failures"][0]
    assert failure["act_id"] == act.id and failure["action"] == "held"
    assert {r["constraint"] for r in failure["results"]} == {"PatternConstraintComponent", "N-Triples"}
    assert list(documents(tmp_path)) == [other.id]
    dump = Graph().parse(tmp_path / "actes.nt", format="nt")
    assert set(dump.subjects()) >= {URIRef(uris.act_uri(other, BASE))} and act.id not in str(list(dump))


def test_the_worker_process_writes_what_this_process_writes(tmp_path, monkeypatch):
    """Validation and dump in a forked worker (packages of more than one chunk) or in the export's
    own process: the same files, byte for byte, and the same verdicts."""
    from actes.exporters import jsonld
    from tests.linked_data.conftest import seance_acts

    monkeypatch.setattr(jsonld, "CHUNK", 40)
    started = []

    class Worker(jsonld.Worker):
        def __init__(self, *args):
            super().__init__(*args)
            started.append(self._process.pid)

    monkeypatch.setattr(jsonld, "Worker", Worker)
    long = " et ".join(["travaux de voirie"] * 500)  # ~10 kB an act: chunks larger than a pipe's buffer both ways
    acts = [make_deliberation(f"001-210199907-20230216-{i:04d}-DE", numero=f"{i:04d}", objet=f"Objet {i} : {long}",
                              matiere={"code": "7.1.4" if i % 37 == 0 else "7.1"})  # one act in 37 does not conform
            for i in range(130)] + seance_acts()
    outputs = {}
    for parallel in (True, False):
        out = tmp_path / str(parallel)
        out.mkdir()
        exporter = jsonld.JsonLdExporter(validate=True, parallel=parallel)
        exporter.start(out)
        for act in acts:
            exporter.write(act)
        exporter.finish()
        assert (exporter._worker is None) and exporter.failed == 4
        outputs[parallel] = ([(out / name).read_bytes() for name in exporter.outputs()],
                             json.dumps(exporter.validation(), sort_keys=True))
    assert len(started) == 1 and started[0] != os.getpid()  # the parallel export did fork its worker
    assert outputs[True] == outputs[False]


def test_a_document_read_back_gives_the_triples_of_its_node(ld_acts):
    """What the worker process does with the lines it is sent (model.node_of)."""
    from actes.linked_data.model import document_line, node_of, read_line
    from tests.linked_data.conftest import seance_acts

    registry: dict = {}
    for act in [*ld_acts, *seance_acts()]:
        node = describe(act, uris.act_uri(act, BASE), BASE, registry=registry)
        again = node_of(read_line(document_line(node)))
        assert triples(again) == triples(node), act.id
        assert read_line(document_line(node)) == {k: v for k, v in document(node).items() if k != "@context"}


def test_a_line_is_what_json_dumps_writes_for_the_document():
    """``document_line`` writes the JSON itself (segments kept per term, the shared nodes' JSON
    kept per export): the same bytes as ``json.dumps(document(node), ensure_ascii=False)``,
    escapes, booleans, lists and shared séances included, twice over (from the kept segments)."""
    from actes.linked_data.model import HEAD, document_line, document_tail
    from tests.linked_data.conftest import linked_data_acts, seance_acts

    tricky = make_deliberation(
        "001-210199907-20230401-2023_30-DE",
        numero="2023/30 bis",
        objet='Tarifs "été" 2023\n\tligne 2 \\ fin\r\x01 — à 5 € 𝔸',
        collectivite={"nom": 'Commune "du Lac" \\ Nord', "siren": SIREN, "code_insee": "01998"},
        votes={"en_exercice": 19, "votants": 19, "pour": 19, "contre": 0, "unanimite": True},
        text="Vu la loi n° 2015-991 du 7 août 2015 ; vu le code de l'urbanisme, notamment son article L. 151-19 ;",
    )
    for _ in range(2):
        registry: dict = {}
        shared: dict = {}
        for act in [*linked_data_acts(), *seance_acts(), *seance_acts(), tricky]:
            node = describe(act, uris.act_uri(act, BASE), BASE, registry=registry)
            expected = json.dumps(document(node), ensure_ascii=False) + "\n"
            assert document_line(node) == expected, act.id
            assert HEAD + document_tail(node, shared) == expected, act.id
    assert shared  # the séances, their councils and councillors, the authorities
