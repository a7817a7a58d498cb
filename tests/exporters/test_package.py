"""The package as a whole: datapackage.json, Frictionless validation, the official SCDL schema,
and provenance for every cell of deliberations.csv."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from actes.exporters.package import export_package
from actes.exporters.validation.report import validate_table
from actes.exporters.validation.rules import scdl_schema
from actes.version import EXTRACTOR_VERSION, __version__

OFFICIAL = Path("reference/scdl/deliberations/2.1.5/schema.json")


@pytest.fixture
def package(tmp_path, acts, referential) -> Path:
    export_package(acts, tmp_path, referential=referential)
    return tmp_path


def test_datapackage_describes_every_file(package):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    paths = [r["path"] for r in descriptor["resources"]]
    assert paths == ["deliberations.csv", "actes.csv", "actes.jsonl", "provenance.csv", "seances.csv", "presences.csv", "votes_nominatifs.csv",
                     "actes.nt", "actes-jsonld.jsonl", "contexte.jsonld"]
    for resource in descriptor["resources"]:
        assert resource["hash"].startswith("sha256:") and resource["bytes"] == (package / resource["path"]).stat().st_size
        if resource["profile"] == "tabular-data-resource":
            assert resource["schema"]["fields"]
    assert descriptor["profile"] == "data-package"  # the RDF dump is not a table
    rows = {r["path"]: r["stats"]["rows"] for r in descriptor["resources"] if "rows" in r["stats"]}
    assert rows["deliberations.csv"] == 2 and rows["actes.csv"] == 3 and rows["actes.jsonl"] == 3
    meta = descriptor["actes"]
    assert (meta["version"], meta["extractor_version"], meta["scdl_deliberations_version"]) == (__version__, EXTRACTOR_VERSION, "2.1.5")
    assert descriptor["created"].startswith("20")


def test_package_validates_with_the_frictionless_library(package):
    validation = json.loads((package / "validation.json").read_text(encoding="utf-8"))
    assert validation["valid"] and validation["frictionless"]["valid"]
    assert [r["rows"] for r in validation["frictionless"]["resources"]][:3] == [2, 3, 3]


def test_a_tampered_file_fails_validation(package):
    from actes.exporters.validation.report import frictionless_summary

    with (package / "actes.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write("extra,row\r\n")
    result = frictionless_summary(package / "datapackage.json")
    assert not result["valid"]
    types = {e["type"] for r in result["resources"] for e in r["errors"]}
    assert {"hash-count", "row-count"} <= types


def test_package_validates_with_the_frictionless_cli(package):
    cli = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(cli), "validate", "datapackage.json"], cwd=package, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:]


def test_deliberations_validate_against_the_official_schema(package, shared_dir):
    result = validate_table(package / "deliberations.csv", shared_dir / OFFICIAL)
    assert result["valid"], result
    assert result["resources"][0]["rows"] == 2


def test_our_schema_copy_matches_the_official_one(shared_dir):
    official = json.loads((shared_dir / OFFICIAL).read_text(encoding="utf-8"))
    ours = scdl_schema()
    normative = ("name", "type", "format", "constraints")
    assert [{k: f.get(k) for k in normative} for f in ours["fields"]] == [{k: f.get(k) for k in normative} for f in official["fields"]]
    assert [f["title"] for f in ours["fields"]] == [f["title"] for f in official["fields"]]
    assert ours["custom_checks"] == official["custom_checks"]
    assert ours["version"] == official["version"] == "2.1.5"


def test_every_deliberations_cell_has_its_provenance(package):
    provenance = {
        (int(row["LIGNE"]), row["COLONNE"]): row
        for row in csv.DictReader((package / "provenance.csv").open(encoding="utf-8", newline=""))
        if row["FICHIER"] == "deliberations.csv"
    }
    rows = list(csv.DictReader((package / "deliberations.csv").open(encoding="utf-8", newline="")))
    checked = 0
    for number, row in enumerate(rows, start=1):
        for column, value in row.items():
            if value:
                explained = provenance[(number, column)]
                assert explained["VALEUR"] == value and explained["SOURCE"]
                checked += 1
    assert checked == len(provenance) > 20
    first = "001-210199907-20230216-2023_12-DE"
    assert provenance[(1, "COLL_SIRET")]["SOURCE"] == "referential" and provenance[(1, "COLL_SIRET")]["ACTE_ID"] == first
    assert provenance[(1, "DELIB_MATIERE_NOM")]["SOURCE"] == "derived"
    assert provenance[(1, "VOTE_POUR")]["PAGE"] == "1"
    assert (provenance[(1, "PREF_ID")]["VALEUR"], provenance[(1, "PREF_ID")]["SOURCE"]) == ("PREF001", "referential")


def test_a_failed_export_leaves_the_previous_package_whole(package, acts, referential):
    before = {p.name: p.read_bytes() for p in package.iterdir() if p.is_file()}

    def crash(act):
        if act.nature.value == "arrete":
            raise RuntimeError("disk full")
        return act

    with pytest.raises(RuntimeError):
        export_package(acts, package, referential=referential, prepare=crash)
    assert {p.name: p.read_bytes() for p in package.iterdir() if p.is_file()} == before


def test_prepare_can_keep_an_act_out_of_every_file(tmp_path, acts, referential):
    report = export_package(acts, tmp_path, referential=referential, prepare=lambda a: None if a.id == "ar-1" else a)
    assert report.counts["not_published"] == 1 and report.counts["actes.csv"] == 2
    assert json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))["not_published"] == ["ar-1"]
    assert "ar-1" not in (tmp_path / "actes.jsonl").read_text(encoding="utf-8")
    assert "ar-1" not in (tmp_path / "provenance.csv").read_text(encoding="utf-8")
