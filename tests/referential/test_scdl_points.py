"""Points cut from minutes become SCDL rows: classified on their own heading, and, with no printed
number and no @CTES ID, identified by the séance and their order (DELIB_ID, provenance derived)."""

from __future__ import annotations

import csv
import random

from actes.exporters.package import export_package
from actes.exporters.scdl import delib_id, point_id
from actes.extraction import extract_paths
from actes.schemas.seance import NamedVote, SeanceItem
from fixtures.generator import write
from fixtures.generator.collectivites import collectivite
from fixtures.generator.multi import pv
from tests.factories import make_deliberation


def _points(tmp_path):
    rng = random.Random("scdl-points")
    coll = collectivite(rng, "commune")
    made = pv(rng, coll, items=4, act_numbers=False)
    written = write(made, coll, tmp_path, "pv-quatre-points")
    return [a for a in extract_paths([tmp_path / written.files[0]]) if a.item is not None]


def test_points_without_number_get_a_derived_id_and_are_classified_on_their_heading(tmp_path):
    points = _points(tmp_path)
    assert len(points) == 4 and all(a.numero is None and a.transmission.pref_id is None for a in points)
    ids = [delib_id(a, None) for a in points]
    seance = points[0].seance
    assert ids == [f"{seance.date.isoformat()}-conseil-municipal-point-{n:02d}" for n in range(1, 5)]
    # the classifier read each point's own objet (it ran before the point's heading was applied, on none)
    for act in points:
        prov = act.provenance.get("matiere.code")
        assert prov is not None and prov.source.value == "nlp", act.objet
        assert act.objet[:40] in (prov.snippet or ""), act.objet

    out = tmp_path / "package"
    export_package(points, out, publish_invalid=True, formats=["scdl", "provenance"])
    rows = list(csv.DictReader((out / "deliberations.csv").open(encoding="utf-8", newline="")))
    assert [r["DELIB_ID"] for r in rows] == ids
    cells = [
        c
        for c in csv.DictReader((out / "provenance.csv").open(encoding="utf-8", newline=""))
        if c["COLONNE"] == "DELIB_ID" and c["FICHIER"] == "deliberations.csv"
    ]
    assert [c["SOURCE"] for c in cells] == ["derived"] * 4
    assert all(c["EXTRACTEUR"].startswith("exporter:DELIB_ID<-seance.date+item.ordre") for c in cells)


def test_no_derived_id_for_a_deliberation_that_only_names_voters(tmp_path):
    act = make_deliberation("x", numero=None, transmission={})
    del act.provenance["numero"]
    vote = NamedVote(nom="M. X", vote="contre", printed="M. X")
    act.item = SeanceItem(ordre=1, votes_nominatifs=[vote])  # what apply_named_votes gives a délibération
    assert point_id(act) is None and delib_id(act, None) is None


def test_a_point_is_dated_by_its_seance_not_by_the_minutes_it_approves():
    from actes.reconcile import decided_at_the_seance
    from actes.schemas.provenance import FieldProvenance, SourceKind

    minutes = make_deliberation("minutes", date_decision="2023-03-06")
    point = make_deliberation("point", date_decision="2023-01-26")  # "Approbation du PV de la séance du 26 janvier"
    decided_at_the_seance(point, minutes)
    assert point.date_decision.isoformat() == "2023-03-06"
    prov = point.provenance["date_decision"]
    assert prov.extractor == "file:test" and [c.value.isoformat() for c in prov.conflicts] == ["2023-01-26"]

    stamped = make_deliberation("stamped", date_decision="2023-01-26")
    stamped.provenance["date_decision"] = FieldProvenance(source=SourceKind.stamp, extractor="stamp", confidence=0.9)
    decided_at_the_seance(stamped, minutes)
    assert stamped.date_decision.isoformat() == "2023-01-26"  # a stamp's date is not the text's: left alone
