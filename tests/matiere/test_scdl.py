"""A délibération without a level-2 matière stays out of deliberations.csv: "matière unknown"."""

from __future__ import annotations

import csv
import json

from actes.exporters.package import export_package
from actes.exporters.scdl import MATIERE_HINT
from actes.run_report import RunReport
from actes.schemas.provenance import FieldProvenance, SourceKind
from tests.factories import make_deliberation


def _without_matiere(act_id, **matiere):
    act = make_deliberation(act_id, matiere=matiere)
    act.provenance.pop("matiere.code")
    if matiere:
        act.provenance["matiere.code"] = FieldProvenance(
            source=SourceKind.nlp, extractor="matiere:classifier-level1", confidence=0.93,
            snippet="level 2 uncertain, best 7.10 at 0.41; level 1 7 at 0.93 — Budget")
    return act


def test_held_with_the_reason_and_counted(tmp_path, referential):
    acts = [make_deliberation(), _without_matiere("no-matiere"), _without_matiere("level-1", code="7", libelle="Finances locales")]
    report = export_package(acts, tmp_path, referential=referential)
    rows = list(csv.DictReader((tmp_path / "deliberations.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 1 and rows[0]["DELIB_MATIERE_CODE"] == "7.1"
    validation = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))
    held = {v["act_id"]: v["issues"] for v in validation["rows"] if v["action"] == "held"}
    for act_id in ("no-matiere", "level-1"):
        assert [i["check"] for i in held[act_id]] == ["matiere-unknown"]  # one reason, not two empty cells
        assert held[act_id][0]["message"].startswith("matière unknown") and MATIERE_HINT.replace("ACT_ID", act_id) in held[act_id][0]["message"]
    assert "only its level 1 is known (7 Finances locales)" in held["level-1"][0]["message"]
    assert validation["counts"]["matiere_unknown"] == 2 == report.counts["matiere_unknown"]
    # actes.csv keeps every act, with the level-1 code where that is all we know
    actes = {r["ACTE_ID"]: r for r in csv.DictReader((tmp_path / "actes.csv").open(encoding="utf-8", newline=""))}
    assert (actes["level-1"]["MATIERE_CODE"], actes["level-1"]["MATIERE_NOM"]) == ("7", "finances locales")
    assert actes["no-matiere"]["MATIERE_CODE"] == ""
    assert report.valid


def test_run_report_counts_and_names_the_way_to_set_it():
    report = RunReport(run_id=1, inbox="in", out="out", matiere_unknown=3)
    assert report.as_dict()["matiere_unknown"] == 3
    line = next(line for line in report.summary_lines() if "matière unknown" in line)
    assert line.startswith("deliberations.csv: 3 held") and MATIERE_HINT in line
