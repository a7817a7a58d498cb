"""Extraction speed on one core, with and without the NLP step, against reading the files.

    .venv/bin/python -m benchmarks.extract_nlp [--dir fixtures/generated] [--dir ../shared/corpus/texts]

Reads every PDF/.txt of the folders once (timed: the baseline), then runs the registered
extractors over each document's segments twice in the same process: with the NLP step off
(``nlp.persons`` returns nothing) and on, after one untimed warm-up pass, (spaCy loaded beforehand, so the one-time model load,
printed apart, is not charged to the acts). Prints acts/s for each and the ratios to reading.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from actes.extractors import EXTRACTORS, TextView, nlp, run_extractors
from actes.readers import read_document
from actes.segment import segment

ROOT = Path(__file__).resolve().parent.parent


def _views(docs):
    return [TextView(doc, seg.start, seg.end) for doc in docs for seg in segment(doc)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", action="append", type=Path)
    args = parser.parse_args()
    folders = args.dir or [ROOT / "fixtures" / "generated", ROOT.parent / "shared" / "corpus" / "texts"]
    paths = sorted(p for folder in folders for p in folder.iterdir() if p.suffix in {".pdf", ".txt"})
    started = time.perf_counter()
    docs = [read_document(p) for p in paths]
    read_s = time.perf_counter() - started
    views = _views(docs)
    print(f"{len(paths)} files, {len(views)} acts; reading: {read_s:.2f} s ({len(views) / read_s:.0f} acts/s)")

    real_persons = nlp.persons
    nlp.persons = lambda text: []
    for view in views:  # warm-up: regex compilation and caches are one-time costs
        run_extractors(view)
    started = time.perf_counter()
    for view in views:
        run_extractors(view)
    off_s = time.perf_counter() - started
    nlp.persons = real_persons

    started = time.perf_counter()
    loaded = nlp.available()
    load_s = time.perf_counter() - started
    calls = []

    def counting(text: str):
        calls.append(len(text))
        return real_persons(text)

    nlp.persons = counting
    started = time.perf_counter()
    for view in views:
        run_extractors(view)
    on_s = time.perf_counter() - started
    nlp.persons = real_persons

    print(f"extractors, NLP off: {off_s:.2f} s = {len(views) / off_s:.0f} acts/s")
    print(f"extractors, NLP on:  {on_s:.2f} s = {len(views) / on_s:.0f} acts/s "
          f"(spaCy {'loaded' if loaded else 'absent'} in {load_s:.1f} s, once; {len(calls)} NER calls on "
          f"{sum(calls)} characters, {sum(calls) / max(1, sum(len(v.text) for v in views)):.2%} of the text)")
    print(f"ratios to reading: off {off_s / read_s:.2f}, on {on_s / read_s:.2f}; on/off {on_s / off_s:.2f}")
    nlp.persons = lambda text: []
    shares = []
    for name in EXTRACTORS:
        started = time.perf_counter()
        for view in views:
            run_extractors(view, [name])
        shares.append(f"{name} {time.perf_counter() - started:.2f} s")
    nlp.persons = real_persons
    print("per extractor, NLP off: " + ", ".join(shares))


if __name__ == "__main__":
    main()
