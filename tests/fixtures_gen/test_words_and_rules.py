"""French number words, and the labelling rules of the variants that carry them."""

from __future__ import annotations

from datetime import date

import pytest

from fixtures.generator import make
from fixtures.generator.words import an_words, long_fr, number_words


@pytest.mark.parametrize(
    ("n", "old", "expected"),
    [
        (17, False, "dix-sept"),  # 10 + unit
        (21, False, "vingt-et-un"),  # 1990 spelling
        (21, True, "vingt et un"),  # older registers
        (71, False, "soixante-et-onze"),
        (80, False, "quatre-vingts"),
        (99, False, "quatre-vingt-dix-neuf"),
        (2023, False, "deux mille vingt-trois"),
        (2022, True, "deux mil vingt-deux"),  # "l'an deux mil vingt et deux" (Sainte-Luce-sur-Loire)
    ],
)
def test_number_words(n, old, expected):
    assert number_words(n, old) == expected


def test_dates_in_words_and_first_of_month():
    assert an_words(date(2023, 1, 25)) == "l'an deux mille vingt-trois, le vingt-cinq janvier"
    assert an_words(date(2021, 3, 1), old=True) == "l'an deux mil vingt et un, le premier mars"
    assert long_fr(date(2022, 7, 1), weekday=True) == "vendredi 1er juillet 2022"


@pytest.mark.parametrize("index", range(4))
def test_prend_acte_has_no_vote_outcome(index):
    made, _ = make("rules", index, "de-prend-acte")
    votes = made.truth["votes"]
    assert [votes[k] for k in ("pour", "contre", "abstentions", "unanimite")] == [None] * 4


@pytest.mark.parametrize("index", range(4))
def test_slash_means_zero(index):
    made, _ = make("rules", index, "de-votes-slash")
    assert made.truth["votes"]["contre"] == 0 and made.truth["votes"]["abstentions"] == 0
    assert made.truth["votes"]["unanimite"] is None


@pytest.mark.parametrize("index", range(4))
def test_title_only_signature_has_no_name(index):
    made, _ = make("rules", index, "de-signature-title-only")
    assert made.truth["signataire"]["nom"] is None and made.truth["signataire"]["qualite"]


@pytest.mark.parametrize("index", range(4))
def test_id_differs_from_printed_number(index):
    made, _ = make("rules", index, "de-id-differs")
    pref_id, numero = made.truth["transmission"]["pref_id"], made.truth["numero"]
    assert pref_id.split("-")[2] != made.truth["date_decision"].strftime("%Y%m%d")
    printed_as_id = "".join(c if c.isalnum() else "_" for c in numero)
    assert pref_id.split("-")[3] != printed_as_id


@pytest.mark.parametrize("index", range(4))
def test_blank_publication_date_is_null(index):
    made, _ = make("rules", index, "de-s2low-blank-date")
    assert made.truth["transmission"]["date_publication"] is None
    assert made.truth["transmission"]["date_envoi"] is not None
