"""Scoring a fake extractor: act picking in multi-act files, failures, null labels."""

import json
from pathlib import Path

from actes.errors import UnreadableFile
from actes.evaluation.runner import evaluate


def _write(tmp_path: Path, rows: list[dict]) -> Path:
    (tmp_path / "texts").mkdir()
    for row in rows:
        (tmp_path / row["file"]).write_text("x", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return labels


def test_scores_the_act_the_label_describes(tmp_path):
    labels = _write(tmp_path, [{"file": "texts/bundle.txt", "numero": "2023-002", "pour": 38}])

    def extract(path):
        return [
            {"numero": "2023-001", "votes": {"pour": 12}},
            {"numero": "2023/002", "votes": {"pour": 38}},
        ]

    report = evaluate(labels, tmp_path, extract)
    assert report.fields["numero"].tp == 1 and report.fields["pour"].tp == 1
    assert report.micro.f1 == 1.0


def test_failed_file_counts_as_missing_and_is_listed(tmp_path):
    labels = _write(tmp_path, [{"file": "texts/bad.txt", "numero": "1", "objet": "Budget"}])

    def extract(path):
        raise UnreadableFile(path, "the file is empty")

    report = evaluate(labels, tmp_path, extract)
    assert report.fields["numero"].fn == 1 and report.fields["objet"].fn == 1
    assert report.failures and report.failures[0][0] == "texts/bad.txt"


def test_value_against_null_label_is_false_positive(tmp_path):
    labels = _write(tmp_path, [{"file": "texts/a.txt", "president": None}])
    report = evaluate(labels, tmp_path, lambda path: [{"president": "M. Jean MARTIN"}])
    assert report.fields["president"].fp == 1 and report.fields["president"].support == 0


def test_shared_corpus_labels_resolve(shared_dir):
    """../shared/corpus/labels.jsonl names texts/… and raw/… relative to its folder."""
    from actes.evaluation.labels import read_labels

    corpus = shared_dir / "corpus"
    labels = read_labels(corpus / "labels.jsonl", corpus)
    assert len(labels) >= 90
    assert all(label.path.is_file() for label in labels)
    assert {label.file.split("/")[0] for label in labels} == {"texts", "raw"}
