"""Fuzz the extractors' entry point and the whole text → acts path (segment, reconcile).

Any text → findings whose spans stay inside the text, never an exception.

    .venv/bin/python fuzz/fuzz_extractors.py -max_total_time=60 -print_final_stats=1
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import fixture_files, run  # noqa: E402

with atheris.instrument_imports(include=["actes"]):
    from actes.extraction import acts_of_document
    from actes.extractors import TextView, run_extractors
    from actes.schemas.document import Document, Page


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    pages = [Page(number=i, text=chunk, verdict="text") for i, chunk in enumerate(text.split("\f"), start=1)]
    doc = Document.from_pages("<fuzz>", "0" * 64, "text", pages)
    for finding in run_extractors(TextView(doc)):
        if finding.span is not None:
            assert 0 <= finding.span[0] <= finding.span[1] <= len(doc.text), finding
    acts_of_document(doc)


def seeds() -> list[bytes]:
    return [p.read_bytes()[:20_000] for p in fixture_files(".txt")]


if __name__ == "__main__":
    run("extractors", test_one_input, seeds)
