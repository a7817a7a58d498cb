"""The authority of a point cut from minutes is the séance's, not a name its text mentions.

A point's own text names other bodies all the time: the département a subsidy is asked of, the
région a convention is signed with, a member commune, or words the name reader mistook for one
("ACTER", "AUTORISER"). The body that adopted the point is the one whose séance the minutes
record (CGCT L2121-7: it sits in its own mairie). So:

- minutes whose head names their authority give it to every point (provenance ``file:…``); a
  different name read in the point is kept as a conflict of ``collectivite.nom``;
- minutes that name none leave a point its own authority only when the referential resolved it to
  a SIREN and its kind is the assembly's (a commune for a conseil municipal, an EPCI for a
  conseil communautaire); otherwise the point keeps no authority (extractor
  ``minutes:point-authority``, the dropped name as a conflict): an empty COLL_NOM that says why
  beats a wrong one;
- an authority the point carries in its own @CTES ID, stamp or envelope is never touched.
"""

from __future__ import annotations

import re

from actes.schemas.act import Act
from actes.schemas.provenance import FieldProvenance, SourceKind

FIELDS = ("nom", "type", "siren", "siret", "nom_officiel", "code_insee", "departement")
EXTRACTOR = "minutes:point-authority"
HEAD_CHARS = 1000  # "CONSEIL MUNICIPAL DU …", "PROCÈS-VERBAL DU CONSEIL COMMUNAUTAIRE …"
P_COMMUNITY = re.compile(
    r"conseil\s+(?:communautaire|de\s+communaut[ée]|m[ée]tropolitain)|bureau\s+communautaire"
    r"|communaut[ée]\s+(?:de\s+communes|d['’]\s?agglom[ée]ration|urbaine)",
    re.IGNORECASE,
)
P_MUNICIPAL = re.compile(r"conseil\s+municipal", re.IGNORECASE)
OWN_SOURCES = (SourceKind.envelope, SourceKind.stamp)


def assembly_kind(head: str) -> str | None:
    """'epci' or 'commune' when the head of the minutes names the assembly, else None."""
    if P_COMMUNITY.search(head):
        return "epci"
    if P_MUNICIPAL.search(head):
        return "commune"
    return None


def authority_of_point(point: Act, minutes: Act, head: str) -> Act:
    """Give ``point`` (an item cut from ``minutes``) the séance's authority; ``head``: the minutes' first lines."""
    own = point.provenance.get("collectivite.siren")
    if own is not None and (own.source in OWN_SOURCES or own.extractor == "stamp:id"):
        return point  # the point's own @CTES ID or envelope
    if minutes.collectivite.nom or minutes.collectivite.siren:
        _take(point, minutes)
        return point
    coll = point.collectivite
    kind = assembly_kind(head[:HEAD_CHARS])
    if coll.siren and (kind is None or coll.type == kind):
        return point  # resolved by the referential, and of the assembly's kind
    if coll.nom or coll.siren or coll.type:
        _drop(point, kind)
    return point


def _take(point: Act, minutes: Act) -> None:
    before = point.collectivite.nom
    before_origin = point.provenance.get("collectivite.nom")
    for name in FIELDS:
        field = f"collectivite.{name}"
        value = getattr(minutes.collectivite, name)
        setattr(point.collectivite, name, value)
        origin = minutes.provenance.get(field)
        if value is None or origin is None:
            point.provenance.pop(field, None)
            continue
        extractor = origin.extractor if origin.extractor.startswith("file:") else f"file:{origin.extractor}"
        point.provenance[field] = origin.model_copy(update={"extractor": extractor, "conflicts": []})
    kept = point.provenance.get("collectivite.nom")
    if before and before != point.collectivite.nom and before_origin is not None and kept is not None:
        kept.conflicts = [before_origin.displaced(before)]


def _drop(point: Act, kind: str | None) -> None:
    coll = point.collectivite
    printed, origin = coll.nom or coll.siren or coll.type, point.provenance.get("collectivite.nom")
    for name in FIELDS:
        setattr(coll, name, None)
        point.provenance.pop(f"collectivite.{name}", None)
    why = "the minutes name no authority in their head, and the name read in this point " + (
        "is not one the referential resolves" if kind is None else f"is not a resolved {kind}"
    )
    point.provenance["collectivite.nom"] = FieldProvenance(
        source=SourceKind.derived,
        extractor=EXTRACTOR,
        confidence=0.0,
        snippet=f"dropped {printed!r}: {why}",
        conflicts=[origin.displaced(printed)] if origin is not None else [],
    )

