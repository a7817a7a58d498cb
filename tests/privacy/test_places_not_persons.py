"""What the cross-validation on real acts hid though no one's (issue 16; invented names): a thing's
place with no private person, a building named after someone behind a qualifier, a place's whole
name read by NER, an establishment's acronym, an item's number taken for a house number, a
rapporteur's name run into a "lieu-dit"."""

from __future__ import annotations

from actes.privacy.detect import _named_after_place, _other_data, _person_mentions, detect
from tests.privacy.persons import act_of, official_mention


def _hidden(text: str) -> set[str]:
    found, _ = detect(act_of(text), use_nlp=False)
    return {d.text for d in found if d.status == "private"}


def test_a_things_place_is_no_ones_home_without_a_private_person():
    assert not _hidden("5.4. Avis sur la création d'une chambre funéraire sise 7 rue des Tanneurs à Valbrenne.")
    # someone's home stays private wherever it stands
    assert any(
        "rue des Lilas" in h for h in _hidden("Le dossier est transmis, le pétitionnaire demeurant 4 rue des Lilas.")
    )


def test_a_building_named_after_someone_behind_a_qualifier_is_a_place():
    for before in ("la résidence autonomie ", "à la Maison des loisirs ", "le complexe sportif ", "DM N°2 RPA "):
        assert _named_after_place(before + "Claire Morvan", len(before)), before
    for before in ("le logement est loué à ", "au foyer où réside ", "4 rue des Lilas ", "la maison appartenant à "):
        assert not _named_after_place(before + "Claire Morvan", len(before)), before
    assert not _person_mentions("14 – DM N°2 RPA Ambroise VALBRENNE Madame la Présidente expose.", False)


def test_a_rapporteurs_name_run_into_a_lieu_dit_is_no_address():
    text = (
        "Objet Rapporteur Vote D01 Budget Claire MORVAN Approuvée D02 Acquisition d'une parcelle au lieudit "
        "Claire MORVAN « Le Clos » auprès de Monsieur Paul FERRANDE Approuvée"
    )
    official = official_mention(text, "Claire MORVAN", "lieudit")
    assert not [d for d in _other_data(text, True, [official]) if d.kind == "address"]
    assert [
        d
        for d in _other_data("Vente au lieudit Les Vernes à M. Paul FERRANDE", True, [official])
        if d.kind == "address"
    ]
