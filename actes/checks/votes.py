"""Vote arithmetic: counts that cannot all be true at once.

Each check reads only the counts the act states; a missing count is never taken as zero,
except abstentions next to stated pour and contre (acts omit "0 abstention").
"""

from __future__ import annotations

from collections.abc import Iterator

from actes.checks.catalogue import PROBLEMS
from actes.checks.context import CheckContext
from actes.schemas.act import ProblemRecord


def check_vote_sum(ctx: CheckContext) -> Iterator[ProblemRecord]:
    """pour + contre + abstentions = votants, or pour + contre = votants when votants are the suffrages exprimés."""
    v = ctx.act.votes
    if v.votants is None or v.pour is None or v.contre is None:
        return
    abstentions = v.abstentions or 0
    total = v.pour + v.contre + abstentions
    if total == v.votants or v.pour + v.contre == v.votants:
        return
    yield PROBLEMS["votes-sum-mismatch"].record(
        ctx.act, "votes.votants", pour=v.pour, contre=v.contre, abstentions=abstentions, total=total, votants=v.votants
    )


def check_votants_attendance(ctx: CheckContext) -> Iterator[ProblemRecord]:
    """votants ≤ présents + représentés; fewer is lawful but noted.

    With the proxies uncounted (PVs often list them by name only) more votants than présents
    proves nothing, so that case needs ``representes`` stated.
    """
    v = ctx.act.votes
    if v.votants is None or v.presents is None:
        return
    representes = v.representes or 0
    attending = v.presents + representes
    values = dict(votants=v.votants, presents=v.presents, representes=representes)
    if v.votants > attending and v.representes is not None:
        yield PROBLEMS["votants-exceed-attendance"].record(ctx.act, "votes.votants", **values)
    elif v.votants < attending:
        yield PROBLEMS["votants-below-attendance"].record(ctx.act, "votes.votants", **values)


def check_attendance_members(ctx: CheckContext) -> Iterator[ProblemRecord]:
    """présents + représentés ≤ en exercice."""
    v = ctx.act.votes
    if v.presents is None or v.en_exercice is None:
        return
    representes = v.representes or 0
    if v.presents + representes > v.en_exercice:
        yield PROBLEMS["attendance-exceeds-members"].record(
            ctx.act, "votes.presents", presents=v.presents, representes=representes, en_exercice=v.en_exercice
        )


def check_proxies(ctx: CheckContext) -> Iterator[ProblemRecord]:
    """représentés ≤ présents: one proxy per member present (CGCT L2121-20)."""
    v = ctx.act.votes
    if v.presents is None or v.representes is None:
        return
    if v.representes > v.presents:
        yield PROBLEMS["too-many-proxies"].record(
            ctx.act, "votes.representes", presents=v.presents, representes=v.representes
        )


def check_unanimity(ctx: CheckContext) -> Iterator[ProblemRecord]:
    """Unanimity leaves no vote against, and every votant not abstaining votes pour."""
    v = ctx.act.votes
    if not v.unanimite:
        return
    against = bool(v.contre)
    short = (
        v.pour is not None and v.votants is not None and v.pour + (v.abstentions or 0) < v.votants
    )
    if against or short:
        yield PROBLEMS["unanimity-contradicted"].record(
            ctx.act, "votes.unanimite", pour=v.pour, contre=v.contre, abstentions=v.abstentions, votants=v.votants
        )


CHECKS = {
    "votes:sum": check_vote_sum,
    "votes:votants-attendance": check_votants_attendance,
    "votes:attendance-members": check_attendance_members,
    "votes:proxies": check_proxies,
    "votes:unanimity": check_unanimity,
}
