"""Leaks a review of issue 16's precision work found (invented names): a singular role after
the next name, a company's "repr." outside an attendance table, an address or parcel far from a
name only NER read in a sale, a phone whose separators change once."""

from __future__ import annotations

from actes.privacy.detect import _other_data
from actes.privacy.officials import role_next_to
from actes.privacy.patterns import P_PHONE
from actes.schemas.privacy import PersonalData
from tests.privacy.persons import persons_in


def test_a_singular_role_after_the_next_name_is_that_ones_only():
    persons = persons_in(
        "Vu la vente de la parcelle AB 12 appartenant à Madame Odile FERRANDE et Monsieur Pierre GAUBIAC, "
        "adjoint au maire, au prix de 12 000 euros."
    )
    assert "context:role_after" not in persons["Madame Odile FERRANDE"]
    assert "rules:official" not in persons["Madame Odile FERRANDE"]
    assert persons["Monsieur Pierre GAUBIAC"].get("context:role_after") == 1.0
    comma = persons_in("Vente du terrain à Mme Odile FERRANDE, M. Pierre GAUBIAC, conseiller municipal, au prix fixé.")
    assert "rules:official" not in comma["Mme Odile FERRANDE"]


def test_a_plural_role_after_the_next_name_is_still_boths():
    persons = persons_in("Madame Odile FERRANDE et Monsieur Pierre GAUBIAC, conseillers municipaux, sont présents.")
    assert persons["Madame Odile FERRANDE"].get("context:role_after") == 1.0


def test_a_companys_representative_is_no_proxy():
    text = "Cession du lot n° 3 à la SCI des Tilleuls, repr. M. Jean VALMORE, pour un prix de 40 000 euros."
    persons = persons_in(text)
    assert "context:role_before" not in persons["M. Jean VALMORE"]
    assert "rules:official" not in persons["M. Jean VALMORE"]
    start = text.index("M. Jean")
    assert role_next_to(text, start, start + len("M. Jean VALMORE")) is None


def test_repr_in_an_attendance_table_is_a_proxy():
    table = persons_in(
        "Morvanec M. BRANLARD Alain Repr. M. Vercoutre P Lussey M. FOLLAIN Paul Présent P "
        "Ardoin Mme CLARET Anne Présente P"
    )
    assert table["M. Vercoutre"].get("context:role_before") == 1.0
    block = persons_in("Présents : M. Luc DARNAULT, Mme Anne VEYRAS repr. M. Paul ORSAY, M. Jean TOURNE.")
    assert block["M. Paul ORSAY"].get("context:role_before") == 1.0


def _ner_only(text: str, name: str) -> PersonalData:
    start = text.index(name)
    return PersonalData(
        kind="person", text=name, start=start, end=start + len(name), status="private", confidence=0.75,
        detector="nlp:ner",
    )


def test_a_sales_address_and_parcel_are_hidden_however_far_the_owner():
    text = (
        "Le conseil approuve l'acquisition du bien appartenant à Odile Ferrande. "
        + "Considérant l'intérêt du projet pour la commune de Valbrenne. " * 6
        + "Le bien, 14 rue des Glycines, correspond à la parcelle cadastrée section AB n° 123."
    )
    found = _other_data(text, True, [_ner_only(text, "Odile Ferrande")])
    assert any(d.kind == "parcel" for d in found)
    assert any(d.kind == "address" and "Glycines" in d.text for d in found)


def test_a_parcel_is_hidden_however_far_a_ner_only_name_without_a_sale():
    text = "Rapport de Odile Ferrande. " + "Le département autorise la structure. " * 8 + "Parcelle AB n° 45."
    assert any(d.kind == "parcel" for d in _other_data(text, True, [_ner_only(text, "Odile Ferrande")]))


def test_a_phone_whose_separators_change_once_or_wrap_is_a_phone():
    for phone in ("06.12.34 56 78", "01 46 12-96-05", "06 12 34\n56 78", "01 46 12 96 05", "0612345678"):
        assert P_PHONE.search(f"joindre au {phone} avant midi"), phone
    for not_phone in ("arrêté du 03 2023 15 32", "décisions n° 23-05 23-13 23-14"):
        assert not P_PHONE.search(not_phone), not_phone


def test_a_petitioner_by_letter_does_not_speak_in_the_seance():
    persons = persons_in(
        "Par courrier du 3 mars, Monsieur Octave LANDRIEU remarque que la haie communale empiète sur sa propriété. "
        "M. Paul ORSAY, adjoint au maire, explique que la haie sera taillée."
    )
    assert "rules:official" not in persons["Monsieur Octave LANDRIEU"]
    assert persons["M. Paul ORSAY"].get("rules:official") == 1.0
    text = "Le maire donne la parole à Monsieur Octave LANDRIEU. M. Octave LANDRIEU remarque que la haie est haute."
    assert persons_in(text)["Monsieur Octave LANDRIEU"].get("rules:official") == 1.0


def test_an_act_about_a_sale_is_told_by_the_verbs_forms_not_by_a_weekday_or_a_street():
    from actes.privacy.detect import P_PROPERTY_CUE

    assert all(P_PROPERTY_CUE.search(t) for t in ("la parcelle cédée à", "céder le bien", "vendue à", "il cède"))
    assert not any(P_PROPERTY_CUE.search(t) for t in ("vendredi 3 mars", "résidence Les Cèdres"))
