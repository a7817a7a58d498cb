"""OCR of page images with Tesseract's French model, through tesserocr.

Measured on this machine: 300 dpi renders, a 3×3 median filter first (degraded scans: CER
11 % → 2 %), one Tesseract API per process (loading the model costs ~0.3 s), Tesseract's
own threads off (they gave nothing; one worker process per core gives the speed-up).
Orientation is detected only when the first pass reads poorly, so upright pages pay nothing.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from actes.errors import ActesError

if TYPE_CHECKING:
    from PIL import Image

BILINEAR, BOX = 2, 4  # PIL.Image.Resampling values, without importing Pillow at import time

OCR_EXTRA = 'pip install "actes[ocr]"'
LANGUAGE = "fra"
# Debian/Ubuntu packages (tesseract-ocr-fra) put the models here; tesserocr wheels bundle a
# Tesseract that does not look there by itself.
TESSDATA_CANDIDATES = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)
# A first pass this poor (mean word confidence) triggers orientation detection and a retry.
RETRY_BELOW_CONFIDENCE = 0.6
MIN_ORIENTATION_CONFIDENCE = 2.0  # Tesseract's scale: 15 is "reasonably confident"
MIN_DESKEW_DEGREES = 0.5  # smaller skews Tesseract absorbs by itself


class OcrUnavailable(ActesError):
    """tesserocr or the French model is missing: the message says how to install them."""


class OcrFailed(ActesError):
    """Tesseract could not read one page (timeout, bad image)."""


@dataclass(frozen=True)
class OcrResult:
    text: str
    confidence: float  # mean word confidence, 0..1
    rotation: int = 0  # degrees the page was turned (clockwise) before reading
    deskew: float = 0.0  # degrees of skew corrected
    seconds: float = 0.0


def tessdata_dir() -> str:
    """The folder holding ``fra.traineddata``: $TESSDATA_PREFIX first, then Debian's paths."""
    candidates = []
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        candidates += [prefix, os.path.join(prefix, "tessdata")]
    candidates += TESSDATA_CANDIDATES
    for folder in candidates:
        if Path(folder, f"{LANGUAGE}.traineddata").is_file():
            return folder.rstrip("/") + "/"
    raise OcrUnavailable(
        f"Tesseract's French model ({LANGUAGE}.traineddata) was not found in {', '.join(candidates)}: "
        "install the Debian package tesseract-ocr-fra or set TESSDATA_PREFIX"
    )


class OcrEngine:
    """One Tesseract API, created on first use and reused for every page of the process."""

    def __init__(self, language: str = LANGUAGE):
        self.language = language
        self._api = None
        self._has_osd = False
        self._osd_api = None

    def _get_api(self):
        if self._api is None:
            try:
                import tesserocr
            except ImportError as exc:
                raise OcrUnavailable(f"OCR needs tesserocr and Pillow ({exc}): {OCR_EXTRA}") from None
            path = tessdata_dir()
            self._has_osd = Path(path, "osd.traineddata").is_file()
            self._api = tesserocr.PyTessBaseAPI(path=path, lang=self.language, psm=tesserocr.PSM.AUTO)
        return self._api

    def read(self, image: Image.Image, timeout: float = 60.0) -> OcrResult:
        """Text of one page image. Raises OcrFailed when Tesseract gives up or runs out of time."""
        from PIL import ImageFilter

        started = time.monotonic()
        image = image.convert("L").filter(ImageFilter.MedianFilter(3))
        rotation = 0
        deskew = estimate_skew(image)
        text, confidence = self._recognize(straighten(image, 0, deskew), timeout)
        if confidence < RETRY_BELOW_CONFIDENCE:
            # Few words read well: perhaps the page is on its side or upside down.
            turn = self._orientation(image)
            if turn:
                upright = straighten(image, turn, 0.0)
                turn_skew = estimate_skew(upright)
                left = max(timeout - (time.monotonic() - started), 1.0)
                retry_text, retry_confidence = self._recognize(straighten(upright, 0, turn_skew), left)
                if retry_confidence > confidence:
                    text, confidence, rotation, deskew = retry_text, retry_confidence, turn, turn_skew
        return OcrResult(text, confidence, rotation, deskew, time.monotonic() - started)

    def _recognize(self, image: Image.Image, timeout: float) -> tuple[str, float]:
        api = self._get_api()
        api.SetImage(image)
        started = time.monotonic()
        if not api.Recognize(timeout=max(1, int(timeout * 1000))):
            api.Clear()
            if time.monotonic() - started >= 0.9 * timeout:
                raise OcrFailed(f"Tesseract stopped after {timeout:g} s (the per-page OCR time limit)")
            raise OcrFailed("Tesseract could not read the page image")
        text = api.GetUTF8Text()
        confidences = [c for c in api.AllWordConfidences() if c >= 0]
        return text, (sum(confidences) / len(confidences) / 100.0 if confidences else 0.0)

    def _orientation(self, image: Image.Image) -> int:
        """Rotation in degrees, counter-clockwise, that makes the page upright (0 when unsure)."""
        osd = self._get_osd_api()
        if osd is None:
            return 0
        osd.SetImage(image)
        found = osd.DetectOrientationScript()
        if found and found.get("orient_conf", 0) >= MIN_ORIENTATION_CONFIDENCE:
            return int(found.get("orient_deg", 0)) % 360
        return 0

    def _get_osd_api(self):
        """A second API for orientation detection: the French one crashes (abort) on it."""
        if self._osd_api is None and self._has_osd:
            import tesserocr

            self._osd_api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang="osd", psm=tesserocr.PSM.OSD_ONLY)
        return self._osd_api


def straighten(image: Image.Image, rotation: int, deskew: float) -> Image.Image:
    """``image`` turned by ``rotation`` + ``deskew`` degrees counter-clockwise, white filled."""
    angle = rotation + (deskew if abs(deskew) >= MIN_DESKEW_DEGREES else 0.0)
    return image.rotate(angle, resample=BILINEAR, expand=True, fillcolor=255) if angle else image


def estimate_skew(image: Image.Image, max_degrees: float = 5.0) -> float:
    """Skew angle (degrees, counter-clockwise correction) by projection profile.

    Lines of text make sharp peaks in the row sums of an upright page; the rotation giving
    the most contrasted row profile is the correction. Searched coarse then fine, on a copy
    about 600 pixels high, so it costs a few hundredths of a second.
    """
    from PIL import ImageOps

    small = ImageOps.invert(image.convert("L"))
    small.thumbnail((600, 600))

    def contrast(angle: float) -> float:
        rows = list(small.rotate(angle, resample=BILINEAR).resize((1, small.height), BOX).tobytes())
        mean = sum(rows) / len(rows)
        return sum((r - mean) ** 2 for r in rows)

    best = max((k * 1.0 for k in range(-int(max_degrees), int(max_degrees) + 1)), key=contrast)
    return max((best + k * 0.25 for k in range(-3, 4)), key=contrast)


_ENGINE: OcrEngine | None = None


def engine() -> OcrEngine:
    """The process's OCR engine (created lazily: importing this module costs nothing)."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = OcrEngine()
    return _ENGINE


def ocr_available() -> bool:
    try:
        import tesserocr  # noqa: F401

        tessdata_dir()
    except (ImportError, OcrUnavailable):
        return False
    return True
