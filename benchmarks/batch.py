"""The nightly batch on generated acts: 1 worker vs 2, against ``pdftotext`` in the same session.

    .venv/bin/python -m benchmarks.batch --count 500 [--scanned 10] [--profile 40]

It generates COUNT acts with ``fixtures.generator`` (PDF, .txt and @CTES transmissions), and
SCANNED image-only twins of some PDFs when ``fixtures/generator/scan.py`` is there (measured
apart: OCR is another order of speed). Then, for each worker count, ``actes run`` as a clerk runs
it (a subprocess, fresh catalog), and once more over the same inbox (it must process nothing
and exit 0). It prints acts/s and pages/s end to end and in the steady state (the extract and
store stages, without the one-time worker start), seconds per stage, peak memory per worker,
and the ratios: 2 workers / 1 worker, and actes / ``pdftotext`` (one process, the same PDFs).
A CPU-only task on 1 and 2 workers gives the ceiling of the 2-worker ratio on a shared machine.
``--profile N`` runs cProfile over N submissions in one process and prints the time per module.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
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


def pdftotext_baseline(inbox: Path) -> dict:
    pdfs = sorted(inbox.rglob("*.pdf"))
    start = time.perf_counter()
    for pdf in pdfs:
        subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=False)
    seconds = time.perf_counter() - start
    return {"files": len(pdfs), "seconds": round(seconds, 2), "files_per_s": round(len(pdfs) / seconds, 1)}


def actes_run(inbox: Path, out: Path, workers: int) -> tuple[int, dict, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "actes", "run", str(inbox), "--out", str(out), "--workers", str(workers), "--json"],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"actes run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.returncode, json.loads(done.stdout), wall


def measure(inbox: Path, work: Path, workers: int, name: str = "") -> dict:
    out = work / f"out-{name or workers}"
    code, report, wall = actes_run(inbox, out, workers)
    stages = report["seconds"]
    steady = stages["extract"] + stages["store"]
    again_code, again, again_wall = actes_run(inbox, out, workers)
    return {
        "workers": workers, "exit": code, "wall_s": round(wall, 2), "acts": report["acts"], "pages": report["pages"],
        "failed": len(report["failed"]), "failures": Counter(f["reason"] for f in report["failed"]),
        "acts_per_s": round(report["acts"] / wall, 1), "pages_per_s": round(report["pages"] / wall, 1),
        "steady_acts_per_s": round(report["acts"] / steady, 1), "steady_pages_per_s": round(report["pages"] / steady, 1),
        "stages": stages,
        "peak_rss_mb": [w["max_rss_mb"] for w in report["workers"].values()],
        "peak_uss_mb": [w["max_uss_mb"] for w in report["workers"].values()],
        "second_run": {"exit": again_code, "processed": again["processed"], "skipped": again["skipped"],
                       "wall_s": round(again_wall, 2)},
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.batch", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--scanned", type=int, default=0, help="image-only twins, measured apart")
    parser.add_argument("--seed", default="bench")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--profile", type=int, default=0, help="cProfile N submissions in one process")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="actes-bench-"))
    inbox = work / "inbox"
    start = time.perf_counter()
    info = generate(inbox, args.count, args.scanned, args.seed)
    print(f"generated {info} in {time.perf_counter() - start:.0f} s under {work}")
    results = {"baseline_pdftotext": pdftotext_baseline(inbox), "cpu_only_scaling": free_cores(), "runs": []}
    for workers in [int(w) for w in args.workers.split(",")]:
        results["runs"].append(measure(inbox, work, workers))
    if info["scanned"]:
        results["scanned"] = measure(work / "scanned", work, max(int(w) for w in args.workers.split(",")), "scanned")
    print(json.dumps(results, indent=2, default=dict))
    runs = {r["workers"]: r for r in results["runs"]}
    if 1 in runs and 2 in runs:
        one, two = runs[1], runs[2]
        print(f"\n2 workers / 1 worker: end to end {two['acts_per_s'] / one['acts_per_s']:.2f}x, "
              f"steady {two['steady_acts_per_s'] / one['steady_acts_per_s']:.2f}x; "
              f"CPU-only tasks in the same session: {results['cpu_only_scaling']['ratio']:.2f}x")
    base = results["baseline_pdftotext"]["files_per_s"]
    for r in results["runs"]:
        print(f"{r['workers']} worker(s): {r['acts_per_s']} acts/s end to end, {r['steady_acts_per_s']} steady; "
              f"pdftotext {base} PDF/s: actes is {r['steady_acts_per_s'] / base:.2f}x pdftotext (steady); "
              f"peak RSS {r['peak_rss_mb']} MB, USS {r['peak_uss_mb']} MB; "
              f"second run: exit {r['second_run']['exit']}, processed {r['second_run']['processed']}")
    if args.profile:
        profile(inbox, args.profile)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
