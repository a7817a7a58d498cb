"""OCR engine: finding the French model, skew, orientation, and the scanned prefectoral arrêté."""

from __future__ import annotations

import json
import random

import pytest

from actes.readers import ocr as ocr_module
from actes.readers.ocr import OcrUnavailable, engine, estimate_skew, tessdata_dir
from fixtures.generator.scan import CLEAN, degrade, page_images, typed_pdf

LINES = [
    "ARRÊTÉ MUNICIPAL N° 2023-045",
    "portant interdiction temporaire de stationner",
    "place de la République le samedi 1er juillet 2023.",
    "Le maire de la commune de Vesoul arrête :",
    "Article 1 : le stationnement est interdit de 7 h à 19 h.",
    "Article 2 : les contrevenants seront verbalisés.",
] * 3


@pytest.fixture(scope="module")
def page_image(tmp_path_factory):
    source = typed_pdf(tmp_path_factory.mktemp("ocr") / "page.pdf", [LINES])
    return degrade(page_images(source, 150)[0], CLEAN, random.Random(0))


def test_tessdata_prefix_comes_first(tmp_path, monkeypatch):
    (tmp_path / "tessdata").mkdir()
    (tmp_path / "tessdata" / "fra.traineddata").write_bytes(b"model")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    assert tessdata_dir() == f"{tmp_path}/tessdata/"


def test_missing_french_model_says_which_package_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    monkeypatch.setattr(ocr_module, "TESSDATA_CANDIDATES", ())
    with pytest.raises(OcrUnavailable, match="tesseract-ocr-fra"):
        tessdata_dir()


def test_one_engine_per_process():
    assert engine() is engine()


@pytest.mark.parametrize("angle", [-2.0, 1.5, 0.0])
def test_skew_is_measured_to_the_quarter_degree(page_image, angle):
    skewed = page_image.rotate(angle, fillcolor=255, expand=True)
    assert estimate_skew(skewed) == pytest.approx(-angle, abs=0.5)


@pytest.mark.slow
def test_upside_down_page_is_turned_and_read(page_image):
    result = engine().read(page_image.rotate(180), timeout=60)
    assert result.rotation == 180
    assert "interdiction temporaire de stationner" in result.text
    assert result.confidence > 0.8


ARRETE = "prefecture-haute-saone_arrete-prefectoral-70-2023-03-23-00010_secheresse_scan.pdf"


@pytest.fixture(scope="module")
def scanned_arrete(shared_dir):
    """The corpus's image-only arrêté (10 pages, no text layer), OCRed and extracted once."""
    from actes.extraction import extract_paths

    labels = next(
        json.loads(line) for line in (shared_dir / "corpus" / "labels.jsonl").read_text().splitlines()
        if ARRETE in line
    )
    return extract_paths([shared_dir / "corpus" / "raw" / ARRETE])[0], labels


@pytest.mark.slow
def test_scanned_arrete_pages_are_ocred(scanned_arrete):
    act, _ = scanned_arrete
    pages = act.source.page_info
    assert [p.verdict for p in pages] == ["scanned"] * 10 and all(p.ocr for p in pages)
    assert all(p.ocr_confidence > 0.8 for p in pages if p.number != 5)  # page 5 is a map


def _value(act, field: str) -> str:
    value = {"nature": act.nature, "signataire": act.signataire.nom, "collectivite_nom": act.collectivite.nom}.get(
        field, getattr(act, field, None)
    )
    return str(getattr(value, "value", value) or "")


@pytest.mark.slow
@pytest.mark.parametrize(
    "field",
    [
        "nature",
        "numero",  # "Arrêté n° 70-2023-03-23-00010 du 23 mars 2023"
        "date_decision",
        "collectivite_nom",  # "PRÉFET de la Haute-Saône", the letterhead
        "objet",  # "portant limitation provisoire des usages de l'eau Hors bassin versant de la Saône…"
        "signataire",  # "Fait à Montreval, le 2 3 MARS 2023 / es / Michel CHAPUIS"
    ],
)
def test_scanned_arrete_labelled_fields_come_out(scanned_arrete, field):
    from rapidfuzz import fuzz

    act, labels = scanned_arrete
    found, expected = _value(act, field).casefold(), str(labels[field]).casefold()
    assert fuzz.ratio(found, expected) >= 90, f"{field}: {found!r} != {expected!r}"
