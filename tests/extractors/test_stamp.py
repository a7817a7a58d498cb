"""Transmission stamps and @CTES IDs: snippet tables of real layouts."""

from datetime import date

import pytest

from actes.extractors.base import TextView
from actes.extractors.patterns.ids import find_ctes_ids, siren_is_valid
from actes.extractors.stamp import StampExtractor, mask_stamps


def values(text: str) -> dict[str, object]:
    """First value per field, as the stamp extractor reads ``text``."""
    found: dict[str, object] = {}
    for finding in StampExtractor().extract(TextView.of_text(text)):
        found.setdefault(finding.field, finding.value)
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # S2LOW/FAST stamp, publication date left blank
        ("Envoyé en préfecture le 17/02/2023 Reçu en préfecture le 17/02/2023 Publié le ID : 093-269300315-20230206-CA230206_01-DE",
         {"transmission.date_envoi": date(2023, 2, 17), "transmission.date_reception": date(2023, 2, 17),
          "transmission.pref_id": "093-269300315-20230206-CA230206_01-DE", "collectivite.siren": "269300315",
          "nature_actes": "DE"}),
        # stamp interleaved with a title
        ("Envoyé en préfecture le 26/01/2023 Reçu en préfecture le 26/01/2023 PROJET DE TERRITOIRE 2022 - 2030 Publié le 26/01/2023 ID : 074-247400567-20230119-2023_05-DE",
         {"transmission.date_publication": date(2023, 1, 26), "transmission.pref_id": "074-247400567-20230119-2023_05-DE"}),
        # "Accusé de réception" family, nature glued to the number
        ("Accusé de réception en préfecture 079-200041317-20200214-C33-02-2020-1AR Date de télétransmission : 14/02/2020 Date de réception préfecture : 14/02/2020",
         {"transmission.pref_id": "079-200041317-20200214-C33-02-2020-1AR", "transmission.date_envoi": date(2020, 2, 14),
          "transmission.date_reception": date(2020, 2, 14)}),
        # "Accusé de réception - Ministère de l'Intérieur" block with "Réception par le préfet :" and
        # "Publication :" (FAST-style block and footer of the generated fast-box/fast-footer variants)
        ("Visas et articles.\n" * 12 + "Accusé de réception - Ministère de l'Intérieur – 086-248607996-20250902-2025_09_51-DE – "
         "Acte certifié exécutoire\nRéception par le préfet : 09/09/2025 – Publication : 12/09/2025",
         {"transmission.date_reception": date(2025, 9, 9), "transmission.date_publication": date(2025, 9, 12)}),
        # the convocation's posting in a register header is not the act's publication
        ("Séance du 08/09/2024\nDate de convocation et d'affichage : 29/08/2024\nMotion\nAccusé de réception - "
         "Ministère de l'Intérieur – 021-212134928-20240908-2024_09_64-DE", {"transmission.date_publication": None}),
        # "Affiché le 1er juillet 2022"
        ("Reçu en préfecture le 01/07/2022 Affiché le 1er juillet 2022 ID : 077-217701929-20220701-DEL20220624_01-DE",
         {"transmission.date_publication": date(2022, 7, 1)}),
        # prose of a certificate of enforceability
        ("Acte certifié exécutoire, transmis au représentant de l'État le 3 mars 2023 et reçu par le représentant de l'État le 4 mars 2023",
         {"transmission.date_envoi": date(2023, 3, 3), "transmission.date_reception": date(2023, 3, 4)}),
        # a recueil's publication date under its title (RAA spécial)
        ("PRÉFET DE LA CORRÈZE RECUEIL DES ACTES ADMINISTRATIFS SPÉCIAL N°19-2023-031 PUBLIÉ LE 6 MARS 2023 Sommaire",
         {"transmission.date_publication": date(2023, 3, 6)}),
    ],
)
def test_stamp_families(text, expected):
    found = values(text)
    for field, value in expected.items():
        assert found.get(field) == value, field


@pytest.mark.parametrize(
    "text",
    [
        # a convocation's posting is not the act's publication
        "Rapport annuel " + "x " * 120 + "Convocation du : 9 mars 2023 - Affichée le 9 mars 2023 Nombre de membres",
        # "Publié le" with no date at all
        "Envoyé en préfecture le Reçu en préfecture le Publié le ID :",
    ],
)
def test_no_publication_without_stamp(text):
    assert "transmission.date_publication" not in values(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # clean ID
        ("ID : 030-200066918-20230216-C2023_01_01-DE", "030-200066918-20230216-C2023_01_01-DE"),
        # OCR: O for 0, a space for the underscore
        ("ID : O74-247400567-2023O119-2023 05-DE", "074-247400567-20230119-2023_05-DE"),
        # glued to the next word of the body
        ("ID:044-214401721-20221207-2-DEVu le code", "044-214401721-20221207-2-DE"),
        # a number that looks like a date
        ("068-200073963-20230110-2023-10-01-3-DE Date", "068-200073963-20230110-2023-10-01-3-DE"),
    ],
)
def test_ctes_ids(text, expected):
    assert [str(i) for i, _ in find_ctes_ids(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "ID : O74-247400568-2023O119-2023_05-DE",  # repaired by OCR fixes, and its SIREN fails the Luhn check
        "ID : 074-247400567-20231319-2023_05-DE",  # month 13
    ],
)
def test_unsound_ids_are_refused(text):
    assert list(find_ctes_ids(text)) == []


def test_clean_id_with_unsound_siren_gives_no_siren():
    found = values("ID : 093-213000000-20230126-2023_006-DE")
    assert found["transmission.pref_id"] == "093-213000000-20230126-2023_006-DE"
    assert "collectivite.siren" not in found


def test_siren_luhn():
    assert siren_is_valid("210199907") and not siren_is_valid("210199908")


def test_mask_keeps_offsets():
    text = "Envoyé en préfecture le 26/01/2023 TITRE ID : 074-247400567-20230119-2023_05-DE fin"
    masked = mask_stamps(text)
    assert len(masked) == len(text) and masked.split() == ["TITRE", "fin"]
