"""Search a whole output folder for the private values of every act in its catalog.

The verification in ``pseudonymize`` checks each act as it is published; this checks what was
actually written (actes.jsonl, the CSVs, provenance, the Datasette database, feeds, JSON-LD,
the site): every file of the folder but the catalog (the préfecture's working copy, which keeps
originals), the run reports and the clerks' review site (internal). A hit of a whole private
form (a full name, an address, a phone) is a leak; a hit of a surname alone is listed apart, as
another act may name an official or a street with the same word.

    python -m actes.privacy.leaks OUT        # prints JSON: files scanned, leaks, surname hits
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from actes.privacy import match
from actes.privacy.pseudonymize import P_PLACEHOLDER, Needle, needles, placeholders
from actes.store.catalog import Catalog

INTERNAL = ("actes.db", "run-", "review")


def _private_values(catalog: Catalog) -> list[tuple[str, Needle]]:
    out = []
    for act in catalog.iter_acts():
        private = [p for p in act.personal_data if p.status == "private"]
        if not private:
            continue
        officials = [p for p in act.personal_data if p.status == "official"]
        public = [act.collectivite.nom, act.collectivite.nom_officiel, act.budget.nom, act.matiere.libelle]
        out += [(act.id, needle) for needle in needles(private, placeholders(private), officials, public)]
    return out


def _texts(path: Path) -> Iterator[str]:
    if path.suffix in (".db", ".sqlite"):
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                try:
                    rows = db.execute(f'SELECT * FROM "{table}"').fetchall()
                except sqlite3.DatabaseError:  # FTS shadow tables and the like
                    continue
                yield "\n".join(str(cell) for row in rows for cell in row if isinstance(cell, str))
    elif path.suffix == ".gz":
        yield gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    else:
        yield path.read_bytes().decode("utf-8", errors="replace")


def package_leaks(out: str | Path, catalog: Catalog | None = None) -> dict:
    out = Path(out)
    own = catalog is None
    catalog = catalog or Catalog(out / "actes.db")
    try:
        values = _private_values(catalog)
    finally:
        if own:
            catalog.close()
    leaks, surname_hits, scanned = [], [], []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        relative = path.relative_to(out).as_posix()
        if relative.startswith(INTERNAL) or path.suffix in (".lock", ".db-wal", ".db-shm", ".pdf"):
            continue
        scanned.append(relative)
        for text in _texts(path):
            folded = match.fold(P_PLACEHOLDER.sub(" ", text))
            words = set(folded.value.split())
            for act_id, needle in values:
                if not set(needle.value.split()) <= words and not needle.spaced:
                    continue
                if match.contains(folded, needle.value, needle.spaced):
                    hit = {"file": relative, "act": act_id, "kind": needle.kind, "value": needle.value}
                    (surname_hits if " " not in needle.value and needle.kind == "person" else leaks).append(hit)
    return {"files": scanned, "private_values": len(values), "leaks": leaks, "surname_hits": surname_hits}


if __name__ == "__main__":  # pragma: no cover - a measuring tool
    result = package_leaks(sys.argv[1])
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    sys.exit(1 if result["leaks"] else 0)
