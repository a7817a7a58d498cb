"""Fetch Etalab's *découpage administratif* and build the national referential (SQLite).

The npm package ``@etalab/decoupage-administratif`` (MIT) holds, in ``package/data/*.json``,
every commune (INSEE code, SIREN, département, région, population, postcodes), every EPCI (SIREN,
type, population, member communes), the établissements publics territoriaux of the Grand Paris,
départements, arrondissements and régions. ``npm pack`` fetches its tarball (no Node runtime is
needed to read the JSON); ``build`` loads it into one SQLite file read by ``national``.

Built once: a second ``build`` with the same tarball does nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from actes.errors import ActesError
from actes.referential.names import epci_core, key, without_article
from actes.referential.sirene import carry_over

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"  # pinned so that every machine resolves the same way; --version to change
SCHEMA = 2  # of the SQLite file; a new one rebuilds

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE communes (code TEXT PRIMARY KEY, siren TEXT, nom TEXT, key TEXT, bare TEXT, departement TEXT,
                       region TEXT, arrondissement TEXT, population INTEGER, postcodes TEXT, population_totale INTEGER);
CREATE TABLE epci (siren TEXT PRIMARY KEY, nom TEXT, type TEXT, key TEXT, core TEXT, kind TEXT,
                   population INTEGER, largest_member INTEGER);
CREATE TABLE members (epci TEXT, commune TEXT, siren TEXT, population INTEGER);
CREATE TABLE departements (code TEXT PRIMARY KEY, nom TEXT, key TEXT, bare TEXT, region TEXT);
CREATE TABLE arrondissements (code TEXT PRIMARY KEY, nom TEXT, key TEXT, bare TEXT, departement TEXT);
CREATE TABLE regions (code TEXT PRIMARY KEY, nom TEXT, key TEXT, bare TEXT);
CREATE TABLE postcodes (postcode TEXT, commune TEXT);
CREATE INDEX communes_siren ON communes (siren);
CREATE INDEX communes_key ON communes (key);
CREATE INDEX communes_bare ON communes (bare);
CREATE INDEX epci_key ON epci (key);
CREATE INDEX epci_core ON epci (core);
CREATE INDEX members_epci ON members (epci);
CREATE INDEX postcodes_postcode ON postcodes (postcode);
"""


class ReferentialUnavailable(ActesError):
    """The national referential cannot be fetched or built (npm missing, no network, bad tarball)."""


def fetch(cache: Path, version: str = VERSION) -> Path:
    """The package's tarball in ``cache``, fetched with ``npm pack`` unless already there."""
    cache.mkdir(parents=True, exist_ok=True)
    name = f"etalab-decoupage-administratif-{version}.tgz"
    tarball = cache / name
    if tarball.is_file():
        return tarball
    npm = shutil.which("npm")
    if npm is None:
        raise ReferentialUnavailable(
            "npm is not installed, so the national referential of French authorities cannot be fetched "
            f"(it comes from the npm package {PACKAGE}). Install npm (apt-get install npm), or download "
            f"{name} elsewhere and give it: actes referential build --tarball {name}"
        )
    spec = f"{PACKAGE}@{version}"
    try:
        done = subprocess.run([npm, "pack", spec, "--pack-destination", str(cache), "--silent"],
                              capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ReferentialUnavailable(f"npm pack {spec} failed: {exc}") from None
    if done.returncode != 0 or not tarball.is_file():
        raise ReferentialUnavailable(f"npm pack {spec} failed: {(done.stderr or done.stdout).strip()[-500:]}")
    times = subprocess.run([npm, "view", PACKAGE, "time", "--json"], capture_output=True, text=True, timeout=120,
                           check=False).stdout
    try:  # when the registry published this version: the date of the data
        published = json.loads(times).get(version, "")
    except (ValueError, AttributeError):
        published = ""
    if published:
        tarball.with_suffix(".published").write_text(published + "\n", encoding="utf-8")
    return tarball


def _read_json(tar: tarfile.TarFile, name: str) -> list[dict]:
    member = tar.extractfile(f"package/data/{name}.json")
    if member is None:
        raise ReferentialUnavailable(f"the tarball has no data/{name}.json")
    return json.load(member)


def build(tarball: Path, db: Path) -> dict[str, str]:
    """Load the tarball's data into ``db`` (written atomically); returns its meta table.

    Does nothing when ``db`` was already built from the same tarball at this schema.
    """
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    existing = read_meta(db)
    if existing.get("tarball_sha256") == digest and existing.get("schema") == str(SCHEMA):
        return existing
    try:
        with tarfile.open(tarball) as tar:
            package = json.load(tar.extractfile("package/package.json"))
            data = {name: _read_json(tar, name) for name in
                    ("communes", "epci", "ept", "departements", "arrondissements", "regions")}
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise ReferentialUnavailable(f'"{tarball}" is not a readable {PACKAGE} tarball ({exc})') from None
    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = db.with_name(f".{db.name}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(TABLES)
        meta = _load(conn, data)
        meta.update(package=package.get("name", PACKAGE), version=package.get("version", "?"), schema=str(SCHEMA),
                    tarball=tarball.name, tarball_sha256=digest, built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    license=package.get("license", ""), published=_published(tarball))
        conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        conn.commit()
        carry_over(db, conn)  # the SIRETs of a Sirene import survive a new version of the national data
        conn.execute("VACUUM")
    finally:
        conn.close()
    tmp.replace(db)
    return meta


def _load(conn: sqlite3.Connection, data: dict[str, list[dict]]) -> dict[str, str]:
    communes = [c for c in data["communes"] if c.get("type") == "commune-actuelle"]
    conn.executemany("INSERT INTO communes VALUES (?,?,?,?,?,?,?,?,?,?,NULL)", [
        (c["code"], c.get("siren"), c["nom"], key(c["nom"]), without_article(key(c["nom"])), c.get("departement"),
         c.get("region"), c.get("arrondissement"), c.get("population"), " ".join(c.get("codesPostaux", [])))
        for c in communes
    ])
    conn.executemany("INSERT INTO postcodes VALUES (?, ?)",
                     [(p, c["code"]) for c in communes for p in c.get("codesPostaux", [])])
    groups = data["epci"] + data["ept"]
    rows, members = [], []
    for e in groups:
        populations = [m.get("populationTotale") or m.get("populationMunicipale") or 0 for m in e["membres"]]
        core, kind = epci_core(e["nom"])
        population = e.get("populationTotale") or sum(populations) or None
        rows.append((e["code"], e["nom"], e["type"], key(e["nom"]), core, kind or e["type"], population,
                     max(populations, default=None)))
        members += [(e["code"], m["code"], m.get("siren"), p) for m, p in zip(e["membres"], populations, strict=True)]
    conn.executemany("INSERT INTO epci VALUES (?,?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT INTO members VALUES (?,?,?,?)", members)
    # The CGCT counts the population totale (décret 2003-485, art. 2); the package gives it for
    # communes only in the EPCI member lists.
    conn.execute("UPDATE communes SET population_totale = (SELECT max(m.population) FROM members m "
                 "WHERE m.commune = communes.code AND m.population > 0)")
    conn.executemany("INSERT INTO departements VALUES (?,?,?,?,?)", [
        (d["code"], d["nom"], key(d["nom"]), without_article(key(d["nom"])), d.get("region")) for d in data["departements"]])
    conn.executemany("INSERT INTO arrondissements VALUES (?,?,?,?,?)", [
        (a["code"], a["nom"], key(a["nom"]), without_article(key(a["nom"])), a.get("departement"))
        for a in data["arrondissements"]])
    conn.executemany("INSERT INTO regions VALUES (?,?,?,?)", [
        (r["code"], r["nom"], key(r["nom"]), without_article(key(r["nom"]))) for r in data["regions"]])
    return {"communes": str(len(communes)), "epci": str(len(rows)), "departements": str(len(data["departements"])),
            "regions": str(len(data["regions"]))}


def _published(tarball: Path) -> str:
    """The registry's publication date of the tarball's version, as ``fetch`` noted it ('' if unknown)."""
    note = tarball.with_suffix(".published")
    return note.read_text(encoding="utf-8").strip() if note.is_file() else ""


def read_meta(db: Path) -> dict[str, str]:
    """The meta table of a built referential; empty when there is none or it is unreadable."""
    if not db.is_file():
        return {}
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return dict(conn.execute("SELECT key, value FROM meta"))
        finally:
            conn.close()
    except sqlite3.Error:
        return {}
