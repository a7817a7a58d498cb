"""What the learned decision reads around a person (issue 16, measured on real acts): a table of
attendance, the guests of a commission, the president of a legal person, a role given "en
qualité de", a report "présenté au nom de la commission par", a place named after someone; and
the written forms the features must not misread ("M." is a civility, not an initial)."""

from __future__ import annotations

import pytest

from actes.privacy.detect import _named_after_place, persons_of, prepare
from actes.privacy.officials import attendance_blocks, guest_blocks, role_next_to
from actes.schemas.act import Act, Source


def _persons(text: str) -> dict[str, dict[str, float]]:
    act = Act(id="t", source=Source(path="t.txt", sha256="0" * 64), text=text)
    return {max((m.text for m in p.mentions), key=len): p.features for p in persons_of(prepare(act, use_nlp=False))}


def test_a_table_of_attendance_names_officials():
    persons = _persons(
        "Ville Titre NOM Prénom Présent Vote Morvanec M. BRANLARD Alain Présent P Morvanec Mme | QUINTARD Odile "
        "Absent - Lussey M. VERDANNE Rémi Repr. Mme Quintard P Lussey M. FOLLAIN Paul Présent P"
    )
    for name in ("M. BRANLARD Alain", "M. VERDANNE Rémi", "M. FOLLAIN Paul"):
        assert persons[name].get("named:attendance") == 1.0, name
        assert persons[name].get("context:presence_word_after") == 1.0, name
    # one name with "présent" after it is a remark, not a table
    alone = _persons("La vente est consentie à M. Paul FOLLAIN présent à la signature.")
    assert "named:attendance" not in alone["M. Paul FOLLAIN"]


def test_the_next_lists_label_is_no_presence_word():
    persons = _persons("Présents : M. Jean ROUVIER, Mme Anne LESTRADE Excusés : M. Paul GRANET.")
    assert "context:presence_word_after" not in persons["Mme Anne LESTRADE"]


def test_guests_are_not_in_the_members_list():
    text = (
        "Membres présents : Jacques BRAULOT, Julie GANDRIN. Assistaient également : Guy LERIVET "
        "(président des randonneurs du canton) Arnaud COURTIN et Paul SERMET."
    )
    (members,) = attendance_blocks(text)
    assert text[members[0] : members[1]].strip().startswith("Jacques BRAULOT")
    assert "LERIVET" not in text[members[0] : members[1]]
    (guests,) = guest_blocks(text)
    assert "COURTIN" in text[guests[0] : guests[1]]
    persons = _persons(text)
    assert persons["Guy LERIVET"].get("context:guests_block") == 1.0
    assert "named:attendance" not in persons["Guy LERIVET"]
    assert persons["Jacques BRAULOT"].get("named:attendance") == 1.0


def test_a_count_of_those_present_is_no_list():
    text = (
        "Nombre de présents : 14 Représentés : 1 La parcelle AR 12 a été réservée par M. JACQUIN. Le prix est de 49 €."
    )
    assert attendance_blocks(text) == []


def test_a_list_ends_where_prose_starts_again():
    text = (
        "Absents : M. Pierre LANDRY. Le Conseil Municipal est réuni en Mairie. M. le MAIRE informe du décès "
        "de Mme Lucie GRIMBERT à l'âge de 94 ans."
    )
    ((start, end),) = attendance_blocks(text)
    assert "LANDRY" in text[start:end] and "GRIMBERT" not in text[start:end]


def test_a_list_ends_where_prose_starts_again_even_when_guests_are_listed_later():
    text = (
        "Présents : M. Jean ROUVIER, Mme Anne LESTRADE. Le Conseil Municipal est réuni en Mairie. M. le Maire "
        "informe du décès de Mme Lucie GRIMBERT. Assistaient également : M. Paul SERMET"
    )
    ((start, end),) = attendance_blocks(text)
    assert "LESTRADE" in text[start:end] and "GRIMBERT" not in text[start:end]


@pytest.mark.parametrize(
    ("after", "official"),
    [
        (", président de la communauté de communes", True),
        (", Président du SIVOM", True),
        (" (Président des randonneurs du canton)", False),
        (" le président du club", False),
        (", présidente de l'association", False),
        (" en qualité de conseillers municipaux", True),
        (", colonel, directeur départemental", True),
    ],
)
def test_a_role_is_the_authoritys_or_the_states_not_a_legal_persons(after, official):
    text = "M. Paul GRANET" + after
    assert (role_next_to(text, 0, len("M. Paul GRANET")) is not None) is official


def test_a_report_presented_for_a_commission_names_its_rapporteur():
    persons = _persons("Sur le rapport présenté au nom de la 2e commission par M. Vardelli ; APRÈS EN AVOIR DÉLIBÉRÉ")
    assert persons["M. Vardelli"].get("cue:rapporteur") == 1.0
    assert persons["M. Vardelli"].get("rules:official") == 1.0


def test_an_application_presented_by_a_person_names_no_rapporteur():
    persons = _persons(
        "Vu le dossier de demande de permis de construire présenté par M. Paul DURAND, demeurant 4 rue des Lilas"
    )
    features = persons["M. Paul DURAND"]
    assert "cue:rapporteur" not in features and "rules:official" not in features


def test_a_civility_is_read_as_one_and_not_as_an_initial():
    features = _persons("Le marché est confié à M. BRANLARD Alain pour 3 000 €.")["M. BRANLARD Alain"]
    assert features.get("civility") == 1.0 and "shape:initial" not in features
    assert _persons("Le marché est confié à J. BRANLARD pour 3 000 €.")["J. BRANLARD"].get("shape:initial") == 1.0


def test_the_speech_verb_demande_is_no_private_request():
    features = _persons("M. BURLIER demande si le calendrier est tenu.")["M. BURLIER"]
    assert "cue:request" not in features
    assert _persons("Vu la demande de M. Paul BURLIER du 3 mars ;")["M. Paul BURLIER"].get("cue:request") == 1.0


@pytest.mark.parametrize(
    ("before", "numbered", "place"),
    [
        ("les résidences Ambroise CROIZET et ", False, True),
        ("la démolition de l'école Gabrielle et ", False, True),
        ("33, rue du Commandant ", True, True),
        # whoever follows a numbered address may live there: the rules still read the name
        ("domiciliés 4 rue des Lilas ", False, False),
        ("le logement est loué à ", True, False),
    ],
)
def test_a_name_that_ends_a_places_name_is_no_person(before, numbered, place):
    text = before + "Jean Morvan"
    assert _named_after_place(text, len(before), numbered=numbered) is place


def test_a_consultants_trade_is_a_legal_persons_cue():
    text = "Laure THIERRY, paysagiste-urbaniste, mandataire de l'étude, présente les fiches actions."
    assert _persons(text)["Laure THIERRY"].get("cue:represents") == 1.0


def test_a_plural_civility_names_each_of_its_list_and_a_civility_may_touch_the_name():
    persons = _persons("Recrutement de trois agents recenseurs (Mesdames PEDRANT, PERNOT et Monsieur LUGARIN).")
    assert {"Mesdames PEDRANT", "PERNOT", "Monsieur LUGARIN"} <= set(persons)
    assert "Mesdames et Messieurs" not in " ".join(_persons("Mesdames et Messieurs les Conseillers Municipaux"))
    assert "M.AUDRAIN" in _persons("Visite en présence M.AUDRAIN (propriétaire de l'ancienne clinique).")
