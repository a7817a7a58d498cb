"""Search a whole output folder for the private values of every act in its catalog.

The verification in ``pseudonymize`` checks each act as it is published; this checks what was
actually written (actes.jsonl, the CSVs, provenance, the Datasette database, feeds, JSON-LD,
the site): every file of the folder but the catalog (the préfecture's working copy, which keeps
originals), the run reports and the clerks' review site (internal).

Where a record names its act (a JSON line's ``id``, a CSV's ``ACTE_ID``, a table's ``act_id``),
it is searched for the private values of that act: a hit is a **leak**. Elsewhere (séance-level
tables, N-Triples, feeds, metadata) every act's values are searched: a hit there is listed as
**unkeyed** (another act may name the same person as an official, or a street with the word),
to be read. Surnames alone are listed apart for the same reason.

    python -m actes.privacy.leaks OUT        # prints JSON: files scanned, leaks, unkeyed hits
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from actes.privacy import match
from actes.privacy.pseudonymize import P_PLACEHOLDER, Needle, needles, placeholders
from actes.store.catalog import Catalog

INTERNAL = ("actes.db", "run-", "review")
KEYS = ("id", "act_id", "ACTE_ID", "@id")
# Between two cells or records: a word no value holds, so "Michaël DUMAS" | "Jean-Claude GARDE"
# in two columns is not read as "DUMAS Jean-Claude".
SEPARATOR = "\nqqxcellxqq\n"


def _private_values(catalog: Catalog) -> dict[str, list[Needle]]:
    out: dict[str, list[Needle]] = {}
    for act in catalog.iter_acts():
        private = [p for p in act.personal_data if p.status == "private"]
        if not private:
            continue
        officials = [p for p in act.personal_data if p.status == "official"]
        public = [act.collectivite.nom, act.collectivite.nom_officiel, act.budget.nom, act.matiere.libelle]
        out[act.id] = needles(private, placeholders(private), officials, public)
    return out


def _key(record: dict, acts: dict) -> str | None:
    for name in KEYS:
        value = record.get(name)
        if isinstance(value, str):
            if value in acts:
                return value
            tail = value.rstrip("/").rsplit("/", 1)[-1]
            return tail if tail in acts else value  # an act with no private value
    return None


def _records(path: Path, acts: dict) -> Iterator[tuple[str | None, str]]:
    """(act ID or None, text) of each record of a file."""
    if path.suffix in (".db", ".sqlite"):
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                try:
                    cursor = db.execute(f'SELECT * FROM "{table}"')
                except sqlite3.DatabaseError:  # FTS shadow tables and the like
                    continue
                columns = [c[0] for c in cursor.description]
                key = "act_id" if "act_id" in columns else ("id" if table == "acts" else None)
                for row in cursor:
                    record = dict(zip(columns, row, strict=True))
                    text = SEPARATOR.join(str(v) for v in row if isinstance(v, str))
                    yield (record.get(key) if key else None), text
        return
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    if path.name.endswith((".jsonl", ".jsonl.gz")):
        for line in text.splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                yield None, line
                continue
            yield (_key(record, acts) if isinstance(record, dict) else None), line
    elif path.suffix == ".csv":
        for record in csv.DictReader(io.StringIO(text)):
            yield _key(record, acts), SEPARATOR.join(v for v in record.values() if isinstance(v, str))
    else:
        yield None, text


def _hits(text: str, values: list[Needle]) -> Iterator[Needle]:
    # The folded projection has one space between words: a value is in it exactly when
    # " value " is; digits grouped anyhow (phones, IBAN) are compared without spaces.
    folded = f" {match.fold(P_PLACEHOLDER.sub(' ', text)).value} "
    digits = folded.replace(" ", "")
    for needle in values:
        if (needle.value.replace(" ", "") in digits) if needle.spaced else (f" {needle.value} " in folded):
            yield needle


def package_leaks(out: str | Path, catalog: Catalog | None = None) -> dict:
    out = Path(out)
    own = catalog is None
    catalog = catalog or Catalog(out / "actes.db")
    try:
        acts = _private_values(catalog)
    finally:
        if own:
            catalog.close()
    every = [(act_id, needle) for act_id, values in acts.items() for needle in values]
    leaks, unkeyed, surnames, scanned = [], [], [], []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        relative = path.relative_to(out).as_posix()
        if relative.startswith(INTERNAL) or path.suffix in (".lock", ".db-wal", ".db-shm", ".pdf"):
            continue
        scanned.append(relative)
        keyed, loose = defaultdict(list), []
        for act_id, text in _records(path, acts):
            (keyed[act_id].append(text) if act_id else loose.append(text))
        for act_id, texts in keyed.items():
            for needle in _hits(SEPARATOR.join(texts), acts.get(act_id, [])):
                hit = {"file": relative, "act": act_id, "kind": needle.kind, "value": needle.value}
                (surnames if " " not in needle.value and needle.kind == "person" else leaks).append(hit)
        if loose:
            found = set(_hits(SEPARATOR.join(loose), [needle for _, needle in every]))
            unkeyed += [
                {"file": relative, "act": act_id, "kind": needle.kind, "value": needle.value}
                for act_id, needle in every
                if needle in found and " " in needle.value
            ]
    return {
        "files": scanned,
        "acts_with_private_values": len(acts),
        "leaks": leaks,
        "surname_hits": surnames,
        "unkeyed_hits": unkeyed,
    }


if __name__ == "__main__":  # pragma: no cover - a measuring tool
    result = package_leaks(sys.argv[1])
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    sys.exit(1 if result["leaks"] else 0)
