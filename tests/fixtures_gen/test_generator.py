"""The generator is deterministic and its truth is coherent with what it prints."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from stdnum.fr import siren as siren_mod

from actes.readers import read_document
from actes.reference.matieres import is_known
from fixtures.generator import generate, make, write
from fixtures.generator.variants import VARIANTS

N = len(VARIANTS)  # one act of every variant


@pytest.fixture(scope="module")
def one_of_each(tmp_path_factory) -> tuple[Path, list]:
    out = tmp_path_factory.mktemp("gen")
    return out, generate(out, N, seed="test")


def test_same_seed_same_bytes(one_of_each, tmp_path):
    out, _ = one_of_each
    generate(tmp_path, N, seed="test")
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    second = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_other_seed_other_acts(tmp_path):
    a, _ = make("a", 0)
    b, _ = make("b", 0)
    assert a.truth["objet"] != b.truth["objet"] or a.truth["numero"] != b.truth["numero"]


def test_every_variant_is_generated(one_of_each):
    _, written = one_of_each
    assert {w.expected["variant"] for w in written} == set(VARIANTS)


def _text(path: Path) -> str:
    from actes.limits import DEFAULT_LIMITS

    return " ".join(read_document(path, DEFAULT_LIMITS).text.split())


def test_printed_values_are_in_the_document(one_of_each):
    """Numéro, objet, people and ID of the truth appear in the document the reader sees."""
    out, written = one_of_each
    for w in written:
        exp = w.expected
        text = _text(out / exp["file"])
        assert " ".join(exp["objet"].split()) in text, exp["file"]
        if exp["variant"] != "ctes-transmission" or exp["transmission"]["date_envoi"]:
            assert exp["numero"] in text, exp["file"]
        for key in ("president", "secretaire_seance"):
            if exp[key]:
                assert exp[key] in text, (exp["file"], key)
        if exp["signataire"]["nom"]:
            assert exp["signataire"]["nom"] in text, exp["file"]
        if exp["transmission"]["date_envoi"] and exp["transmission"]["pref_id"]:
            assert exp["transmission"]["pref_id"] in text, exp["file"]
        for person in exp["private_persons"]:
            for value in (person["nom"], person["adresse"]):
                assert value is None or value in text, exp["file"]


def check_coherent(exp: dict) -> None:
    """What must hold in any generated truth (vote arithmetic, ID shape, codes, dates)."""
    assert is_known(exp["matiere"]["code"]), exp["file"]
    siren = exp["collectivite"]["siren"]
    assert siren is None or siren_mod.is_valid(siren), exp["file"]
    pref_id = exp["transmission"]["pref_id"]
    if pref_id:
        assert re.fullmatch(r"0\d\d-\d{9}-\d{8}-[A-Za-z0-9_]+-(DE|AR|AI|CC|BF|AU)", pref_id), pref_id
        assert pref_id.split("-")[1] == siren
        assert pref_id.endswith(exp["nature_actes"])
    v = exp["votes"]
    if None not in (v["pour"], v["contre"], v["abstentions"], v["votants"]):
        assert v["pour"] + v["contre"] + v["abstentions"] == v["votants"], exp["file"]
    if None not in (v["presents"], v["representes"], v["votants"]):
        assert v["presents"] + v["representes"] == v["votants"], exp["file"]
    if v["unanimite"] is True:
        assert v["contre"] in (None, 0), exp["file"]
    if v["unanimite"] is False:
        assert v["contre"], exp["file"]
    if exp["date_convocation"]:
        assert exp["date_convocation"] < exp["date_decision"]
    if exp["budget"]["annee"]:
        assert exp["nature_actes"] == "BF" and exp["matiere"]["code"] == "7.1"


def test_truth_is_coherent(one_of_each):
    _, written = one_of_each
    for w in written:
        assert siren_mod.is_valid(w.collectivite.siren)
        check_coherent(w.expected)


def test_committed_truth_is_coherent(fixtures_dir):
    files = sorted((fixtures_dir / "generated").glob("*.expected.json"))
    assert len(files) >= 100
    for path in files:
        check_coherent(json.loads(path.read_text("utf-8")))


def test_multi_act_files_list_their_acts(one_of_each):
    out, written = one_of_each
    multi = [w.expected for w in written if w.expected["variant"].startswith("multi-")]
    assert len(multi) == 3
    for exp in multi:
        assert exp["contained_acts"] == len(exp["contained"]) >= 2
        assert exp["contained"][0]["numero"] == exp["numero"]
        text = _text(out / exp["file"])
        position = 0
        for act in exp["contained"]:  # each act's objet appears after the previous act's
            position = text.find(act["objet"], position)
            assert position >= 0, (exp["file"], act["objet"])
            position += len(act["objet"])


def test_private_persons_recorded_where_named(one_of_each):
    _, written = one_of_each
    named = {w.expected["variant"] for w in written if w.expected["private_persons"]}
    assert {"ar-peril", "ai-individuel"} <= named


def test_write_txt_is_text_with_page_breaks(tmp_path):
    made, coll = make("t", 0, "de-s2low-every-page")
    made.fmt = "txt"
    w = write(made, coll, tmp_path, "x")
    raw = (tmp_path / w.expected["file"]).read_bytes().decode("utf-8", errors="replace")
    assert raw.count("\f") >= 1 and "Envoyé en préfecture le" in raw
    assert json.loads((tmp_path / "x.expected.json").read_text(encoding="utf-8"))["file"] == "x.txt"
