"""Legality-control checks: Act (+ its Document and envelope) → problems a clerk must look at.

``CHECKS`` lists every check in the order it runs; each is a function of a ``CheckContext``
yielding ``ProblemRecord``s whose slugs are in ``actes.checks.catalogue.PROBLEMS``. A check that
fails on odd data is a bug, but must not lose the act: ``run_checks`` reports it and goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator

from actes.checks import attendance, completeness, council, dates, identity, matiere, quorum, votes
from actes.checks.catalogue import PROBLEMS, SEVERITIES, Problem, get_problem
from actes.checks.context import CheckContext, PopulationLookup
from actes.schemas.act import Act, ProblemRecord
from actes.schemas.document import Document, Envelope

log = logging.getLogger(__name__)

Check = Callable[[CheckContext], Iterator[ProblemRecord]]

CHECKS: dict[str, Check] = {
    **votes.CHECKS,
    **quorum.CHECKS,
    **council.CHECKS,
    **dates.CHECKS,
    **identity.CHECKS,
    **matiere.CHECKS,
    **attendance.CHECKS,
    **completeness.CHECKS,
}


def run_checks(
    act: Act,
    document: Document | None = None,
    envelope: Envelope | None = None,
    *,
    today: dt.date | None = None,
    population: PopulationLookup | None = None,
    names: list[str] | None = None,
) -> list[ProblemRecord]:
    """Every problem of ``act``, checks in ``CHECKS`` order (or only ``names``)."""
    ctx = CheckContext(act, document, envelope, today or dt.date.today(), population)
    problems: list[ProblemRecord] = []
    for name, check in CHECKS.items():
        if names is not None and name not in names:
            continue
        try:
            problems.extend(check(ctx))
        except Exception:  # noqa: BLE001 - one broken check must not lose the act
            log.exception('check "%s" failed on act "%s"', name, act.id)
    return problems


__all__ = ["CHECKS", "PROBLEMS", "SEVERITIES", "CheckContext", "Problem", "get_problem", "run_checks"]
