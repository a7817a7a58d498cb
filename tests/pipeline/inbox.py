"""Small inboxes of .txt acts for the batch tests (fast: no PDF, no OCR)."""

from __future__ import annotations

import re
from pathlib import Path

ACT = """COMMUNE DE {commune}
Envoyé en préfecture le 16/02/2023
Reçu en préfecture le 16/02/2023
ID : 093-2130000{n:02d}-20230126-2023_{n:03d}-DE
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Séance du 26 janvier 2023
Délibération n° 2023/{n:03d}
Objet : Vente du terrain communal numéro {n}
Le conseil municipal, après en avoir délibéré, approuve la vente.
"""
COMMUNES = ["SAINT-EXEMPLE", "VILLENEUVE-SUR-TEST", "BOURG-LA-DEMO", "PORT-FICTIF"]


def make_inbox(folder: Path, count: int, *, bad: int = 0) -> Path:
    """``count`` deliberations (one per .txt file) and ``bad`` unreadable files."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        text = ACT.format(commune=COMMUNES[n % len(COMMUNES)], n=n)
        (folder / f"delib-{n:03d}.txt").write_text(text, encoding="utf-8")
    for n in range(1, bad + 1):
        (folder / f"broken-{n}.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * n)
    return folder


def catalog_acts(db: str) -> dict[str, dict]:
    """act id → its JSON, as stored."""
    from actes.store import Catalog

    catalog = Catalog(db)
    try:
        return {act.id: act.model_dump(mode="json") for act in catalog.iter_acts()}
    finally:
        catalog.close()


TIMESTAMP = re.compile(rb'"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^"]*"')


def export_files(out: Path) -> dict[str, bytes]:
    """The package files of ``out`` (not the catalog, reports or quarantine), by name, with
    the package's creation timestamps blanked (they say when, not what)."""
    skip = {"actes.db", "actes.db-wal", "actes.db-shm", "actes.db.lock"}
    return {
        p.name: TIMESTAMP.sub(b'"<time>"', p.read_bytes()) for p in sorted(out.iterdir())
        if p.is_file() and p.name not in skip and not p.name.startswith(("run-", "."))
    }
