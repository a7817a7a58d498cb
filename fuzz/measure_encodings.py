"""Measure the text reader's decoding on real French texts saved again in legacy encodings,
against charset-normalizer (which the chain in actes.readers.text replaced).

    .venv/bin/python fuzz/measure_encodings.py [../shared/corpus/texts]

Prints, per encoding, how many samples each method decodes back exactly.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actes.readers.text import decode_text  # noqa: E402

ENCODINGS = ["utf-8", "cp1252", "latin-1", "cp850", "mac_roman"]


def charset_normalizer_decode(raw: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return str(best) if best else raw.decode("latin-1")


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/corpus/texts"
    rng = random.Random(1)
    samples = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for size in (300, 3000):  # a short notice and a page
            start = rng.randrange(0, max(1, len(text) - size))
            samples.append(text[start : start + size])
    methods = {"actes": decode_text, "charset-normalizer": charset_normalizer_decode}
    print(f"{len(samples)} samples from {folder}")
    for encoding in ENCODINGS:
        scores = dict.fromkeys(methods, 0)
        total = 0
        for sample in samples:
            expected = sample.encode(encoding, "replace").decode(encoding)
            raw = expected.encode(encoding)
            if raw.isascii():
                continue
            total += 1
            for name, method in methods.items():
                scores[name] += method(raw) == expected
        print(f"{encoding:10} " + "  ".join(f"{name} {score}/{total}" for name, score in scores.items()))


if __name__ == "__main__":
    main()
