"""CPU seconds (not wall clock, which a shared machine's load distorts far more) per born-digital
act and per scanned page, in one process, beside the plain ``pdftoppm`` + ``tesseract`` CLI's
CPU per page on the same degraded scans. The figures behind docs/batch.md's national arithmetic.

    .venv/bin/python -m benchmarks.cpu_cost INBOX [SUBMISSIONS=60] [SCANNED_PDFS=4]

INBOX: generated acts (``benchmarks.batch --keep`` leaves one under ``acts-N/inbox``).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def born_digital(inbox: Path, count: int) -> None:
    from actes.executors import Task, process, warm_up
    from actes.limits import DEFAULT_LIMITS
    from actes.readers.pairing import group_files, list_inbox

    submissions, _ = group_files(list_inbox(inbox))
    warm_up()  # the models, as a worker has them: their loading is not per act
    cpu, wall = time.process_time(), time.perf_counter()
    acts = pages = 0
    for n, submission in enumerate(submissions[:count]):
        outcome = process(Task(n, submission, DEFAULT_LIMITS))
        acts += len(outcome.acts or [])
        pages += sum(len(a.source.pages) for a in outcome.acts or [])
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
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
    inbox = Path(args[0])
    born_digital(inbox, int(args[1]) if len(args) > 1 else 60)
    if (count := int(args[2]) if len(args) > 2 else 4) > 0:
        scanned(inbox, count)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
