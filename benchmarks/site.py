"""What the journalists' site costs next to the nightly run, on the benchmark's batch.

    .venv/bin/python -m benchmarks.site --count 200 [--workers 2] [--night 20] [--profile 15]

Generates COUNT acts as ``benchmarks.batch`` does (``fixtures.generator``, same seed), runs
``actes run`` on them as a clerk does (a subprocess, fresh catalog, wall clock), then, in the
same session, ``actes publish`` (the publication database with its dashboard tables, the
metadata that declares the dashboard, the feeds) and the dashboard's first load: every chart's
SQL and every filter's options query, once with no filter and once per département. Prints
seconds and the ratio site / run; the target is ≤ 0.10 (issue 21).

Then a second night: NIGHT more acts (another seed) join the inbox, ``actes run`` again, and
``actes publish`` again, which writes only those (``night_*``); and a publish with nothing new
(``idle_publish_s``). ``database_prepare_again_s``: the first publication database built again
with every act pseudonymised anew instead of taken from the package (the cost before
``actes.publish.prepared``), same session. ``--profile N`` prints the first publish's N costliest
functions.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.batch import ROOT, generate


def publish_seconds(out: Path, profile: int = 0, prefix: str = "") -> dict:
    from actes.publish.site import publish

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    report = publish(out)
    publish_s = time.perf_counter() - start
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(profile)
    return {
        f"{prefix}acts": report.acts,
        f"{prefix}held": len(report.held),
        f"{prefix}full": report.full,
        f"{prefix}written": report.written,
        f"{prefix}reused": report.reused,
        f"{prefix}publish_s": round(publish_s, 3),
    }


def run_seconds(inbox: Path, out: Path, workers: int) -> tuple[float, dict]:
    """``actes run`` as a clerk runs it: a subprocess, wall clock."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "actes", "run", str(inbox), "--out", str(out), "--workers", str(workers), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"actes run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return seconds, json.loads(done.stdout)


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
    parser.add_argument("--night", type=int, default=20, help="acts of the second night (0: none)")
    parser.add_argument("--profile", type=int, default=0, help="print the first publish's N costliest functions")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="actes-site-bench-") as tmp:
        work = Path(tmp)
        inbox = work / "inbox"
        inbox.mkdir()
        generated = generate(inbox, args.count, 0, args.seed)
        out = work / "out"
        run_s, run = run_seconds(inbox, out, args.workers)
        site = publish_seconds(out, args.profile)
        # The same first publish, every act pseudonymised again (as before the package's were reused): the baseline.
        again = work / "again"
        shutil.copytree(out, again, ignore=shutil.ignore_patterns("site", "publication.db", ".publication-state.db"))
        from actes.publish.database import build_publication

        start = time.perf_counter()
        build_publication(again / "actes.db", again, reuse_package=False)
        prepare_again_s = time.perf_counter() - start
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
            "database_prepare_again_s": round(prepare_again_s, 3),
            "ratio_prepare_again_to_run": round(prepare_again_s / run_s, 4),
            "target": 0.10,
            "run_stages_s": run["seconds"],
        }
        # Without the one-time start (model loading, workers): the run's work itself, a stricter baseline.
        work_s = sum(v for k, v in run["seconds"].items() if k in ("discover", "extract", "store", "export"))
        if work_s:
            result["ratio_site_to_run_work"] = round(site_s / work_s, 4)
        if args.night:
            night = work / "night"
            night.mkdir()
            generate(night, args.night, 0, f"{args.seed}-night")
            for path in night.iterdir():
                shutil.move(path, inbox / f"night-{path.name}")
            night_s, night_run = run_seconds(inbox, out, args.workers)
            result |= {"night_new_acts": night_run["acts"], "night_run_s": round(night_s, 2)}
            result |= publish_seconds(out, prefix="night_")
            result["night_ratio_publish_to_run"] = round(result["night_publish_s"] / night_s, 4)
            result["idle_publish_s"] = publish_seconds(out, prefix="idle_")["idle_publish_s"]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
