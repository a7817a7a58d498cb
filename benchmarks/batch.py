"""The nightly batch on generated acts: 1 worker vs 2, against ``pdftotext`` in the same session.

    .venv/bin/python -m benchmarks.batch --count 200,2000 [--scanned 10] [--profile 40]

For each COUNT (several, comma-separated, in one session) it generates COUNT acts with
``fixtures.generator`` (PDF, .txt and @CTES transmissions; the first acts of a larger set are
the acts of a smaller one), and
SCANNED image-only twins of some PDFs when ``fixtures/generator/scan.py`` is there (measured
apart: OCR is another order of speed). Then, for each worker count, ``actes run`` as a clerk runs
it (a subprocess, fresh catalog), and once more over the same inbox (it must process nothing
and exit 0). It prints acts/s and pages/s end to end and in the steady state (the extract and
store stages, without the one-time worker start), seconds per stage, peak memory per worker,
the seconds from the start of ``actes run`` to the first act stored, the load average around
each run, and the ratios: 2 workers / 1 worker, and actes / two ``pdftotext`` processes reading
the same PDFs side by side.
A CPU-only task on 1 and 2 workers gives the ceiling of the 2-worker ratio on a shared machine.
``--profile N`` runs cProfile over N submissions in one process and prints the time per module.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generate(inbox: Path, count: int, scanned: int, seed: str) -> dict:
    from fixtures.generator import generate as make_acts

    make_acts(inbox, count, seed)
    labels = inbox.parent / "labels"
    labels.mkdir(exist_ok=True)
    for path in [*inbox.glob("*.expected.json"), *inbox.glob("labels.jsonl")]:
        shutil.move(path, labels / path.name)  # answers, not inbox files
    info = {"acts_generated": count, "scanned": 0}
    if scanned and (ROOT / "fixtures" / "generator" / "scan.py").exists():
        from fixtures.generator import scan

        scans = inbox.parent / "scanned"
        scans.mkdir(exist_ok=True)
        pdfs = sorted(p for p in inbox.glob("*.pdf") if not p.stem.endswith(("_0", "_2", "_3")))[:scanned]
        for n, pdf in enumerate(pdfs):
            scan.scan_twin(pdf, scans, scan.DEGRADATIONS["clean"], seed=n)
        info["scanned"] = len(list(scans.glob("*.pdf")))
    return info


def burn(task):
    """Pure CPU, no I/O, no model: what a worker pool can gain on this machine right now."""
    from actes.executors import Outcome

    start, total = time.process_time(), 0
    for i in range(2_000_000):
        total += i * i
    return Outcome(task.index, acts=[], seconds=time.process_time() - start)


def free_cores(tasks: int = 30) -> dict:
    """The same CPU-only tasks on 1 and 2 local workers: the ratio is the ceiling of any
    2-worker speed-up measured in this session (other jobs share the cores)."""
    from actes.executors import Task
    from actes.executors.local import ProcessExecutor
    from actes.limits import DEFAULT_LIMITS
    from actes.schemas.document import Submission

    work = [Task(i, Submission(key=str(i)), DEFAULT_LIMITS) for i in range(tasks)]
    walls = {}
    for workers in (1, 2):
        pool = ProcessExecutor(workers, function=burn)
        try:
            list(pool.run(work[:workers]))  # start the workers outside the timing
            start = time.perf_counter()
            list(pool.run(work))
            walls[workers] = time.perf_counter() - start
        finally:
            pool.close()
    return {"1_worker_s": round(walls[1], 2), "2_workers_s": round(walls[2], 2), "ratio": round(walls[1] / walls[2], 2)}


def pdftotext_baseline(inbox: Path, processes: int = 2) -> dict:
    """``pdftotext -layout`` over every PDF, ``processes`` of them at a time (one per core)."""
    pdfs = sorted(inbox.rglob("*.pdf"))

    def read(pdf: Path) -> None:
        subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=False)

    start = time.perf_counter()
    with ThreadPoolExecutor(processes) as pool:
        list(pool.map(read, pdfs))
    seconds = time.perf_counter() - start
    return {
        "files": len(pdfs),
        "processes": processes,
        "seconds": round(seconds, 2),
        "files_per_s": round(len(pdfs) / seconds, 1),
    }


def actes_run(inbox: Path, out: Path, workers: int) -> tuple[int, dict, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "actes", "run", str(inbox), "--out", str(out), "--workers", str(workers), "--json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"actes run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.returncode, json.loads(done.stdout), wall


def measure(inbox: Path, work: Path, workers: int, name: str = "") -> dict:
    out = work / f"out-{name or workers}"
    load_before = os.getloadavg()[0]
    code, report, wall = actes_run(inbox, out, workers)
    load_after = os.getloadavg()[0]
    stages = report["seconds"]
    steady = stages["extract"] + stages["store"]
    again_code, again, again_wall = actes_run(inbox, out, workers)
    return {
        "workers": workers,
        "exit": code,
        "wall_s": round(wall, 2),
        "acts": report["acts"],
        "pages": report["pages"],
        "first_act_s": report.get("first_act_s"),
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "failed": len(report["failed"]),
        "failures": Counter(f["reason"] for f in report["failed"]),
        "acts_per_s": round(report["acts"] / wall, 1),
        "pages_per_s": round(report["pages"] / wall, 1),
        "steady_acts_per_s": round(report["acts"] / steady, 1),
        "steady_pages_per_s": round(report["pages"] / steady, 1),
        "stages": stages,
        "export_steps": (report.get("partitions") or {}).get("steps", {}),  # summed over the export's processes
        "peak_rss_mb": [w["max_rss_mb"] for w in report["workers"].values()],
        "peak_uss_mb": [w["max_uss_mb"] for w in report["workers"].values()],
        "second_run": {
            "exit": again_code,
            "processed": again["processed"],
            "skipped": again["skipped"],
            "wall_s": round(again_wall, 2),
        },
    }


def profile(inbox: Path, limit: int) -> None:
    from actes.executors import Task, process, warm_up
    from actes.limits import DEFAULT_LIMITS
    from actes.readers.pairing import group_files, list_inbox

    submissions, _ = group_files(list_inbox(inbox))
    warm_up()
    profiler = cProfile.Profile()
    profiler.enable()
    for n, submission in enumerate(submissions[:limit]):
        process(Task(n, submission, DEFAULT_LIMITS))
    profiler.disable()
    stats = pstats.Stats(profiler)
    per_module: Counter = Counter()
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        key = filename.split("site-packages/")[-1].split("/actes/")[-1]
        per_module["/".join(Path(key).parts[:2]) if "site-packages" in filename else key] += tottime
    total = sum(per_module.values())
    print(f"\nprofile: {min(limit, len(submissions))} submissions in one process, {total:.2f} s (own time per module)")
    for module, seconds in per_module.most_common(15):
        print(f"  {seconds:7.2f} s {100 * seconds / total:5.1f}%  {module}")


def session(count: int, args, work: Path) -> dict:
    """Every measure for one inbox of ``count`` acts: baseline, CPU-only ceiling, each worker count."""
    inbox = work / "inbox"
    start = time.perf_counter()
    info = generate(inbox, count, args.scanned, args.seed)
    print(f"generated {info} in {time.perf_counter() - start:.0f} s under {work}", file=sys.stderr)
    results = {
        "count": count,
        "baseline_pdftotext": pdftotext_baseline(inbox),
        "cpu_only_scaling": free_cores(),
        "runs": [],
    }
    for workers in [int(w) for w in args.workers.split(",")]:
        results["runs"].append(measure(inbox, work, workers))
    if info["scanned"]:
        results["scanned"] = measure(work / "scanned", work, max(int(w) for w in args.workers.split(",")), "scanned")
    return results


def table(sessions: list[dict]) -> str:
    """The figures as the markdown table of docs/batch.md."""
    lines = [
        "| acts generated (after segmentation) | workers | first act stored | wall | acts/s end to end "
        "| acts/s steady | × 2 pdftotext (steady) | 2 w / 1 w (end to end, steady) | peak RSS per worker | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in sessions:
        runs = {r["workers"]: r for r in result["runs"]}
        base = result["baseline_pdftotext"]["files_per_s"]
        for r in result["runs"]:
            ratio = ""
            if r["workers"] == 2 and 1 in runs:
                one = runs[1]
                ratio = (
                    f"{r['acts_per_s'] / one['acts_per_s']:.2f}×, "
                    f"{r['steady_acts_per_s'] / one['steady_acts_per_s']:.2f}×"
                )
            lines.append(
                f"| {result['count']} ({r['acts']}) | {r['workers']} | {r['first_act_s']} s | {r['wall_s']} s "
                f"| {r['acts_per_s']} | {r['steady_acts_per_s']} | {r['steady_acts_per_s'] / base:.2f}× | {ratio} "
                f"| {max(r['peak_rss_mb'] or [0])} MB | {r['load_average'][0]} → {r['load_average'][1]} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.batch", description=__doc__.splitlines()[0])
    parser.add_argument("--count", default="500", help="acts to generate; several: 200,2000")
    parser.add_argument("--scanned", type=int, default=0, help="image-only twins, measured apart")
    parser.add_argument("--seed", default="bench")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--profile", type=int, default=0, help="cProfile N submissions in one process")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="actes-bench-"))
    sessions = [session(int(count), args, work / f"acts-{count}") for count in args.count.split(",")]
    print(json.dumps(sessions, indent=2, default=dict))
    for results in sessions:
        runs = {r["workers"]: r for r in results["runs"]}
        print(
            f"\n{results['count']} acts generated; CPU-only tasks, 2 workers / 1: {results['cpu_only_scaling']['ratio']:.2f}x"
        )
        if 1 in runs and 2 in runs:
            one, two = runs[1], runs[2]
            print(
                f"2 workers / 1 worker: end to end {two['acts_per_s'] / one['acts_per_s']:.2f}x, "
                f"steady {two['steady_acts_per_s'] / one['steady_acts_per_s']:.2f}x"
            )
        base = results["baseline_pdftotext"]["files_per_s"]
        for r in results["runs"]:
            print(
                f"{r['workers']} worker(s): first act stored {r['first_act_s']} s; {r['acts_per_s']} acts/s end to end, "
                f"{r['steady_acts_per_s']} steady; two pdftotext {base} PDF/s: actes is "
                f"{r['steady_acts_per_s'] / base:.2f}x (steady); peak RSS {r['peak_rss_mb']} MB, "
                f"USS {r['peak_uss_mb']} MB; load average {r['load_average']}; "
                f"second run: exit {r['second_run']['exit']}, processed {r['second_run']['processed']}"
            )
    print("\n" + table(sessions))
    inbox = work / f"acts-{args.count.split(',')[0]}" / "inbox"
    if args.profile:
        profile(inbox, args.profile)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
