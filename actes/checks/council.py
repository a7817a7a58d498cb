"""Council size: the members in office against the legal size for the commune's population.

CGCT L2121-2 sets the number of municipal councillors by population (population totale, décret
2003-485 art. 2, as the national referential gives it): 7 under 100 inhabitants … 69 from
300,000. Paris, Marseille and Lyon have their own numbers (code électoral L260-L261, tableaux 2
to 4): not checked. The size is fixed at each general election by the population of that time,
and the referential gives today's, so a commune near a threshold may lawfully keep the size of
the next band: a council is flagged larger than the law allows only when it exceeds the size for
a population ``TOLERANCE`` higher. A council that has lost a third of its members must be
completed by an election within three months (code électoral L258, L270): said as info, since
the act cannot tell whether one is under way.

Only communes: an EPCI's council is sized by agreement or by L5211-6-1's table on its members'
populations, which the act does not give.
"""

from __future__ import annotations

from collections.abc import Iterator

from actes.checks.catalogue import PROBLEMS
from actes.checks.context import CheckContext
from actes.schemas.act import ProblemRecord

# (lowest population of the band, councillors), CGCT L2121-2 (as amended by loi 2013-403).
SIZES = (
    (0, 7),
    (100, 11),
    (500, 15),
    (1500, 19),
    (2500, 23),
    (3500, 27),
    (5000, 29),
    (10000, 33),
    (20000, 35),
    (30000, 39),
    (40000, 43),
    (50000, 45),
    (60000, 49),
    (80000, 53),
    (100000, 55),
    (150000, 59),
    (200000, 61),
    (250000, 65),
    (300000, 69),
)
OWN_LAW = {"75056", "13055", "69123"}  # Paris, Marseille, Lyon (INSEE codes)
TOLERANCE = 0.15  # population change between the last general election and the referential's year


def legal_size(population: int) -> int:
    """The number of municipal councillors of a commune of ``population`` inhabitants (CGCT L2121-2)."""
    size = SIZES[0][1]
    for floor, councillors in SIZES:
        if population >= floor:
            size = councillors
    return size


def commune_size(ctx: CheckContext) -> tuple[int, int] | None:
    """(legal size, population) of the act's commune; None for another kind, Paris/Marseille/Lyon, or unknown."""
    coll = ctx.act.collectivite
    if coll.type != "commune" or coll.code_insee in OWN_LAW:
        return None
    population = ctx.inhabitants()
    return (legal_size(population), population) if population is not None else None


def check_council_size(ctx: CheckContext) -> Iterator[ProblemRecord]:
    en_exercice = ctx.act.votes.en_exercice
    found = commune_size(ctx) if en_exercice else None
    if found is None:
        return
    size, population = found
    if en_exercice > legal_size(int(population * (1 + TOLERANCE))):
        yield PROBLEMS["council-larger-than-legal"].record(
            ctx.act, "votes.en_exercice", en_exercice=en_exercice, size=size, population=population
        )
    elif en_exercice * 3 <= size * 2:
        yield PROBLEMS["council-lost-a-third"].record(
            ctx.act, "votes.en_exercice", en_exercice=en_exercice, size=size, population=population
        )


CHECKS = {"council:size": check_council_size}
