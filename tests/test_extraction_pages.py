"""Per-page facts of the Document reach the act's source, so a clerk sees which pages were OCRed or lost."""

from __future__ import annotations

from actes.extraction import acts_of_document
from actes.schemas.document import Document, Page


def test_page_verdicts_ocr_and_errors_reach_the_act():
    pages = [
        Page(number=1, text="COMMUNE DE VILLEBOIS\nARRÊTÉ N° 2023-12\nObjet : Stationnement rue Haute", verdict="born-digital"),
        Page(number=2, text="", verdict="scanned", ocr=True, ocr_confidence=0.41, error="OCR timed out after 60 s"),
    ]
    doc = Document.from_pages("a.pdf", "1" * 64, "pdf", pages)
    act = acts_of_document(doc)[0]
    info = {p.number: p for p in act.source.page_info}
    assert info[1].verdict == "born-digital" and info[1].error is None
    assert info[2].verdict == "scanned" and info[2].ocr and info[2].ocr_confidence == 0.41
    assert info[2].error == "OCR timed out after 60 s"
