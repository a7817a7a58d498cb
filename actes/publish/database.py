"""The publication database: what journalists search and download, built from the catalog.

One row per publishable act (privacy policy and review decisions applied), FTS5 over objet and
text, problems and provenance tables, views for common questions. Written to a temporary file
and renamed, so Datasette never sees half a database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from actes.privacy.policy import DEFAULT_POLICY, PrivacyPolicy
from actes.privacy.review import Publisher
from actes.publish.columns import ACT_COLUMNS, act_row
from actes.publish.dashboards import dashboard_schema, record_attendance
from actes.publish.seances import record_seance, seance_schema
from actes.store import Catalog
from actes.store import tables as t

PUBLICATION_DB = "publication.db"
JSONLD_DOCUMENTS = "actes-jsonld.jsonl"  # written by the package export (actes.exporters.jsonld)
DATABASE_NAME = "publication"

VIEWS = {
    "actes_par_collectivite": """
        SELECT collectivite_nom, collectivite_siren, count(*) AS actes,
               min(date_decision) AS premier, max(date_decision) AS dernier
        FROM acts GROUP BY collectivite_nom, collectivite_siren ORDER BY actes DESC""",
    "actes_par_matiere": """
        SELECT matiere_code, matiere_libelle, count(*) AS actes
        FROM acts GROUP BY matiere_code, matiere_libelle ORDER BY matiere_code""",
    "actes_par_mois": """
        SELECT mois, nature, count(*) AS actes FROM acts GROUP BY mois, nature ORDER BY mois DESC""",
}


@dataclass
class PublicationReport:
    path: Path
    acts: int = 0
    held: list[str] = field(default_factory=list)


def _csv_url(act_id: str) -> str:
    return f"/{DATABASE_NAME}/acts.csv?" + urllib.parse.urlencode({"id__exact": act_id, "_size": "max"})


def _provenance_url(act_id: str) -> str:
    return f"/{DATABASE_NAME}/provenance?" + urllib.parse.urlencode({"act_id__exact": act_id})


def _schema(conn: sqlite3.Connection) -> None:
    columns = ", ".join(f'"{name}"' + (" TEXT PRIMARY KEY" if name == "id" else "") for name in ACT_COLUMNS)
    conn.execute(f"CREATE TABLE acts ({columns}, problemes INTEGER, provenance_url TEXT, csv_url TEXT, publie_le TEXT, "
                 "jsonld_url TEXT)")
    conn.execute("CREATE TABLE jsonld (act_id TEXT PRIMARY KEY REFERENCES acts(id), uri TEXT, document TEXT)")
    conn.execute("CREATE VIRTUAL TABLE acts_fts USING fts5(objet, texte, content='acts', content_rowid='rowid', "
                 "tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE TABLE problems (id INTEGER PRIMARY KEY, act_id TEXT REFERENCES acts(id), slug TEXT, "
                 "severity TEXT, field TEXT, message TEXT)")
    conn.execute("CREATE TABLE provenance (id INTEGER PRIMARY KEY, act_id TEXT REFERENCES acts(id), field TEXT, "
                 "source TEXT, extractor TEXT, confidence REAL, page INTEGER, span_start INTEGER, span_end INTEGER, "
                 "snippet TEXT)")
    for name, sql in VIEWS.items():
        conn.execute(f"CREATE VIEW {name} AS {sql}")
    dashboard_schema(conn)  # what the dashboard's charts read (actes.publish.dashboards)
    seance_schema(conn)  # the séance and councillor pages (actes.publish.seances)


def _jsonld_url(act_id: str) -> str:
    try:
        from datasette.utils import tilde_encode  # how Datasette writes a primary key in a row URL
    except ImportError:  # pragma: no cover - datasette is in the publish extra
        tilde_encode = urllib.parse.quote
    return f"/{DATABASE_NAME}/acts/{tilde_encode(act_id)}.jsonld"


def _linked_data(conn: sqlite3.Connection, out: Path) -> None:
    """The package's JSON-LD documents (actes-jsonld.jsonl) of the acts published here, and the
    link to each: an act held since the export (a clerk's review) gets none."""
    path = out / JSONLD_DOCUMENTS
    if not path.is_file():
        return
    published = {row[0] for row in conn.execute("SELECT id FROM acts")}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            document = json.loads(line)
            act_id = document.get("identifiant")
            if act_id in published:
                conn.execute("INSERT OR REPLACE INTO jsonld (act_id, uri, document) VALUES (?, ?, ?)",
                             (act_id, document.get("id"), line.strip()))
                conn.execute("UPDATE acts SET jsonld_url = ? WHERE id = ?", (_jsonld_url(act_id), act_id))


def _updated_at(catalog: Catalog) -> dict[str, str]:
    with catalog.engine.connect() as conn:
        return {row.id: row.updated_at.isoformat() for row in conn.execute(select(t.acts.c.id, t.acts.c.updated_at))}


def build_publication(catalog: Catalog | str | Path, out: str | Path, policy: PrivacyPolicy = DEFAULT_POLICY) -> PublicationReport:
    """Write ``out/publication.db`` from the catalog; return what was published and held."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    opened = not isinstance(catalog, Catalog)
    catalog = Catalog(catalog) if opened else catalog
    target = out / PUBLICATION_DB
    temporary = out / f".{PUBLICATION_DB}.tmp"
    temporary.unlink(missing_ok=True)
    report = PublicationReport(path=target)
    try:
        publisher = Publisher(catalog, policy)
        updated = _updated_at(catalog)
        conn = sqlite3.connect(temporary)
        with conn:
            _schema(conn)
            for original in catalog.iter_acts():
                act = publisher(original)
                if act is None:
                    continue
                row = act_row(act) | {
                    "problemes": len(act.problems), "provenance_url": _provenance_url(act.id),
                    "csv_url": _csv_url(act.id), "publie_le": updated.get(act.id),
                }
                names = ", ".join(f'"{k}"' for k in row)
                conn.execute(f"INSERT INTO acts ({names}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
                conn.executemany(
                    "INSERT INTO problems (act_id, slug, severity, field, message) VALUES (?, ?, ?, ?, ?)",
                    [(act.id, p.slug, p.severity, p.field, p.message) for p in act.problems],
                )
                conn.executemany(
                    "INSERT INTO provenance (act_id, field, source, extractor, confidence, page, span_start, span_end, "
                    "snippet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(act.id, name, p.source.value, p.extractor, p.confidence, p.page,
                      p.span[0] if p.span else None, p.span[1] if p.span else None, p.snippet)
                     for name, p in act.provenance.items()],
                )
                record_attendance(conn, act)
                record_seance(conn, act)  # séances, presences, named votes (actes.publish.seances)
                report.acts += 1
            _linked_data(conn, out)
            conn.execute("INSERT INTO acts_fts (acts_fts) VALUES ('rebuild')")
            conn.execute("CREATE INDEX acts_collectivite ON acts (collectivite_siren, date_decision)")
            conn.execute("CREATE INDEX problems_act ON problems (act_id)")
            conn.execute("CREATE INDEX provenance_act ON provenance (act_id)")
        conn.execute("VACUUM")
        conn.close()
        os.replace(temporary, target)
        report.held = publisher.held
        (out / "publication-policy.json").write_text(
            json.dumps(policy.describe(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return report
    finally:
        temporary.unlink(missing_ok=True)
        if opened:
            catalog.close()
