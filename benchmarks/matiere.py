"""Matière classification cost per act, against reading the act's text, in one session.

Acts: the real objets of ``../shared/corpus/matiere/rows.csv``, each paired (in turn) with the
text of a corpus document (``../shared/corpus/texts``) as the act's text, so the recitals are
real ones. Three timings over the same acts:

- baseline: reading the act's text from disk (``Path.read_text``);
- objet only: ``model.predict(MatiereInput(objet))``;
- objet + text: ``model.predict(MatiereInput(objet, text))`` (what ``classify_act`` does).

Prints ms per act, the ratio to the baseline, the model's size on disk and its load time.
Run on one core: ``taskset -c 0 .venv/bin/python -m benchmarks.matiere``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actes.matiere import MatiereInput, MatiereModel, shipped_model_path  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the acts; the best is kept")
    args = parser.parse_args()

    with open(args.shared / "corpus" / "matiere" / "rows.csv", encoding="utf-8", newline="") as handle:
        objets = [row["objet"] for row in csv.DictReader(handle)]
    texts = sorted((args.shared / "corpus" / "texts").glob("*.txt"))
    acts = [(objet, texts[i % len(texts)]) for i, objet in enumerate(objets)]

    path = shipped_model_path()
    clock = time.perf_counter()
    model = MatiereModel.load(path)
    load_s = time.perf_counter() - clock
    loaded = {p: p.read_text(encoding="utf-8", errors="replace") for p in texts}

    def baseline():
        for _, text_path in acts:
            text_path.read_text(encoding="utf-8", errors="replace")

    def objet_only():
        for objet, _ in acts:
            model.predict(MatiereInput(objet))

    def with_text():
        for objet, text_path in acts:
            model.predict(MatiereInput(objet, loaded[text_path]))

    timings, cpu = {}, {}
    for name, run in (("baseline (read the text)", baseline), ("objet only", objet_only), ("objet + text", with_text)):
        passes = [_timed(run) for _ in range(args.repeat)]
        timings[name] = min(wall for wall, _ in passes) / len(acts) * 1000
        cpu[name] = min(used for _, used in passes) / len(acts) * 1000
    base = timings["baseline (read the text)"]
    print(f"{len(acts)} acts (real objets, texts of {len(texts)} corpus documents), best of {args.repeat} passes")
    for name, ms in timings.items():
        # CPU time beside wall time: on a loaded machine the wall time counts the waits for the core.
        print(f"{name:26} {ms:7.3f} ms/act   ratio to baseline {ms / base:6.2f}   CPU {cpu[name]:7.3f} ms/act")
    print(f"model {path.name}: {path.stat().st_size / 1e6:.2f} MB, {len(model.vectorizer.vocabulary)} terms, "
          f"{len(model.classes)} codes, loaded in {load_s:.2f} s")


def _timed(run) -> tuple[float, float]:
    """(wall, CPU) seconds of one pass."""
    clock, used = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - clock, time.process_time() - used


if __name__ == "__main__":
    main()
