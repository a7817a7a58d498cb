"""`actes referential init`: the collectivités CSV to fill, listing every authority of a catalog.

SCDL wants each authority's SIRET, which no act and no national open data gives; the clerk fills
the SIRET column of the file this writes (from the authorities' own records or INSEE's Sirene),
then exports again with ``--referential``. One row per SIREN, most délibérations first; then one
per printed name of an authority whose SIREN is unknown (a région or département council, a
syndicat, a homonym left ambiguous), SIREN empty: its SIRET, once filled, gives the SIREN, and the
act is matched by that name as printed.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from actes.referential.user_csv import name_key
from actes.schemas.act import Act, Nature

HEADER = ("SIREN", "SIRET", "NOM", "PREF_ID", "TYPE", "DEPARTEMENT", "ACTES", "DELIBERATIONS")


def authorities(acts: Iterable[Act]) -> list[dict[str, str]]:
    """One row per SIREN seen: the official name when the referential gave one, else the most printed name."""
    names: dict[str, Counter] = {}
    rows: dict[str, dict] = {}
    for act in acts:
        coll = act.collectivite
        if not coll.siren and (not coll.nom or coll.type == "etat"):
            continue  # nothing to match it by; a préfecture's act has no SCDL row
        row = rows.setdefault(coll.siren or f"name:{name_key(coll.nom)}", {"SIREN": coll.siren or "", "SIRET": "", "NOM": "", "PREF_ID": "", "TYPE": coll.type or "",
                                           "DEPARTEMENT": coll.departement or "", "ACTES": 0, "DELIBERATIONS": 0})
        row["ACTES"] += 1
        row["DELIBERATIONS"] += act.nature is Nature.deliberation
        official = coll.nom_officiel if coll.type in ("commune", "epci") else None  # a département's name is not its council's
        names.setdefault(coll.siren or f"name:{name_key(coll.nom)}", Counter())[official or coll.nom or ""] += (
            2 if official else 1)
    for key, row in rows.items():
        row["NOM"] = next((n for n, _ in names[key].most_common() if n), "")
    return sorted(rows.values(), key=lambda r: (not r["SIREN"], -r["DELIBERATIONS"], -r["ACTES"], r["SIREN"], r["NOM"]))


def write_init(acts: Iterable[Act], path: Path) -> int:
    """Write the CSV to fill at ``path``; returns the number of authorities."""
    rows = authorities(acts)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
