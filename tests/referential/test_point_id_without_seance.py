"""A point of minutes whose attendance was not read (so no séance attached) still gets a derived
DELIB_ID from the date the minutes' head gives it; a date only the point's own text gives does not."""

from __future__ import annotations

from actes.exporters.scdl import delib_id, point_id
from actes.minutes.split import EXTRACTOR as MINUTES_ITEMS
from actes.reconcile import decided_at_the_seance
from actes.schemas.provenance import FieldProvenance, SourceKind
from actes.schemas.seance import SeanceItem
from tests.factories import make_deliberation


def _point(date: str, ordre: int = 3):
    point = make_deliberation("point", numero=None, transmission={}, date_decision=date)
    del point.provenance["numero"]
    point.provenance["objet"] = FieldProvenance(source=SourceKind.text, extractor=MINUTES_ITEMS, confidence=0.8)
    point.provenance["date_decision"] = FieldProvenance(
        source=SourceKind.text, extractor="dates:seance", confidence=0.8, snippet="Conseil du …"
    )
    point.item = SeanceItem(ordre=ordre)
    return point


def _minutes(date: str):
    minutes = make_deliberation("minutes", date_decision=date)
    minutes.provenance["date_decision"] = FieldProvenance(
        source=SourceKind.text, extractor="dates:seance", confidence=0.9, snippet="CONSEIL MUNICIPAL DU …"
    )
    return minutes


def test_a_point_dated_by_the_minutes_head_gets_an_id_without_a_seance():
    point = decided_at_the_seance(_point("2023-01-26"), _minutes("2023-03-06"))
    assert point.seance is None
    assert point_id(point) == delib_id(point, None) == "2023-03-06-point-03"


def test_a_point_whose_own_date_agrees_with_the_minutes_is_the_seances():
    point = decided_at_the_seance(_point("2023-03-06", ordre=1), _minutes("2023-03-06"))
    prov = point.provenance["date_decision"]
    assert prov.extractor == "file:dates:seance" and prov.conflicts == []
    assert point_id(point) == "2023-03-06-point-01"


def test_no_id_from_a_date_only_the_point_gives():
    point = _point("2022-12-12")  # minutes with no date of their own: the point read another body's séance
    assert decided_at_the_seance(point, _minutes(None)).date_decision.isoformat() == "2022-12-12"
    assert point_id(point) is None and delib_id(point, None) is None


def test_a_stamped_date_is_left_alone_and_gives_no_derived_id():
    point = _point("2023-03-06")
    point.provenance["date_decision"] = FieldProvenance(source=SourceKind.stamp, extractor="stamp", confidence=0.9)
    decided_at_the_seance(point, _minutes("2023-03-06"))
    assert point.provenance["date_decision"].extractor == "stamp" and point_id(point) is None
