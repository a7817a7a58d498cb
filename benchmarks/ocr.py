"""OCR speed and accuracy on scanned twins of the generated acts, against the plain command line.

For each kind of scan (clean, degraded) the same pages are read three ways in one session:
``actes`` on 1 worker process and on 2, and ``pdftoppm -r 300 -gray`` + ``tesseract -l fra``
run page by page (the baseline). It prints seconds per page and their ratios (times vary with
the machine's load; ratios measured side by side do not), and the character error rate of
each against the born-digital text of the twin's original.

    .venv/bin/python -m benchmarks.ocr --count 10

CER = Levenshtein distance / length of the reference, both normalised by ``cer_normalise``:
NFKC, typographic quotes and dashes to ASCII, line-end hyphens joined, runs of spaces to one,
empty lines dropped, and lines sorted: the reading order of blocks is not a character error
(Tesseract reads the top-right stamp box first, the text layer has it last). Case, accents,
punctuation and the characters of every line count.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actes.readers.normalize import normalize_text  # noqa: E402
from fixtures.generator.scan import DEGRADATIONS, page_texts, scan_twin  # noqa: E402

_QUOTES = str.maketrans({"’": "'", "‘": "'", "«": '"', "»": '"', "“": '"', "”": '"', "–": "-", "—": "-"})


def cer_normalise(text: str) -> str:
    text = normalize_text(unicodedata.normalize("NFKC", text)).translate(_QUOTES)
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return "\n".join(sorted(line for line in lines if line))


def cer(reference: str, hypothesis: str) -> tuple[int, int]:
    """(edit distance, reference length) after ``cer_normalise``: sum both over pages."""
    from rapidfuzz.distance import Levenshtein

    ref, hyp = cer_normalise(reference), cer_normalise(hypothesis)
    return Levenshtein.distance(ref, hyp), len(ref)


def actes_page(task: tuple[str, int]) -> tuple[str, float]:
    """OCR one page the way the PDF reader does (300 dpi render, engine of this process)."""
    import pypdfium2 as pdfium

    from actes.readers.ocr import engine
    from actes.readers.pdf import render_for_ocr

    started = time.perf_counter()
    pdf = pdfium.PdfDocument(task[0])
    try:
        text = engine().read(render_for_ocr(pdf[task[1]], 300), timeout=120).text
    finally:
        pdf.close()
    return text, time.perf_counter() - started


BASELINE_ENV = dict(os.environ)


def baseline_page(task: tuple[str, int]) -> tuple[str, float]:
    """The plain command line: pdftoppm renders the page, tesseract reads it."""
    started = time.perf_counter()
    number = str(task[1] + 1)
    with tempfile.TemporaryDirectory() as tmp:
        stem = os.path.join(tmp, "page")
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", number, "-l", number, "-singlefile",
                        task[0], stem], check=True)
        done = subprocess.run(["tesseract", stem + ".pgm", "-", "-l", "fra"], check=True,
                              capture_output=True, text=True, env=BASELINE_ENV)
    return done.stdout, time.perf_counter() - started


def run(tasks: list[tuple[str, int]], how, workers: int) -> tuple[list[str], float]:
    """Texts of the pages and wall-clock seconds per page with ``workers`` processes."""
    started = time.perf_counter()
    if workers == 1 and how is baseline_page:
        results = [how(task) for task in tasks]
    else:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(how, tasks))
    return [text for text, _ in results], (time.perf_counter() - started) / len(tasks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "fixtures" / "generated")
    parser.add_argument("--count", type=int, default=10, help="number of generated PDFs to scan")
    parser.add_argument("--kinds", default="clean,degraded")
    parser.add_argument("--twins", type=Path, default=None, help="keep the scanned twins in this folder")
    parser.add_argument("--omp-threads", type=int, default=0,
                        help="OMP_THREAD_LIMIT for the baseline tesseract (0: its default, all cores)")
    args = parser.parse_args(argv)
    if args.omp_threads:
        BASELINE_ENV["OMP_THREAD_LIMIT"] = str(args.omp_threads)
    twins_dir = args.twins or Path(tempfile.mkdtemp(prefix="actes-ocr-bench-"))
    sources = sorted(args.source.glob("*.pdf"))[: args.count]
    print(f"{len(sources)} generated PDFs, twins in {twins_dir}; cpu count {os.cpu_count()}; "
          f"baseline OMP_THREAD_LIMIT={BASELINE_ENV.get('OMP_THREAD_LIMIT', 'unset')}")
    header = f"{'kind':9} {'pages':>5} {'actes 1w':>9} {'actes 2w':>9} {'baseline':>9} " \
             f"{'1w/base':>8} {'2w/base':>8} {'2w speed-up':>11} {'CER actes':>9} {'CER base':>9}"
    rows = []
    for kind in args.kinds.split(","):
        tasks, references = [], []
        for source in sources:
            twin = scan_twin(source, twins_dir / kind, DEGRADATIONS[kind])
            for index, text in enumerate(page_texts(source)):
                tasks.append((str(twin), index))
                references.append(text)
        texts_1, one = run(tasks, actes_page, 1)
        _, two = run(tasks, actes_page, 2)
        texts_b, base = run(tasks, baseline_page, 1)
        errors = [cer(r, h) for r, h in zip(references, texts_1, strict=True)]
        errors_b = [cer(r, h) for r, h in zip(references, texts_b, strict=True)]
        total = sum(n for _, n in errors)
        rows.append(
            f"{kind:9} {len(tasks):5d} {one:9.2f} {two:9.2f} {base:9.2f} {one / base:8.2f} {two / base:8.2f} "
            f"{one / two:11.2f} {100 * sum(d for d, _ in errors) / total:8.2f}% "
            f"{100 * sum(d for d, _ in errors_b) / total:8.2f}%"
        )
        print(rows[-1], file=sys.stderr)
    print("seconds per page (wall clock); ratios < 1 mean actes is faster than the baseline")
    print(header)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
