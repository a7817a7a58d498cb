"""Leaks a review of the privacy precision work found with invented acts (issue 16): a party with
weak official evidence published, a rapporteur table read to the end of the text, a person's home
read as a place, a house range or "n°" before a street, a property's address published under a
letterhead, a lieu-dit dropped for an official's name, a private name published in another order.
A second review's variants: a tally's list read past its line, a ";" or a dash; a party's name read
as a row of a table (with or without its header) or after "le rapport de <a body>"; a proxy word
before a buyer; the rules alone (no model) publishing a party with weak evidence."""

from __future__ import annotations

from actes.evaluation.privacy import leaked
from actes.privacy.detect import _named_after_place, _other_data, detect
from actes.privacy.features import weak_evidence_party
from actes.privacy.officials import rapporteur_table
from actes.privacy.scorer import OFFICIAL, PrivacyScorer
from tests.privacy.persons import act_of, official_mention, persons_in


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
    official = official_mention(text, "Claire MORVAN")
    assert [d for d in _other_data(text, True, [official]) if d.kind == "address"]


def test_a_private_name_leaks_in_any_order_or_with_initials():
    labels = [
        {"text": "Julien VERNIER", "kind": "person", "status": "official"},
        {"text": "Jean-Paul VERNIER", "kind": "person", "status": "private"},
    ]
    for published in ("vernier jean paul", "j p vernier", "m vernier jean paul expose", "jean paul dit vernier"):
        assert leaked(labels[1], published, labels), published
    assert not leaked(labels[1], "m julien vernier expose le budget", labels)


def _features(text: str, name: str = "Claire MORVAN") -> dict[str, float]:
    return next(f for k, f in persons_in(text).items() if name in k)


def test_a_tallys_list_ends_at_a_line_a_semicolon_a_dash_or_a_civility():
    for text in (
        "Vote : Pour : 15 Contre : 0\nLe conseil vend à Mme Claire MORVAN, demeurant à Valbrenne, la parcelle AB 12.",
        "Vote : Pour : 15 ; Contre : 0 ; le conseil vend à Mme Claire MORVAN la parcelle AB 12.",
        "Abstentions : 0 - vente du terrain à Claire MORVAN pour 20 000 euros, parcelle AB 12.",
        "Contre : 0. M. le Maire vend à Mme Claire MORVAN la parcelle AB 12.",
    ):
        assert "named:vote_tally" not in _features(text), text
        persons, review = _persons(text)
        assert set(persons.values()) == {"private"} and review == "pending", text
    # the voters a bracket, a line or a list holds are still read
    for voters in (
        "Le conseil adopte le budget. Contre : 2 (M. Paul FERRANDE ; Mme Anne VEYRAS).",
        "Le conseil adopte le budget. Contre :\nM. Paul FERRANDE, Mme Anne VEYRAS",
    ):
        persons, _ = _persons(voters)
        assert persons == {"M. Paul FERRANDE": "official", "Mme Anne VEYRAS": "official"}, voters
    # read after a report's cue, a party in its own sentence is doubtful all the same
    features = {"cue:rapporteur": 1.0, "rules:official": 1.0, "cue:sale": 0.5}
    assert weak_evidence_party(features) and not weak_evidence_party({**features, "cue:sale": 0.0})


def test_no_header_no_party_read_as_a_row():
    for text in (
        "La candidature de Claire MORVAN approuvée à l'unanimité pour le logement communal, loyer 400 euros. "
        "Le bail de Claire MORVAN approuvé par le conseil.",
        "Vente de la parcelle AB 12 : offre de Claire MORVAN adoptée à l'unanimité. "
        "Promesse entre la commune et Claire MORVAN adoptée.",
    ):
        assert rapporteur_table(text) == (), text
        assert "Claire MORVAN" in _hidden(text), text
    # rows that follow one another still give their rapporteur, rows far apart in prose do not
    rows = "1. Budget Paul FERRANDE Approuvée 2. Personnel Paul FERRANDE Approuvée "
    assert rapporteur_table(rows) == ("Paul FERRANDE",)
    prose = "Le conseil examine le dossier. La commune en débat longuement. Chacun donne son avis. "
    assert rapporteur_table(rows.replace("2.", prose + "2.")) == ()


def test_the_rapporteur_table_reads_rows_not_the_parties_after_it():
    header = "Objet Rapporteur\nVente terrain Paul FERRANDE Unanimité\nBail rural Paul FERRANDE Unanimité\n"
    for text in (
        header + "Cession de la parcelle AB 12 : Claire MORVAN acquéreur ; bail : Claire MORVAN locataire.",
        header + "Cession de la parcelle AB 12, acquéreur Claire MORVAN, demeurant 4 rue des Lilas. "
        "Claire MORVAN signera l'acte.",
        # read flat, a name in a row's shape after a run of prose is no row
        header.replace("\n", " ") + "Le conseil examine la vente du terrain. La commune cède le bien. "
        "Claire MORVAN Acquéreur du lot signe. Le prix est fixé. Claire MORVAN Propriétaire voisine accepte.",
    ):
        assert rapporteur_table(text) == ("Paul FERRANDE",), text
        persons, _ = _persons(text)
        assert persons["Paul FERRANDE"] == "official" and persons["Claire MORVAN"] == "private", text


def test_the_rapporteur_cue_leads_to_the_name():
    for text in (
        "Vu l'avis et le rapport de France Domaine, vente à Mme Claire MORVAN de la parcelle AB 12 pour 20 000 euros.",
        "Suite à l'exposé de la demande, le conseil loue à Mme Claire MORVAN le logement communal, 4 rue des Lilas.",
    ):
        assert "cue:rapporteur" not in _features(text), text
        hidden = _hidden(text)
        assert "Mme Claire MORVAN" in hidden, text
    assert any("rue des Lilas" in h for h in hidden)
    for text in (
        "Sur le rapport de M. Paul FERRANDE, le conseil adopte le budget.",
        "Le rapport présenté par Paul FERRANDE est adopté.",
    ):
        assert "cue:rapporteur" in _features(text, "Paul FERRANDE"), text


def test_a_partys_capacity_beats_a_proxy_word():
    text = "La commune vend la parcelle AB 12. Pouvoir à Claire MORVAN, acquéreur, demeurant 4 rue des Lilas."
    assert "context:role_before" not in _features(text)
    assert "Claire MORVAN" in _hidden(text)
    # a proxy in the attendance list stays official
    persons, _ = _persons("Pouvoirs : M. Paul FERRANDE donne pouvoir à Mme Anne VEYRAS. Le conseil adopte le budget.")
    assert persons["Mme Anne VEYRAS"] == "official"


def test_doubt_is_held_with_the_rules_alone():
    for text in PARTIES:
        found, state = detect(act_of(text), use_nlp=False, scorer=False)
        assert {d.status for d in found if "MORVAN" in d.text} == {"private"}, text
        assert state.review == "pending", text
    found, _ = detect(act_of(PARTIES[3]), use_nlp=False, scorer=False)
    assert {d.status for d in found if "FERRANDE" in d.text} == {"official"}
