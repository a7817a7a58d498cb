"""Cutting a file into acts: snippet tables of real layouts (flattened text, as the corpus has it)."""

import pytest

from actes.schemas.document import Document, Page
from actes.segment import segment

STAMP = "Envoyé en préfecture le 01/07/2022 Reçu en préfecture le 01/07/2022 Affiché le 01/07/2022 ID : 077-217701929-20220701-DEL20220624_{n}-DE "
BODY = "Le conseil municipal, après en avoir délibéré, décide d'approuver la proposition. " * 6


def doc_of(*pages: str) -> Document:
    return Document.from_pages("x.pdf", "0" * 64, "pdf", [Page(number=i + 1, text=t) for i, t in enumerate(pages)])


@pytest.mark.parametrize(
    ("pages", "acts"),
    [
        # one act whose annex repeats its stamp on every page: one act, annex attached
        ([STAMP.format(n="01") + BODY, STAMP.format(n="01") + "ANNEXE 1 " + BODY], 1),
        # a stamped bundle: each act carries its own ID
        ([STAMP.format(n=f"0{k}") + BODY for k in range(1, 4)], 3),
        # an unstamped bundle repeating the register header
        (["Extrait du registre des délibérations Séance du 13 février 2023 " + BODY,
          "Extrait du registre des délibérations Séance du 13 février 2023 " + BODY], 2),
        # a list of numbered délibérations
        (["Délibération n° 2022-12-09/01 examinée le 9 décembre 2022 — décision modificative — approuvée " + BODY
          + "Délibération n° 2022-12-09/02 examinée le 9 décembre 2022 — travaux en régie — approuvée " + BODY], 2),
        # a single act citing other délibérations: not cut
        (["Délibération n° 2023-05 Vu la délibération n° 2021-12 du 3 mars 2021, " + BODY + " Délibération n° 2023-05"], 1),
    ],
)
def test_acts_in_file(pages, acts):
    segments = segment(doc_of(*pages))
    own = [s for s in segments if s.kind == "act"]
    assert len(own) == acts
    if acts > 1:
        assert segments[0].kind == "file" and segments[0].start == 0  # the file itself comes first
    assert own[0].start == 0 and own[-1].end == len(doc_of(*pages).text)  # acts tile the file


def test_pages_of_each_act():
    doc = doc_of(*[STAMP.format(n=f"0{k}") + BODY for k in (1, 1, 2)])
    own = [s for s in segment(doc) if s.kind == "act"]
    assert [(s.first_page, s.last_page) for s in own] == [(1, 2), (3, 3)]


def test_recueil_cover_is_not_an_act():
    # a town's recueil: a short title page, then arrêtés each under their own heading
    arrete = "RÉPUBLIQUE FRANÇAISE Commune de Ligny ARRÊTÉ N° A2020_0{n} Objet : circulation " + BODY
    doc = doc_of("Commune de Ligny RECUEIL DES ACTES ADMINISTRATIFS N° 2020-05 – 28 mai 2020 page 1/3 "
                 + arrete.format(n=10) + arrete.format(n=11))
    own = [s for s in segment(doc) if s.kind == "act"]
    assert len(own) == 2 and doc.text[own[0].start :].startswith("RÉPUBLIQUE FRANÇAISE Commune de Ligny ARRÊTÉ N° A2020_010")
