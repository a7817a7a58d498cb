"""Generated @CTES transmissions pair into one submission and extract to the envelope's values."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from actes.extraction import extract_paths
from actes.readers.ctes_xml import read_acknowledgement, read_envelope
from actes.readers.pairing import group_files
from fixtures.generator import make, write


@pytest.fixture(scope="module", params=range(3))
def transmission(request, tmp_path_factory) -> tuple[list[Path], dict]:
    out = tmp_path_factory.mktemp(f"ctes{request.param}")
    made, coll = make("ctes", request.param, "ctes-transmission")
    w = write(made, coll, out, "ignored", random.Random(request.param))
    return [out / name for name in w.files], w.expected


def test_file_names_pair_into_one_submission(transmission):
    files, exp = transmission
    submissions, leftovers = group_files(files)
    assert leftovers == [] and len(submissions) == 1
    sub = submissions[0]
    assert Path(sub.main).name == exp["file"]
    assert Path(sub.envelope).name == exp["envelope"]
    assert Path(sub.acknowledgement).name == exp["acknowledgement"]
    assert [Path(a).name for a in sub.annexes] == exp["annexes"] and len(exp["annexes"]) == 1


def test_xml_reads_back_the_truth(transmission):
    files, exp = transmission
    out = files[0].parent
    envelope = read_envelope(out / exp["envelope"])
    assert envelope.numero == exp["numero"]
    assert envelope.date.isoformat() == exp["date_decision"]
    assert envelope.objet == " ".join(exp["objet"].split())
    assert ".".join(envelope.matiere_codes) == exp["matiere"]["code"]
    assert envelope.document == exp["file"] and envelope.annexes == exp["annexes"]
    pref_id, received = read_acknowledgement(out / exp["acknowledgement"])
    assert pref_id == exp["transmission"]["pref_id"]
    assert received.isoformat() == exp["transmission"]["date_reception"]


def test_actes_extract_returns_the_envelope_values(transmission):
    files, exp = transmission
    acts = extract_paths(files)
    assert len(acts) >= 1
    act = acts[0]
    assert act.transmission.pref_id == exp["transmission"]["pref_id"]
    assert act.numero == exp["numero"]
    assert act.date_decision.isoformat() == exp["date_decision"]
    assert act.matiere.code == exp["matiere"]["code"]
    assert act.transmission.date_reception.isoformat() == exp["transmission"]["date_reception"]
    assert [Path(a).name for a in act.source.annexes] == exp["annexes"]
