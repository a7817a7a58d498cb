"""The catalogue: every slug documented, every check's problems in the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actes.checks import CHECKS, PROBLEMS, SEVERITIES, get_problem, run_checks
from actes.checks.catalogue import Problem
from tests.factories import make_act

DOCS = Path(__file__).resolve().parents[2] / "docs" / "problems.md"


def test_every_slug_is_documented_with_an_example():
    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([a-z0-9-]+)`", text, re.M))
    assert set(PROBLEMS) - documented == set(), "slugs missing from docs/problems.md"
    assert documented - set(PROBLEMS) == set(), "docs/problems.md names slugs the catalogue lacks"
    for slug in PROBLEMS:
        section = text.split(f"### `{slug}`", 1)[1].split("\n### ", 1)[0]
        assert "```" in section, f"no example for {slug}"


@pytest.mark.parametrize("problem", list(PROBLEMS.values()), ids=list(PROBLEMS))
def test_problem_is_complete(problem: Problem):
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", problem.slug)
    assert problem.severity in SEVERITIES
    assert problem.title and problem.description.endswith(".")
    assert "{act}" in problem.template


def test_unknown_slug_lists_the_known_ones():
    with pytest.raises(KeyError, match="votes-sum-mismatch"):
        get_problem("no-such-problem")


def test_a_failing_check_does_not_lose_the_act(monkeypatch, caplog):
    def broken(ctx):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    monkeypatch.setitem(CHECKS, "broken", broken)
    act = make_act(votes={"votants": 3, "pour": 9, "contre": 0})
    problems = run_checks(act, names=["broken", "votes:sum"])
    assert [p.slug for p in problems] == ["votes-sum-mismatch"]
    assert "broken" in caplog.text
