"""Private persons the cross-validation on real acts found missed (issue 16; invented names): a
married name before "née" in a flattened table, a person named with an age, a buyer glued to a
rapporteur's name, an association's or a firm's representative, a consultant listed among the
present, the rapporteurs of a table of items, a parcel repeated in another act of the document."""

from __future__ import annotations

from actes.evaluation.privacy import leaked
from actes.privacy import publishable
from actes.privacy.detect import _person_mentions, detect
from actes.privacy.officials import role_next_to
from actes.privacy.seance import DOCUMENT, share_within_document
from actes.privacy.training import _platt
from actes.schemas.act import Act, Source
from actes.schemas.privacy import PersonalData
from tests.privacy.persons import act_of, persons_in


def _names(text: str) -> list[str]:
    return [name for _, _, name, _, _ in _person_mentions(text, use_nlp=False)]


def _private(text: str) -> set[str]:
    found, _ = detect(act_of(text), use_nlp=False)
    return {d.text for d in found if d.kind == "person" and d.status == "private"}


def test_the_married_name_before_nee_is_read():
    text = "TERRAIN - Legs de Mme Odile, Jeanne Luc DARNAULT Approuvée Morvanec née Ferrande à l'unanimité"
    assert "Morvanec née Ferrande" in _names(text)
    assert "Morvanec née Ferrande" in _private(text)
    assert "Madame née" not in " ".join(_names("Madame née Ferrande est présente."))


def test_a_person_named_with_an_age_is_private():
    text = "Le maire salue Nadège. Nadège, âgée de 47 ans, tient la boulangerie depuis vingt ans."
    assert "Nadège" in _names(text)
    assert {"Nadège"} <= _private(text)
    assert "Paul VERNIER" in _names("Paul VERNIER, âgé de 8 ans, est accueilli à la cantine.")


def test_a_name_glued_to_a_known_one_is_cut_apart():
    text = (
        "Rapporteur : Claire MORVAN. Cession d'un terrain situé 20 rue des Lilas à Valbrenne, à Monsieur et "
        "Madame Claire MORVAN FERRANDE. Claire MORVAN présente le rapport."
    )
    names = _names(text)
    assert "FERRANDE" in names and "Claire MORVAN FERRANDE" not in names
    assert "FERRANDE" in _private(text)
    # without a civility the rest is a heading's words, not a person
    assert "PERSONNEL TERRITORIAL" not in _names("Claire MORVAN explique. Claire MORVAN PERSONNEL TERRITORIAL Tableau")


def test_a_representative_of_a_legal_person_is_no_proxy():
    text = "Convention avec l'association Secours de Valbrenne représentée par Monsieur Paul Ferrande pour 900 €."
    start = text.index("Paul")
    assert role_next_to(text, start, start + len("Paul Ferrande")) is None
    assert "Monsieur Paul Ferrande" in _private(text)
    attendance = persons_in("Absents excusés : M. Luc DARNAULT (représenté par M. Jean TOURNE), Mme Anne VEYRAS.")
    assert attendance["M. Jean TOURNE"].get("context:role_before") == 1.0


def test_a_consultant_listed_among_the_present_is_private():
    text = (
        "Compte rendu de la commission Cadre de vie. Présents : M. Luc DARNAULT, Mme Odile VEYRAS, "
        "Mme Anne FERRANDE. Mme Anne FERRANDE, paysagiste du bureau d'études, présente le projet. "
        "Mme FERRANDE précise que les travaux dureront six mois. M. DARNAULT, adjoint au maire, remercie."
    )
    assert persons_in(text)["Mme Anne FERRANDE"].get("context:private_capacity") == 1.0
    private = _private(text)
    assert "Mme Anne FERRANDE" in private and "M. Luc DARNAULT" not in private
    # a capacity for the authority is none: "M. X (président du conseil)" stays official
    council = persons_in("Présents : M. Luc DARNAULT (président du conseil), Mme Odile VEYRAS.")
    assert "context:private_capacity" not in council["M. Luc DARNAULT"]


def test_the_architecte_des_batiments_de_france_is_a_state_agent_not_a_firm():
    text = (
        "Compte rendu de la commission Urbanisme. Présents : M. Luc DARNAULT, Mme Odile VEYRAS, "
        "M. Paul BELCOURT. M. Paul BELCOURT, architecte des bâtiments de France, présente son avis. "
        "M. DARNAULT, adjoint au maire, remercie."
    )
    features = persons_in(text)["M. Paul BELCOURT"]
    assert "context:private_capacity" not in features and "context:represents" not in features
    assert "M. Paul BELCOURT" not in _private(text)
    firm = persons_in(text.replace("architecte des bâtiments de France", "architecte du cabinet Arcature"))
    assert firm["M. Paul BELCOURT"].get("context:private_capacity") == 1.0


def test_the_rapporteurs_of_a_table_of_items_are_officials():
    text = (
        "COMPTE-RENDU DES VOTES Objet Rapporteur Vote D01 FINANCES - Aide Claire MORVAN Approuvée à "
        "l'unanimité D02 VOIRIE - Réfection Claire MORVAN Approuvée à l'unanimité D03 ÉCOLE - Cantine "
        "Luc DARNAULT Approuvée D04 SPORT - Stade Luc DARNAULT Majorité pour 3"
    )
    persons = persons_in(text)
    assert persons["Claire MORVAN"].get("named:rapporteurs") == 1.0
    assert persons["Luc DARNAULT"].get("rules:official") == 1.0
    assert not _private(text)


def test_a_private_parcel_is_hidden_in_every_act_of_the_document_that_shows_it():
    parcel = "parcelle section ZK n°713"

    def act(number: int, text: str, data: list[PersonalData]) -> Act:
        source = Source(path="liste.pdf", sha256="1" * 64)
        return Act(id=f"a{number}", source=source, text=text, nature_actes="DE", personal_data=data)

    first_text = f"Renonciation de préemption sur la {parcel} (vente SARL LES PINS/FERRANDE)"
    start = first_text.index(parcel)
    datum = PersonalData(
        kind="parcel",
        text=parcel,
        start=start,
        end=start + len(parcel),
        status="private",
        confidence=0.8,
        detector="rule:parcel",
    )
    acts = [
        act(1, first_text, [datum]),
        act(2, f"Renonciation de préemption sur la {parcel} (vente SARL LES PINS/SCI DU PORT)", []),
        act(3, "Demande de subvention pour la salle des fêtes", []),
    ]
    share_within_document(acts)
    assert [d.detector for d in acts[1].personal_data] == [DOCUMENT + "rule:parcel"]
    assert acts[2].personal_data == []
    published = publishable(acts[1])
    assert published is not None and published.text and "ZK n°713" not in published.text


def test_a_private_surname_an_official_bears_too_leaks_only_with_its_given_name():
    labels = [
        {"text": "Julien VERNIER", "kind": "person", "status": "official"},
        {"text": "Jean-Paul VERNIER", "kind": "person", "status": "private"},
        {"text": "M. FERRANDE", "kind": "person", "status": "private"},
    ]
    assert not leaked(labels[1], "conseillers julien vernier et claire morvan", labels)
    assert leaked(labels[1], "un portrait de jean paul vernier", labels)
    assert leaked(labels[2], "m ferrande", labels)
    assert leaked(labels[1], "conseillers julien vernier")  # without the file's labels: the surname alone


def test_platt_with_no_private_person_stays_low():
    a, b = _platt([(score / 10, False) for score in range(-30, 30)])
    assert all(1 / (1 + 2.718281828 ** (a * s + b)) < 0.05 for s in (-3.0, 0.0, 3.0))
    a, b = _platt([(score / 10, score > 10) for score in range(-30, 30)])
    assert 1 / (1 + 2.718281828 ** (a * 2.5 + b)) > 0.5 > 1 / (1 + 2.718281828 ** (a * -2.5 + b))


def test_the_partner_of_a_consultant_is_private_unless_a_role_of_its_own():
    text = (
        "Présents : M. Luc DARNAULT, Mme Anne FERRANDE, M. Paul VERNIER. Anne FERRANDE, paysagiste-urbaniste, "
        "mandataire de l'étude, et Paul VERNIER, prennent la parole. Paul VERNIER précise le calendrier."
    )
    assert persons_in(text)["M. Paul VERNIER"].get("context:private_capacity") == 1.0
    assert "M. Paul VERNIER" in _private(text)
    # "X (président du comité des fêtes) et Y, directrice générale des services": Y's role wins
    staff = (
        "Assistaient également : Anne FERRANDE (président du comité des fêtes) et Odile VEYRAS, directrice "
        "générale des services. Odile VEYRAS explique le budget."
    )
    assert "Odile VEYRAS" not in _private(staff)
