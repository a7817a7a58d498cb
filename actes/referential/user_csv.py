"""The user's collectivités referential: the SIRET that acts never carry.

SCDL Délibérations wants the 14-digit SIRET of the adopting authority (COLL_SIRET); an act only
gives its SIREN (in the @CTES ID) and a printed name. The user supplies a CSV, UTF-8 (a BOM is
tolerated), comma or semicolon separated, with a header row::

    SIREN,SIRET,NOM,PREF_ID
    210199907,21019990700017,Commune de Valbrenne,PREF001

``SIREN`` (9 digits, may be empty), ``SIRET`` (14 digits, Luhn-valid, the seat's), ``NOM``
(official name, written as COLL_NOM) are required columns (a line whose SIRET is left empty, as
``actes referential init`` writes them, is skipped); ``PREF_ID`` (the préfecture or
sous-préfecture that controls the authority, 'PREF038' / 'SPREF0011') is optional. An act is
matched by SIREN, or by name (accents, case and punctuation ignored) when it has no SIREN.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from stdnum.fr import siren as siren_mod
from stdnum.fr import siret as siret_mod

from actes.errors import FileError

# NNN: the département on 3 characters ("038", "02A", "971"); SPREF adds the arrondissement digit.
P_PREF_ID = re.compile(r"^(?:(?:PREF|SGAR)(?:\d{3}|02[AB])|SPREF(?:\d{3}|02[AB])\d)$")
REQUIRED = ("SIREN", "SIRET", "NOM")


class ReferentialError(FileError):
    reason = "bad-referential"


@dataclass(frozen=True)
class Entry:
    siren: str | None
    siret: str
    nom: str
    pref_id: str | None
    line: int  # 1-indexed line in the file, header = 1

    def snippet(self, path: str) -> str:
        return f"{Path(path).name}:{self.line}: {self.siren or ''},{self.siret},{self.nom}"


@dataclass(frozen=True)
class Match:
    entry: Entry
    by: str  # "siren" | "name"
    confidence: float


def name_key(name: str) -> str:
    """'Commune de Saint-Étienne' → 'commune de saint etienne'."""
    text = unicodedata.normalize("NFKD", name.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.split(r"[^0-9a-z]+", text)).strip()


class Referential:
    """Entries of a collectivités CSV, looked up by SIREN or by name."""

    def __init__(self, entries: list[Entry], path: str = "collectivites.csv"):
        self.path = path
        self.entries = entries
        self._by_siren = {e.siren: e for e in entries if e.siren}
        by_name: dict[str, list[Entry]] = {}
        for entry in entries:
            by_name.setdefault(name_key(entry.nom), []).append(entry)
        # A name shared by two entries matches neither: never guess.
        self._by_name = {key: found[0] for key, found in by_name.items() if len(found) == 1}

    @classmethod
    def load(cls, path: str | Path) -> Referential:
        """Read and check the CSV; a bad line raises ``ReferentialError`` naming file, line and column."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ReferentialError(path, f"cannot read the collectivités referential ({exc})") from None
        dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        reader = csv.DictReader(text.splitlines(), delimiter=dialect)
        header = [h.strip().upper() for h in reader.fieldnames or []]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise ReferentialError(path, f"missing column(s) {', '.join(missing)}; expected header SIREN,SIRET,NOM[,PREF_ID]")
        entries = []
        for line, raw in enumerate(reader, start=2):
            row = {k.strip().upper(): (v or "").strip() for k, v in raw.items() if k}
            if not re.sub(r"\s", "", row.get("SIRET", "")):
                continue  # a line of `actes referential init` not filled in yet: that authority stays unmatched
            entries.append(_entry(path, line, row))
        return cls(entries, str(path))

    def match(self, siren: str | None, nom: str | None) -> Match | None:
        if siren:
            entry = self._by_siren.get(siren)
            return Match(entry, "siren", 1.0) if entry else None
        if nom:
            entry = self._by_name.get(name_key(nom))
            return Match(entry, "name", 0.9) if entry else None
        return None


def _entry(path: Path, line: int, row: dict[str, str]) -> Entry:
    siren = re.sub(r"\s", "", row.get("SIREN", "")) or None
    siret = re.sub(r"\s", "", row.get("SIRET", ""))
    nom = row.get("NOM", "")
    pref_id = row.get("PREF_ID") or None
    where = f"line {line}"
    if not siret_mod.is_valid(siret):
        raise ReferentialError(path, f"{where}: SIRET {siret!r} is not 14 Luhn-valid digits", field="SIRET")
    if siren and not siren_mod.is_valid(siren):
        raise ReferentialError(path, f"{where}: SIREN {siren!r} is not 9 Luhn-valid digits", field="SIREN")
    if siren and not siret.startswith(siren):
        raise ReferentialError(path, f"{where}: SIRET {siret} does not start with SIREN {siren}", field="SIRET")
    if not nom:
        raise ReferentialError(path, f"{where}: empty NOM", field="NOM")
    if pref_id and not P_PREF_ID.match(pref_id):
        raise ReferentialError(path, f"{where}: PREF_ID {pref_id!r} is not PREFNNN, SPREFNNNM or SGARNNN", field="PREF_ID")
    return Entry(siren or siret[:9], siret, nom, pref_id, line)
