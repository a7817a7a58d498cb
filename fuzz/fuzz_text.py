"""Fuzz the text reader (decoding, normalisation, pages): any bytes → a Document or a FileError.

    .venv/bin/python fuzz/fuzz_text.py -max_total_time=60 -print_final_stats=1
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import fixture_files, run  # noqa: E402

with atheris.instrument_imports(include=["actes"]):
    from actes.errors import FileError
    from actes.readers import read_document
    from actes.readers.text import decode_text

PATH = Path(tempfile.mkdtemp(prefix="actes-fuzz-text-")) / "acte.txt"


def test_one_input(data: bytes) -> None:
    assert isinstance(decode_text(data), str)
    PATH.write_bytes(data)
    try:
        doc = read_document(PATH)
    except FileError:
        return
    assert len(doc.pages) == len(doc.page_starts)
    for page, start in zip(doc.pages, doc.page_starts, strict=True):
        assert doc.text[start : start + len(page.text)] == page.text


def seeds() -> list[bytes]:
    return [p.read_bytes() for p in fixture_files(".txt")]


if __name__ == "__main__":
    run("text", test_one_input, seeds)
