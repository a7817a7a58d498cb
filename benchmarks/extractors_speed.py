"""Speed of the rule extractors (NLP off) against reading the files, one process, best of N rounds.

    taskset -c 0 .venv/bin/python -m benchmarks.extractors_speed [--rounds 3] [--dir DIR ...]

Each round reads every PDF/.txt of the folders (default: fixtures/generated and ../shared/corpus/texts:
the baseline), cuts them into acts (``actes.segment.segment``), then runs every registered extractor
over every act with ``nlp.persons`` returning nothing. The best (smallest) time of the rounds is kept
for each step; it prints acts/s and the ratio of each step to reading, then the time of each extractor
and of each part of the header extractor (best of the rounds too). The machine's load moves absolute
figures; the ratios measured in the same process are what to compare.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from actes.extractors import EXTRACTORS, TextView, nlp, run_extractors
from actes.extractors.header import PARTS
from actes.readers import read_document
from actes.segment import segment

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "fixtures" / "generated", ROOT.parent / "shared" / "corpus" / "texts"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", action="append", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(p for folder in (args.dir or FOLDERS) if folder.is_dir()
                   for p in folder.iterdir() if p.suffix in {".pdf", ".txt"})
    real_persons = nlp.persons
    nlp.persons = lambda text: []
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, seconds), seconds)

    for _ in range(args.rounds):
        started = time.perf_counter()
        docs = [read_document(p) for p in paths]
        keep("read", time.perf_counter() - started)
        started = time.perf_counter()
        segments = [(doc, s) for doc in docs for s in segment(doc)]
        keep("segment", time.perf_counter() - started)
        views = [TextView(doc, s.start, s.end) for doc, s in segments]
        started = time.perf_counter()
        for view in views:
            run_extractors(view)
        keep("extractors", time.perf_counter() - started)
        for name in EXTRACTORS:
            started = time.perf_counter()
            for view in views:
                run_extractors(view, [name])
            keep(name, time.perf_counter() - started)
        for part in PARTS:
            started = time.perf_counter()
            for view in views:
                list(part.extract(view))
            keep(f"header.{part.name}", time.perf_counter() - started)
    nlp.persons = real_persons

    acts, read_s = len(views), best["read"]
    print(f"{len(paths)} files, {acts} acts, best of {args.rounds} rounds")
    print(f"reading:    {read_s:6.2f} s = {acts / read_s:5.0f} acts/s")
    for step in ("segment", "extractors"):
        print(f"{step + ':':11} {best[step]:6.2f} s = {acts / best[step]:5.0f} acts/s, {best[step] / read_s:5.2f} x reading")
    print("per extractor: " + ", ".join(f"{name} {best[name]:.2f} s" for name in EXTRACTORS))
    print("header parts:  " + ", ".join(f"{part.name} {best['header.' + part.name]:.2f} s" for part in PARTS))


if __name__ == "__main__":
    main()
