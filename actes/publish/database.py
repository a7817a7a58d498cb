"""The publication database: what journalists search and download, built from the catalog.

One row per publishable act (privacy policy and review decisions applied), FTS5 over objet and
text, problems and provenance tables, views for common questions. Incremental: only the acts
added, changed or removed since the last build (and those a new review decision touches) are
written again, the full-text index kept in step by triggers (``actes.publish.state`` says what
changed). Written to a copy that then replaces the file, so Datasette, which serves it
immutable, never sees half a database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import shutil
import sqlite3
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from actes.privacy.policy import DEFAULT_POLICY, PrivacyPolicy
from actes.privacy.review import Publisher, authority_key
from actes.publish.columns import ACT_COLUMNS, act_row
from actes.publish.dashboards import dashboard_schema, record_dashboard, refresh_caches
from actes.publish.feeds import feed_key
from actes.publish.prepared import prepared_acts
from actes.publish.seances import has_seance, record_votes, seance_schema, write_seance
from actes.publish.state import FORMAT, Entry, PublishState, decision_mark, memory_mark
from actes.schemas.act import Act
from actes.store import Catalog
from actes.store import tables as t
from actes.version import EXTRACTOR_VERSION, __version__

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


# The full-text index follows the acts table (external content): an act deleted or written again
# is deleted from or added to the index in place, never rebuilt.
FTS_TRIGGERS = (
    """CREATE TRIGGER acts_fts_insert AFTER INSERT ON acts BEGIN
    INSERT INTO acts_fts (rowid, objet, texte) VALUES (new.rowid, new.objet, new.texte); END""",
    """CREATE TRIGGER acts_fts_delete AFTER DELETE ON acts BEGIN
    INSERT INTO acts_fts (acts_fts, rowid, objet, texte) VALUES ('delete', old.rowid, old.objet, old.texte); END""",
    """CREATE TRIGGER acts_fts_update AFTER UPDATE OF objet, texte ON acts BEGIN
    INSERT INTO acts_fts (acts_fts, rowid, objet, texte) VALUES ('delete', old.rowid, old.objet, old.texte);
    INSERT INTO acts_fts (rowid, objet, texte) VALUES (new.rowid, new.objet, new.texte); END""",
)
# What the site's pages, facets and feeds look acts up by.
INDEXES = (
    "CREATE INDEX acts_collectivite ON acts (collectivite_siren, date_decision)",
    "CREATE INDEX acts_collectivite_nom ON acts (collectivite_nom)",
    "CREATE INDEX acts_date ON acts (date_decision)",
    "CREATE INDEX acts_nature ON acts (nature)",
    "CREATE INDEX acts_matiere ON acts (matiere_libelle)",
    "CREATE INDEX acts_mois ON acts (mois)",
    "CREATE INDEX problems_act ON problems (act_id)",
    "CREATE INDEX provenance_act ON provenance (act_id)",
    "CREATE INDEX jsonld_uri ON jsonld (uri)",
)
# An act's rows, table → column naming the act: what removing it deletes.
ACT_ROWS = (
    ("problems", "act_id"),
    ("provenance", "act_id"),
    ("dashboard_attendance", "act_id"),
    ("votes_nominatifs", "act_id"),
    ("jsonld", "act_id"),
    ("dashboard_acts", "id"),
    ("acts", "id"),
)


@dataclass
class PublicationReport:
    path: Path
    acts: int = 0
    held: list[str] = field(default_factory=list)
    full: bool = True  # False: only what changed since the last build was written
    written: int = 0  # acts published or held again this build (new, changed, or their review moved)
    reused: int = 0  # of which, published as the package had prepared them (actes.publish.prepared)
    removed: int = 0  # acts gone from the catalog since the last build
    feeds: dict[str, list[str]] = field(default_factory=dict)  # feed key → its published acts
    feeds_touched: set[str] | None = None  # the feeds whose acts changed (None: all)


def _csv_url(act_id: str) -> str:
    return f"/{DATABASE_NAME}/acts.csv?" + urllib.parse.urlencode({"id__exact": act_id, "_size": "max"})


def _provenance_url(act_id: str) -> str:
    return f"/{DATABASE_NAME}/provenance?" + urllib.parse.urlencode({"act_id__exact": act_id})


def _schema(conn: sqlite3.Connection) -> None:
    columns = ", ".join(f'"{name}"' + (" TEXT PRIMARY KEY" if name == "id" else "") for name in ACT_COLUMNS)
    conn.execute(
        f"CREATE TABLE acts ({columns}, problemes INTEGER, provenance_url TEXT, csv_url TEXT, publie_le TEXT, "
        "jsonld_url TEXT)"
    )
    conn.execute("CREATE TABLE jsonld (act_id TEXT PRIMARY KEY REFERENCES acts(id), uri TEXT, document TEXT)")
    conn.execute(
        "CREATE VIRTUAL TABLE acts_fts USING fts5(objet, texte, content='acts', content_rowid='rowid', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute(
        "CREATE TABLE problems (id INTEGER PRIMARY KEY, act_id TEXT REFERENCES acts(id), slug TEXT, "
        "severity TEXT, field TEXT, message TEXT)"
    )
    conn.execute(
        "CREATE TABLE provenance (id INTEGER PRIMARY KEY, act_id TEXT REFERENCES acts(id), field TEXT, "
        "source TEXT, extractor TEXT, confidence REAL, page INTEGER, span_start INTEGER, span_end INTEGER, "
        "snippet TEXT)"
    )
    for statement in FTS_TRIGGERS + INDEXES:
        conn.execute(statement)
    for name, sql in VIEWS.items():
        conn.execute(f"CREATE VIEW {name} AS {sql}")
    dashboard_schema(conn)  # what the dashboard's charts read (actes.publish.dashboards)
    seance_schema(conn)  # the séance and councillor pages (actes.publish.seances)


def _schema_mark() -> str:
    """The schema's SQL, as a mark: a build by another schema is not continued, it is redone."""
    conn = sqlite3.connect(":memory:")
    try:
        _schema(conn)
        sql = "\n".join(
            row[0] for row in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        )
    finally:
        conn.close()
    return hashlib.sha256(sql.encode()).hexdigest()[:24]


def _jsonld_url(act_id: str) -> str:
    try:
        from datasette.utils import tilde_encode  # how Datasette writes a primary key in a row URL
    except ImportError:  # pragma: no cover - datasette is in the publish extra
        tilde_encode = urllib.parse.quote
    return f"/{DATABASE_NAME}/acts/{tilde_encode(act_id)}.jsonld"


def _linked_data(conn: sqlite3.Connection, out: Path, known: dict[str, str]) -> dict[str, str]:
    """The package's JSON-LD documents (actes-jsonld.jsonl) of the acts published here, and the
    link to each: an act held since the export (a clerk's review) gets none. ``known``: the lines
    (by SHA-1) already stored, left as they are; returns the lines stored now."""
    path = out / JSONLD_DOCUMENTS
    if not path.is_file():
        conn.execute("DELETE FROM jsonld")
        conn.execute("UPDATE acts SET jsonld_url = NULL WHERE jsonld_url IS NOT NULL")
        return {}
    stored: dict[str, str] = {}
    with path.open("rb") as handle:
        for raw in handle:
            raw = raw.strip()
            if not raw:
                continue
            sha = hashlib.sha1(raw).hexdigest()
            if sha in known:
                stored[sha] = known[sha]
                continue
            line = raw.decode("utf-8")
            document = json.loads(line)
            act_id = document.get("identifiant")
            if act_id and conn.execute("SELECT 1 FROM acts WHERE id = ?", (act_id,)).fetchone():
                conn.execute(
                    "INSERT OR REPLACE INTO jsonld (act_id, uri, document) VALUES (?, ?, ?)",
                    (act_id, document.get("id"), line),
                )
                conn.execute("UPDATE acts SET jsonld_url = ? WHERE id = ?", (_jsonld_url(act_id), act_id))
                stored[sha] = act_id
    for act_id in set(known.values()) - set(stored.values()):  # its line left the package
        conn.execute("DELETE FROM jsonld WHERE act_id = ?", (act_id,))
        conn.execute("UPDATE acts SET jsonld_url = NULL WHERE id = ?", (act_id,))
    return stored


def _updated_at(catalog: Catalog) -> dict[str, dt.datetime]:
    with catalog.engine.connect() as conn:
        return {row.id: row.updated_at for row in conn.execute(select(t.acts.c.id, t.acts.c.updated_at))}


def _load(catalog: Catalog, ids: list[str]) -> Iterator[Act]:
    """The catalog's acts of ``ids`` (sorted), read 500 at a time, in that order."""
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        with catalog.engine.connect() as conn:
            rows = conn.execute(select(t.acts.c.data).where(t.acts.c.id.in_(chunk)))
            acts = sorted((Act.model_validate(data) for (data,) in rows), key=lambda a: a.id)
        yield from acts


def _published(
    catalog: Catalog, publisher: Publisher, ids: list[str], reused: dict[str, Act]
) -> Iterator[tuple[str, Act | None, Act | None]]:
    """(ID, the catalog's act or None when reused, its published form or None when held), in ID order."""
    loaded = _load(catalog, [i for i in ids if i not in reused])
    following = next(loaded, None)
    for act_id in ids:
        if act_id in reused:
            yield act_id, None, reused[act_id]
        elif following is not None and following.id == act_id:
            yield act_id, following, publisher(following)
            following = next(loaded, None)
        # else: gone from the catalog since it was listed


def _insert_act(conn: sqlite3.Connection, act: Act, published_at: str | None) -> None:
    row = act_row(act) | {
        "problemes": len(act.problems),
        "provenance_url": _provenance_url(act.id),
        "csv_url": _csv_url(act.id),
        "publie_le": published_at,
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
        [
            (
                act.id,
                name,
                p.source.value,
                p.extractor,
                p.confidence,
                p.page,
                p.span[0] if p.span else None,
                p.span[1] if p.span else None,
                p.snippet,
            )
            for name, p in act.provenance.items()
        ],
    )
    record_dashboard(conn, act)  # its row of the charts, its séance's attendance
    record_votes(conn, act)  # its named votes (actes.publish.seances)


def _delete_act(conn: sqlite3.Connection, act_id: str) -> set[str]:
    """Remove every row of a published act; return the séances it was counted in."""
    seances = {row[0] for row in conn.execute("SELECT seance_id FROM dashboard_attendance WHERE act_id = ?", (act_id,))}
    for table, column in ACT_ROWS:
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (act_id,))
    return seances


def _build_meta(policy: PrivacyPolicy) -> dict[str, str]:
    described = json.dumps(policy.describe(), sort_keys=True, ensure_ascii=False, default=str)
    return {
        "format": FORMAT,
        "schema": _schema_mark(),
        "policy": hashlib.sha256(described.encode()).hexdigest()[:24],
        "extractor": EXTRACTOR_VERSION,
        "actes": __version__,
    }


def _token(path: Path) -> str | None:
    """The build token a publication database carries (``PRAGMA user_version``)."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return str(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def _signature(path: Path) -> str:
    """Size and modification time of a file: whether the package's JSON-LD changed since."""
    if not path.is_file():
        return ""
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _report(
    report: PublicationReport,
    entries: dict[str, Entry],
    written: dict[str, Entry],
    removed: set[str],
    feeds: set[str] | None,
) -> PublicationReport:
    """Fill ``report`` from the previous build's entries, this build's, and the acts removed."""
    merged = {k: v for k, v in entries.items() if k not in removed} | written
    report.acts = sum(1 for e in merged.values() if e.status == "published")
    report.held = sorted(k for k, e in merged.items() if e.status == "held")
    report.written, report.removed = len(written), len(removed)
    for act_id, entry in sorted(merged.items()):
        if entry.status == "published":
            report.feeds.setdefault(entry.feed, []).append(act_id)
    report.feeds_touched = feeds
    return report


def build_publication(
    catalog: Catalog | str | Path,
    out: str | Path,
    policy: PrivacyPolicy = DEFAULT_POLICY,
    *,
    full: bool = False,
    reuse_package: bool = True,
) -> PublicationReport:
    """Write ``out/publication.db`` from the catalog; return what was published and held.

    Only what changed since the last build is written again, unless ``full`` or the last build
    cannot be continued (none, another schema, policy or extractor, a crash between its writes).
    ``reuse_package``: take an act's published form from the package when still right
    (``actes.publish.prepared``) rather than pseudonymising it again."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    opened = not isinstance(catalog, Catalog)
    catalog = Catalog(catalog) if opened else catalog
    target = out / PUBLICATION_DB
    temporary = out / f".{PUBLICATION_DB}.tmp"
    temporary.unlink(missing_ok=True)
    meta = _build_meta(policy)
    state = PublishState.load(out)
    incremental = not full and state.matches(meta, _token(target))
    report = PublicationReport(path=target, full=not incremental)
    try:
        publisher = Publisher(catalog, policy)
        stamps = _updated_at(catalog)
        updated = {act_id: at.isoformat() for act_id, at in stamps.items()}
        entries = state.entries if incremental else {}
        memory = {authority: memory_mark(corrections) for authority, corrections in publisher.memory.items()}
        changed = sorted(
            act_id
            for act_id, at in updated.items()
            if (old := entries.get(act_id)) is None
            or old.updated_at != at
            or old.decision != decision_mark(publisher.decisions.get(act_id))
            or old.memory != memory.get(old.authority or "", "")
        )
        removed = set(entries) - set(updated)
        signature = _signature(out / JSONLD_DOCUMENTS)
        if incremental and not changed and not removed and state.meta.get("jsonld") == signature:
            return _report(report, entries, {}, set(), set())  # nothing moved: the database stays as it is
        if incremental:
            shutil.copyfile(target, temporary)
        conn = sqlite3.connect(temporary)
        try:
            written: dict[str, Entry] = {}
            seances: set[str] = set()
            feeds: set[str] = set()
            first_seance: dict[str, tuple[str, object]] = {}  # séance → (smallest act ID of this build, its séance)
            with conn:
                if not incremental:
                    _schema(conn)
                for act_id in sorted(removed.union(changed)):
                    old = entries.get(act_id)
                    if old is not None and old.status == "published":
                        seances |= _delete_act(conn, act_id)
                        feeds.add(old.feed)
                # The package's published form where it is still right (actes.publish.prepared), else the Publisher's.
                reused = prepared_acts(out, catalog, policy, {i: stamps[i] for i in changed}) if reuse_package else {}
                report.reused = len(reused)
                for act_id, original, act in _published(catalog, publisher, changed, reused):
                    authority = authority_key(original or act)
                    entry = Entry(
                        updated[act_id],
                        decision_mark(publisher.decisions.get(act_id)),
                        memory.get(authority or "", ""),
                        authority,
                        None,
                        "held",
                    )
                    if act is not None:
                        entry.status, entry.feed = "published", feed_key(act)
                        _insert_act(conn, act, updated[act_id])
                        feeds.add(entry.feed)
                        if has_seance(act):
                            seances.add(act.seance.id)
                            first_seance.setdefault(act.seance.id, (act.id, act.seance))
                    written[act_id] = entry
                for seance_id in sorted(seances):
                    members = [
                        row[0]
                        for row in conn.execute(
                            "SELECT act_id FROM dashboard_attendance WHERE seance_id = ? ORDER BY act_id", (seance_id,)
                        )
                    ]
                    seance = None
                    if members and first_seance.get(seance_id, ("",))[0] == members[0]:
                        seance = first_seance[seance_id][1]
                    elif members:  # an act left as it was now comes first: its séance, as published
                        source = catalog.get_act(members[0])
                        published = publisher(source) if source is not None else None
                        seance = published.seance if published is not None else None
                    write_seance(conn, seance, seance_id, len(members))
                known = {
                    sha: act_id
                    for sha, act_id in state.jsonld.items()
                    if incremental and act_id not in written and act_id not in removed
                }
                jsonld = _linked_data(conn, out, known)
                refresh_caches(conn)  # the dashboard's first view, counted once for every reader
                token = str(random.randrange(1, 2**31))
                conn.execute(f"PRAGMA user_version = {int(token)}")
        finally:
            conn.close()
        os.replace(temporary, target)
        state.save(meta | {"token": token, "jsonld": signature}, written, removed, jsonld, full=not incremental)
        _report(report, entries, written, removed, feeds if incremental else None)
        (out / "publication-policy.json").write_text(
            json.dumps(policy.describe(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return report
    finally:
        temporary.unlink(missing_ok=True)
        if opened:
            catalog.close()
