"""Every act of a minutes file points at its séance; a bundle's acts each read their own block."""

from actes.extraction import acts_of_document
from actes.minutes.seance import lieu_of, organe_of
from actes.schemas.document import Document, Page

MINUTES = """PROCÈS-VERBAL DU CONSEIL MUNICIPAL DE VILLEBOURG
Séance du 6 mars 2023
L'an deux mille vingt-trois, le six mars à vingt heures, le conseil municipal de la commune de Villebourg, régulièrement
convoqué le 28 février 2023, s'est réuni dans la salle du conseil municipal, sous la présidence de Monsieur Paul DURAND, Maire.
Présents : M. Paul DURAND, Mme Claire MOREAU, M. Luc PETIT, Mme Anne LEROY, M. Hugo GRIS.
Absents excusés : Mme Julie BLANC (pouvoir à Mme Claire MOREAU), M. Marc NOIR.
Secrétaire de séance : Mme Anne LEROY.
En exercice : 7 Présents : 5 Votants : 6
"""
ITEM = """Délibération n° 2023-{n:02d} : Objet numéro {n} du conseil
Le conseil municipal, après en avoir délibéré, à l'unanimité, approuve la proposition numéro {n} présentée par le Maire
et autorise Monsieur le Maire à signer toutes les pièces relatives à ce dossier. Texte de remplissage pour la longueur
de l'acte, qui doit dépasser quelques centaines de caractères afin d'être découpé comme un acte à part entière.
"""


def _doc(pages: list[str]) -> Document:
    return Document.from_pages("villebourg-pv.txt", "a" * 64, "text",
                               [Page(number=i + 1, text=t, verdict="text") for i, t in enumerate(pages)])


def test_items_of_minutes_share_the_seance_of_the_file():
    doc = _doc([MINUTES + ITEM.format(n=1), ITEM.format(n=2), ITEM.format(n=3)])
    acts = acts_of_document(doc)
    assert len(acts) >= 3
    seances = {act.seance.id for act in acts if act.seance}
    assert len(seances) == 1 and all(act.seance is not None for act in acts)
    seance = acts[0].seance
    assert seance.organe == "conseil municipal" and seance.lieu == "la salle du conseil municipal"
    assert str(seance.date) == "2023-03-06" and seance.pages == [1]
    statuses = {p.nom: (p.statut, p.mandataire) for p in seance.presences}
    assert statuses["Julie BLANC"] == ("represented", "Claire MOREAU") and statuses["Marc NOIR"] == ("excused", None)
    assert all(p.provenance and p.provenance.extractor == "minutes:attendance" for p in seance.presences)


def test_an_act_without_attendance_has_no_seance():
    doc = _doc(["ARRÊTÉ DU MAIRE n° 2023-12 portant réglementation de la circulation rue des Lilas. Le Maire de Villebourg "
                "arrête : la circulation est interdite. Fait à Villebourg, le 3 mars 2023. Le Maire, Paul DURAND"])
    assert all(act.seance is None for act in acts_of_document(doc))


def test_body_and_place():
    assert organe_of("le Bureau communautaire s'est réuni") == "bureau"
    assert organe_of("la Commission Permanente du Conseil départemental") == "commission permanente"
    assert lieu_of("se sont réunis à la salle des fêtes de Lacrost. Date") == "la salle des fêtes de Lacrost"
