"""`actes run` ends with the package: referential found next to the inbox, package valid,
deliberations.csv valid against the official SCDL schema."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from actes import api
from actes.exporters.validation.report import validate_table
from actes.reference.matieres import scdl_nom

TRANSMISSION = "033-213312457-20221116-2022_148-DE-1-"


@pytest.mark.slow  # about 50 s: one @CTES transmission through the whole pipeline
def test_run_writes_a_valid_package(tmp_path, fixtures_dir, shared_dir):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in (fixtures_dir / "demo" / "inbox").glob(f"{TRANSMISSION}*"):
        shutil.copy(path, inbox)
    shutil.copy(fixtures_dir / "demo" / "collectivites.csv", tmp_path)  # next to the inbox
    report = api.run(inbox, tmp_path / "out", workers=0)
    out = tmp_path / "out"
    assert report.ok and set(report.exports) >= {"scdl", "actes_csv", "jsonl", "provenance", "datapackage", "validation"}
    validation = json.loads((out / "validation.json").read_text(encoding="utf-8"))
    assert validation["valid"], validation
    rows = list(csv.DictReader((out / "deliberations.csv").open(encoding="utf-8", newline="")))
    expected = json.loads(next((fixtures_dir / "demo" / "expected").glob(f"{TRANSMISSION}*.expected.json")).read_text(encoding="utf-8"))
    assert [(r["COLL_SIRET"], r["DELIB_MATIERE_NOM"]) for r in rows] == [
        ("21331245709526", scdl_nom(expected["matiere"]["code"]))  # the envelope's matière, SCDL spelling
    ]
    official = validate_table(out / "deliberations.csv", shared_dir / "reference/scdl/deliberations/2.1.5/schema.json")
    assert official["valid"], official
