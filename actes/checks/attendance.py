"""Attendance: the séance's list of councillors against itself and against the printed counts.

Runs on acts that carry a ``Seance`` (``actes.minutes``), only on the acts whose pages hold
the attendance block (the file and its first item), so one meeting's problem is not repeated
for each of its items. Arrival and departure notes make counts vary from item to item: the
arithmetic is then left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from actes.checks.catalogue import PROBLEMS
from actes.checks.context import CheckContext
from actes.minutes import names
from actes.schemas.act import Act, ProblemRecord
from actes.schemas.seance import Presence, Seance


def _seance(ctx: CheckContext) -> Seance | None:
    seance = ctx.act.seance
    if seance is None or not seance.presences:
        return None
    if seance.source_sha256 == ctx.act.source.sha256 and not set(seance.pages) & set(ctx.act.source.pages):
        return None  # an item far from the block: the file's act carries the problems
    return seance


def _moves(seance: Seance) -> bool:
    """Someone arrived or left during the meeting."""
    return any(p.notes and not all(n.startswith("also listed as ") for n in p.notes) for p in seance.presences)


def _present(seance: Seance) -> list[Presence]:
    return [p for p in seance.presences if p.statut == "present"]


def check_votants(ctx: CheckContext) -> Iterator[ProblemRecord]:
    """Present + represented (by proxy, not by a substitute, who is counted present) = votants."""
    seance, act = _seance(ctx), ctx.act
    if seance is None or _moves(seance):
        return
    present = len(_present(seance))
    proxies = sum(1 for p in seance.presences if p.statut == "represented" and not p.suppleant)
    votants = act.votes.votants
    if votants is not None and present + proxies != votants:
        yield PROBLEMS["attendance-votants-mismatch"].record(
            act, "seance.presences", presents=present, representes=proxies, total=present + proxies, votants=votants)
    if act.votes.presents is not None and present != act.votes.presents:
        yield PROBLEMS["attendance-count-mismatch"].record(act, "seance.presences", named=present, printed=act.votes.presents)


def check_present_and_absent(ctx: CheckContext) -> Iterator[ProblemRecord]:
    seance = _seance(ctx)
    for presence in seance.presences if seance else ():
        for other in presence.also_listed:
            yield PROBLEMS["present-and-absent"].record(ctx.act, "seance.presences", name=presence.nom, other=other)


def check_proxies(ctx: CheckContext) -> Iterator[ProblemRecord]:
    """A proxy goes from an absent member to a present one, and a member holds one proxy at most."""
    seance, act = _seance(ctx), ctx.act
    if seance is None:
        return
    present = _present(seance)
    held: Counter[str] = Counter()
    for presence in seance.presences:
        if not presence.mandataire:
            continue
        if presence.statut == "present" and not _moves_one(presence):
            yield PROBLEMS["proxy-from-present"].record(act, "seance.presences", name=presence.nom, holder=presence.mandataire)
        holder = next((p for p in present if names.same_person(p.nom, presence.mandataire)
                       or names.covers(presence.mandataire, p.nom)), None)
        if holder is None:
            yield PROBLEMS["proxy-holder-absent"].record(act, "seance.presences", name=presence.nom, holder=presence.mandataire)
        elif not presence.suppleant and presence.statut == "represented":
            held[holder.nom] += 1
    for holder, count in held.items():
        if count > 1:
            yield PROBLEMS["proxy-holder-several"].record(act, "seance.presences", holder=holder, count=count)


def _moves_one(presence: Presence) -> bool:
    return any(not n.startswith("also listed as ") for n in presence.notes)


def seance_problems(act: Act) -> list[ProblemRecord]:
    """Every attendance problem of ``act`` (for tests and ``actes check``)."""
    ctx = CheckContext(act)
    return [p for check in CHECKS.values() for p in check(ctx)]


def check_named_votes(ctx: CheckContext) -> Iterator[ProblemRecord]:
    """Named votes against the counts of the point and against the attendance list."""
    act = ctx.act
    if act.item is None or act.seance is None or not act.item.votes_nominatifs:
        return
    for vote, field in (("contre", "contre"), ("abstention", "abstentions")):
        named = sum(1 for v in act.item.votes_nominatifs if v.vote == vote)
        count = getattr(act.votes, field)
        if named and count is not None and named > count:
            yield PROBLEMS["named-votes-exceed-count"].record(
                act, f"votes.{field}", named=named, vote=vote, count=count)
    statuts = {p.nom: p.statut for p in act.seance.presences}
    for v in act.item.votes_nominatifs:
        if v.vote != "ne prend pas part" and statuts.get(v.nom) in ("excused", "absent"):
            yield PROBLEMS["named-voter-not-present"].record(act, "item.votes_nominatifs", name=v.nom, vote=v.vote, statut=statuts[v.nom])


CHECKS = {
    "attendance:votants": check_votants,
    "attendance:named-votes": check_named_votes,
    "attendance:present-and-absent": check_present_and_absent,
    "attendance:proxies": check_proxies,
}
