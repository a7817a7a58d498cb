"""The labelled privacy set of real acts (labels/privacy-corpus.jsonl): sound labels, a split by
authority, and the scorer's precision counting every mention hidden that is not labelled private."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actes.evaluation.groups import file_group
from actes.evaluation.privacy import _same_datum
from actes.schemas.privacy import PersonalData

LABELS = Path(__file__).resolve().parents[2] / "labels" / "privacy-corpus.jsonl"


def _records() -> list[dict]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_split_is_by_authority_and_every_label_is_well_formed():
    records = _records()
    splits: dict[str, set[str]] = {}
    for record in records:
        assert record["authority"] == file_group(record["file"])
        splits.setdefault(record["authority"], set()).add(record["split"])
        assert record["mentions"], record["file"]
        for mention in record["mentions"]:
            assert mention["kind"] in {"person", "address", "parcel", "birth", "contact"}
            assert mention["status"] in {"private", "official"}
    assert all(len(found) == 1 for found in splits.values()), splits
    assert {"tune", "heldout"} <= {s for found in splits.values() for s in found}


@pytest.mark.shared
def test_every_labelled_mention_is_written_in_its_file(shared_dir):
    for record in _records():
        text = (shared_dir / "corpus" / record["file"]).read_text(encoding="utf-8")
        missing = [m["text"] for m in record["mentions"] if m["text"] not in text]
        assert not missing, (record["file"], missing)


def _found(text: str, kind: str = "person") -> PersonalData:
    return PersonalData(kind=kind, text=text, start=0, end=len(text), status="private", confidence=0.9, detector="t")


def test_a_hidden_mention_counts_for_precision_only_when_it_belongs_to_a_private_label():
    private = {"text": "Consorts DERVAL", "kind": "person", "status": "private"}
    official = {"text": "Jeanne PORTAL", "kind": "person", "status": "official"}
    address = {"text": "12 rue des Saules", "kind": "address", "status": "private"}
    assert _same_datum(_found("DERVAL"), private)
    assert not _same_datum(_found("Jeanne PORTAL"), official)
    assert not _same_datum(_found("Crédits Paiement"), private)
    assert _same_datum(_found("12 rue des Saules, 36000 Ville", "address"), address)
    assert not _same_datum(_found("3 avenue de la Gare", "address"), address)
    assert _same_datum(_found("12 rue des Saules", "address"), address)
