"""A clerk names the authority of an act its text does not name: ``actes review ACT_ID --siren SIREN``.

Minutes often never print their authority (the clerk's own commune goes without saying), so no
SIREN can be read and the délibérations stay out of deliberations.csv for want of COLL_SIRET.
The clerk knows it: the SIREN (Luhn-checked) is stored in the catalog (``clerk_values``), wins over
anything read (provenance source ``clerk``, confidence 1, who and when in the snippet), outlives
re-extraction, and the national referential fills the official name, type, INSEE code and
département. The SIRET then comes, as for any act, from collectivites.csv, the act or Sirene.
"""

from __future__ import annotations

import datetime as dt

from actes.extractors.patterns.ids import siren_is_valid
from actes.schemas.act import Act
from actes.store.clerk_values import clerk_note, clerk_provenance

FIELD = "collectivite.siren"
HOW = "actes review ACT_ID --siren SIREN --out OUT"  # named in the held rows' reason


class UnknownSiren(ValueError):
    pass


def check_siren(siren: str) -> str:
    siren = "".join(siren.split())
    if not siren_is_valid(siren):
        raise UnknownSiren(f'"{siren}" is not a SIREN (9 digits with a valid Luhn key, e.g. 210199907)')
    return siren


def apply_siren(act: Act, siren: str, reviewer: str | None, decided_at: dt.datetime, ref=None) -> None:
    """Set the act's authority to ``siren``; the referential (``national()`` by default) names it."""
    from actes.referential.national import national

    siren = check_siren(siren)
    ref = ref if ref is not None else national()
    found = ref.by_siren(siren) if ref is not None else None
    coll = act.collectivite
    before = act.provenance.get(FIELD)
    conflicts = []
    if coll.siren and coll.siren != siren and before is not None:
        conflicts.append(before.displaced(coll.siren))
    values: dict[str, str | None] = {"siren": siren}
    if found is not None:
        values |= {
            "nom_officiel": found.nom,
            "type": found.type,
            "code_insee": found.code if found.type == "commune" else None,
            "departement": found.departements[0] if len(found.departements) == 1 else None,
        }
        if not coll.nom or coll.siren != siren:
            values["nom"] = found.nom  # a name read for another body (or none) is not this one's
    if coll.siret and not coll.siret.startswith(siren):
        values["siret"] = None
    note = clerk_note(reviewer, decided_at) + (
        f" [{ref.version}: {found.label}]" if found is not None else " (not in the national referential)"
    )
    for name, value in values.items():
        setattr(coll, name, value)
        field = f"collectivite.{name}"
        if value is None:
            act.provenance.pop(field, None)
            continue
        act.provenance[field] = clerk_provenance(note, conflicts if field == FIELD else None)


def set_siren(catalog, act_id: str, siren: str, reviewer: str | None = None) -> Act:
    """Record the clerk's SIREN for ``act_id`` in ``catalog``; the act as stored now.

    KeyError when the catalog has no such act; UnknownSiren for a number that is not a SIREN."""
    from actes.store.clerk_values import record_for

    return record_for(catalog, act_id, FIELD, check_siren(siren), reviewer)
