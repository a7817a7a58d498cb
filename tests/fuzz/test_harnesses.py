"""The atheris harnesses of fuzz/ stay runnable: each one's seed corpus passes its own checks.

Running a harness for real (minutes, coverage-guided) is done by hand: see docs/reliability.md.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

atheris = pytest.importorskip("atheris")
FUZZ = Path(__file__).resolve().parents[2] / "fuzz"


def _harness(name: str):
    sys.path.insert(0, str(FUZZ))
    spec = importlib.util.spec_from_file_location(f"fuzz_{name}", FUZZ / f"fuzz_{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow  # builds the hostile corpus once (~10-20 s) for the seeds
@pytest.mark.parametrize("name", ["ctes_xml", "text", "extractors", "archive"])
def test_seed_corpus_passes_the_harness(name):
    harness = _harness(name)
    seeds = harness.seeds()
    assert len(seeds) >= 3
    for data in seeds:
        harness.test_one_input(data)
