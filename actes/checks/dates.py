"""Dates: their order, the convocation delay, and dates no act can bear.

Order: convocation ≤ séance (decision) ≤ envoi ≤ réception; publication after the decision
(publication before réception is lawful: noted as info).

Convocation delay, in clear days ("jours francs": neither the day of sending nor the day of the
meeting counts, so a convocation on the 1st for a meeting on the 5th gives 3):
- commune under 3,500 inhabitants: 3 (CGCT L2121-11); 3,500 and above: 5 (L2121-12);
- EPCI: the commune rules (L5211-1 al. 2 applies L2121-11 and L2121-12 to their assemblies):
  5 when a member commune has 3,500 inhabitants or more, else 3. The largest member comes from
  the national referential (``actes referential build``); communautés d'agglomération, urbaines
  and métropoles always have one (their thresholds are 15,000 inhabitants and more), so 5 even
  without it; a syndicat's members are not in the referential: unknown;
- the population is the population totale (décret 2003-485, art. 2), as the referential gives it;
- département, région: no clear-day rule for the convocation itself, but the report on each
  matter is due twelve days before a session of the council (L3121-19, L4132-18), and it usually
  travels with the convocation: a shorter delay is a warning (``report-delay-short``), not an
  error; the commission permanente has no such rule;
- in urgency (the text says "urgence"), one clear day (L2121-11, L2121-12).
When the size is unknown and the delay is enough for the short rule only, we say so (info).

Limits: transmission to the préfecture exists since the law 82-213 of 2 March 1982; @CTES IDs
since the 2004 experiment of the protocol (its XML namespace is dated 16 February 2004), before
its generalisation by décret 2005-324; we take 1 January 2004 so that no pilot act is flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from actes.checks.catalogue import PROBLEMS
from actes.checks.context import CheckContext
from actes.extractors.patterns.ids import P_ID_LOOSE, parse_ctes_id
from actes.schemas.act import ProblemRecord

TRANSMISSION_START = dt.date(1982, 3, 2)
CTES_START = dt.date(2004, 1, 1)
POPULATION_THRESHOLD = 3500
REPORT_DAYS = 12
HEAD_CHARS = 1000  # the heading of a file: "CONSEIL MUNICIPAL DU …"
P_COMMISSION_PERMANENTE = re.compile(r"commission\s+permanente", re.IGNORECASE)

P_URGENCE = re.compile(r"\burgence\b", re.IGNORECASE)
# The assembly of a commune or an EPCI, named in the act: contradicts a département/région kind.
P_LOCAL_ASSEMBLY = re.compile(r"conseil\s+(?:municipal|communautaire|syndical)", re.IGNORECASE)
# Names of EPCI that always count a commune of 3,500 inhabitants or more.
P_LARGE_EPCI = re.compile(r"agglom[ée]ration|communaut[ée]\s+urbaine|m[ée]tropole", re.IGNORECASE)

DATE_FIELDS = (
    "date_convocation", "date_decision", "transmission.date_envoi",
    "transmission.date_reception", "transmission.date_publication",
)


def _get(act, dotted: str):
    value = act
    for name in dotted.split("."):
        value = getattr(value, name)
    return value


def check_order(ctx: CheckContext) -> Iterator[ProblemRecord]:
    act, t = ctx.act, ctx.act.transmission
    if act.date_convocation and act.date_decision and act.date_convocation > act.date_decision:
        yield PROBLEMS["convocation-after-seance"].record(
            act, "date_convocation", convocation=act.date_convocation, seance=act.date_decision
        )
    # The earliest transmission date we know stands for the sending.
    for field, value in (("transmission.date_envoi", t.date_envoi), ("transmission.date_reception", t.date_reception)):
        if value and act.date_decision and value < act.date_decision:
            yield PROBLEMS["sent-before-decision"].record(act, field, value=value, decision=act.date_decision)
            break
    if t.date_envoi and t.date_reception and t.date_reception < t.date_envoi:
        yield PROBLEMS["received-before-sent"].record(
            act, "transmission.date_reception", reception=t.date_reception, envoi=t.date_envoi
        )
    if t.date_publication and act.date_decision and t.date_publication < act.date_decision:
        yield PROBLEMS["published-before-decision"].record(
            act, "transmission.date_publication", publication=t.date_publication, decision=act.date_decision
        )
    elif t.date_publication and t.date_reception and t.date_publication < t.date_reception:
        yield PROBLEMS["published-before-received"].record(
            act, "transmission.date_publication", publication=t.date_publication, reception=t.date_reception
        )


def convocation_rule(ctx: CheckContext) -> tuple[int | None, str]:
    """(clear days required, rule) — required is None when the size of the authority is unknown."""
    if P_URGENCE.search(ctx.text):
        return 1, "urgency (CGCT L2121-11/12)"
    kind = ctx.act.collectivite.type
    if kind in ("departement", "region") and P_LOCAL_ASSEMBLY.search(ctx.text):
        kind = None  # a commune's PV naming the département in its body (seen in a commune's minutes)
    if kind in ("departement", "region"):
        return REPORT_DAYS, "report"
    if kind == "epci" and P_LARGE_EPCI.search(ctx.act.collectivite.nom or ""):
        return 5, "CGCT L5211-1 (EPCI with a commune of 3,500+)"
    if kind == "epci":
        largest = ctx.inhabitants()
        if largest is not None:
            article = "L2121-11" if largest < POPULATION_THRESHOLD else "L2121-12"
            return (3 if largest < POPULATION_THRESHOLD else 5), (
                f"CGCT L5211-1 and {article} (EPCI whose largest member commune has {largest} inhabitants)")
    if kind == "commune":
        inhabitants = ctx.inhabitants()
        if inhabitants is not None:
            if inhabitants < POPULATION_THRESHOLD:
                return 3, f"CGCT L2121-11 (commune of {inhabitants} inhabitants)"
            return 5, f"CGCT L2121-12 (commune of {inhabitants} inhabitants)"
    article = "an" if (kind or "a")[0] in "aeiou" else "a"
    return None, f"{article + ' ' + kind if kind else 'an authority of unknown kind'} of unknown size"


def check_convocation_delay(ctx: CheckContext) -> Iterator[ProblemRecord]:
    act = ctx.act
    if not (act.date_convocation and act.date_decision) or act.date_convocation > act.date_decision:
        return
    clear_days = max(0, (act.date_decision - act.date_convocation).days - 1)
    required, rule = convocation_rule(ctx)
    values = dict(clear_days=clear_days, convocation=act.date_convocation, seance=act.date_decision)
    if rule == "report":
        days = (act.date_decision - act.date_convocation).days
        if days < required and not P_COMMISSION_PERMANENTE.search(ctx.text):
            yield PROBLEMS["report-delay-short"].record(
                act, "date_convocation", convocation=act.date_convocation, seance=act.date_decision, days=days,
                required=required,
            )
        return
    if required is not None:
        if clear_days < required:
            yield PROBLEMS["convocation-too-late"].record(act, "date_convocation", rule=rule, required=required, **values)
        return
    # A commune's, an EPCI's or a syndicat's assembly ("CONSEIL MUNICIPAL DU …") even when its name was not read
    known_kind = act.collectivite.type in ("commune", "epci", "syndicat") or (
        act.collectivite.type is None and _local_assembly(ctx))
    if known_kind and clear_days < 3:
        yield PROBLEMS["convocation-too-late"].record(
            act, "date_convocation", rule="CGCT L2121-11 (the shortest delay)", required=3, **values
        )
    elif clear_days < 5:
        yield PROBLEMS["convocation-delay-unknown"].record(
            act, "date_convocation", rule=f"{rule}: enough only under 3,500 inhabitants (3 clear days, 5 above)"
            if clear_days >= 3 else f"{rule}: the rule depends on its kind and size", **values
        )


def _local_assembly(ctx: CheckContext) -> bool:
    """The act, or the head of its file (the minutes an item was cut from), names a commune's or EPCI's assembly."""
    head = ctx.document.text[:HEAD_CHARS] if ctx.document is not None else ""
    return P_LOCAL_ASSEMBLY.search(ctx.text) is not None or P_LOCAL_ASSEMBLY.search(head) is not None


def _id_date(pref_id: str | None) -> dt.date | None:
    match = P_ID_LOOSE.search(pref_id or "")
    parsed = parse_ctes_id(match) if match else None
    return parsed.date if parsed else None


def check_plausible(ctx: CheckContext) -> Iterator[ProblemRecord]:
    act = ctx.act
    dated = [(field, _get(act, field)) for field in DATE_FIELDS]
    dated.append(("transmission.pref_id", _id_date(act.transmission.pref_id)))
    transmitted = bool(act.transmission.pref_id or act.source.envelope)
    for field, value in dated:
        if value is None:
            continue
        if value > ctx.today:
            yield PROBLEMS["date-in-future"].record(act, field, value=value, today=ctx.today)
        elif field == "transmission.pref_id" and value < CTES_START:
            yield PROBLEMS["date-before-authority"].record(
                act, field, value=value, limit=CTES_START, reason="@CTES IDs exist since 2004"
            )
        elif value < TRANSMISSION_START and (field.startswith("transmission.") or transmitted):
            yield PROBLEMS["date-before-authority"].record(
                act, field, value=value, limit=TRANSMISSION_START,
                reason="transmission to the préfecture exists since the law of 2 March 1982",
            )


CHECKS = {
    "dates:order": check_order,
    "dates:convocation-delay": check_convocation_delay,
    "dates:plausible": check_plausible,
}
