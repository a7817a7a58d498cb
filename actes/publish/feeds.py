"""Atom feeds, so people can follow an authority or a subject: one per collectivité and one
per saved search (``OUT/searches.json``: [{"name": …, "query": …}]). Built from the
publication database, so they hold only what may be published."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import unicodedata
from pathlib import Path

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100
SEARCHES_FILE = "searches.json"


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "sans-nom"


def load_searches(out: Path) -> list[dict]:
    path = out / SEARCHES_FILE
    if not path.is_file():
        return []
    searches = json.loads(path.read_text(encoding="utf-8"))
    return [s for s in searches if isinstance(s, dict) and s.get("name") and s.get("query")]


def save_search(out: Path, name: str, query: str) -> None:
    searches = [s for s in load_searches(out) if s["name"] != name] + [{"name": name, "query": query}]
    (out / SEARCHES_FILE).write_text(json.dumps(searches, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _feed(feed_id: str, title: str, rows: list[sqlite3.Row], base_url: str, self_href: str | None = None) -> bytes:
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    etree.SubElement(root, f"{{{ATOM}}}id").text = f"urn:actes:feed:{feed_id}"
    etree.SubElement(root, f"{{{ATOM}}}title").text = title
    newest = max((r["publie_le"] or "" for r in rows), default="") or dt.datetime.now(dt.UTC).isoformat()
    etree.SubElement(root, f"{{{ATOM}}}updated").text = newest
    etree.SubElement(root, f"{{{ATOM}}}link", href=self_href or f"{base_url}/feeds/{feed_id}.xml", rel="self")
    for row in rows:
        entry = etree.SubElement(root, f"{{{ATOM}}}entry")
        etree.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:actes:act:{row['id']}"
        etree.SubElement(entry, f"{{{ATOM}}}title").text = row["objet"] or row["id"]
        etree.SubElement(entry, f"{{{ATOM}}}updated").text = row["publie_le"] or newest
        etree.SubElement(entry, f"{{{ATOM}}}link", href=f"{base_url}/publication/acts/{row['id']}")
        summary = " · ".join(
            filter(None, [row["collectivite_nom"], row["nature"], row["date_decision"], row["numero"]])
        )
        etree.SubElement(entry, f"{{{ATOM}}}summary").text = summary
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _newest(rows: list[sqlite3.Row]) -> list[sqlite3.Row]:
    """The feed's entries, as ``ORDER BY publie_le DESC, date_decision DESC, id`` over all of them."""
    rows = sorted(rows, key=lambda r: r["id"])
    rows.sort(key=lambda r: (r["publie_le"] or "", r["date_decision"] or ""), reverse=True)
    return rows[:MAX_ENTRIES]


def feed_key(act) -> str:
    """Which authority's feed an act is in: its SIREN, else its name made a slug."""
    return act.collectivite.siren or slug(act.collectivite.nom or "")


def write_feeds(
    database: Path,
    out: Path,
    base_url: str = "http://127.0.0.1:8001",
    groups: dict[str, list[str]] | None = None,
    touched: set[str] | None = None,
) -> list[Path]:
    """Write ``out/site/feeds/*.xml``: one feed per authority (``groups``: feed key → its published
    acts, as ``build_publication`` reports them; read from the database when not given) and one per
    saved search. ``touched``: only those authorities' feeds are written again (or removed when
    they have no act left); None: every feed. Returns the files written."""
    folder = out / "site" / "feeds"
    folder.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    written = []
    try:
        if groups is None:
            groups = {}
            for row in conn.execute("SELECT id, collectivite_siren, collectivite_nom FROM acts ORDER BY id"):
                key = row["collectivite_siren"] or slug(row["collectivite_nom"] or "")
                groups.setdefault(key, []).append(row["id"])
        if touched is None:
            for old in folder.glob("*.xml"):
                old.unlink()
        order = f"ORDER BY publie_le DESC, date_decision DESC, id LIMIT {MAX_ENTRIES}"
        for key in sorted(groups if touched is None else touched):
            feed_id = f"collectivite-{key}"
            path = folder / f"{feed_id}.xml"
            ids = groups.get(key)
            if not ids:
                path.unlink(missing_ok=True)
                continue
            rows = []
            for start in range(0, len(ids), 900):  # the newest of each slice, then of them all
                chunk = ids[start : start + 900]
                rows += conn.execute(
                    f"SELECT * FROM acts WHERE id IN ({', '.join('?' * len(chunk))}) {order}", chunk
                ).fetchall()
            rows = _newest(rows)
            name = rows[0]["collectivite_nom"] if rows else None
            path.write_bytes(_feed(feed_id, f"Actes : {name or key}", rows, base_url))
            written.append(path)
        for search in load_searches(out):
            rows = conn.execute(
                f"SELECT acts.* FROM acts JOIN acts_fts ON acts.rowid = acts_fts.rowid WHERE acts_fts MATCH ? {order}",
                (search["query"],),
            ).fetchall()
            feed_id = f"recherche-{slug(search['name'])}"
            path = folder / f"{feed_id}.xml"
            path.write_bytes(_feed(feed_id, f"Actes : {search['name']} ({search['query']})", rows, base_url))
            written.append(path)
    finally:
        conn.close()
    return written


def search_feed(rows: list[sqlite3.Row], title: str, search: str, self_href: str, base_url: str) -> bytes:
    """The Atom feed of a search of the site (its full text and filters), as served live at the
    search's URL + ``.atom`` (plugin ``actes_feeds``): rows come from the publication database.
    ``search`` (the query string) names the feed, so the same search is the same feed anywhere."""
    return _feed(f"recherche-{hashlib.sha256(search.encode()).hexdigest()[:16]}", title, rows, base_url, self_href)
