"""What an act's page in the site shows a reader: each field with where its value came from
(envelope, stamp, text, OCR… page and snippet) and how sure the extraction is, its problems with
their legal reference, and links to its séance, the acts it cites, and its machine-readable forms.

Read from the publication database only (what may be published); the Datasette plugin
``actes_act_page`` hands it to the ``row-publication-acts.html`` template.
"""

from __future__ import annotations

import json
import re
import sqlite3
import urllib.parse

from actes.checks.catalogue import PROBLEMS
from actes.publish.columns import ACT_COLUMNS

DATABASE = "publication"
SOURCES = {  # actes.schemas.provenance.SourceKind, in words
    "envelope": "enveloppe @CTES",
    "stamp": "tampon de transmission",
    "text": "texte de l'acte",
    "ocr": "texte lu par OCR",
    "nlp": "modèle statistique",
    "derived": "déduit d'autres champs",
    "referential": "référentiel national",
}
HIDDEN = {"id", "texte", "mois", "pages", "source_sha256"}  # shown elsewhere on the page, or not a field
_PARTS = {"collectivite_": "collectivite.", "vote_": "votes.", "matiere_": "matiere.", "budget_": "budget."}
_TRANSMISSION = {"pref_id", "date_envoi", "date_reception", "date_publication"}
_SIGNATAIRE = {"signataire": "signataire.nom", "signataire_qualite": "signataire.qualite"}
# A legal reference as the problem catalogue writes it: "CGCT L2121-17", "code électoral L258, L270", "L5211-1".
_ARTICLE = r"[LRD]\.?\s?\d{2,4}(?:-\d+)*"
_REFERENCE = re.compile(rf"(?:(CGCT|code [a-zéèêàç' ]+?)\s+)?({_ARTICLE}(?:\s*(?:,|et)\s*{_ARTICLE})*)")


def field_path(column: str) -> str:
    """The Act field (as provenance names it, dotted) a published column holds."""
    if column in _TRANSMISSION:
        return f"transmission.{column}"
    if column in _SIGNATAIRE:
        return _SIGNATAIRE[column]
    for prefix, part in _PARTS.items():
        if column.startswith(prefix):
            return part + column[len(prefix) :]
    return column


def legal_references(text: str) -> list[str]:
    """The articles of law a problem's explanation names, e.g. ["CGCT L2121-17"]."""
    return [" ".join(filter(None, match.groups())) for match in _REFERENCE.finditer(text or "")]


def _tilde(value: str) -> str:
    try:
        from datasette.utils import tilde_encode  # how Datasette writes a primary key in a row URL
    except ImportError:  # pragma: no cover - datasette is in the publish extra
        return urllib.parse.quote(value, safe="")
    return tilde_encode(value)


def act_url(act_id: str) -> str:
    return f"/{DATABASE}/acts/{_tilde(act_id)}"


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)).fetchone()
        is not None
    )


def _document(conn: sqlite3.Connection, act_id: str) -> dict | None:
    if not _table_exists(conn, "jsonld"):
        return None
    row = conn.execute("SELECT document FROM jsonld WHERE act_id = ?", (act_id,)).fetchone()
    return json.loads(row[0]) if row else None


def _seance(conn: sqlite3.Connection, act_id: str, document: dict | None) -> dict | None:
    seance = (document or {}).get("seance")
    info = {}
    if isinstance(seance, dict):
        info = {
            "id": seance.get("identifiant"),
            "date": seance.get("dateSeance"),
            "organe": (seance.get("organe") or {}).get("nom") if isinstance(seance.get("organe"), dict) else None,
        }
    elif _table_exists(conn, "dashboard_attendance"):
        row = conn.execute("SELECT seance_id FROM dashboard_attendance WHERE act_id = ?", (act_id,)).fetchone()
        info = {"id": row[0]} if row else {}
    if not info.get("id"):
        return None
    if _table_exists(conn, "seances"):  # the séance pages, when the site has them
        info["url"] = f"/{DATABASE}/seances/{_tilde(info['id'])}"
    return info


def _cited(conn: sqlite3.Connection, document: dict | None) -> list[dict]:
    uris = (document or {}).get("cite") or []
    out = []
    for uri in [uris] if isinstance(uris, str) else uris:
        uri = uri.get("id") if isinstance(uri, dict) else uri
        row = conn.execute(
            "SELECT acts.id, acts.objet FROM jsonld JOIN acts ON acts.id = jsonld.act_id WHERE jsonld.uri = ?", (uri,)
        ).fetchone()
        out.append(
            {
                "uri": uri,
                "url": act_url(row[0]) if row else uri,
                "label": (row[1] or row[0]) if row else uri,
                "published": row is not None,
            }
        )
    return out


def _texts(document: dict | None) -> list[dict]:
    """The legal texts the act cites (codes, lois, décrets…), with their ELI when one exists."""
    out = []
    for item in (document or {}).get("citation") or []:
        if isinstance(item, dict):
            label = item.get("label") or item.get("titre") or item.get("nom") or item.get("id")
            out.append({"label": label, "url": item.get("id") or item.get("eli")})
        else:
            out.append({"label": str(item), "url": None})
    return out


def act_page(conn: sqlite3.Connection, act_id: str) -> dict | None:
    """Everything the act's page shows, or None when the act is not published."""
    conn.row_factory = sqlite3.Row
    act = conn.execute("SELECT * FROM acts WHERE id = ?", (act_id,)).fetchone()
    if act is None:
        return None
    provenance = {row["field"]: row for row in conn.execute("SELECT * FROM provenance WHERE act_id = ?", (act_id,))}
    fields = []
    for column, (_, description) in ACT_COLUMNS.items():
        if column in HIDDEN or column not in act.keys():
            continue
        value, origin = act[column], provenance.get(field_path(column))
        if value in (None, "") and origin is None:
            continue
        fields.append(
            {
                "column": column,
                "description": description,
                "value": value,
                "source": origin["source"] if origin else None,
                "source_label": SOURCES.get(origin["source"], origin["source"]) if origin else None,
                "extractor": origin["extractor"] if origin else None,
                "page": origin["page"] if origin else None,
                "snippet": origin["snippet"] if origin else None,
                "confidence": origin["confidence"] if origin else None,
            }
        )
    problems = []
    for row in conn.execute(
        "SELECT slug, severity, field, message FROM problems WHERE act_id = ? ORDER BY id", (act_id,)
    ):
        known = PROBLEMS.get(row["slug"])
        problems.append(
            {
                "slug": row["slug"],
                "severity": row["severity"],
                "field": row["field"],
                "message": row["message"],
                "title": known.title if known else row["slug"],
                "explanation": known.description if known else None,
                "references": legal_references(known.description) if known else [],
            }
        )
    document = _document(conn, act_id)
    url = act_url(act_id)
    links = {"JSON": f"{url}.json", "CSV": act["csv_url"], "Provenance": act["provenance_url"]}
    if act["jsonld_url"]:
        links["JSON-LD"] = act["jsonld_url"]
    return {
        "id": act_id,
        "objet": act["objet"],
        "nature": act["nature"],
        "collectivite": act["collectivite_nom"],
        "date": act["date_decision"],
        "fields": fields,
        "problems": problems,
        "seance": _seance(conn, act_id, document),
        "cited": _cited(conn, document),
        "texts": _texts(document),
        "links": links,
        "uri": (document or {}).get("id"),
        "original": {"sha256": act["source_sha256"], "pages": act["pages"]},
    }
