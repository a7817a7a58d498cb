"""Authority candidates checked against the national referential: does the name name anything?

A name read from flattened text runs into the next words ("Communauté de communes X Mercredi")
or stops short of its end ("Communauté de communes X" for "… X – Y"); a date line or a heading
word ("MARDI", "Séance") is proposed like a place. The referential tells them apart: the
right name names exactly one authority of the kind its words say (a commune, an EPCI, a
département, a région), a wrong one names none, or several homonyms. Features only: the scorer
weighs them with the others, so a syndicate, which the referential lacks, can still win.
Lookups are cached per name; with no referential built the features are simply absent.
"""

from __future__ import annotations

import re
from functools import lru_cache

from actes.referential.names import (
    P_COMMUNE_HEAD,
    P_DEPARTEMENT_HEAD,
    P_EPCI_HEAD,
    P_REGION_HEAD,
    commune_keys,
    epci_core,
    key,
    territorial_key,
    without_article,
)
from actes.referential.national import National, national

CACHE_SIZE = 8192
REFERENTIAL_FEATURE = "ref:"  # the prefix of every feature this module adds (after the field's, when crossed)
# Kind words of bodies the referential does not hold: their names are neither right nor wrong by it.
OTHER_HEADS = ("syndicat", "sivom", "sivu", "regie", "pole", "etablissement", "prefet", "centre", "office")


# The councils an act's head speaks of, and the kind of authority each sits for ("syndicat": none the
# referential holds).
P_COUNCIL = re.compile(
    r"\b(?:conseil\s+(?P<council>municipal|communautaire|m[ée]tropolitain|d[ée]partemental|g[ée]n[ée]ral|r[ée]gional)"
    r"|(?P<bureau>bureau\s+communautaire)|(?P<syndical>comit[ée]\s+syndical))\b",
    re.IGNORECASE,
)
COUNCIL_KINDS = {"municipal": "commune", "communautaire": "epci", "metropolitain": "epci", "departemental": "departement",
                 "general": "departement", "regional": "region"}


def council_kind(head: str) -> str | None:
    """The kind of authority whose council ``head`` names first, None if none. The first, not the most
    frequent: an act's heading names its own council, and its recitals may cite another body's
    deliberations many times ("vu la délibération du conseil communautaire …")."""
    match = P_COUNCIL.search(head)
    if match is None:
        return None
    if match["council"]:
        return COUNCIL_KINDS[key(match["council"])]
    return "epci" if match["bureau"] else "syndicat"


def is_referential(feature: str) -> bool:
    """Whether ``feature`` is one this module adds, crossed with a field or not."""
    return feature.rpartition("|")[2].startswith(REFERENTIAL_FEATURE)


def printed_kind(name: str) -> str:
    """What the name's own words say it is: commune, epci, departement, region, other, or bare (a name alone)."""
    k = key(name)
    for kind, pattern in (
        ("commune", P_COMMUNE_HEAD),
        ("epci", P_EPCI_HEAD),
        ("departement", P_DEPARTEMENT_HEAD),
        ("region", P_REGION_HEAD),
    ):
        if pattern.match(k):
            return kind
    if without_article(k).startswith(OTHER_HEADS):
        return "other"
    return "bare"


@lru_cache(maxsize=CACHE_SIZE)
def _named(path: str, name: str) -> tuple[str, tuple[tuple[str | None, tuple[str, ...], str], ...]]:
    """(printed kind, the (SIREN, départements, type) of every authority the name names exactly)."""
    ref = national(path)
    name = name.replace("&", " et ")  # 'Seine & Oise' is 'Seine et Oise' in the referential
    kind = printed_kind(name)
    if ref is None or kind == "other":
        return kind, ()
    found = []
    for territorial in ("departement", "region"):
        if kind in (territorial, "bare"):  # a bare name atop a recueil may be its département's
            territory = ref.territory(territorial + "s", territorial_key(name, territorial))
            found += [territory] if territory is not None else []
    if kind not in ("departement", "region"):
        if kind in ("commune", "bare"):
            found += ref.communes_named(commune_keys(name))
        if kind in ("epci", "bare"):
            core = epci_core(name)[0]
            # exact names only: a name cut short that one longer EPCI continues is not that EPCI
            found += [a for a in ref.epcis_named(name) if core in (epci_core(a.nom)[0], key(a.nom))]
    return kind, tuple((a.siren, a.departements, a.type) for a in found)


@lru_cache(maxsize=CACHE_SIZE)
def _cut(path: str, name: str) -> str | None:
    ref = national(path)
    if ref is None or _named(path, name)[1]:
        return None
    from actes.referential.resolve import cut_name  # noqa: PLC0415 - resolve imports the extractors

    prefix, found = cut_name(ref, name, None)
    return prefix if len(found) == 1 else None


def referential_cut(name: str, ref: National) -> str | None:
    """The longest prefix of a printed name that names nothing whole and that names exactly one
    authority ('Commune de X Lundi' → 'Commune de X'): what ``referential.resolve`` would cut the
    rules' choice to after extraction; None when the name names something or no prefix names one."""
    return _cut(str(ref.path), name)


def referential_features(name: str, siren: str | None, departement: str | None, ref: National) -> dict[str, float]:
    """Whether ``name`` names one or several authorities of its kind, and whether one of them is the act's
    own by its SIREN (@CTES ID, envelope, printed) or lies in the département of its @CTES ID; both
    only when the act's SIREN is one the referential knows (the generated acts' are invented: learned
    from them, "agrees" and "other" would mean nothing on real acts), and each only against the found
    authorities that have one (the referential gives départements and régions no SIREN). A name
    that names none says nothing by itself (an authority the referential lacks, a place it spells
    otherwise): only beside one that does (``describe``)."""
    kind, found = _named(str(ref.path), name)
    if kind == "other":
        return {"ref:other_kind": 1.0}
    if not found:
        return {}
    count = "one" if len(found) == 1 else "several"
    feats = {f"ref:{count}": 1.0, f"ref:{kind}:{count}": 1.0}
    if siren and _knows_siren(str(ref.path), siren):  # a SIREN the referential lacks (invented) says nothing
        sirens = [s for s, _, _ in found if s]  # départements and régions have none there
        if sirens:
            feats["ref:siren_agrees" if siren in sirens else "ref:siren_other"] = 1.0
        departements = [deps for _, deps, _ in found if deps]
        if departement and departements:
            feats["ref:dep_agrees" if any(departement in deps for deps in departements) else "ref:dep_other"] = 1.0
    return feats


@lru_cache(maxsize=CACHE_SIZE)
def _knows_siren(path: str, siren: str) -> bool:
    ref = national(path)
    return ref is not None and ref.by_siren(siren) is not None


def describe(
    names: list[str], siren: str | None, departement: str | None, ref: National, council: str | None = None
) -> dict[str, dict[str, float]]:
    """The referential's features of each of an act's authority names. Beside a name that names exactly
    one authority, a name that names none is likelier a misreading, and one of its prefixes or
    extensions is that name cut short ('Communauté de communes X' for '… X – Y') or run into the next
    words ('… X Mercredi'). ``council``: the kind of authority whose council the act's head names
    first (``council_kind``): a name of another kind is likelier one the act cites."""
    feats = {name: referential_features(name, siren, departement, ref) for name in names}
    if council is not None:
        for name, f in feats.items():
            types = {t for _, _, t in _named(str(ref.path), name)[1]}
            if types:  # a municipal council's act names its commune, a communautaire one its EPCI
                f["ref:council_agrees" if council in types else "ref:council_other"] = 1.0
    named_one = [name for name, f in feats.items() if f.get("ref:one")]
    if not named_one:
        return feats
    words = {name: tuple(key(name).split()) for name in names}
    for name, f in feats.items():
        if f.get("ref:one"):
            continue
        own = words[name]
        for other in named_one:
            longer = words[other]
            if len(longer) > len(own) and longer[: len(own)] == own:
                f["ref:cut_short"] = 1.0
            elif len(own) > len(longer) and own[: len(longer)] == longer and not f:
                f["ref:runs_on"] = 1.0
        if not any(k.startswith(("ref:several", "ref:other")) for k in f):
            f["ref:unknown_beside_one"] = 1.0
    return feats
