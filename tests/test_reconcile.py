"""Reconciliation: strength order, conflicts kept, cross-checks that drop contradicted values."""

from datetime import date

from actes.reconcile import apply_findings, cross_check, inherit
from actes.schemas.act import Act, Source
from actes.schemas.provenance import Finding, SourceKind


def f(field, value, extractor="x", source=SourceKind.text, confidence=0.8, labelled=True):
    return Finding(field=field, value=value, extractor=extractor, source=source, confidence=confidence, labelled=labelled)


def act_of(findings):
    return apply_findings(Act(id="a", source=Source(path="x", sha256="0" * 64)), findings)


def test_envelope_beats_stamp_beats_text_and_losers_are_kept():
    act = act_of([f("numero", "12", source=SourceKind.text), f("numero", "2023_12", source=SourceKind.envelope),
                  f("numero", "12b", source=SourceKind.stamp)])
    assert act.numero == "2023_12"
    assert {c.value for c in act.provenance["numero"].conflicts} == {"12", "12b"}


def test_labelled_beats_unlabelled_of_same_source():
    act = act_of([f("objet", "TITRE", "objet:title", labelled=False, confidence=0.9), f("objet", "Vente du lot G", "objet:label")])
    assert act.objet == "Vente du lot G"


def test_template_convocation_is_dropped():
    # a convocation sentence copied from an earlier session, three months before
    kept = cross_check([f("date_decision", date(2023, 2, 16)), f("date_convocation", date(2022, 11, 22))])
    assert [x.field for x in kept] == ["date_decision"]


def test_plausible_convocation_is_kept():
    kept = cross_check([f("date_decision", date(2023, 2, 16)), f("date_convocation", date(2023, 2, 9))])
    assert {x.field for x in kept} == {"date_decision", "date_convocation"}


def test_act_never_takes_the_document_title_as_objet():
    kept = cross_check([f("nature", "deliberation", "nature:deliberation"), f("objet", "EXTRAIT DU REGISTRE", "objet:title")])
    assert not [x for x in kept if x.field == "objet"]


def test_minutes_keep_their_title_not_an_items_number():
    kept = cross_check([f("nature", "autre", "nature:minutes"), f("objet", "PV DU 3 MARS", "objet:title"),
                        f("numero", "2023-01", "numero:act"), f("objet", "Vente", "objet:after-number")])
    assert {(x.field, x.value) for x in kept} == {("nature", "autre"), ("objet", "PV DU 3 MARS")}


def test_whole_file_with_several_ids_keeps_shared_values_only():
    findings = [f("transmission.pref_id", "077-217701929-20220701-DEL20220624_01-DE", "stamp", SourceKind.stamp),
                f("transmission.pref_id", "077-217701929-20220701-DEL20220624_02-DE", "stamp", SourceKind.stamp),
                f("collectivite.siren", "217701929", "stamp:id", SourceKind.derived),
                f("nature", "deliberation", "nature:deliberation"), f("numero", "DEL20220624_01", "numero:act")]
    act = act_of(cross_check(findings, whole_file=True))
    assert act.transmission.pref_id is None and act.numero is None
    assert act.collectivite.siren == "217701929" and act.nature.value == "autre"


def test_acts_of_minutes_inherit_the_authority_and_session_date():
    parent = act_of([f("collectivite.nom", "Commune de Ligny"), f("date_decision", date(2023, 3, 6))])
    member = act_of([f("numero", "2023-02")])
    inherit(member, parent, same_session=True)
    assert member.collectivite.nom == "Commune de Ligny" and member.date_decision == date(2023, 3, 6)
    assert member.provenance["date_decision"].extractor.startswith("file:")


def test_acts_of_a_recueil_keep_their_own_dates():
    parent = act_of([f("date_decision", date(2023, 3, 6))])
    member = act_of([f("numero", "A2023_010")])
    assert inherit(member, parent, same_session=False).date_decision is None
