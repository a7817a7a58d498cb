"""A point cut from minutes is adopted by the séance's authority, never by a body its text names."""

from __future__ import annotations

from actes.referential.points import EXTRACTOR, assembly_kind, authority_of_point
from actes.schemas.provenance import FieldProvenance, SourceKind
from tests.factories import SIREN, make_act, prov

MUNICIPAL = "PROCÈS-VERBAL DU CONSEIL MUNICIPAL Séance du 6 février 2023 …"
COMMUNITY = "PROCÈS-VERBAL DU CONSEIL COMMUNAUTAIRE du 2 février 2023 …"
OTHER_SIREN = "214200594"


def _act(act_id, nom=None, kind=None, siren=None, siren_source="referential", siren_extractor="referential:name"):
    act = make_act(act_id, nature="deliberation", collectivite={"nom": nom, "type": kind, "siren": siren})
    if nom:
        act.provenance["collectivite.nom"] = prov("text", "collectivite")
    if kind:
        act.provenance["collectivite.type"] = prov("text", "collectivite")
    if siren:
        act.provenance["collectivite.siren"] = FieldProvenance(
            source=SourceKind(siren_source), extractor=siren_extractor, confidence=0.9
        )
    return act


def test_minutes_that_name_their_authority_give_it_to_the_point_and_keep_the_points_name_as_conflict():
    minutes = _act("m", "Commune de Valbrenne", "commune", SIREN)
    point = _act("p", "CONSEIL DEPARTEMENTAL DE LA LOIRE", "departement")  # the body a subsidy is asked of
    authority_of_point(point, minutes, MUNICIPAL)
    assert (point.collectivite.nom, point.collectivite.type, point.collectivite.siren) == (
        "Commune de Valbrenne",
        "commune",
        SIREN,
    )
    assert point.provenance["collectivite.siren"].extractor == "file:referential:name"
    assert [c.value for c in point.provenance["collectivite.nom"].conflicts] == ["CONSEIL DEPARTEMENTAL DE LA LOIRE"]


def test_unnamed_minutes_drop_a_name_the_referential_did_not_resolve():
    minutes = _act("m", kind="commune")
    point = _act("p", "AUTORISER", "commune")  # a verb in capitals read as a name
    authority_of_point(point, minutes, MUNICIPAL)
    assert point.collectivite.nom is None and point.collectivite.type is None
    dropped = point.provenance["collectivite.nom"]
    assert dropped.extractor == EXTRACTOR and dropped.confidence == 0.0 and dropped.conflicts[0].value == "AUTORISER"


def test_unnamed_minutes_keep_a_resolved_authority_of_the_assemblys_kind_only():
    minutes = _act("m")
    commune = _act("p1", "commune de BRESSAC-SUR-LIZE", "commune", OTHER_SIREN)
    authority_of_point(commune, minutes, MUNICIPAL)
    assert commune.collectivite.siren == OTHER_SIREN  # a commune named in a conseil municipal's point
    member = _act("p2", "commune de BRESSAC-SUR-LIZE", "commune", OTHER_SIREN)
    authority_of_point(member, minutes, COMMUNITY)  # a member commune named in a communauté's minutes
    assert member.collectivite.siren is None and member.collectivite.nom is None


def test_a_points_own_ctes_id_is_left_alone():
    minutes = _act("m", "Commune de Valbrenne", "commune", SIREN)
    point = _act("p", None, None, OTHER_SIREN, siren_source="derived", siren_extractor="stamp:id")
    authority_of_point(point, minutes, MUNICIPAL)
    assert point.collectivite.siren == OTHER_SIREN


def test_assembly_kind():
    assert assembly_kind(COMMUNITY) == "epci"
    assert assembly_kind("Bureau communautaire du 6 mars") == "epci"
    assert assembly_kind(MUNICIPAL) == "commune"
    assert assembly_kind("Compte rendu du Conseil d'Administration") is None
