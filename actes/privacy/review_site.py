"""The review queue as a Datasette site for clerks: each waiting act with its spans highlighted.

Acts held for review must not reach the public database, so the queue has its own SQLite file
(``review.db``, tables ``waiting`` and ``spans``) and metadata, served apart from the published
site (loopback, read-only). The plugin ``actes_review`` renders the ``highlighted`` column.
"""

from __future__ import annotations

import html
import json
import sqlite3
import sys
from pathlib import Path

from actes.privacy.review import pending_acts
from actes.store.catalog import Catalog

REVIEW_DB = "review.db"
REVIEW_METADATA = "review-metadata.json"
CONTEXT_CHARS = 60


def highlighted(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` as HTML, each span in a ``<mark>`` titled with its kind; everything else escaped."""
    out, pos = [], 0
    for start, end, kind in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if start < pos:  # overlapping spans: the first one shown stands
            continue
        out.append(html.escape(text[pos:start]))
        out.append(
            f'<mark class="actes-{html.escape(kind)}" title="{html.escape(kind)}">{html.escape(text[start:end])}</mark>'
        )
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def write_review_site(catalog: Catalog, folder: str | Path) -> tuple[Path, int]:
    """Write ``folder/review.db`` and its metadata; return the database path and the acts waiting."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / REVIEW_DB
    path.unlink(missing_ok=True)
    count = 0
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE waiting (id TEXT PRIMARY KEY, source TEXT, reason TEXT, objet TEXT, "
            "mentions INTEGER, command TEXT, highlighted TEXT)"
        )
        db.execute(
            "CREATE TABLE spans (act_id TEXT REFERENCES waiting(id), kind TEXT, text TEXT, detector TEXT, "
            "reason TEXT, context TEXT)"
        )
        for act, spans in pending_acts(catalog):
            text = act.text or ""
            db.execute(
                "INSERT INTO waiting VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    act.id,
                    act.source.path,
                    act.privacy.reason,
                    act.objet,
                    len(spans),
                    f'actes review {act.id} --accept | --reject | --official "…" | --private "…"',
                    highlighted(text, [(d.start, d.end, d.kind) for d in spans]),
                ),
            )
            for d in spans:
                context = text[max(0, d.start - CONTEXT_CHARS) : d.end + CONTEXT_CHARS] if d.start >= 0 else None
                db.execute(
                    "INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?)",
                    (act.id, d.kind, d.text, d.detector, d.reason, context),
                )
            count += 1
    (folder / REVIEW_METADATA).write_text(json.dumps(metadata(), ensure_ascii=False, indent=2), encoding="utf-8")
    return path, count


def metadata() -> dict:
    return {
        "title": "Acts waiting for privacy review",
        "description": "Not public: the original texts of acts the publish gate holds. Each mention in "
        "question is highlighted; decide with `actes review` (--accept, --reject, --official, --private, "
        "--all-of-reason, --decisions).",
        "databases": {
            "review": {
                "tables": {
                    "waiting": {
                        "description": "One row per act held, with its text and the mentions in question highlighted.",
                        "sort": "id",
                    },
                    "spans": {
                        "description": "The mentions in question, with the words around them.",
                        "facets": ["kind", "detector"],
                    },
                }
            }
        },
    }


def review_datasette_command(folder: str | Path, host: str = "127.0.0.1", port: int = 8002) -> list[str]:
    """The Datasette command line serving the review site (loopback, read-only)."""
    from actes.publish.serve import PLUGINS

    folder = Path(folder)
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "--immutable",
        str(folder / REVIEW_DB),
        "--metadata",
        str(folder / REVIEW_METADATA),
        "--plugins-dir",
        str(PLUGINS),
        "--host",
        host,
        "--port",
        str(port),
        "--setting",
        "allow_download",
        "off",
    ]
