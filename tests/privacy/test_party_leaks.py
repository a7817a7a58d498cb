"""Leaks a review of the privacy precision work found with invented acts (issue 16): a party with
weak official evidence published, a rapporteur table read to the end of the text, a person's home
read as a place, a house range or "n°" before a street, a property's address published under a
letterhead, a lieu-dit dropped for an official's name, a private name published in another order."""

from __future__ import annotations

from actes.evaluation.privacy import leaked
from actes.privacy.detect import _named_after_place, _other_data, detect
from actes.privacy.features import weak_evidence_party
from actes.privacy.officials import rapporteur_table
from actes.privacy.scorer import OFFICIAL, PrivacyScorer
from actes.schemas.privacy import PersonalData
from tests.privacy.persons import act_of, persons_in


def _persons(text: str) -> tuple[dict[str, str], str]:
    found, state = detect(act_of(text), use_nlp=False)
    return {d.text: d.status for d in found if d.kind == "person"}, state.review


def _hidden(text: str) -> set[str]:
    found, _ = detect(act_of(text), use_nlp=False)
    return {d.text for d in found if d.status == "private"}


PARTIES = [
    # a resident given the floor
    "Monsieur le Maire donne la parole à Mme Claire MORVAN, riveraine, domiciliée 4 rue des Lilas, qui expose sa "
    "demande d'acquisition de la parcelle AB 12.",
    # a buyer who "présente" her request
    "Mme Claire MORVAN présente sa demande d'achat du terrain communal. Le conseil autorise la vente à Mme Claire "
    "MORVAN au prix de 20 000 euros.",
    # a buyer right after a vote's tally
    "Vote : Pour : 15 Contre : 0. Le conseil vend à Mme Claire MORVAN, demeurant à Valbrenne, la parcelle AB 12.",
    # a tenant later "(excusée)"
    "Le Maire, M. Paul FERRANDE, expose. Le conseil municipal décide de louer le logement communal à Mme Claire "
    "MORVAN, locataire, pour un loyer de 400 euros. Mme Claire MORVAN (excusée).",
]


def test_a_party_with_weak_official_evidence_is_private_or_held():
    for text in PARTIES:
        persons, review = _persons(text)
        assert persons["Mme Claire MORVAN"] == "private", text
        assert review == "pending", text
    # a role of the authority is strong evidence: the mayor who presents the sale stays official
    persons, _ = _persons(PARTIES[3])
    assert persons["M. Paul FERRANDE"] == "official"
    assert not weak_evidence_party(persons_in(PARTIES[3])["M. Paul FERRANDE"])
    # a tally's list ends with its sentence: the buyer after "Contre : 0." is no voter; the voters
    # a tally lists in an act about a sale stay officials
    assert "named:vote_tally" not in persons_in(PARTIES[2])["Mme Claire MORVAN"]
    voters = (
        "Le conseil décide la vente du terrain à la SCI du Moulin au prix de 20 000 euros. "
        "Vote : Pour : 12 Contre : M. Paul FERRANDE, Mme Anne VEYRAS."
    )
    assert _persons(voters)[0] == {"M. Paul FERRANDE": "official", "Mme Anne VEYRAS": "official"}


def test_doubt_is_held_whatever_the_sigmoid():
    # the shipped sigmoid is fitted on the persons with official evidence, of whom few are private:
    # it is nearly flat and decides no one private; the doubt goes to a clerk by the rule instead
    flat = PrivacyScorer({"bias": 1.0}, a=-0.1, b=5.0, low=0.09, high=1.0)
    features = persons_in(PARTIES[1])["Mme Claire MORVAN"]
    assert flat.decide(features)[0] == OFFICIAL and weak_evidence_party(features)
    found, state = detect(act_of(PARTIES[1]), use_nlp=False, scorer=flat)
    assert {d.status for d in found if "MORVAN" in d.text} == {"private"} and state.review == "pending"


def test_the_rapporteur_table_ends_with_its_rows():
    text = (
        "Ordre du jour\nObjet Rapporteur Vote\n1. Budget Paul FERRANDE Unanimité\n"
        "2. Vente d'un terrain Paul FERRANDE Unanimité\n\n"
        "Point 2. Vente d'un terrain. Le conseil décide de vendre la parcelle à Claire MORVAN. "
        "L'acte de vente sera signé avec Claire MORVAN chez le notaire."
    )
    assert rapporteur_table(text) == ("Paul FERRANDE",)
    assert "Claire MORVAN" in _hidden(text)
    # read flat, the parties an item's text names after the table are no rapporteurs either
    flat = text.replace("\n", " ")
    assert "Claire MORVAN" not in rapporteur_table(flat) and "Claire MORVAN" in _hidden(flat)
    # no header, no table: a name before a vote's outcome is a party as often as a rapporteur
    outcome = (
        "Le conseil approuve la vente à Claire MORVAN approuvée à l'unanimité. "
        "La cession à Claire MORVAN adoptée à l'unanimité par le conseil."
    )
    assert rapporteur_table(outcome) == ()
    assert "Claire MORVAN" in _hidden(outcome)


def test_a_persons_home_is_no_place():
    for text in (
        "Le bien, résidence principale de Claire MORVAN, est vendu à la commune.",
        "La maison familiale de Claire MORVAN est acquise par la commune pour 100 000 euros.",
        "La commune loue le jardin potager de Claire MORVAN pour un euro.",
        "Le terrain jouxte la maison voisine de Claire MORVAN.",
        "Subvention au foyer rural Claire MORVAN domiciliée à Valbrenne.",
        "La maison de Claire MORVAN est acquise par la commune.",
    ):
        assert not _named_after_place(text, text.index("Claire")), text
        assert "Claire MORVAN" in _hidden(text), text


def test_a_house_range_or_number_before_a_street_is_an_address():
    for number in ("12-14", "n°4"):
        text = f"Liste des propriétaires : {number} rue des Lilas Claire MORVAN, propriétaire occupante."
        hidden = _hidden(text)
        assert "Claire MORVAN" in hidden, text
        assert any(h.startswith(number.removeprefix("n°")) and "rue des Lilas" in h for h in hidden), text


def test_a_property_address_is_private_where_a_private_person_is_named():
    hidden = _hidden("Mairie de Valbrenne. Le logement sis 4 rue des Lilas est attribué à Claire MORVAN, locataire.")
    assert "Claire MORVAN" in hidden and any("rue des Lilas" in h for h in hidden)


def test_a_lieu_dit_outside_a_rapporteur_table_is_an_address():
    text = "Vente d'une parcelle au lieudit Claire MORVAN à M. Paul FERRANDE. Claire MORVAN, adjointe, expose."
    start = text.index("Claire")
    official = PersonalData(
        kind="person",
        text="Claire MORVAN",
        start=start,
        end=start + len("Claire MORVAN"),
        status="official",
        confidence=0.9,
        detector="rule:name-form",
    )
    assert [d for d in _other_data(text, True, [official]) if d.kind == "address"]


def test_a_private_name_leaks_in_any_order_or_with_initials():
    labels = [
        {"text": "Julien VERNIER", "kind": "person", "status": "official"},
        {"text": "Jean-Paul VERNIER", "kind": "person", "status": "private"},
    ]
    for published in ("vernier jean paul", "j p vernier", "m vernier jean paul expose", "jean paul dit vernier"):
        assert leaked(labels[1], published, labels), published
    assert not leaked(labels[1], "m julien vernier expose le budget", labels)
