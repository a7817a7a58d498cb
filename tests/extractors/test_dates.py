"""Date expressions and the choice of the decision and convocation dates among distractors."""

from datetime import date

import pytest

from actes.extractors.base import TextView
from actes.extractors.dates import DatesExtractor
from actes.extractors.patterns.dates_fr import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le 1er juillet 2022", date(2022, 7, 1)),  # "1er"
        ("vendredi 3 1 mars 2023", date(2023, 3, 31)),  # OCR-split day (Villiers-le-Bel scan)
        ("le 12/03/23", date(2023, 3, 12)),  # two-digit year
        ("Le lundi treize février deux-mille-vingt-trois à", date(2023, 2, 13)),  # hyphenated words (Nanterre)
        ("L'an deux mil vingt et deux, le mercredi 07 décembre à 18 h 30", date(2022, 12, 7)),  # year first, weekday
        ("le vingt-et-un décembre deux mille vingt-deux", date(2022, 12, 21)),
        ("rien ici 2022 - 2030", None),  # a period is not a date
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def chosen(text: str) -> dict[str, date]:
    best: dict[str, tuple[float, date]] = {}
    for finding in DatesExtractor().extract(TextView.of_text(text)):
        rank = finding.confidence + (1 if finding.labelled else 0)
        if finding.field not in best or rank > best[finding.field][0]:
            best[finding.field] = (rank, finding.value)
    return {field: value for field, (_, value) in best.items()}


@pytest.mark.parametrize(
    ("text", "decision", "convocation"),
    [
        # title date before a template sentence of an earlier session
        ("CONSEIL MUNICIPAL DU 16 FEVRIER 2023 COMPTE RENDU Le premier décembre deux mille vingt-deux, les membres",
         date(2023, 2, 16), None),
        # visas and convocation around the session
        ("Vu la délibération du 3 mars 2021, SÉANCE DU 21 DÉCEMBRE 2022 L’an deux mil vingt-deux, le vingt-et-un décembre, "
         "dûment convoqués individuellement et par écrit le huit décembre deux mil vingt-deux",
         date(2022, 12, 21), date(2022, 12, 8)),
        # convocation by the mayor, named in between
        ("le Conseil municipal dûment convoqué par Madame le Maire le 16 juin 2022, s'est assemblé. Séance du 23 juin 2022",
         date(2022, 6, 23), date(2022, 6, 16)),
        # own number then date
        ("DÉLIBÉRATION N°CP 2023-024 DU 25 JANVIER 2023 POLITIQUES RÉGIONALES", date(2023, 1, 25), None),
        # list of délibérations examined on a date
        ("LISTE DES DELIBERATIONS EXAMINEES PAR LE CONSEIL MUNICIPAL LE 3 OCTOBRE 2022 Délibération n°2022-061",
         date(2022, 10, 3), None),
        # table of labels, then values: "Date de convocation" then a date
        ("Date de convocation : 04 février 2020 Séance du 10 février 2020", date(2020, 2, 10), date(2020, 2, 4)),
        # the assembly, its weekday and the date; the convocation's "du" after it names another date
        ("PV SUCCINCT SEANCE DU CONSEIL MUNICIPAL Mercredi 22 juin 2022 Convocation du 14 Juin 2022 Le vingt-deux juin",
         date(2022, 6, 22), date(2022, 6, 14)),
    ],
)
def test_decision_and_convocation(text, decision, convocation):
    found = chosen(text)
    assert found.get("date_decision") == decision
    assert found.get("date_convocation") == convocation


def test_flattened_header_table():
    # two labels of a header row, then their two values
    from actes.extractors.patterns.tables import label_rows

    text = "NOMBRE DE MEMBRES Date de la convocation Date d’affichage 04 février 2020 17 février 2020 Afférents"
    assert [(f, v) for f, v, _ in label_rows(text)] == [
        ("date_convocation", date(2020, 2, 4)), ("transmission.date_publication", date(2020, 2, 17))]
    assert list(label_rows("Date de la convocation Date d’affichage 04 février 2020 Afférents")) == []  # one value short


@pytest.mark.parametrize(
    "text",
    [
        "Séance du 12 mars 2023. L'an deux mille vingt-trois, le seize février, le conseil",
        "L’AN DEUX MILLE VINGT-DEUX et le 3 mars à 18 h, vu la délibération du 2 février 2022",
        "le vingt mars de l'an deux mille vingt-trois, le conseil municipal du 4 avril 2023",
        "Conseil municipal du 4 avril 2023, convoqué le 28 mars 2023, l'article 3",
        "vu l'avis du 2 mai 2021, l'an dernier",
    ],
)
def test_session_dates_skip_reading_dates_only_when_no_year_first_form_is_there(text):
    from actes.extractors.dates import P_SESSION, _labelled, is_distracted, session_dates
    from actes.extractors.patterns.dates_fr import P_DATE, date_from_match

    expected = list(_labelled(text, P_SESSION, True))  # what session_dates did before reading the form first
    for match in P_DATE.compiled.finditer(text):
        if match.group().lower().startswith("l") and not is_distracted(text, match.start()):
            value = date_from_match(match)
            if value is not None:
                expected.append((value, match.start(), match.end()))
    assert session_dates(text) == sorted(expected, key=lambda item: item[1])
