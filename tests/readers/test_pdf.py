"""PDF reader: text layer, page map, per-page verdicts, OCR of only the pages that need it,
and hostile PDFs, each failing with a FileError that names the file."""

from __future__ import annotations

import random
import zlib
from pathlib import Path

import pytest

from actes.errors import FileError, HostileInput, LimitExceeded, UnreadableFile
from actes.limits import Limits
from actes.readers import ocr as ocr_module
from actes.readers import read_document
from actes.readers.pdf import PdfReader
from fixtures.generator.scan import CLEAN, degrade, page_images, typed_pdf, write_image_pdf
from fixtures.hostile.pdfs import raw_pdf

PAGE_ONE = [
    "DÉLIBÉRATION DU CONSEIL MUNICIPAL",
    "Séance du 16 février 2023",
    "Le conseil municipal approuve la conven-",
    "tion de mise à disposition des locaux de Saint-",
    "Martin.",
]
PAGE_TWO = ["Article 2 : Le maire est chargé de l'exécution de la présente délibération."] * 5
SCANNED_PAGE = [
    "ARRÊTÉ DU MAIRE",
    "portant réglementation de la circulation",
    "rue de la Mairie pendant les travaux.",
    "Le maire de la commune arrête :",
]


@pytest.fixture
def typed(tmp_path) -> Path:
    return typed_pdf(tmp_path / "typed.pdf", [PAGE_ONE, PAGE_TWO])


def scanned_pdf(tmp_path: Path, lines: list[str], dpi: int = 200) -> Path:
    source = typed_pdf(tmp_path / "source.pdf", [lines])
    images = [degrade(image, CLEAN, random.Random(0)) for image in page_images(source, dpi)]
    out = tmp_path / "scan.pdf"
    write_image_pdf(images, out, dpi)
    return out


def test_text_layer_with_page_map_and_hyphens_joined(typed):
    doc = read_document(typed)
    assert [p.verdict for p in doc.pages] == ["born-digital", "born-digital"]
    assert not any(p.ocr for p in doc.pages)
    assert "convention de mise à disposition des locaux de Saint-Martin." in doc.text
    assert doc.page_of(doc.text.index("Article 2")) == 2
    assert doc.page_of(doc.text.index("Séance")) == 1


def test_scanned_page_is_judged_and_left_alone_when_ocr_is_off(tmp_path):
    doc = PdfReader(ocr=False).read(scanned_pdf(tmp_path, SCANNED_PAGE), Limits())
    assert doc.pages[0].verdict == "scanned"
    assert doc.pages[0].text == "" and not doc.pages[0].ocr


def test_mixed_pdf_ocrs_only_the_scanned_page(tmp_path, monkeypatch):
    """Two typed pages and one scanned page: one page goes through Tesseract."""
    import pypdfium2 as pdfium

    scan = scanned_pdf(tmp_path, SCANNED_PAGE)
    typed = typed_pdf(tmp_path / "typed.pdf", [PAGE_ONE, PAGE_TWO])
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(str(typed)))
    mixed.import_pages(pdfium.PdfDocument(str(scan)))
    mixed.save(str(tmp_path / "mixed.pdf"))

    engine = ocr_module.engine()
    calls = []
    real_read = engine.read
    monkeypatch.setattr(engine, "read", lambda image, timeout: calls.append(image.size) or real_read(image, timeout))
    doc = read_document(tmp_path / "mixed.pdf", Limits(ocr_dpi=200))

    assert len(calls) == 1
    assert [p.verdict for p in doc.pages] == ["born-digital", "born-digital", "scanned"]
    assert [p.ocr for p in doc.pages] == [False, False, True]
    assert doc.pages[2].ocr_confidence > 0.8
    assert "réglementation de la circulation" in doc.pages[2].text
    assert doc.page_of(doc.text.index("circulation")) == 3


def test_ocr_time_limit_gives_a_page_error_and_the_document_goes_on(tmp_path):
    doc = read_document(scanned_pdf(tmp_path, SCANNED_PAGE), Limits(ocr_seconds_per_page=0.001, ocr_dpi=200))
    page = doc.pages[0]
    assert page.error and "time limit" in page.error and not page.ocr


def test_missing_tesserocr_is_a_page_error_naming_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "tesserocr", None)
    monkeypatch.setattr(ocr_module, "_ENGINE", None)
    doc = read_document(scanned_pdf(tmp_path, SCANNED_PAGE))
    assert 'pip install "actes[ocr]"' in doc.pages[0].error
    with pytest.raises(ocr_module.OcrUnavailable, match=r"actes\[ocr\]"):
        ocr_module.OcrEngine().read(page_images(tmp_path / "scan.pdf", 50)[0])


# -- hostile PDFs ------------------------------------------------------------------------


def image_bomb(path: Path, width: int = 60_000, height: int = 60_000) -> Path:
    """One page showing a picture that declares 3.6 billion pixels in a few hundred bytes."""
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    data = zlib.compress(b"\x00" * 100_000)
    path.write_bytes(raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(data)) + data + b"\nendstream",
    ]))
    return path


def test_image_bomb_is_refused_before_rendering(tmp_path):
    with pytest.raises(HostileInput, match=r'"[^"]*bomb\.pdf".*60000×60000-pixel picture'):
        read_document(image_bomb(tmp_path / "bomb.pdf"))


def test_owner_password_only_opens_and_user_password_is_refused(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    owner_only = typed_pdf(tmp_path / "owner.pdf", [PAGE_ONE], encrypt=StandardEncryption("", "owner", canPrint=0))
    assert "Séance du 16 février 2023" in read_document(owner_only).text
    locked = typed_pdf(tmp_path / "locked.pdf", [PAGE_ONE], encrypt=StandardEncryption("user", "owner"))
    with pytest.raises(UnreadableFile, match=r'"[^"]*locked\.pdf": .*encrypted with a password'):
        read_document(locked)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda p, typed: p.write_bytes(b""), UnreadableFile, "empty"),  # zero bytes
        (lambda p, typed: p.write_bytes(b"%PDF-1.7\n"), UnreadableFile, "not a readable PDF"),  # header only
        # truncated in the middle of its first page's objects
        (lambda p, typed: p.write_bytes(typed.read_bytes()[:700]), UnreadableFile, "PDF"),
        # a valid header followed by noise
        (lambda p, typed: p.write_bytes(b"%PDF-1.4\n" + random.Random(1).randbytes(5000)), UnreadableFile, "PDF"),
    ],
)
def test_broken_pdfs_fail_with_a_named_file_error(tmp_path, typed, make, error, message):
    path = tmp_path / "broken.pdf"
    make(path, typed)
    with pytest.raises(error, match=rf'"[^"]*broken\.pdf".*{message}'):
        read_document(path)


def test_page_count_and_page_size_limits(tmp_path, typed):
    with pytest.raises(LimitExceeded, match=r"2 pages is over the 1-page limit"):
        read_document(typed, Limits(max_pages=1))
    from reportlab.pdfgen import canvas

    huge = canvas.Canvas(str(tmp_path / "huge.pdf"), pagesize=(20_000, 20_000))
    huge.drawString(100, 100, "Une page de sept mètres de côté")
    huge.showPage()
    huge.save()
    with pytest.raises(LimitExceeded, match=r'"[^"]*huge\.pdf": page 1 is 20000×20000 points'):
        read_document(tmp_path / "huge.pdf")


def test_truncated_pdf_never_escapes_as_anything_but_a_file_error(tmp_path, typed):
    """Every cut of a real PDF either reads or raises a FileError."""
    data = typed.read_bytes()
    for cut in range(0, len(data), max(1, len(data) // 40)):
        path = tmp_path / f"cut{cut}.pdf"
        path.write_bytes(data[:cut])
        try:
            read_document(path, Limits(ocr_dpi=72))
        except FileError:
            pass


# -- positions (pdfplumber, page by page) -------------------------------------------------


def stamped_pdf(path: Path) -> Path:
    """A délibération whose first page carries the @CTES stamp top right and a vote table."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.setFont("Helvetica", 8)
    for i, line in enumerate(["Accusé de réception en préfecture", "070-217000000-20230323-00010-DE",
                              "Date de réception préfecture : 24/03/2023"]):
        pdf.drawString(390, 800 - 10 * i, line)
    pdf.setFont("Helvetica", 12)
    pdf.drawString(56, 800, "COMMUNE DE VESOUL")  # top left: not in the stamp box
    pdf.drawString(56, 600, "Délibération n° 2023-10")
    for i, (label, count) in enumerate([("Pour", "12"), ("Contre", "3"), ("Abstentions", "1")]):
        pdf.drawString(56, 500 - 18 * i, label)
        pdf.drawString(300, 500 - 18 * i, count)
    pdf.showPage()
    pdf.save()
    return path


def test_stamp_box_holds_only_the_stamp(tmp_path):
    from actes.readers.layout import stamp_text

    text = stamp_text(stamped_pdf(tmp_path / "stamped.pdf"))
    assert text.splitlines() == [
        "Accusé de réception en préfecture", "070-217000000-20230323-00010-DE",
        "Date de réception préfecture : 24/03/2023",
    ]


def test_words_with_positions_line_up_a_vote_table(tmp_path):
    from actes.readers.layout import open_layout, rows

    with open_layout(stamped_pdf(tmp_path / "votes.pdf")) as layout:
        words = [w for w in layout.words(1) if w.top > 842 - 520]
        table = [[w.text for w in line] for line in rows(words)]
    assert table == [["Pour", "12"], ["Contre", "3"], ["Abstentions", "1"]]


def test_layout_of_a_broken_pdf_is_a_named_file_error(tmp_path):
    from actes.readers.layout import open_layout

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + random.Random(2).randbytes(3000))
    with pytest.raises(FileError, match=r'"[^"]*broken\.pdf"'):
        with open_layout(broken) as layout:
            layout.words(1)


def test_corrupted_bytes_never_escape_as_anything_but_a_file_error(tmp_path, typed):
    """Random bytes overwritten in a real PDF: it reads, or raises a FileError naming it."""
    data = bytearray(typed.read_bytes())
    rng = random.Random(7)
    for trial in range(30):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        path = tmp_path / f"mutated{trial}.pdf"
        path.write_bytes(bytes(mutated))
        try:
            read_document(path, Limits(ocr_dpi=72))
        except FileError as exc:
            assert f"mutated{trial}.pdf" in str(exc)


# -- scanned twins (fixtures/generator/scan.py) -------------------------------------------


def test_scanned_twins_keep_the_answer_and_get_the_right_verdict(tmp_path):
    import dataclasses
    import json

    from fixtures.generator.scan import BAD_LAYER, DEGRADED, scan_twin, twin_labels

    source = typed_pdf(tmp_path / "act.pdf", [PAGE_ONE + PAGE_TWO + SCANNED_PAGE * 3])
    (tmp_path / "act.expected.json").write_text('{"numero": "2023-10"}')
    (tmp_path / "labels.jsonl").write_text(json.dumps({"file": "act.pdf", "numero": "2023-10"}) + "\n")
    cheap = [dataclasses.replace(how, dpi=100) for how in (DEGRADED, BAD_LAYER)]  # low dpi: a fast test
    twins = [scan_twin(source, tmp_path / "twins", how) for how in cheap]
    verdicts = [PdfReader(ocr=False).read(twin, Limits()).pages[0].verdict for twin in twins]
    assert verdicts == ["scanned", "bad-text-layer"]
    assert all(json.loads(t.with_name(f"{t.stem}.expected.json").read_text()) == {"numero": "2023-10"} for t in twins)
    twin_labels(tmp_path / "labels.jsonl", {"act.pdf": twins}, tmp_path / "twins" / "labels.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "twins" / "labels.jsonl").read_text().splitlines()]
    assert [line["file"] for line in lines] == [t.name for t in twins]
