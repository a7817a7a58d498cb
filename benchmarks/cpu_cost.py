"""CPU seconds (not wall clock, which a shared machine's load distorts far more) per born-digital
act and per scanned page, in one process, beside the plain ``pdftoppm`` + ``tesseract`` CLI's
CPU per page on the same degraded scans. The figures behind docs/batch.md's national arithmetic.

    .venv/bin/python -m benchmarks.cpu_cost INBOX [SUBMISSIONS=60] [SCANNED_PDFS=4] [--profile]

INBOX: generated acts (``benchmarks.batch --keep`` leaves one under ``acts-N/inbox``).
``--profile``: the born-digital acts under cProfile, then own CPU time per module (the biggest
first) and the slowest functions by cumulative time: where a worker's CPU goes.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def by_module(stats, top: int = 25) -> list[str]:
    """Own time per module (``actes.learning.candidates``, ``re``, ``{built-in}``…), biggest first."""
    totals: dict[str, float] = {}
    for (filename, _, function), (_, _, own, _, _) in stats.stats.items():
        if filename == "~":
            name = function if function.startswith("<") else "{built-in}"
        else:
            path = filename.replace("\\", "/")
            for marker in ("/site-packages/", "/lib/python3.11/", "/work/main/", "/actes/"):
                if marker in path:
                    path = path.split(marker, 1)[1] if marker != "/actes/" else "actes/" + path.split(marker, 1)[1]
                    break
            name = path.removesuffix(".py").replace("/", ".")
        totals[name] = totals.get(name, 0.0) + own
    whole = sum(totals.values()) or 1.0
    ranked = sorted(totals.items(), key=lambda item: -item[1])[:top]
    return [f"{100 * seconds / whole:5.1f} %  {seconds:6.2f} s  {name}" for name, seconds in ranked]


def born_digital(inbox: Path, count: int, profile: bool = False) -> None:
    from actes.executors import Task, process, warm_up
    from actes.limits import DEFAULT_LIMITS
    from actes.readers.pairing import group_files, list_inbox

    submissions, _ = group_files(list_inbox(inbox))
    warm_up()  # the models, as a worker has them: their loading is not per act
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    cpu, wall = time.process_time(), time.perf_counter()
    acts = pages = 0
    for n, submission in enumerate(submissions[:count]):
        outcome = process(Task(n, submission, DEFAULT_LIMITS))
        acts += len(outcome.acts or [])
        pages += sum(len(a.source.pages) for a in outcome.acts or [])
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if profiler is not None:
        import pstats

        profiler.disable()
        stats = pstats.Stats(profiler)
        print("own CPU time per module (under cProfile, which inflates small calls):")
        print("\n".join(by_module(stats)))
        stats.sort_stats("cumulative").print_stats(r"actes", 40)
    print(
        f"born-digital: {min(count, len(submissions))} submissions, {acts} acts, {pages} pages: {cpu:.1f} CPU s "
        f"({1000 * cpu / acts:.0f} ms/act, {acts / cpu:.1f} acts per CPU s); wall {wall:.1f} s; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


def scanned(inbox: Path, count: int) -> None:
    from actes.limits import DEFAULT_LIMITS
    from actes.readers import read_document
    from fixtures.generator import scan

    folder = Path(tempfile.mkdtemp(prefix="actes-cpu-"))
    for n, pdf in enumerate(sorted(inbox.glob("*.pdf"))[:count]):
        scan.scan_twin(pdf, folder, scan.DEGRADATIONS["degraded"], seed=n)
    twins = sorted(folder.glob("*.pdf"))
    cpu, ocr_pages = time.process_time(), 0
    for twin in twins:
        ocr_pages += sum(1 for page in read_document(str(twin), DEFAULT_LIMITS).pages if page.ocr)
    cpu = time.process_time() - cpu
    print(
        f"scanned (degraded twins): {len(twins)} files, {ocr_pages} pages OCRed: actes {cpu / max(1, ocr_pages):.2f} CPU s/page"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env, pages = dict(os.environ, OMP_THREAD_LIMIT="1"), 0
    for twin in twins:
        stem = folder / f"{twin.stem}-page"
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(twin), str(stem)], check=True, env=env)
        for image in sorted(folder.glob(f"{twin.stem}-page*.png")):
            subprocess.run(["tesseract", str(image), "-", "-l", "fra"], capture_output=True, env=env, check=False)
            pages += 1
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(
        f"plain pdftoppm -r 300 + tesseract -l fra (OMP_THREAD_LIMIT=1): {pages} pages, "
        f"{seconds / max(1, pages):.2f} CPU s/page"
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    profile = "--profile" in args
    args = [a for a in args if a != "--profile"]
    inbox = Path(args[0])
    born_digital(inbox, int(args[1]) if len(args) > 1 else 60, profile)
    if (count := int(args[2]) if len(args) > 2 else 4) > 0:
        scanned(inbox, count)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
