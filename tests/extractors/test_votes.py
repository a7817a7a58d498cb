"""Votes and attendance: snippet table (text → expected votes fields; absent keys must stay null)."""

import pytest

from actes.extractors.base import TextView
from actes.extractors.votes import VotesExtractor

FIELDS = ("en_exercice", "presents", "representes", "votants", "pour", "contre", "abstentions", "unanimite")


def votes(text: str) -> dict:
    found = {}
    for finding in VotesExtractor().extract(TextView.of_text(text)):
        found.setdefault(finding.field.split(".")[1], finding.value)
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # labelled lines, one per line
        ("Membres en exercice : 27\nPrésents : 23\nVotants : 24\n", {"en_exercice": 27, "presents": 23, "votants": 24}),
        # the same flattened to one line, with "Afférents" beside
        ("Afférents au Conseil : 27 En exercice : 27 Présents : 23 Votants : 24 Le six mars",
         {"en_exercice": 27, "presents": 23, "votants": 24}),
        # OCR semicolons and dotted leaders
        ("Nombre de conseillers présents ; 27 Nombre de conseillers en exercice .... 55",
         {"presents": 27, "en_exercice": 55}),
        # "présents titulaires / suppléants" without a total: presents stays unknown
        ("- présents titulaires : 50 - présents suppléants : 5 - procurations : 8", {"representes": 8}),
        # "Absents non représentés" is not the number of proxies
        ("Ont donné procuration : 09 Mme X à M. Y. Absents non représentés : 02", {"representes": 9}),
        # "dont … présents et … procurations"
        ("Votants : 29 dont 26 présents et 3 procurations", {"votants": 29, "presents": 26, "representes": 3}),
        # flattened table: headers first, then the numbers
        ("En exercice Présents Votants Pour Contre Abstentions 29 25 27 26 0 1 Le conseil",
         {"en_exercice": 29, "presents": 25, "votants": 27, "pour": 26, "contre": 0, "abstentions": 1}),
        # a date after a table header is not a count
        ("Nombre de votants 7 FEVRIER 2020", {}),
        # labelled result line, "O" as an OCR'd zero
        ("- votants : 63 - abstentions : O - pour : 62 - contre : 1", {"votants": 63, "pour": 62, "contre": 1, "abstentions": 0, "unanimite": False}),
        # "/" meaning none
        ("Pour : 14 Contre : / Abstentions : /", {"pour": 14, "contre": 0, "abstentions": 0}),
        # sentence form
        ("DECISION (par 34 voix POUR, 0 voix CONTRE, 0 ABSTENTION(S), sur 34 VOTANTS)",
         {"pour": 34, "contre": 0, "abstentions": 0, "votants": 34}),
        # words for small counts; a labelled count wins over the sentence reading of its neighbour
        ("à la majorité avec 38 voix pour et une abstention", {"pour": 38, "abstentions": 1, "unanimite": False}),
        ("Adopté à la majorité : Voix contre : 0 Abstentions : 4", {"contre": 0, "abstentions": 4, "unanimite": False}),
        # plain unanimity: nothing else is certain
        ("Après en avoir délibéré, à l'unanimité, DÉCIDE", {"unanimite": True}),
        # unanimity of the members present: every voter voted for
        ("Votants : 24. Après en avoir délibéré, à l'unanimité des membres présents et représentés, DÉCIDE",
         {"votants": 24, "unanimite": True, "pour": 24, "contre": 0, "abstentions": 0}),
        # unanimity of the votes cast: no vote against, abstentions possible
        ("Votants : 24. Le conseil, à l'unanimité des suffrages exprimés, approuve", {"votants": 24, "unanimite": True, "contre": 0}),
        # a committee's vote quoted in the recitals is not the council's
        ("VU les avis favorables, à l'unanimité, rendus par les commissions Ressources et Aménagement,", {}),
        ("Vu l'avis favorable de la commission des finances à l'unanimité du 5 décembre ;", {}),
        # … and its counts neither: only the council's vote remains
        ("Vu l'avis favorable de la commission Finances (7 voix pour, 1 abstention) ; Après en avoir délibéré, "
         "le conseil municipal, par 10 voix pour, 0 voix contre et 1 abstention, DÉCIDE",
         {"pour": 10, "contre": 0, "abstentions": 1}),
        # both boxes printed, but votes against: unanimity is impossible
        ("Adopté à l'unanimité : Adopté à la majorité : Voix contre : 4 Abstentions : 2", {"contre": 4, "abstentions": 2, "unanimite": False}),
        # the session secretary's designation is not the act's vote
        ("M. Alexis MIDOL est désigné, à l'unanimité des présents, pour remplir les fonctions de secrétaire.", {}),
        # "prend acte": no vote
        ("Le conseil municipal prend acte de la tenue du débat d'orientation budgétaire.", {}),
        # both boxes of a form printed: unanimity unknown
        ("Adopté à l'unanimité : a Adopté à la majorité : Voix contre : 0 Abstentions : 4", {"contre": 0, "abstentions": 4}),
        # minutes with several votes: no document-level result
        ("Point 1 … adopté à l'unanimité. " + "x " * 200 + "Point 2 … par 20 voix pour et 3 contre.", {}),
        ("PROCÈS-VERBAL DU CONSEIL MUNICIPAL. Présents : 12. Point 1 adopté à l'unanimité.", {"presents": 12}),
        # an extract of the minutes is one act (generated "EXTRAIT DU PROCÈS-VERBAL DES DÉLIBÉRATIONS")
        ("EXTRAIT DU PROCÈS-VERBAL DES DÉLIBÉRATIONS. Après en avoir délibéré, le conseil, à l'unanimité, DÉCIDE",
         {"unanimite": True}),
        # the comité syndical and the commission permanente are the deciding bodies, not committees
        ("Après en avoir délibéré, le comité syndical, à l'unanimité des suffrages exprimés (4 abstentions), DÉCIDE",
         {"unanimite": True, "contre": 0, "abstentions": 4}),
        ("La commission permanente, à la majorité, Voix contre : 4 Abstentions : 2", {"unanimite": False, "contre": 4, "abstentions": 2}),
    ],
)
def test_votes(text, expected):
    found = votes(text)
    assert {k: found.get(k) for k in FIELDS} == {k: expected.get(k) for k in FIELDS}


def test_derived_counts_say_so():
    findings = list(VotesExtractor().extract(TextView.of_text("Votants : 9. à l'unanimité des présents, décide")))
    derived = [f for f in findings if f.field == "votes.pour"]
    assert derived and derived[0].source.value == "derived" and derived[0].span is not None
