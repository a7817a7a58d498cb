"""PDF acts: text layer read with pypdfium2 (fast, best text quality), page by page.

Each page gets a verdict (``actes.readers.page_quality``); only the pages that need it are
rendered and OCRed (``actes.readers.ocr``), so a typed act with one scanned annex page pays
for one page of OCR. pdfplumber is only for places where positions matter: see
``actes.readers.layout``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import ClassVar

from actes import page_progress
from actes.errors import HostileInput, LimitExceeded, UnreadableFile
from actes.limits import Limits
from actes.readers.base import sha256_of
from actes.readers.normalize import normalize_text
from actes.readers.page_quality import NEEDS_OCR, SCANNED, coverage_matters, judge, measure
from actes.schemas.document import Document, Page

# A page rendered for OCR has at most this many pixels (A3 at 300 dpi has 35 million);
# larger pages are rendered at a lower resolution.
MAX_OCR_PIXELS = 60_000_000
# One picture inside a page with more pixels than this is an image bomb: decoding it alone
# would take gigabytes. Scanners at 600 dpi make A3 pages of 70 million pixels.
MAX_IMAGE_PIXELS = 200_000_000
# pdfium joins a line ending in a hyphen to the next one and marks the place with U+FFFE;
# turned back into "-\n", normalize_text decides between "conven-tion" and "Saint-Martin".
PDFIUM_LINE_HYPHEN = "\ufffe"


def open_pdf(path: Path):
    """The pdfium document, or an UnreadableFile saying why it cannot be opened."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise UnreadableFile(path, "the PDF is encrypted with a password (cannot be opened without it)") from None
        raise UnreadableFile(path, f"not a readable PDF, damaged or truncated ({message})") from None


def inspect_images(path: Path, page, number: int) -> float:
    """Share of the page covered by its largest picture; refuses image bombs."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    area = max(width * height, 1.0)
    largest = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        px_width, px_height = image.get_px_size()
        if px_width * px_height > MAX_IMAGE_PIXELS:
            raise HostileInput(
                path, f"page {number} holds a {px_width}×{px_height}-pixel picture, over the "
                f"{MAX_IMAGE_PIXELS // 1_000_000}-million-pixel limit (image bomb?)"
            )
        left, bottom, right, top = image.get_bounds()
        shown = max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
        largest = max(largest, shown / area)
    return min(largest, 1.0)


def render_for_ocr(page, dpi: int):
    """The page as a grayscale PIL image at ``dpi``, lowered so it stays under MAX_OCR_PIXELS."""
    width, height = page.get_size()
    scale = dpi / 72
    if width * height * scale * scale > MAX_OCR_PIXELS:
        scale = math.sqrt(MAX_OCR_PIXELS / (width * height))
    return page.render(scale=scale, grayscale=True).to_pil()


class PdfReader:
    """Text of every page; OCR for scanned pages and bad text layers when ``ocr`` is on."""

    name: ClassVar[str] = "pdf"

    def __init__(self, ocr: bool = True):
        self.ocr = ocr

    def detect(self, path: Path, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def read(self, path: Path, limits: Limits) -> Document:
        pdf = open_pdf(path)
        try:
            count = len(pdf)
            if count == 0:
                raise UnreadableFile(path, "the PDF has no pages")
            if count > limits.max_pages:
                raise LimitExceeded(path, f"{count} pages is over the {limits.max_pages}-page limit")
            pages = []
            for index in range(count):
                pages.append(self._read_page(path, pdf, index + 1, limits))
                page_progress.tick(path, index + 1, count)  # long files, on a terminal only
        finally:
            pdf.close()
        return Document.from_pages(path, sha256_of(path), self.name, pages)

    def _read_page(self, path: Path, pdf, number: int, limits: Limits) -> Page:
        import pypdfium2 as pdfium

        try:
            page = pdf[number - 1]
        except pdfium.PdfiumError as exc:
            return Page(number=number, text="", verdict=SCANNED, error=f"page cannot be loaded ({exc})")
        try:
            width, height = page.get_size()
            if max(width, height) > limits.max_page_points:
                raise LimitExceeded(
                    path, f"page {number} is {width:.0f}×{height:.0f} points, over the "
                    f"{limits.max_page_points:.0f}-point limit"
                )
            try:
                textpage = page.get_textpage()
                text = normalize_text(textpage.get_text_range().replace(PDFIUM_LINE_HYPHEN, "-\n"))
                textpage.close()
            except pdfium.PdfiumError as exc:
                text, error = "", f"text layer cannot be read ({exc})"
            else:
                error = None
            quality = measure(text)
            coverage = inspect_images(path, page, number) if coverage_matters(quality) or error else 0.0
            verdict = judge(quality, coverage)
            if verdict in NEEDS_OCR and self.ocr:
                return self._ocr_page(page, number, text, verdict, limits)
            return Page(number=number, text=text, verdict=verdict, error=error)
        finally:
            page.close()

    def _ocr_page(self, page, number: int, layer: str, verdict: str, limits: Limits) -> Page:
        import pypdfium2 as pdfium

        from actes.readers.ocr import OcrFailed, OcrUnavailable, engine

        try:
            result = engine().read(render_for_ocr(page, limits.ocr_dpi), timeout=limits.ocr_seconds_per_page)
        except OcrUnavailable as exc:
            return Page(number=number, text=layer, verdict=verdict, error=f"page not OCRed: {exc}")
        except (OcrFailed, RuntimeError, pdfium.PdfiumError) as exc:
            return Page(number=number, text=layer, verdict=verdict, error=f"OCR failed: {exc}")
        text = normalize_text(result.text).strip()
        if verdict == SCANNED and layer.strip():
            text = f"{layer.strip()}\n{text}"  # e.g. the @CTES stamp added as text on a scan
        return Page(number=number, text=text, verdict=verdict, ocr=True, ocr_confidence=round(result.confidence, 3))
