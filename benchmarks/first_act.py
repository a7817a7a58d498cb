"""Seconds from launching ``actes run`` to the first act stored, measured from outside, for
several source trees in turn (code before and after a change, each a ``git archive``):

    .venv/bin/python -m benchmarks.first_act INBOX after=/tmp/snap before=/tmp/base [--pairs 3]

Each tree runs ``python -m actes run INBOX --workers 2`` from its own folder; the time is the
first ``processed_at`` in the fresh catalog minus the launch time (code that predates the
report's ``first_act_s`` can be measured too), printed beside ``first_act_s`` when the report has
it, ``start_workers``, the wall clock and the load average at launch.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path


def first_act(root: Path, inbox: Path, out: Path) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    load, start = os.getloadavg()[0], dt.datetime.now(dt.UTC)
    done = subprocess.run(
        [sys.executable, "-m", "actes", "run", str(inbox), "--out", str(out), "--workers", "2", "--json"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = (dt.datetime.now(dt.UTC) - start).total_seconds()
    stored = (
        sqlite3.connect(out / "actes.db")
        .execute("select min(processed_at) from inputs where status = 'processed'")
        .fetchone()[0]
    )
    report = json.loads(done.stdout)
    first = dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC) if stored else None
    return {
        "exit": done.returncode,
        "first_act_s": round((first - start).total_seconds(), 2) if first else None,
        "reported_first_act_s": report.get("first_act_s"),
        "start_workers": report["seconds"].get("start_workers"),
        "wall_s": round(wall, 1),
        "acts": report["acts"],
        "load_average": round(load, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.first_act", description=__doc__.splitlines()[0])
    parser.add_argument("inbox", type=Path)
    parser.add_argument("trees", nargs="+", help="NAME=PATH of a source tree (a git archive)")
    parser.add_argument("--pairs", type=int, default=1, help="rounds over every tree")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="actes-first-"))
    for round_ in range(args.pairs):
        for name, root in (tree.split("=", 1) for tree in args.trees):
            print(
                json.dumps({"round": round_, "tree": name, **first_act(Path(root), args.inbox, work / name)}),
                flush=True,
            )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
