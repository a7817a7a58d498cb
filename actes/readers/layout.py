"""Positions of words on a page, for the few places where they matter: the @CTES stamp box
in the top-right corner, and vote tables read column by column.

pdfplumber reads about 10 pages/s (pypdfium2: 600), so it is used page by page, on the pages
asked for, never for a whole file's text (see ``actes.readers.pdf``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from actes.errors import UnreadableFile
from actes.readers.normalize import normalize_text

# Where the "Accusé de réception en préfecture" stamp sits: right half, top quarter.
# Fractions of the page (x0, top, x1, bottom), origin top-left.
STAMP_BOX = (0.45, 0.0, 1.0, 0.25)


@dataclass(frozen=True)
class Word:
    """One word and its box, in PDF points from the page's top-left corner."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


class PageLayout:
    """Words with positions, page by page, of one open PDF."""

    def __init__(self, path: Path, pdf):
        self.path = path
        self._pdf = pdf

    def __len__(self) -> int:
        return len(self._pdf.pages)

    def _page(self, number: int):
        if not 1 <= number <= len(self._pdf.pages):
            raise UnreadableFile(self.path, f"has no page {number} (it has {len(self._pdf.pages)})")
        return self._pdf.pages[number - 1]

    def words(self, number: int) -> list[Word]:
        """The words of page ``number`` (1-indexed) in reading order, with their boxes."""
        page = self._page(number)
        try:
            found = page.extract_words(keep_blank_chars=False, use_text_flow=False)
        except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on hostile input
            raise UnreadableFile(self.path, f"page {number} cannot be laid out ({type(exc).__name__})") from None
        finally:
            page.flush_cache()
        return [Word(normalize_text(w["text"]), w["x0"], w["top"], w["x1"], w["bottom"]) for w in found]

    def box_text(self, number: int, box: tuple[float, float, float, float]) -> str:
        """Text of the words whose middle lies in ``box`` (fractions of the page, top-left origin)."""
        page = self._page(number)
        width, height = float(page.width), float(page.height)
        x0, top, x1, bottom = box[0] * width, box[1] * height, box[2] * width, box[3] * height
        inside = [w for w in self.words(number) if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= w.middle <= bottom]
        return "\n".join(" ".join(w.text for w in line) for line in rows(inside))

    def stamp_text(self, number: int = 1) -> str:
        """Text of the top-right stamp box of page ``number``: the @CTES acknowledgement."""
        return self.box_text(number, STAMP_BOX)


def rows(words: list[Word], tolerance: float = 3.0) -> list[list[Word]]:
    """Words grouped into lines (middles within ``tolerance`` points), each sorted left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if lines and abs(lines[-1][-1].middle - word.middle) <= tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


@contextmanager
def open_layout(path: str | Path) -> Iterator[PageLayout]:
    """Open a PDF for position queries; bad PDFs raise a FileError naming the file."""
    import pdfplumber

    path = Path(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on hostile input
        name = type(exc).__name__
        reason = "encrypted with a password" if "Password" in name else f"not a readable PDF ({name})"
        raise UnreadableFile(path, reason) from None
    try:
        yield PageLayout(path, pdf)
    finally:
        pdf.close()


def stamp_text(path: str | Path, page: int = 1) -> str:
    """Text of the stamp box of one page of the PDF at ``path``."""
    with open_layout(path) as layout:
        return layout.stamp_text(page)
