"""A clerk sets an act's matière by hand: ``actes review ACT_ID --matiere 7.5``.

The code must be a level-2 code of the nomenclature (SCDL needs level 2). It wins over the
envelope, the text and the classifier (provenance source ``clerk``, confidence 1, who and when in
the snippet); the value it replaces stays visible as a conflict. Stored in the catalog
(``actes.store.clerk_values``), so it survives re-extraction and reaches every export.
"""

from __future__ import annotations

import datetime as dt

from actes.reference.matieres import MATIERES_2, libelle
from actes.schemas.act import Act
from actes.schemas.provenance import SourceKind
from actes.store.clerk_values import clerk_note, clerk_provenance

FIELD = "matiere.code"
HOW = "actes review ACT_ID --matiere CODE --out OUT"  # named in the "matière unknown" reason


class UnknownCode(ValueError):
    pass


def check_code(code: str) -> str:
    """The level-2 code as given ("7.5"), or UnknownCode saying what is accepted."""
    code = code.strip()
    if code not in MATIERES_2:
        raise UnknownCode(
            f'"{code}" is not a level-2 matière code of the @CTES nomenclature '
            "(e.g. 7.5 Subventions, 3.1 Acquisitions; `actes review --help`)"
        )
    return code


def apply_matiere(act: Act, code: str, reviewer: str | None, decided_at: dt.datetime) -> None:
    """Set ``act.matiere`` to the clerk's ``code``; what it held before becomes a conflict."""
    code = check_code(code)
    before = act.provenance.get(FIELD)
    conflicts = []
    if before is not None and before.source is not SourceKind.clerk:
        if act.matiere.code and act.matiere.code != code:
            conflicts.append(before.displaced(act.matiere.code))
        conflicts += [c for c in before.conflicts if c.value != code]
    elif before is not None:
        conflicts = list(before.conflicts)
    act.matiere.code, act.matiere.libelle = code, libelle(code)
    note = clerk_note(reviewer, decided_at)
    for field in (FIELD, "matiere.libelle"):
        act.provenance[field] = clerk_provenance(note, conflicts if field == FIELD else None)


def set_matiere(catalog, act_id: str, code: str, reviewer: str | None = None) -> Act:
    """Record the clerk's matière for ``act_id`` in ``catalog`` and return the act as stored now.

    KeyError when the catalog has no such act; UnknownCode for a code that is not level 2.
    """
    from actes.store.clerk_values import record_for

    return record_for(catalog, act_id, FIELD, check_code(code), reviewer)
