"""What the journalists' site costs next to the nightly run, on the benchmark's batch.

    .venv/bin/python -m benchmarks.site --count 200 [--workers 2]

Generates COUNT acts as ``benchmarks.batch`` does (``fixtures.generator``, same seed), runs
``actes run`` on them as a clerk does (a subprocess, fresh catalog, wall clock), then, in the
same session, ``actes publish`` (the publication database with its dashboard view and tables,
the metadata that declares the dashboard, the feeds) and the dashboard's first load: every
chart's SQL and every filter's options query, once with no filter and once per département.
Prints seconds and the ratio site / run; the target is ≤ 0.10 (issue 21).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.batch import ROOT, generate


def publish_seconds(out: Path) -> dict:
    from actes.publish.site import publish

    start = time.perf_counter()
    report = publish(out)
    publish_s = time.perf_counter() - start
    return {"acts": report.acts, "held": len(report.held), "publish_s": round(publish_s, 3)}


def dashboard_seconds(database: Path) -> dict:
    """The server's side of the dashboard: each chart's query and each filter's options."""
    from actes.publish.dashboards import CHARTS, FILTERS, fill_options

    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        start = time.perf_counter()
        options = [{}] + [
            {"departement": row[0]}
            for row in conn.execute("SELECT DISTINCT departement FROM dashboard_acts WHERE departement IS NOT NULL")
        ]
        for flt in FILTERS.values():
            if "query" in flt:
                conn.execute(flt["query"]).fetchall()
        queries = 0
        for option in options:
            for chart in CHARTS.values():
                conn.execute(fill_options(chart["query"], option), option).fetchall()
                queries += 1
        seconds = time.perf_counter() - start
    finally:
        conn.close()
    return {
        "dashboard_queries": queries,
        "views": len(options),
        "dashboard_s": round(seconds, 3),
        "dashboard_first_view_s": round(seconds / len(options), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", default="benchmark")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="actes-site-bench-") as tmp:
        work = Path(tmp)
        inbox = work / "inbox"
        inbox.mkdir()
        generated = generate(inbox, args.count, 0, args.seed)
        out = work / "out"
        start = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "actes",
                "run",
                str(inbox),
                "--out",
                str(out),
                "--workers",
                str(args.workers),
                "--json",
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        run_s = time.perf_counter() - start
        if done.returncode not in (0, 1):
            sys.exit(f"actes run failed ({done.returncode}):\n{done.stderr[-3000:]}")
        run = json.loads(done.stdout)
        site = publish_seconds(out)
        dashboard = dashboard_seconds(out / "publication.db")
        site_s = site["publish_s"] + dashboard["dashboard_first_view_s"]
        result = {
            "acts_generated": generated["acts_generated"],
            "acts": run["acts"],
            "pages": run["pages"],
            "workers": args.workers,
            "run_s": round(run_s, 2),
            **site,
            **dashboard,
            "site_s": round(site_s, 3),
            "ratio_site_to_run": round(site_s / run_s, 4),
            "target": 0.10,
            "run_stages_s": run["seconds"],
        }
        # Without the one-time start (model loading, workers): the run's work itself, a stricter baseline.
        work_s = sum(v for k, v in run["seconds"].items() if k in ("discover", "extract", "store", "export"))
        if work_s:
            result["ratio_site_to_run_work"] = round(site_s / work_s, 4)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
