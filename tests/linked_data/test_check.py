"""The package's linked data checked from the outside (actes.linked_data.check): on fixtures, and
on the shared corpus when a run over it is at hand."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from actes.exporters.package import export_package
from actes.linked_data.check import check_package, main
from tests.linked_data.conftest import linked_data_acts, seance_acts

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def test_a_package_passes_and_is_counted(tmp_path):
    acts = [*linked_data_acts(), *seance_acts()]
    export_package(acts, tmp_path)
    report = check_package(tmp_path)
    assert report["problems"] == [] and report["valid"]
    counts = report["counts"]
    assert counts["published_acts"] == counts["documents"] == counts["acts_in_dump"] == len(acts)
    assert (counts["seances"], counts["presences"], counts["councillors"], counts["named_votes"]) == (1, 4, 4, 4)
    assert counts["links_to_cited_texts"] == 2 and counts["shacl_results"] == 0  # a loi, a décret


def test_a_missing_document_and_a_dump_that_differs_are_problems(tmp_path, capsys):
    export_package(linked_data_acts(), tmp_path)
    lines = (tmp_path / "actes-jsonld.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "actes-jsonld.jsonl").write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    report = check_package(tmp_path)
    first = json.loads(lines[0])["identifiant"]
    assert f"published act without a JSON-LD document: {first}" in report["problems"]
    assert "actes.nt does not say what the documents say" in report["problems"]
    assert main([str(tmp_path)]) == 1 and '"valid": false' in capsys.readouterr().out


@pytest.mark.shared
def test_the_shared_corpus_package(shared_dir):
    """``ACTES_CORPUS_PACKAGE``: the output folder of ``actes run`` over the shared corpus (raw/ and
    texts/; too long for the suite, docs/linked-data.md gives the command and the counts)."""
    out = os.environ.get("ACTES_CORPUS_PACKAGE")
    if not out or not (Path(out) / "actes-jsonld.jsonl").is_file():
        pytest.skip("no package of the shared corpus (ACTES_CORPUS_PACKAGE)")
    report = check_package(out)
    assert report["problems"] == []
    assert report["counts"]["documents"] == report["counts"]["published_acts"] > 0
