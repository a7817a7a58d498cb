"""Golden output of the learned scorer: every candidate's features and every chosen finding, to check
a speed-up of candidate generation changes none.

    .venv/bin/python -m benchmarks.scorer_golden --out /tmp/scorer.jsonl [--dir DIR ...]
    .venv/bin/python -m benchmarks.scorer_golden --check /tmp/scorer.jsonl [--dir DIR ...]

Reads every PDF/.txt of the folders (default: fixtures/generated and ../shared/corpus/texts), cuts
each document with ``actes.segment.segment`` and, over every act with the NLP step off, runs the
rules (extractors and cross-checks), then ``choose_findings`` with the shipped scorer. One JSON line
per act: its block model's blocks (offsets and every probability), each candidate in ``gather``'s
order with its features in their own order (the score sums them in that order), and the findings
reconciliation sees. ``--check`` recomputes the same and lists every act that differs; exits 1 then.
Runs under ``PYTHONHASHSEED=0`` (it restarts itself so): some features are added from sets of words,
whose order, and so the last bits of a score, would otherwise change from one process to the next.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from actes.extractors import TextView, nlp, run_extractors
from actes.extractors.dates import CONVOCATION_CHARS
from actes.extractors.patterns.heads import HEAD_CHARS
from actes.extractors.stamp import mask_stamps
from actes.learning.choose import choose_findings, using_model
from actes.learning.model import load_default_model
from actes.readers import read_document
from actes.reconcile import cross_check
from actes.segment import segment
from actes.structure.model import analyse

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "fixtures" / "generated", ROOT.parent / "shared" / "corpus" / "texts"]


def paths_of(folders: list[Path]) -> list[Path]:
    return sorted(p for folder in folders if folder.is_dir() for p in folder.iterdir() if p.suffix in {".pdf", ".txt"})


def rows(paths: list[Path]) -> Iterator[str]:
    """One JSON line per act of ``paths``."""
    model = load_default_model()
    if model is None:
        raise SystemExit("no shipped scorer model")
    real_persons = nlp.persons
    nlp.persons = lambda text: []
    try:
        with using_model(model):
            for path in paths:
                doc = read_document(path)
                for seg in segment(doc):
                    view = TextView(doc, seg.start, seg.end)
                    findings = cross_check(run_extractors(view), whole_file=seg.kind == "file")
                    masked = mask_stamps(view.text[:HEAD_CHARS]) + mask_stamps(view.text[HEAD_CHARS:CONVOCATION_CHARS])
                    structure = analyse(view.text, masked)
                    chosen, candidates = choose_findings(view, findings)
                    yield json.dumps(
                        {
                            "act": f"{path.parent.name}/{path.name}@{seg.start}-{seg.end}:{seg.kind}",
                            "blocks": None
                            if structure is None
                            else [[b.start, b.end, b.flattened, list(b.probs.items())] for b in structure.blocks],
                            "candidates": [
                                [c.field, repr(c.value), [f.extractor for f in c.findings], list(c.features.items())]
                                for c in candidates or []
                            ],
                            "chosen": [f.model_dump(mode="json") for f in chosen],
                        },
                        ensure_ascii=False,
                    )
    finally:
        nlp.persons = real_persons


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(
            sys.executable,
            [sys.executable, "-m", "benchmarks.scorer_golden", *sys.argv[1:]],
            {**os.environ, "PYTHONHASHSEED": "0"},
        )
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", action="append", type=Path)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=Path)
    group.add_argument("--check", type=Path)
    args = parser.parse_args()
    paths = paths_of(args.dir or FOLDERS)
    if args.out:
        lines = list(rows(paths))
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(paths)} files, {len(lines)} acts written to {args.out}")
        return
    old = args.check.read_text(encoding="utf-8").splitlines()
    new = list(rows(paths))
    diffs = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    if len(old) != len(new):
        print(f"{len(old)} acts saved, {len(new)} now")
    for i in diffs[:20]:
        print("differs:", json.loads(new[i])["act"])
    print(f"{len(paths)} files, {len(new)} acts, {len(diffs)} differ")
    if diffs or len(old) != len(new):
        sys.exit(1)


if __name__ == "__main__":
    main()
