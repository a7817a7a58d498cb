"""The N-Triples dump is what rdflib's serialiser writes for the acts' triples, byte for byte:
``model.nt_lines`` asks rdflib for each distinct term's form once and reuses it, and must never
write a line rdflib would not."""

from __future__ import annotations

import io

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.plugins.serializers.nt import NTSerializer

from actes.linked_data import uris
from actes.linked_data.model import describe, nt_lines, nt_text, triples
from tests.factories import SIREN, make_deliberation
from tests.linked_data.conftest import linked_data_acts, seance_acts

BASE = uris.DEFAULT_BASE


def _rdflib(rows) -> str:
    buffer = io.BytesIO()
    NTSerializer(rows).serialize(buffer)
    return buffer.getvalue().decode()


def _acts():
    tricky = make_deliberation(
        "001-210199907-20230401-2023_30-DE",
        numero="2023/30 bis",
        budget={"annee": "2023/2024"},
        objet='Tarifs "été" 2023\n\tligne 2 \\ fin\r — à 5 € 𝔸',  # quotes, escapes, a character beyond the BMP
        collectivite={"nom": 'Commune "du Lac" \\ Nord', "siren": SIREN, "code_insee": "01998"},
        votes={"en_exercice": 19, "votants": 19, "pour": 19, "contre": 0, "unanimite": True},
    )
    return [*linked_data_acts(), *seance_acts(), tricky]


def test_the_lines_are_rdflibs_for_the_same_triples_twice_over():
    """Twice: the second pass reads every term's form from the cache the first filled."""
    for _ in range(2):
        registry: dict = {}
        described_rows: set[str] = set()
        described_lines: set[str] = set()
        for act in _acts():
            node = describe(act, uris.act_uri(act, BASE), BASE, registry=registry)
            added_rows: set[str] = set()
            added_lines: set[str] = set()
            expected = _rdflib(triples(node, described_rows, added_rows))
            assert "".join(nt_lines(node, described_lines, added_lines)) == expected, act.id
            assert added_lines == added_rows
            described_rows |= added_rows
            described_lines |= added_lines


def test_a_shared_node_already_described_is_only_pointed_at():
    first, second = seance_acts()
    registry: dict = {}
    one = describe(first, uris.act_uri(first, BASE), BASE, registry=registry)
    two = describe(second, uris.act_uri(second, BASE), BASE, registry=registry)
    added: set[str] = set()
    alone = nt_lines(two)
    after = nt_lines(two, skip=set(), added=added)
    assert alone == after and added  # the séance, its council and councillors are described with the act
    nt_lines(one, added=(described := set()))
    shorter = nt_lines(two, skip=described)
    assert len(shorter) < len(alone)
    assert not any(line.startswith(f"<{uri}> ") for uri in described for line in shorter)


def test_the_lines_load_as_the_graph_of_the_triples():
    for act in _acts():
        node = describe(act, uris.act_uri(act, BASE), BASE)
        expected = Graph()
        for row in triples(node):
            expected.add(row)
        assert isomorphic(Graph().parse(data="".join(nt_lines(node)), format="nt"), expected), act.id


def test_a_package_dump_is_rdflibs_serialisation_of_its_documents_triples(tmp_path, monkeypatch):
    """Through the exporter, over several chunks (shared nodes described in an earlier one): the
    dump is what rdflib's serialiser writes for the triples of the documents, read back in order."""
    from actes.exporters import jsonld
    from actes.exporters.package import export_package
    from actes.linked_data.model import node_of, read_line

    monkeypatch.setattr(jsonld, "CHUNK", 7)
    acts = [make_deliberation(f"034-{SIREN}-20230216-{i:06d}-DE", numero=f"{i:06d}") for i in range(20)]
    export_package([*acts, *_acts()], tmp_path, formats=["jsonld"])
    described: set[str] = set()
    expected = []
    for line in (tmp_path / "actes-jsonld.jsonl").read_text(encoding="utf-8").splitlines():
        expected.append(_rdflib(triples(node_of(read_line(line)), skip=described, added=described)))
    assert len(expected) == len(acts) + len(_acts())
    assert (tmp_path / "actes.nt").read_text(encoding="utf-8") == "".join(expected)


def test_the_dumps_text_is_the_lines_joined():
    """``nt_text`` (the dump's: each node's lines by one join) against ``nt_lines``, shared nodes
    skipped alike, twice over (the second pass from the kept segments)."""
    for _ in range(2):
        registry: dict = {}
        described_text: set[str] = set()
        described_lines: set[str] = set()
        for act in _acts():
            node = describe(act, uris.act_uri(act, BASE), BASE, registry=registry)
            added_text: set[str] = set()
            added_lines: set[str] = set()
            lines = nt_lines(node, described_lines, added_lines)
            assert nt_text(node, described_text, added_text) == ("".join(lines), len(lines)), act.id
            assert added_text == added_lines
            described_text |= added_text
            described_lines |= added_lines


def test_an_iri_n_triples_cannot_hold_is_refused_as_rdflib_refuses_it():
    """The act's own nodes' IRIs are checked together (rdflib's check over them all): a bad one
    anywhere raises, as rdflib's serialiser does, and a good act is not refused."""
    from actes.linked_data.model import Node
    from actes.linked_data.vocabulary import ACT_CLASS, VOTE_CLASS

    good = Node(f"{BASE}/acte/a", ACT_CLASS, {"identifiant": "a", "vote": Node(f"{BASE}/acte/a#vote", VOTE_CLASS)})
    assert nt_text(good)[1] == 4
    for bad in (
        Node(f"{BASE}/acte/a b", ACT_CLASS, {"identifiant": "a"}),
        Node(f"{BASE}/acte/a", ACT_CLASS, {"identifiant": "a", "vote": Node(f"{BASE}/acte/a#vote<", VOTE_CLASS)}),
    ):
        with pytest.raises(Exception, match="does not look like a valid URI"):
            _rdflib(triples(bad))
        with pytest.raises(Exception, match="does not look like a valid URI"):
            nt_text(bad)
        with pytest.raises(Exception, match="does not look like a valid URI"):
            nt_lines(bad)


def _plans(partitions, sample: bool):
    """Each partition's acts described apart (its own registry, as the export does) and planned."""
    from actes.linked_data.dump import Dumper

    forms: set = set()
    plans = []
    for acts in partitions:
        registry: dict = {}
        dumper = Dumper(validate=True, publish_invalid=False, sample=sample)
        dumper.forms = forms
        items = [(act.id, describe(act, uris.act_uri(act, BASE), BASE, registry=registry)) for act in acts]
        plans.append(dumper.plan(items))
    return plans


@pytest.mark.parametrize("sample", [False, True])
def test_partitions_checked_together_get_the_verdicts_each_gets_alone(monkeypatch, sample):
    """One authority described two ways by two partitions (its name), a code INSEE the shapes
    refuse in a third: joined, the checks give each act what it got alone, in a second pass for
    the partition that describes the shared node differently."""
    import actes.linked_data.shacl as shacl
    from actes.linked_data.dump import check_together

    def acts(numero: str, nom: str, insee: str = "01998"):
        return [make_deliberation(f"001-{SIREN}-20230401-{numero}{n}-DE", numero=f"{numero}{n}",
                                  collectivite={"nom": nom, "siren": SIREN, "code_insee": insee}) for n in range(3)]

    partitions = [acts("A", "Commune de Valbrenne"), acts("B", "Commune de Valbrenne-le-Haut"),
                  acts("C", "Commune de Valbrenne", insee="ABCDE"), acts("D", "Commune de Valbrenne")]
    alone = [check_together([plan])[0] for plan in _plans(partitions, sample)]
    calls = []
    real = shacl.validate
    monkeypatch.setattr(shacl, "validate", lambda *a, **k: calls.append(1) or real(*a, **k))
    together = check_together(_plans(partitions, sample))
    assert together == alone
    assert not alone[0] and not alone[1] and not alone[3]
    assert {r["value"] for results in alone[2].values() for r in results} == {"ABCDE"}
    assert len(calls) <= 3  # the full shapes twice (the differing name: a pass of its own), the values once


def test_a_node_another_partition_describes_is_not_charged_to_a_partition_that_only_cites_it():
    """A partition whose fully checked acts never mention a node (only an act checked on its values
    holds it) saw no result for it alone; joined with a partition describing that node wrongly, it
    must still see none: the wrong description is the other partition's."""
    from actes.linked_data.dump import check_together

    def acts(numero: str, insee: str):
        return [make_deliberation(f"001-{SIREN}-20230401-{numero}{n}-DE", numero=f"{numero}{n}",
                                  collectivite={"nom": "Commune de Valbrenne", "siren": SIREN, "code_insee": insee})
                for n in range(2)]

    cites, describes = _plans([acts("A", "01998"), acts("C", "ABCDE")], sample=False)
    wrong = {r["focus"] for results in check_together([describes])[0].values() for r in results}
    assert wrong  # the authority, refused for its code INSEE
    # The citing partition: its checked graph without the authority, which one of its acts still holds
    cites.full = [row for row in cites.full if str(row[0]) not in wrong and str(row[2]) not in wrong]
    for node in wrong:
        cites.owners[node] = [next(iter(cites.owners.values()))[0]]
    assert check_together([cites]) == [{}]
    together = check_together([cites, describes])
    assert together[0] == {} and together[1] == check_together([describes])[0]
