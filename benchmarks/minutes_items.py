"""What the learned scorer of item starts costs over the rule reader, in one process.

Reads the labelled minutes once (``labels/minutes-items.jsonl``), then times, file by file and
alternating, ``actes.minutes.items.read_items`` (rules) and ``actes.minutes.start_model.read_items``
(the shipped model over every candidate). Prints the totals and their ratio; the ratio is what
to compare between runs (give the load average beside any absolute figure).

    .venv/bin/python -m benchmarks.minutes_items [DATA_DIR] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from actes.evaluation.items import DEFAULT_LABELS, load
from actes.minutes import items as rules
from actes.minutes import start_model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    model = start_model.default_model()
    if model is None:
        print(f'no model at "{start_model.MODEL_PATH}": train it first (actes train --only items)')
        return 2
    files, failures = load(DEFAULT_LABELS, args.data_dir)
    spent = {"rules": 0.0, "learned": 0.0}
    for _ in range(args.repeat):
        for f in files:
            began = time.perf_counter()
            rules.read_items(f.text, f.start)
            spent["rules"] += time.perf_counter() - began
            began = time.perf_counter()
            start_model.read_items(f.text, f.start, model=model)
            spent["learned"] += time.perf_counter() - began
    chars = sum(len(f.text) for f in files) * args.repeat
    print(
        f"{len(files)} labelled minutes ({len(failures)} unreadable), {chars // args.repeat} characters, x{args.repeat}; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    for name, seconds in spent.items():
        print(f"  {name:8} {seconds:7.3f} s  ({seconds / args.repeat / max(1, len(files)) * 1000:.1f} ms a file)")
    print(f"  learned / rules: {spent['learned'] / spent['rules']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
