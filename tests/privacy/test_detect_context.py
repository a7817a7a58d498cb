"""The context of a mention decides (issue 16): a given name makes a "NOM Prénom" a person, who
speaks in the séance or votes is a member of it, an agent named with a function acts in it, the
parties of a sale are persons, the authority's letterhead is no one's personal data.

These are the rules' readings (``scorer=False``): the decision without a trained model, and the
features the learned decision weighs (which may weigh them otherwise: tests/privacy/test_scorer.py)."""

from __future__ import annotations

import pytest

from actes.privacy import detect
from actes.schemas.act import Act, Source


def _found(text: str):
    found, _ = detect(Act(id="t", source=Source(path="t.txt", sha256="0" * 64), text=text), use_nlp=False, scorer=False)
    return found


def _status(text: str, name: str) -> str | None:
    statuses = {d.status for d in _found(text) if d.kind == "person" and name in d.text}
    return statuses.pop() if len(statuses) == 1 else (None if not statuses else "mixed")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a surname in capitals followed by a common noun is no person; with a given name it is
        ("Budget principal - Décision modificative VÉRAGUE Crédits de paiement", "VÉRAGUE", None),
        ("La subvention est versée à VÉRAGUE Élodie, 12 000 €.", "VÉRAGUE", "private"),
        # who speaks in the séance is a member of it
        ("M. Delvaux explique aux conseillers que le contrat est signé.", "Delvaux", "official"),
        ("Mme Tarnier demande pourquoi on délibère avant la commission.", "Tarnier", "official"),
        ("Le maire donne la parole à M. Fresquet.", "Fresquet", "official"),
        # a bare request is not a speech: it may be a private person's
        ("Considérant que M. Paul DORVILLE demande l'acquisition de la parcelle ;", "DORVILLE", "private"),
        # an agent named with the function she acts in
        ("Référents : Madame Célia VARNIER, secrétaire de mairie.", "VARNIER", "official"),
        # a vote tally names councillors
        ("Adoptée par 12 voix pour, 2 contre : Julien MARCOUX, Hélène DORAT.", "DORAT", "official"),
        # a birth name is a person's
        ("Legs de Mme Honorine Castagne née Vermorel à la commune.", "Vermorel", "private"),
    ],
)
def test_context_decides(text, name, expected):
    assert _status(text, name) == expected


def test_the_parties_of_a_sale_are_persons_and_a_company_is_not():
    found = _found("Renonciation de préemption sur la parcelle AB 12 (vente SARL LES PINS/DORGELAN-VIAL).")
    persons = {d.text: d.status for d in found if d.kind == "person"}
    assert persons.get("DORGELAN-VIAL") == "private"
    assert not any("PINS" in name for name in persons)
    assert any(d.kind == "parcel" and d.status == "private" for d in found)


def test_the_authoritys_letterhead_is_not_personal_data():
    text = (
        "Mairie de Valbrune Tél. : 04 92 34 62 77 - 2 place de la Mairie.\n"
        "Vente à M. Jean CORDAZ d'un terrain ; contact : 06 12 34 56 78."
    )
    phones = {d.text: d.status for d in _found(text) if d.kind == "phone"}
    assert "04 92 34 62 77" not in phones
    assert phones.get("06 12 34 56 78") == "private"


def test_a_parcel_of_a_legal_person_is_no_ones_personal_data_unless_a_private_person_is_in_the_deal():
    def parcels(text):
        return {d.text: d.status for d in _found(text) if d.kind == "parcel"}

    text = "Acquisition de la parcelle AM 383 auprès de l'EPAVERT. Cession à M. Jean DORVAL de la maison."
    assert parcels(text) == {}
    assert parcels("Vente à M. Jean DORVAL de la parcelle AB 12 appartenant à la SCI LES PINS.") == {
        "parcelle AB 12": "private"
    }
