"""The national referential as built by ``build``: look authorities up by SIREN, name, postcode.

``national()`` opens the default file once per process (``ACTES_REFERENTIAL_DB``, else
``actes/referential/data/authorities.sqlite``) and answers None when it was never built, so that
every feature reading it degrades to "unknown" instead of failing.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from actes.referential.build import read_meta
from actes.referential.names import epci_core, key

log = logging.getLogger(__name__)

ENV = "ACTES_REFERENTIAL_DB"
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "authorities.sqlite"
MIN_PREFIX = 6  # characters of a cut EPCI name looked up as the start of a longer one
EPCI_TYPES = {
    "CC": "communauté de communes",
    "CA": "communauté d'agglomération",
    "CU": "communauté urbaine",
    "METRO": "métropole",
    "MET69": "métropole de Lyon",
    "EPT": "établissement public territorial",
}


@dataclass(frozen=True)
class Authority:
    """One authority of the referential.

    ``code``: the INSEE code of a commune ("01998"), the SIREN of an EPCI, the code of a
    département ("2A") or région ("84"). ``departements``: where it lies (an EPCI may span
    several). ``rule_population``: the population that sets the convocation delay — the
    commune's own, or an EPCI's largest member's (CGCT L5211-1).
    """

    type: str  # commune | epci | departement | region
    code: str
    nom: str
    siren: str | None = None
    departements: tuple[str, ...] = ()
    population: int | None = None
    rule_population: int | None = None
    epci_type: str | None = None  # CC | CA | CU | METRO | MET69 | EPT
    postcodes: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        where = f", {'/'.join(self.departements)}" if self.departements else ""
        return f"{self.nom} ({self.type} {self.code}{where})"


class National:
    """Read-only lookups in one built referential file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.meta = read_meta(self.path)
        self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._conn.row_factory = sqlite3.Row

    @property
    def version(self) -> str:
        return f"{self.meta.get('package', '?')}@{self.meta.get('version', '?')}"

    def _communes(self, where: str, args: tuple) -> list[Authority]:
        rows = self._conn.execute(f"SELECT * FROM communes WHERE {where} ORDER BY code", args).fetchall()  # noqa: S608 - fixed clauses
        return [
            Authority(
                "commune",
                r["code"],
                r["nom"],
                r["siren"],
                (r["departement"],),
                r["population"],
                r["population_totale"] or r["population"],
                None,
                tuple(r["postcodes"].split()),
            )
            for r in rows
        ]

    def _epcis(self, where: str, args: tuple) -> list[Authority]:
        rows = self._conn.execute(f"SELECT * FROM epci WHERE {where} ORDER BY siren", args).fetchall()  # noqa: S608 - fixed clauses
        found = []
        for r in rows:
            depts = self._conn.execute(
                "SELECT DISTINCT c.departement FROM members m JOIN communes c ON c.code = m.commune "
                "WHERE m.epci = ? ORDER BY 1",
                (r["siren"],),
            ).fetchall()
            found.append(
                Authority(
                    "epci",
                    r["siren"],
                    r["nom"],
                    r["siren"],
                    tuple(d[0] for d in depts),
                    r["population"],
                    r["largest_member"],
                    r["type"],
                )
            )
        return found

    def by_siren(self, siren: str) -> Authority | None:
        found = self._communes("siren = ?", (siren,)) or self._epcis("siren = ?", (siren,))
        return found[0] if found else None

    def communes_named(self, keys: list[str]) -> list[Authority]:
        """Communes whose name is one of ``keys`` (see ``names.commune_keys``), the first key that finds any."""
        for k in keys:
            found = self._communes("key = ?", (k,))
            if found:
                return found
        for k in keys:  # 'Mans' printed for 'Le Mans'
            found = self._communes("bare = ?", (k,))
            if found:
                return found
        return []

    def epcis_named(self, printed: str, text: str = "") -> list[Authority]:
        """EPCI and EPT whose name, without its kind words, is the printed one's. A name cut short that
        several EPCI continue is kept only when the act's ``text`` prints one of them in full."""
        core, kind = epci_core(printed)
        if not core:
            return []
        found = self._epcis("core = ? OR key = ?", (core, core))
        if not found and len(core) >= MIN_PREFIX:  # 'Communauté de Communes X – Y' cut at the dash
            found = self._epcis("core LIKE ? ESCAPE '\\'", (core.replace("%", "").replace("_", "") + " %",))
            if kind and len(found) > 1:  # 'Communauté urbaine X' cut: the communauté urbaine of those
                found = [a for a in found if a.epci_type == kind] or found
            if len(found) > 1:
                words = f" {key(text)} "
                found = [a for a in found if f" {epci_core(a.nom)[0]} " in words]
                if len(found) != 1:
                    return []  # a cut name that several EPCI continue, none printed in full: never guessed
        if kind and len(found) > 1:  # 'CC du Val' vs 'CA du Val'
            found = [a for a in found if a.epci_type == kind] or found
        return found

    def territory(self, table: str, k: str) -> Authority | None:
        """The département or région named ``k`` (a key, with or without its article)."""
        if table not in ("departements", "regions"):
            raise ValueError(table)
        row = self._conn.execute(f"SELECT * FROM {table} WHERE key = ? OR bare = ?", (k, k)).fetchone()  # noqa: S608
        if row is None:
            return None
        kind = "departement" if table == "departements" else "region"
        return Authority(kind, row["code"], row["nom"], None, (row["code"],) if kind == "departement" else ())

    def departements_of_arrondissement(self, k: str) -> set[str]:
        rows = self._conn.execute("SELECT departement FROM arrondissements WHERE key = ? OR bare = ?", (k, k))
        return {r[0] for r in rows}

    def departements_of_postcode(self, postcode: str) -> set[str]:
        rows = self._conn.execute(
            "SELECT DISTINCT c.departement FROM postcodes p JOIN communes c ON c.code = p.commune WHERE p.postcode = ?",
            (postcode,),
        )
        return {r[0] for r in rows}

    def head_office_siret(self, siren: str) -> str | None:
        """The SIRET of ``siren``'s head office kept by ``actes referential import-sirene``; None when not imported."""
        try:
            row = self._conn.execute("SELECT siret FROM sirene WHERE siren = ?", (siren,)).fetchone()
        except sqlite3.OperationalError:  # no Sirene import into this file
            return None
        return row[0] if row else None

    @cached_property
    def departement_keys(self) -> dict[str, str]:
        """Every département name key (with and without article) → its code."""
        keys = {}
        for code, k, bare in self._conn.execute("SELECT code, key, bare FROM departements"):
            keys[k] = keys[bare] = code
        return keys

    @cached_property
    def all_departements(self) -> frozenset[str]:
        return frozenset(r[0] for r in self._conn.execute("SELECT code FROM departements"))


_OPENED: dict[tuple[str, int], National | None] = {}


def default_path() -> Path:
    return Path(os.environ.get(ENV) or DEFAULT_PATH)


def national(path: str | Path | None = None) -> National | None:
    """The referential at ``path`` (default: ``default_path()``), opened once per process; None when absent."""
    path = Path(path) if path else default_path()
    cache_key = (str(path), os.getpid())  # a SQLite connection must not cross a fork
    if cache_key not in _OPENED:
        if not read_meta(path):
            log.warning(
                'no national referential at "%s" (build it: actes referential build); '
                "authorities stay as printed and population-aware checks answer unknown",
                path,
            )
            _OPENED[cache_key] = None
        else:
            _OPENED[cache_key] = National(path)
    return _OPENED[cache_key]


def describe(path: str | Path | None = None) -> dict[str, str] | None:
    """Package, version, publication and build dates of the referential in use (run reports, data package)."""
    meta = read_meta(Path(path) if path else default_path())
    if not meta:
        return None
    keys = (
        "package",
        "version",
        "published",
        "built_at",
        "license",
        "communes",
        "epci",
        "sirene_source",
        "sirene_imported_at",
        "sirene_rows",
        "sirene_filter",
    )
    return {k: meta[k] for k in keys if k in meta}


def package_source(path: str | Path | None = None) -> dict | None:
    """The referential as a Data Package ``sources`` entry (title, path, version); None when absent."""
    meta = describe(path)
    if meta is None:
        return None
    published = (meta.get("published") or "")[:10]
    return {
        "title": f"Découpage administratif (Etalab), {meta['package']} {meta['version']}"
        + (f" of {published}" if published else "")
        + ": SIREN, official names, populations of authorities",
        "path": f"https://www.npmjs.com/package/{meta['package']}/v/{meta['version']}",
        "version": meta["version"],
        "license": meta.get("license", ""),
    }


def referential_line(path: str | Path | None = None) -> str:
    """The run summary's line naming the referential in use, or saying loudly that there is none."""
    meta = describe(path)
    if meta is None:
        return (
            "referential: NONE — authorities stay as printed (no SIREN looked up, convocation delay unknown); "
            "build it: actes referential build"
        )
    published = (meta.get("published") or "")[:10] or "unknown date"
    line = f"referential: {meta['package']}@{meta['version']} ({published}), {meta.get('communes')} communes, {meta.get('epci')} EPCI"
    if meta.get("sirene_rows"):
        line += (
            f"; Sirene: {meta['sirene_rows']} head-office SIRETs from {meta.get('sirene_source')} "
            f"(imported {(meta.get('sirene_imported_at') or '?')[:10]})"
        )
    return line


def rule_population(act) -> int | None:
    """The population that sets the act's convocation delay: a commune's own (population totale),
    an EPCI's largest member's (CGCT L5211-1); None when the referential or the authority is unknown."""
    siren = act.collectivite.siren
    ref = national() if siren else None
    found = ref.by_siren(siren) if ref is not None else None
    return found.rule_population if found is not None else None
