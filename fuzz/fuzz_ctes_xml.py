"""Fuzz the @CTES XML reader: any bytes → an Envelope / ARActe values, or a FileError. Nothing else.

    .venv/bin/python fuzz/fuzz_ctes_xml.py -max_total_time=60 -print_final_stats=1
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import fixture_files, run  # noqa: E402

with atheris.instrument_imports(include=["actes"]):
    from actes.errors import FileError
    from actes.readers.ctes_xml import read_acknowledgement, read_envelope

PATH = Path(tempfile.mkdtemp(prefix="actes-fuzz-xml-")) / "x-1-1_0.xml"


def test_one_input(data: bytes) -> None:
    PATH.write_bytes(data)
    for read in (read_envelope, read_acknowledgement):
        try:
            read(PATH)
        except FileError:
            pass


def seeds() -> list[bytes]:
    found = [p.read_bytes() for p in fixture_files(".xml")]
    shared = Path(os.environ.get("ACTES_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "reference/actes"
    found += [p.read_bytes() for p in sorted(shared.glob("*/*.xml"))]
    return found


if __name__ == "__main__":
    run("xml", test_one_input, seeds)
