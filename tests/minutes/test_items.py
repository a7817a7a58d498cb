"""The item reader on invented minutes: numbered points, act numbers, capital headings, agendas."""

from __future__ import annotations

from actes.minutes import items as rules
from actes.minutes.items import read_items

HEAD = "Présents : M. Paul DURAND, Mme Claire MOREAU, M. Jean PETIT. Secrétaire de séance : M. Jean PETIT. "


def test_numbered_points_after_an_agenda_are_the_body_s():
    text = (
        HEAD + "Ordre du jour : 1 - Approbation du procès-verbal 2 - Tarifs de la cantine 3 - Questions diverses "
        "1 - Approbation du procès-verbal du 3 mars Rapporteur : M. le Maire Le procès-verbal est adopté à l'unanimité. "
        "2 - Tarifs de la cantine Monsieur le Maire présente les tarifs proposés pour l'année scolaire prochaine. "
        "Après en avoir délibéré, par 12 voix pour et 3 voix contre, le conseil adopte les tarifs. "
        "3 - Questions diverses Monsieur PETIT demande la date de la fête du village."
    )
    items = read_items(text)
    assert [i.objet for i in items] == [
        "Approbation du procès-verbal du 3 mars",
        "Tarifs de la cantine",
        "Questions diverses",
    ]
    assert items[0].rapporteur == "M. le Maire" and items[0].outcome == "adopted" and items[0].votes["unanimite"]
    assert items[1].votes == {"pour": 12, "contre": 3} and items[1].outcome == "adopted"
    assert items[2].outcome == "information"
    assert all(a.end <= b.start for a, b in zip(items, items[1:], strict=False))


def test_a_point_with_more_votes_against_is_rejected_and_sub_points_carry_their_rubric():
    text = (
        HEAD
        + "1. Finances 1.1 Budget annexe de l'eau Le budget est présenté au conseil en détail. VOTE : 10 POUR 0 CONTRE "
        "1.2 Subvention au club de football Le Maire présente la demande du club. 4 voix pour, 9 voix contre. "
        "2. Urbanisme et travaux du centre Le conseil prend acte du rapport annuel présenté par l'adjoint."
    )
    items = read_items(text)
    assert [i.label for i in items] == ["1.1", "1.2", "2"]
    assert items[0].rubrique == "Finances" and items[1].rubrique == "Finances"
    assert items[1].outcome == "rejected" and items[2].outcome == "prend acte"


def test_act_numbers_and_capital_headings():
    numbered = (
        HEAD + "N° 2023-010 JEUNESSE – Convention de prêt du minibus Vu le code général. ADOPTÉ À L'UNANIMITÉ "
        "N° 2023-011 Convention de formation des animateurs Vu le code général. ADOPTÉ À L'UNANIMITÉ"
    )
    assert [i.numero for i in read_items(numbered)] == ["2023-010", "2023-011"]
    caps = (
        HEAD + "Le procès-verbal de la séance précédente est approuvé à l'unanimité. VENTE D'UN TERRAIN COMMUNAL "
        "La parcelle est réservée par un acquéreur. Le Conseil accepte à l'unanimité. CONVENTION DE SERVITUDE "
        "Le gestionnaire du réseau demande une servitude. Le Conseil approuve à l'unanimité cette convention."
    )
    items = read_items(caps)
    assert [i.objet for i in items][1:] == ["VENTE D'UN TERRAIN COMMUNAL", "CONVENTION DE SERVITUDE"]
    assert items[0].objet.startswith("Le procès-verbal")


def test_leaving_and_not_voting_are_noted_on_their_point():
    text = (
        HEAD + "1 - Compte administratif Madame MOREAU quitte la séance pour le vote. Adopté à l'unanimité. "
        "2 - Subvention à l'association M. DURAND, président de l'association, ne prend pas part au vote. Adopté par 2 voix pour."
    )
    items = read_items(text)
    assert "quitte la séance" in items[0].moves[0][0] and "ne prend pas part au vote" in items[1].moves[0][0]


def test_an_agenda_alone_or_a_single_act_is_not_split():
    assert read_items(HEAD + "Ordre du jour : 1 - Budget 2 - Tarifs 3 - Personnel 4 - Questions diverses") == []
    assert (
        read_items(HEAD + "Objet : tarifs de la cantine. Le conseil, après en avoir délibéré, adopte les tarifs.") == []
    )


def test_affaires_numbered_are_points():
    text = (
        "Présents : M. Paul DURAND, Mme Claire MOREAU. Affaire n° 1 : Tarifs de la cantine scolaire "
        "Le Président expose le dossier. Le bureau, à l'unanimité, décide d'adopter les tarifs. "
        "Affaire n° 2 : Vente d'un terrain communal Le Président expose le dossier. "
        "Le bureau, à l'unanimité, approuve la vente."
    )
    items = read_items(text)
    assert [i.objet for i in items] == ["Tarifs de la cantine scolaire", "Vente d'un terrain communal"]
    assert all(i.outcome == "adopted" for i in items)


def test_a_summary_s_vote_after_the_heading_is_not_part_of_the_objet():
    text = (
        HEAD + "Point n°1 Tarifs de la voirie DCM 23.1.4 | A l'unanimité "
        "Point n°2 Vente d'un terrain communal DCM 23.1.5 | A la majorité avec 25 voix pour et 3 abstentions "
        "Point n°3 Rapport annuel du syndicat DCM 23.1.6 | Prend acte"
    )
    items = read_items(text)
    assert [i.objet for i in items][:2] == ["Tarifs de la voirie DCM 23.1.4", "Vente d'un terrain communal DCM 23.1.5"]
    assert [i.outcome for i in items] == ["adopted", "adopted", "prend acte"]
    assert items[1].votes.get("pour") == 25 and items[1].votes.get("abstentions") == 3


def test_an_objet_ends_where_the_body_or_a_remark_begins():
    def title(text: str) -> str | None:
        return rules._title(text, 0, len(text))[0]

    # a colon then the council deciding, in lower case
    assert title("Recrutement agents recenseurs : le Conseil Municipal, à l'unanimité, décide") == (
        "Recrutement agents recenseurs"
    )
    # a parenthesis that runs on: a remark of the body, not part of the objet
    remark = "(On rappelle que les réunions du bureau sans vote ne donnent lieu à aucun compte-rendu écrit ni affiché"
    assert title(f"Approbation du compte-rendu du bureau du 14 mai 2025 {remark}") == (
        "Approbation du compte-rendu du bureau du 14 mai 2025"
    )
    # a short parenthesis stays
    assert title("Tarifs de la cantine (DM n° 2) Le Maire expose") == "Tarifs de la cantine (DM n° 2)"
    # "– Adoption à l'unanimité" after the heading is its vote
    text = "le procès-verbal de la séance du 4 décembre 2019 – Adoption à l'unanimité. Le Maire expose"
    assert (
        rules._vote_cut(text, *rules._title(text, 0, len(text)))[0]
        == "le procès-verbal de la séance du 4 décembre 2019"
    )


def test_a_heading_in_capitals_stops_at_its_rapporteur():
    text = (
        HEAD + "1 / APPROBATION DU COMPTE DE GESTION 2022 RAPPORTEUR : Monsieur Paul DURAND Le compte est présenté. "
        "Le conseil approuve à l'unanimité. 2 / VOTE DES TAUX RAPPORTEUR : Madame Claire MOREAU Les taux sont "
        "présentés. Le conseil adopte les taux à l'unanimité."
    )
    assert [i.objet for i in read_items(text)] == ["APPROBATION DU COMPTE DE GESTION 2022", "VOTE DES TAUX"]


def test_an_outcome_told_in_the_heading_and_a_report_s_outcome():
    text = (
        HEAD + "1) Le procès-verbal de la séance du 3 mars est approuvé à l'unanimité "
        "2) Décisions du Maire Le Maire rend compte des décisions prises par délégation : il approuve le devis de "
        "la toiture et décide de louer le logement. "
        "3) Tarifs de voirie A la majorité avec une abstention de M. Jean PETIT. "
        "4) Vote du budget primitif "
        "5) DECISIONS MUNICIPALES PRISES EN DELEGATION PAR LE MAIRE Décision 2023-04 : le Maire accepte le devis. "
        "6) LE CONSEIL PREND ACTE DU RAPPORT ANNUEL DU SYNDICAT DES EAUX"
    )
    items = rules.items_at(text, rules._candidates(text, 0, len(text))["arabic"], len(text))
    assert [i.outcome for i in items] == ["adopted", "information", "adopted", None, "information", "prend acte"]


def test_a_heading_that_names_information_or_communication_is_adopted_when_its_point_is_voted():
    """Only the decisions taken by delegation (and "questions diverses") are information whatever their
    text quotes; a post of "chargé de communication" or a "système d'information" voted on is adopted."""
    from actes.minutes.items import _outcome

    voted = "… le conseil décide … Pour : 15 Contre : 0"
    assert _outcome(voted, 0, len(voted), "Création d'un poste de chargé de communication", {"pour": 15, "contre": 0}) == "adopted"
    assert _outcome(voted, 0, len(voted), "Adhésion au service commun des systèmes d'information", {"pour": 15}) == "adopted"
    assert _outcome(voted, 0, len(voted), "Décisions prises par le Maire par délégation", {"pour": 15}) == "information"
    quiet = "Le maire présente les travaux de l'été."
    assert _outcome(quiet, 0, len(quiet), "Informations diverses", {}) == "information"


def test_an_election_by_absolute_majority_is_no_adoption():
    from actes.minutes.items import _outcome

    text = "Point retiré de l'ordre du jour. L'élection a lieu à la majorité absolue."
    assert _outcome(text, 0, len(text), "Élection d'un délégué", {}) == "withdrawn"


def test_a_majority_of_the_votes_cast_is_an_adoption():
    from actes.minutes.items import _outcome

    for text in ("Après en avoir délibéré, à la majorité des suffrages exprimés.",
                 "Le conseil municipal, à la majorité des voix (2 contre)."):
        assert _outcome(text, 0, len(text), "Tarifs de la cantine", {}) == "adopted"
