"""The citation finder: code articles, lois, ordonnances, décrets, EU acts; what it must not take."""

from __future__ import annotations

import pytest

from actes.linked_data.citations import find_citations

CGCT = "Code général des collectivités territoriales"


def labels(text):
    return [c.label for c in find_citations(text)]


@pytest.mark.parametrize("text, expected", [
    ("Vu l'article L. 2241-1 du CGCT ;", [f"Article L2241-1 - {CGCT}"]),
    ("vu l’article L2241-1 du code général des collectivités territoriales", [f"Article L2241-1 - {CGCT}"]),
    ("VU L'ARTICLE L.2241-1 DU CODE GÉNÉRAL DES COLLECTIVITÉS TERRITORIALES", [f"Article L2241-1 - {CGCT}"]),
    ("Vu le Code Général des Collectivités Territoriales, notamment ses articles L 2121-29 et L. 2122-21 ;",
     [f"Article L2121-29 - {CGCT}", f"Article L2122-21 - {CGCT}"]),
    ("conformément aux articles L. 2121-17, 20 et 21 du CGCT",
     [f"Article L2121-17 - {CGCT}", f"Article L2121-20 - {CGCT}", f"Article L2121-21 - {CGCT}"]),
    ("l'article L.151-19 du code de l’urbanisme", ["Article L151-19 - Code de l'urbanisme"]),
    ("articles R.421-9 à R.421-12 du Code de l'urbanisme",
     ["Article R421-9 - Code de l'urbanisme", "Article R421-12 - Code de l'urbanisme"]),
    ("l'article L.332-8 2° du Code de l'urbanisme", ["Article L332-8 - Code de l'urbanisme"]),
    ("les articles L2113-6 et suivants du CGCT", [f"Article L2113-6 - {CGCT}"]),
    ("l'article 1240 du Code civil", ["Article 1240 - Code civil"]),
    ("article L. 270 du Code électoral", ["Article L270 - Code électoral"]),
    ("Vu le code de l'urbanisme ; vu l'article R. 111-1 du même code", ["Article R111-1 - Code de l'urbanisme"]),
])
def test_code_articles(text, expected):
    assert labels(text) == expected
    assert all(c.kind == "article" and c.eli is None for c in find_citations(text))


@pytest.mark.parametrize("text", [
    "DÉCIDE : Article 1er : d'approuver la convention. Article 2 : le maire est chargé de l'exécution.",
    "conformément à l'article 9 du présent règlement",
    "l'article 3-1 de la loi n° 84-53",  # the article of a loi: the loi is cited, not a code article
    "Vu le CGCT ; Article 4 : la présente délibération",
    "le décret de nomination",
])
def test_no_code_article_where_none_is_cited(text):
    assert [c for c in find_citations(text) if c.kind == "article"] == []


def test_lois_ordonnances_decrets_with_an_eli_when_number_and_date_are_printed():
    found = find_citations(
        "Vu la loi n° 2015-991 du 7 août 2015 ; vu la loi 84/53 du 26 janvier 1984 ; vu le décret n°88-145 ;"
        " vu l'ordonnance nº 2018-1074 du 26 novembre 2018 ; vu la loi organique n° 2021-467 du 1er avril 2021 ;"
        " vu la loi du 29 juillet 1881 sur la liberté de la presse")
    assert [(c.kind, c.label, c.eli) for c in found] == [
        ("loi", "Loi n° 2015-991", "https://www.legifrance.gouv.fr/eli/loi/2015/8/7/2015-991/jo/texte"),
        ("loi", "Loi n° 84-53", "https://www.legifrance.gouv.fr/eli/loi/1984/1/26/84-53/jo/texte"),
        ("decret", "Décret n° 88-145", None),
        ("ordonnance", "Ordonnance n° 2018-1074", "https://www.legifrance.gouv.fr/eli/ord/2018/11/26/2018-1074/jo/texte"),
        ("loi organique", "Loi organique n° 2021-467", "https://www.legifrance.gouv.fr/eli/loi/2021/4/1/2021-467/jo/texte"),
        ("loi", "Loi du 29 juillet 1881", None),
    ]


def test_a_number_whose_year_contradicts_the_date_gets_no_eli():
    assert find_citations("la loi n° 2015-991 du 7 août 2016")[0].eli is None


def test_eu_acts_have_an_eli():
    found = find_citations("le règlement (UE) 2016/679 (RGPD), la directive 2014/24/UE et le règlement (CE) n° 1370/2007")
    assert [(c.label, c.eli) for c in found] == [
        ("Règlement (UE) 2016/679", "http://data.europa.eu/eli/reg/2016/679/oj"),
        ("Directive 2014/24/UE", "http://data.europa.eu/eli/dir/2014/24/oj"),
        ("Règlement (CE) n° 1370/2007", "http://data.europa.eu/eli/reg/2007/1370/oj"),
    ]


def test_each_text_once_in_order_with_its_span():
    text = "Vu l'article L. 2241-1 du CGCT. Vu la loi n° 2015-991. Vu l'article L2241-1 du CGCT."
    found = find_citations(text)
    assert [c.label for c in found] == [f"Article L2241-1 - {CGCT}", "Loi n° 2015-991"]
    assert text[found[1].start:found[1].end] == "loi n° 2015-991"


def test_no_text_no_citation():
    assert find_citations(None) == [] and find_citations("") == []
