"""Quorum: a council deliberates only with the majority of its members in office present.

CGCT L2121-17 (communes; L5211-1 for EPCI, L3121-14 départements, L4132-13 régions): more than
half of the members in office physically present; proxies do not count. Exception: a meeting
held after a second convocation, for lack of quorum at the first, needs no quorum — the text
says so, and we look for it in the act's own pages.

During the Covid-19 state of emergency the rule was relaxed to one third of the members present
*or represented* (loi 2020-290 art. 10, loi 2020-1379 art. 6, loi 2021-1465 art. 10). The windows
below follow those laws' dates of effect; a meeting in a gap between them uses the normal rule.

When the act gives the members present but not those in office, a commune's legal size for its
population (CGCT L2121-2, ``council``) bounds them: more than half of it present is a quorum
whatever the vacancies; half or fewer cannot be decided without the vacancies, and is said (info).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from actes.checks.catalogue import PROBLEMS
from actes.checks.context import CheckContext
from actes.checks.council import commune_size
from actes.schemas.act import ProblemRecord

COVID_WINDOWS = (
    (dt.date(2020, 3, 24), dt.date(2020, 8, 30)),  # loi 2020-290, until the end of the state of emergency + 2 months
    (dt.date(2020, 10, 30), dt.date(2021, 9, 30)),  # loi 2020-1379, prolonged by loi 2021-160 and 2021-689
    (dt.date(2021, 11, 11), dt.date(2022, 7, 31)),  # loi 2021-1465
)

P_SECOND_CONVOCATION = re.compile(
    # "réunis sur deuxième convocation", "seconde convocation", OCR "2ème convocation"
    r"(?:deuxi[èe]me|seconde|2\s?[èe]?(?:me)?)\s+convocation"
    # "le quorum n'ayant pas été atteint lors de la séance du …"
    r"|quorum\s+n['’]\s?(?:ayant|a|était)\s+pas\s+[ée]t[ée]\s+atteint"
    # "faute de quorum", "sans condition de quorum"
    r"|faute\s+de\s+quorum|sans\s+condition\s+de\s+quorum"
    # "le conseil, à nouveau convoqué", "régulièrement reconvoqué"
    r"|(?:[àa]\s+nouveau\s+convoqu|reconvoqu)",
    re.IGNORECASE,
)


def covid_rule(day: dt.date | None) -> bool:
    return day is not None and any(start <= day <= end for start, end in COVID_WINDOWS)


def check_quorum(ctx: CheckContext) -> Iterator[ProblemRecord]:
    v = ctx.act.votes
    if v.presents is not None and not v.en_exercice and not covid_rule(ctx.act.date_decision):
        yield from _against_legal_size(ctx)
    if v.presents is None or not v.en_exercice:
        return
    representes = v.representes or 0
    if covid_rule(ctx.act.date_decision):
        reached = (v.presents + representes) * 3 >= v.en_exercice
        rule, needed = "the Covid-19 rule (one third present or represented)", f"at least {v.en_exercice / 3:.4g}"
    else:
        reached = v.presents * 2 > v.en_exercice
        rule, needed = "CGCT L2121-17 (majority present)", f"more than {v.en_exercice / 2:g} present"
    if reached or (covid_rule(ctx.act.date_decision) and v.representes is None):
        return  # under the Covid-19 rule, uncounted proxies could make the quorum
    evidence = P_SECOND_CONVOCATION.search(ctx.text)
    if evidence:
        yield PROBLEMS["quorum-second-convocation"].record(
            ctx.act, "votes.presents", presents=v.presents, en_exercice=v.en_exercice,
            evidence=" ".join(evidence.group(0).split()),
        )
        return
    yield PROBLEMS["quorum-not-reached"].record(
        ctx.act, "votes.presents", presents=v.presents, representes=representes, en_exercice=v.en_exercice,
        rule=rule, needed=needed,
    )


def _against_legal_size(ctx: CheckContext) -> Iterator[ProblemRecord]:
    found = commune_size(ctx)
    presents = ctx.act.votes.presents
    if found is None or presents * 2 > found[0] or P_SECOND_CONVOCATION.search(ctx.text):
        return
    size, population = found
    yield PROBLEMS["quorum-unverified"].record(
        ctx.act, "votes.presents", presents=presents, size=size, population=population, needed=size // 2 + 1
    )


CHECKS = {"quorum": check_quorum}
