"""Per-page verdicts on snippets of text layers, with and without a picture under them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actes.readers.page_quality import BAD_TEXT_LAYER, BORN_DIGITAL, SCANNED, judge_page, measure

GOOD = (
    "Le conseil municipal, après en avoir délibéré, approuve à l'unanimité la convention de "
    "mise à disposition des locaux de la commune pour l'année 2023 et autorise le maire à la "
    "signer. Vu le code général des collectivités territoriales, considérant que la demande "
    "présentée par l'association est conforme à l'objet de la délibération du conseil."
)


@pytest.mark.parametrize(
    ("text", "coverage", "expected"),
    [
        (GOOD, 0.0, BORN_DIGITAL),  # a typed page
        (GOOD, 1.0, BORN_DIGITAL),  # a scan whose scanner OCR layer is good: keep it
        ("", 1.0, SCANNED),  # image-only scan
        ("", 0.0, BORN_DIGITAL),  # blank typed page: nothing to OCR
        ("  12  ", 0.95, SCANNED),  # a scan with only a page number as text
        ("Accusé de réception en préfecture 070-217000000-20230323-00010-AR Date de réception 24/03/2023",
         0.9, SCANNED),  # the @CTES stamp added as text on top of a scan
        ("D É L I B É R A T I O N   D U   C O N S E I L   M U N I C I P A L   D E   L A   "
         "C O M M U N E   D E   V E S O U L", 1.0, BAD_TEXT_LAYER),  # letter-spaced heading
        (GOOD.replace("é", "Ã©").replace("à", "Ã "), 1.0, BAD_TEXT_LAYER),  # UTF-8 read as Latin-1
        ("Lc cnnsc1I rnun1c1pnI npr6s cn nvn1r d6I1b6r6 nppr0uvc I'unnn1rn1t6 Ia c0nvcnt10n dc rn1sc "
         "d1sp0s1t10n dcs I0cnux dc Ia c0rnrnunc p0ur I'nnn6c 2023 ct nut0r1sc Ic rnn1rc Ia s1gncr",
         1.0, BAD_TEXT_LAYER),  # glyph confusions everywhere
        ("Amance Anchenoncourt Andelarre Andelarrot Angirey Arbecey Argillières Arpenans Aubertans "
         "Augicourt Aulx-lès-Cromary Autet Authoison Autoreille Autrey-lès-Cerre Avrigney-Virey",
         0.0, BORN_DIGITAL),  # a typed list of communes has few common words, and is fine
        ("\x01\x02\x03\x04\x05\x06 \x07\x08\x03\x04 \x05\x06\x01 \x02\x03\x04\x05 " * 8 + "mars 2023",
         0.0, BAD_TEXT_LAYER),  # font without a Unicode map: hopeless even with no picture
    ],
)
def test_verdict(text, coverage, expected):
    assert judge_page(text, coverage) == expected


def test_measure_counts_letter_spacing_and_mojibake():
    spaced = measure("A R R Ê T É du préfet")
    assert spaced.spaced_ratio > 0.4
    broken = measure("dÃ©libÃ©ration du conseil")
    assert broken.broken_ratio > 0.05
    clean = measure(GOOD)
    assert clean.spaced_ratio == 0 and clean.broken_ratio == 0 and clean.common_ratio > 0.3


@settings(max_examples=200, deadline=None)
@given(st.text(), st.floats(min_value=0.0, max_value=1.0))
def test_any_text_gets_one_of_the_three_verdicts(text, coverage):
    assert judge_page(text, coverage) in {BORN_DIGITAL, SCANNED, BAD_TEXT_LAYER}
