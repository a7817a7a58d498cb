"""People: président de séance, secrétaire de séance, signataire (snippet table, rules only)."""

import pytest

from actes.extractors import nlp
from actes.extractors.base import TextView
from actes.extractors.roles import RolesExtractor

FIELDS = ("president", "secretaire_seance", "signataire.nom", "signataire.qualite")


def roles(text: str) -> dict:
    found = {}
    for finding in RolesExtractor().extract(TextView.of_text(text)):
        found.setdefault(finding.field, finding.value)
    return found


@pytest.fixture
def rules_only(monkeypatch):
    monkeypatch.setattr(nlp, "persons", lambda text: [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # labelled president, civility kept as printed
        ("s'est réuni sous la présidence de Monsieur Bernard LAMOTTE. Monsieur Pierre VARENNE a été désigné secrétaire de séance.",
         {"president": "Monsieur Bernard LAMOTTE", "secretaire_seance": "Monsieur Pierre VARENNE"}),
        # title before the name
        ("Sous la présidence de Monsieur le Maire Emmanuel FAUCHER, Etaient présents", {"president": "Emmanuel FAUCHER"}),
        # title without a name: nothing
        ("à 20h30 sous la présidence de Mme la Maire. Etaient présents : Mme Hélène DE VILLERMONT", {}),
        # particle in the surname, NOM Prénom order
        ("sous la présidence de Monsieur Thierry DEL CASTRO, Président. Secrétaire de séance : M. De LAPLACE Vincent",
         {"president": "Monsieur Thierry DEL CASTRO", "secretaire_seance": "M. De LAPLACE Vincent"}),
        # flattened "SECRÉTAIRE DE SÉANCE : NOM Prénom" followed by a page marker
        ("ABSENT(S)/EXCUSÉ(S) : SECRÉTAIRE DE SÉANCE : MARCHAL Tony 1/151 - Procès-verbal", {"secretaire_seance": "MARCHAL Tony"}),
        # mixed-case name after a civility
        ("Secrétaire de Séance : M. Damien Brunelé Délibération n°2022-12-21/16", {"secretaire_seance": "M. Damien Brunelé"}),
        # "pour remplir cette fonction" right after the word secrétaire
        ("à la nomination d'un secrétaire de séance pris au sein du conseil. Mme Magali RENAUD a été désignée pour remplir cette fonction.",
         {"secretaire_seance": "Mme Magali RENAUD"}),
        # an agenda item is not a name
        ("Désignation du secrétaire de séance Action numérique : présentation", {}),
        # signature block: title, then name
        ("Fait à Valmorin, le 6 mars 2023\nLe Maire,\nChristophe MERCIER",
         {"signataire.nom": "Christophe MERCIER", "signataire.qualite": "Le Maire"}),
        # title with a complement, no comma before the name
        ("Fait à Belcourt, le 11 mai 2017\n\nLe Préfet de la Mayenne\n\nFrédéric BRIAND",
         {"signataire.nom": "Frédéric BRIAND", "signataire.qualite": "Le Préfet"}),
        # par délégation
        ("Fait à Belcourt, le 3 mai 2017\nPour le préfet et par délégation,\nLa secrétaire générale de la préfecture\n\nLaetitia MORELLI-SANTONI",
         {"signataire.nom": "Laetitia MORELLI-SANTONI",
          "signataire.qualite": "Pour le préfet et par délégation, La secrétaire générale"}),
        # a stamp and a page break between the title and the name (generated "short-recu" variant)
        ("Fait à Montfaucon, le 7 octobre 2021\nLa Présidente,\nReçu le 14/10/2021\nContrôle de légalité\n"
         "ID : 063-226368678-20211007-2021_059-DE\n\x0c\nAnne-Marie LAURENT",
         {"signataire.nom": "Anne-Marie LAURENT", "signataire.qualite": "La Présidente"}),
        # an annex's caption: "Vu pour être annexé …" then the title and the name
        ("Vu pour être annexé à la délibération n° 2022-10-48 du 13 décembre 2022 La Directrice des Instances Virginie LECLERC Page 1",
         {"signataire.nom": "Virginie LECLERC", "signataire.qualite": "La Directrice"}),
        # a title and no name: qualité only
        ("Fait à Montreval, le 2 mars 2023\nLe Préfet,\n[signature illisible]", {"signataire.qualite": "Le Préfet"}),
        # electronic signature, mixed case
        ("Pour le président du conseil départemental et par délégation, Signé électroniquement par : Olivier Delmas Date de signature",
         {"signataire.nom": "Olivier Delmas", "signataire.qualite": "Pour le président du conseil départemental et par délégation"}),
        # two captions side by side, names in the same order
        ("approuvée Le secrétaire de séance Le Maire, Michaël FORTIN Jean-Claude PERRET Les extraits",
         {"signataire.nom": "Jean-Claude PERRET", "signataire.qualite": "Le Maire"}),
    ],
)
def test_roles(text, expected, rules_only):
    found = roles(text)
    assert {k: found.get(k) for k in FIELDS} == {k: expected.get(k) for k in FIELDS}


def test_nlp_reads_mixed_case_name_after_a_label(monkeypatch):
    monkeypatch.setattr(nlp, "persons", lambda text: [(1, 13, "Romain Vasseur")])
    findings = list(RolesExtractor().extract(TextView.of_text("Secrétaire de séance : Romain Vasseur procède à l'appel")))
    assert [(f.field, f.value, f.source.value) for f in findings] == [("secretaire_seance", "Romain Vasseur", "nlp")]


@pytest.mark.slow
def test_spacy_model_finds_persons():
    if not nlp.available():
        pytest.skip("spaCy fr_core_news_md not installed")
    names = [name for _, _, name in nlp.persons("Le Maire, Jean-Claude Perret, ouvre la séance.")]
    assert "Jean-Claude Perret" in names


def test_nlp_name_stops_at_the_line_end(monkeypatch):
    # spaCy glued the next paragraph's first word to the name
    monkeypatch.setattr(nlp, "persons", lambda text: [(7, 39, "Laetitia Morelli-Santoni\n\nDélais")])
    text = "Fait à Belcourt, le 27 juillet 2016\nPour le préfet absent,\nLa secrétaire générale\nSigné\nLaetitia Morelli-Santoni\n\nDélais et voies"
    found = {f.field: (f.value, f.source.value) for f in RolesExtractor().extract(TextView.of_text(text))}
    assert found["signataire.nom"] == ("Laetitia Morelli-Santoni", "nlp")
    assert found["signataire.qualite"][0] == "Pour le préfet absent, La secrétaire générale"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # scanned prefectoral arrêté: place and date, the signature scribble OCRed as "es", the name alone
        ("Fait à Montreval, le 2 3 MARS 2023\n\nes\n\nMichel CHAPUIS\n\nPréfecture de la Haute-Saône\n", "Michel CHAPUIS"),
        # two sentences of text after the closing: no name is read from further down
        ("Fait à Lyon, le 3 mars 2023\nLe présent arrêté sera publié.\nIl sera transmis au préfet.\nJean DUPONT\n", None),
    ],
)
def test_name_alone_under_place_and_date(text, expected):
    found = {f.field: f.value for f in RolesExtractor().extract(TextView.of_text(text))}
    assert found.get("signataire.nom") == expected
