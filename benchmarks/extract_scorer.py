"""Extraction speed on one core without NLP: the rules alone, then the rules and the learned scorer.

    taskset -c 0 .venv/bin/python -m benchmarks.extract_scorer [--dir fixtures/generated] [--dir ../shared/corpus/texts]

Reads every PDF/.txt of the folders once (not timed against the acts), then in the same process
runs, over every act (segment), the extractors and the cross-checks (the baseline), and the same
followed by candidate generation and the shipped scorer (``actes.learning``). The NLP step is off
in both (``nlp.persons`` returns nothing). One untimed warm-up pass first. Prints acts/s for
each (wall clock, best round), the ratio, and the CPU time per act of the process (best round): on
a machine shared with other work the CPU time moves less than the wall clock.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from actes.extractors import TextView, nlp, run_extractors
from actes.learning.choose import choose_findings, using_model
from actes.learning.model import load_default_model
from actes.readers import read_document
from actes.reconcile import cross_check
from actes.segment import segment

ROOT = Path(__file__).resolve().parent.parent


def _rules(view: TextView, kind: str):
    return cross_check(run_extractors(view), whole_file=kind == "file")


def _timed(views, with_model: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one pass over ``views``."""
    started, cpu = time.perf_counter(), time.process_time()
    for view, kind in views:
        findings = _rules(view, kind)
        if with_model:
            choose_findings(view, findings)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", action="append", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folders = args.dir or [ROOT / "fixtures" / "generated", ROOT.parent / "shared" / "corpus" / "texts"]
    paths = sorted(p for folder in folders if folder.is_dir() for p in folder.iterdir() if p.suffix in {".pdf", ".txt"})
    docs = [read_document(p) for p in paths]
    views = [(TextView(doc, seg.start, seg.end), seg.kind) for doc in docs for seg in segment(doc)]
    model = load_default_model()
    if model is None:
        raise SystemExit("no shipped scorer model: run `actes train --only fields` first")
    nlp.persons = lambda text: []
    with using_model(model):
        _timed(views, True)  # warm-up: regex compilation and caches are one-time costs
        rules_rounds = [_timed(views, False) for _ in range(args.rounds)]
        scored_rounds = [_timed(views, True) for _ in range(args.rounds)]
    rules, scored = min(r[0] for r in rules_rounds), min(r[0] for r in scored_rounds)
    rules_cpu, scored_cpu = (1000 * min(r[1] for r in rounds) / len(views) for rounds in (rules_rounds, scored_rounds))
    print(f"{len(paths)} files, {len(views)} acts, best of {args.rounds} rounds, NLP off")
    print(f"rules alone:         {len(views) / rules:7.1f} acts/s  {rules_cpu:6.1f} ms CPU/act")
    print(
        f"rules + scorer:      {len(views) / scored:7.1f} acts/s  {scored_cpu:6.1f} ms CPU/act"
        f"  ({scored / rules:.2f}x the rules' time)"
    )


if __name__ == "__main__":
    main()
