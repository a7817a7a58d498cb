"""deliberations.csv passes Validata (validata-table, schema.data.gouv.fr's validator) as it
passes Frictionless, against the official SCDL 2.1.5 schema (../shared) and the project's copy;
a row Validata refuses is refused by both. Validata runs in its own environment
(``make validata``); without it this test skips."""

from __future__ import annotations

import csv

import pytest

from actes.exporters.package import export_package
from actes.exporters.validation import validata
from actes.exporters.validation.report import validate_table
from actes.referential import Entry, Referential
from tests.factories import SIREN, SIRET, make_deliberation

SHIPPED = "actes/reference/scdl_deliberations_2.1.5.json"
OFFICIAL = "reference/scdl/deliberations/2.1.5/schema.json"  # under ../shared


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.shared
@pytest.mark.slow
def test_deliberations_csv_is_valid_for_validata_and_frictionless(tmp_path, shared_dir, fixtures_dir):
    if validata.interpreter() is None:
        pytest.skip("no Validata environment (make validata)")
    referential = Referential([Entry(SIREN, SIRET, "Commune de Valbrenne", "PREF001", 2)], "collectivites.csv")
    acts = [make_deliberation(), make_deliberation("002-x-DE", matiere={"code": "3.1", "libelle": "x"}, votes={})]
    export_package(acts, tmp_path / "pkg", referential=referential)
    good = tmp_path / "pkg" / "deliberations.csv"
    rows = list(csv.DictReader(good.open(encoding="utf-8", newline="")))
    assert [r["DELIB_MATIERE_CODE"] for r in rows] == ["7.1", "3.1"] and all(r["DELIB_MATIERE_NOM"] for r in rows)
    rows[1]["COLL_SIRET"] = SIRET[:-1] + str((int(SIRET[-1]) + 1) % 10)  # Luhn key broken
    rows[1]["DELIB_DATE"] = "16/02/2023"
    bad = _write(tmp_path / "bad.csv", rows)
    schemas = [shared_dir / OFFICIAL, fixtures_dir.parent / SHIPPED]
    reports = validata.validate_many([(path, schema) for schema in schemas for path in (good, bad)])
    for schema, (on_good, on_bad) in zip(schemas, zip(reports[::2], reports[1::2], strict=True), strict=True):
        assert on_good["valid"] and on_good["stats"]["rows"] == 2, (schema, on_good["errors"])
        assert not on_bad["valid"]
        assert {e["fieldName"] for e in on_bad["errors"]} >= {"COLL_SIRET", "DELIB_DATE"}
        assert all(e["rowNumber"] == 3 for e in on_bad["errors"])
        assert validate_table(good, schema)["valid"] and not validate_table(bad, schema)["valid"]
