"""Named votes: read per point, resolved to the séance's members, exported and checked."""

from __future__ import annotations

import csv
import json

from actes.exporters.package import export_package
from actes.extraction import acts_of_document
from actes.minutes.named_votes import read_named_votes
from actes.schemas.seance import Presence, Seance
from tests.factories import make_document
from tests.minutes.test_seance import MINUTES

SEANCE = Seance(
    id="s",
    presences=[
        Presence(nom=n, statut="present") for n in ("Serge LACOT", "Claire MOREAU", "DURAND Paul", "Jean PETIT")
    ],
)


def test_votes_are_named_only_for_members_of_the_seance():
    text = (
        "Le procès-verbal est approuvé, Monsieur Serge LACOT s'abstient de voter. Votes contre : M. DURAND, Mme Claire MOREAU. "
        "Abstention du groupe Agir. M. PETIT ne prend pas part au vote. Contre : M. Inconnu TIERS."
    )
    found = [(v.nom, v.vote) for v in read_named_votes(text, 0, len(text), SEANCE)]
    assert found == [
        ("Serge LACOT", "abstention"),
        ("DURAND Paul", "contre"),
        ("Claire MOREAU", "contre"),
        ("Jean PETIT", "ne prend pas part"),
    ]
    assert read_named_votes(text, 0, len(text), None) == []


POINTS = """
1 - Budget primitif de la commune
Monsieur le Maire présente le budget primitif de l'exercice, équilibré en recettes et en dépenses, et les
principaux investissements prévus pour l'année. Après en avoir délibéré, le conseil municipal adopte le budget
par 4 voix pour et 2 voix contre. Votes contre : M. Luc PETIT, Mme Anne LEROY, M. Hugo GRIS.
2 - Tarifs de la salle des fêtes
Madame MOREAU présente les nouveaux tarifs de location de la salle des fêtes pour les associations et les
habitants de la commune. Mme Anne LEROY ne prend pas part au vote. Le conseil adopte les tarifs à l'unanimité.
"""


def test_named_votes_are_exported_validated_and_checked_against_the_totals(tmp_path):
    acts = acts_of_document(make_document(MINUTES + POINTS))
    points = [a for a in acts if a.item is not None]
    assert [a.objet for a in points] == ["Budget primitif de la commune", "Tarifs de la salle des fêtes"]
    assert [(v.nom, v.vote) for v in points[0].item.votes_nominatifs] == [
        ("Luc PETIT", "contre"),
        ("Anne LEROY", "contre"),
        ("Hugo GRIS", "contre"),
    ]
    assert points[1].item.non_votants == ["Anne LEROY"]
    assert "named-votes-exceed-count" in [p.slug for p in points[0].problems]  # three named against, two counted

    export_package(acts, tmp_path)
    rows = list(csv.DictReader((tmp_path / "votes_nominatifs.csv").open(encoding="utf-8", newline="")))
    assert [(r["ORDRE"], r["ELU_NOM"], r["VOTE"]) for r in rows] == [
        ("1", "Luc PETIT", "contre"),
        ("1", "Anne LEROY", "contre"),
        ("1", "Hugo GRIS", "contre"),
        ("2", "Anne LEROY", "ne prend pas part"),
    ]
    validation = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))
    tasks = {t["name"]: t for t in validation["frictionless"]["resources"]}
    assert tasks["votes_nominatifs"]["valid"], tasks["votes_nominatifs"]


def test_a_vote_after_an_attendance_list_of_hundreds_of_names_is_read():
    # The subjects are looked for just before the verb: a pattern opening on the names was tried at
    # every capital of the list and backtracked for minutes on long attendance blocks.
    members = [Presence(nom=f"Prénom{i} NOM{i}", statut="present") for i in range(600)]
    text = (
        ", ".join(f"M. Prénom{i} NOM{i}" for i in range(600))
        + ", membres présents. Mme Prénom3 NOM3 et M. Prénom5 NOM5 s'abstiennent. Votes contre : M. Prénom7 NOM7."
    )
    found = [(v.nom, v.vote) for v in read_named_votes(text, 0, len(text), Seance(id="s", presences=members))]
    assert found == [("Prénom3 NOM3", "abstention"), ("Prénom5 NOM5", "abstention"), ("Prénom7 NOM7", "contre")]
