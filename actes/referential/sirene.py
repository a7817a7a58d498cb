"""INSEE's Sirene stock: the SIRET of each public-law body's head office, for SCDL's COLL_SIRET.

``StockEtablissement`` (one line per établissement, tens of millions of lines in a zipped CSV)
carries ``siren``, ``nic``, ``siret``, ``etablissementSiege`` and ``etatAdministratifEtablissement``
but not the catégorie juridique: that is in ``StockUniteLegale`` (``categorieJuridiqueUniteLegale``).
So a body is public-law when the optional unités légales file gives it a catégorie 7xxx, else when
its SIREN is one of the national referential's (communes, EPCI). Kept: the active head office of
each such SIREN, into the referential's SQLite file (table ``sirene``, which a rebuild of the
national data carries over).

Both files are streamed line by line from inside their zip: memory stays flat whatever their size.
``siren`` is the first column of both stocks, so a line whose first nine characters are not a
SIREN to keep is skipped before it is parsed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from stdnum.fr import siret as siret_mod

from actes.errors import ActesError

TABLE = "CREATE TABLE IF NOT EXISTS sirene (siren TEXT PRIMARY KEY, siret TEXT NOT NULL, categorie TEXT)"
BATCH = 5000


class SireneError(ActesError):
    """A Sirene stock file that cannot be read (not a zip, no CSV inside, columns missing)."""


@dataclass
class ImportStats:
    lines: int = 0  # établissement lines read
    kept: int = 0  # SIRENs with a head office kept
    public_sirens: int = 0  # SIRENs a head office was looked for
    unreadable: int = 0  # kept-prefix lines that did not parse into the header's columns
    filter: str = ""  # "unites-legales 7xxx" | "national referential"

    def as_meta(self) -> dict[str, str]:
        return {"sirene_lines": str(self.lines), "sirene_rows": str(self.kept), "sirene_filter": self.filter}


def _lines(path: Path, wanted: str) -> Iterator[str]:
    """The lines of the CSV inside the zip ``path`` (the first member ending in .csv)."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise SireneError(f'"{path}" is not a readable zip of INSEE\'s {wanted} ({exc})') from None
    with archive:
        members = [n for n in archive.namelist() if n.lower().endswith(".csv")]
        if not members:
            raise SireneError(f'"{path}" holds no CSV file (expected INSEE\'s {wanted})')
        with archive.open(members[0]) as raw:
            yield from io.TextIOWrapper(raw, encoding="utf-8", newline="")


def _columns(header: str, path: Path, needed: tuple[str, ...]) -> dict[str, int]:
    names = next(csv.reader([header]))
    index = {name.strip(): i for i, name in enumerate(names)}
    missing = [n for n in needed if n not in index]
    if missing:
        raise SireneError(f'"{path}": column(s) {", ".join(missing)} missing from its header')
    if names[0].strip() != "siren":
        raise SireneError(f'"{path}": its first column is {names[0]!r}, not "siren"')
    return index


def public_sirens(unites_legales: Path) -> dict[str, str]:
    """SIREN → catégorie juridique of every active or ceased unité légale of catégorie 7xxx."""
    lines = _lines(unites_legales, "StockUniteLegale")
    col = _columns(next(lines, ""), unites_legales, ("siren", "categorieJuridiqueUniteLegale"))
    at = col["categorieJuridiqueUniteLegale"]
    found: dict[str, str] = {}
    for line in lines:
        if ",7" not in line and '"7' not in line:  # no field starts with 7: not public law, no parsing
            continue
        row = next(csv.reader([line]), [])
        if len(row) > at and row[at].startswith("7"):
            found[row[0]] = row[at]
    return found


def import_sirene(etablissements: Path, db: Path, unites_legales: Path | None = None) -> ImportStats:
    """Keep the head offices of public-law bodies of ``etablissements`` in the referential ``db``."""
    if not db.is_file():
        raise SireneError(f'no referential at "{db}": build it first (actes referential build)')
    conn = sqlite3.connect(db)
    try:
        stats = ImportStats()
        if unites_legales is not None:
            categories = public_sirens(unites_legales)
            stats.filter = f"{unites_legales.name}: catégorie juridique 7xxx"
        else:
            categories = dict.fromkeys(_referential_sirens(conn), "")
            stats.filter = "SIRENs of the national referential (communes, EPCI)"
        stats.public_sirens = len(categories)
        lines = _lines(etablissements, "StockEtablissement")
        col = _columns(next(lines, ""), etablissements, ("siren", "siret", "etablissementSiege"))
        siege, siret_at = col["etablissementSiege"], col["siret"]
        state = col.get("etatAdministratifEtablissement")
        width = len(col)
        conn.execute(TABLE)
        conn.execute("DELETE FROM sirene")
        batch: list[tuple[str, str, str]] = []
        for line in lines:
            stats.lines += 1
            if line[:9] not in categories:
                continue
            row = next(csv.reader([line]), [])
            if len(row) != width:
                stats.unreadable += 1
                continue
            if row[siege].strip().lower() != "true" or (state is not None and row[state] not in ("A", "")):
                continue
            siret = row[siret_at]
            if not siret_mod.is_valid(siret) or not siret.startswith(row[0]):
                stats.unreadable += 1
                continue
            batch.append((row[0], siret, categories[row[0]]))
            if len(batch) >= BATCH:
                _write(conn, batch)
        _write(conn, batch)
        stats.kept = conn.execute("SELECT count(*) FROM sirene").fetchone()[0]  # one per SIREN
        meta = {
            **stats.as_meta(),
            "sirene_source": etablissements.name,
            "sirene_imported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", sorted(meta.items()))
        conn.commit()
    finally:
        conn.close()
    return stats


def _write(conn: sqlite3.Connection, batch: list[tuple[str, str, str]]) -> None:
    conn.executemany("INSERT OR REPLACE INTO sirene VALUES (?, ?, ?)", batch)
    batch.clear()


def _referential_sirens(conn: sqlite3.Connection) -> Iterator[str]:
    for (siren,) in conn.execute("SELECT siren FROM communes WHERE siren IS NOT NULL UNION SELECT siren FROM epci"):
        yield siren


def carry_over(old: Path, conn: sqlite3.Connection) -> int:
    """Copy the ``sirene`` table (and its meta) of the ``old`` referential into the new one being built."""
    if not old.is_file():
        return 0
    conn.execute(TABLE)
    conn.execute("ATTACH DATABASE ? AS old", (str(old),))
    try:
        if not conn.execute("SELECT 1 FROM old.sqlite_master WHERE name = 'sirene'").fetchone():
            return 0
        conn.execute("INSERT INTO sirene SELECT siren, siret, categorie FROM old.sirene")
        conn.execute("INSERT OR REPLACE INTO meta SELECT key, value FROM old.meta WHERE key LIKE 'sirene_%'")
        return conn.execute("SELECT count(*) FROM sirene").fetchone()[0]
    finally:
        conn.commit()
        conn.execute("DETACH DATABASE old")
