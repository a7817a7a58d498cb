"""The site's pages of a séance and of a councillor (issue 15), built with the publication database.

Tables ``seances`` (one row per meeting: its page is the séance's page, with its presences and
named votes linked), ``presences`` (one row per councillor and meeting, faceted by status, body
and authority) and ``votes_nominatifs`` (who voted against, abstained or took no part, per act);
the view ``elus`` gives each councillor's attendance rate and named votes, and the canned query
``conseiller`` is a councillor's page: their meetings over time, status, proxy, named votes.
Councillors are officials acting in office: their names are public (``actes.privacy.officials``);
the rows come from the published act, after the privacy policy.
"""

from __future__ import annotations

import sqlite3

from actes.schemas.act import Act
from actes.schemas.seance import Seance

SCHEMA = (
    """CREATE TABLE seances (id TEXT PRIMARY KEY, collectivite TEXT, siren TEXT, organe TEXT, date TEXT, lieu TEXT,
    president TEXT, secretaire TEXT, en_exercice INTEGER, presents INTEGER, votants INTEGER, presents_nommes INTEGER,
    representes_nommes INTEGER, excuses_nommes INTEGER, absents_nommes INTEGER, actes INTEGER DEFAULT 0)""",
    """CREATE TABLE presences (id INTEGER PRIMARY KEY, seance_id TEXT REFERENCES seances(id), date TEXT,
    collectivite TEXT, organe TEXT, elu TEXT, qualite TEXT, statut TEXT, mandataire TEXT, notes TEXT)""",
    """CREATE TABLE votes_nominatifs (id INTEGER PRIMARY KEY, seance_id TEXT REFERENCES seances(id),
    act_id TEXT REFERENCES acts(id), date TEXT, collectivite TEXT, elu TEXT, vote TEXT, objet TEXT)""",
    "CREATE INDEX presences_elu ON presences (collectivite, elu)",
    "CREATE INDEX presences_seance ON presences (seance_id)",
    "CREATE INDEX votes_nominatifs_act ON votes_nominatifs (act_id)",
    "CREATE INDEX votes_nominatifs_elu ON votes_nominatifs (collectivite, elu)",
    """CREATE VIEW elus AS
    SELECT p.collectivite, p.elu, count(*) AS seances,
           sum(p.statut = 'present') AS presents, sum(p.statut = 'represented') AS representes,
           sum(p.statut = 'excused') AS excuses, sum(p.statut = 'absent') AS absents,
           round(100.0 * sum(p.statut = 'present') / count(*), 1) AS taux_presence,
           (SELECT count(*) FROM votes_nominatifs v WHERE v.collectivite IS p.collectivite AND v.elu = p.elu
              AND v.vote = 'contre') AS votes_contre,
           (SELECT count(*) FROM votes_nominatifs v WHERE v.collectivite IS p.collectivite AND v.elu = p.elu
              AND v.vote = 'abstention') AS abstentions,
           min(p.date) AS premiere_seance, max(p.date) AS derniere_seance
    FROM presences p GROUP BY p.collectivite, p.elu""",
)

# A councillor's page: each meeting, in time order, with their status and their named votes there.
CONSEILLER = """SELECT p.date, p.organe, p.statut, p.mandataire, p.notes,
       (SELECT group_concat(v.vote || ' : ' || coalesce(v.objet, ''), ' | ') FROM votes_nominatifs v
          WHERE v.seance_id = p.seance_id AND v.elu = p.elu) AS votes_nommes,
       p.seance_id
FROM presences p
WHERE p.elu = :elu AND (:collectivite = '' OR p.collectivite = :collectivite)
ORDER BY p.date"""


def seance_schema(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA:
        conn.execute(statement)


def has_seance(act: Act) -> bool:
    """Whether the act brings a séance to the site (one with named councillors)."""
    return act.seance is not None and bool(act.seance.presences)


def record_votes(conn: sqlite3.Connection, act: Act) -> None:
    """The act's named votes (rows of the act: removed with it)."""
    seance = act.seance
    if not has_seance(act) or act.item is None:
        return
    date = seance.date.isoformat() if seance.date else None
    conn.executemany(
        "INSERT INTO votes_nominatifs (seance_id, act_id, date, collectivite, elu, vote, objet) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(seance.id, act.id, date, seance.collectivite, v.nom, v.vote, act.objet) for v in act.item.votes_nominatifs],
    )


def write_seance(conn: sqlite3.Connection, seance: Seance | None, seance_id: str, acts: int) -> None:
    """(Re)write one séance and its presences: as ``seance`` says (the séance of its published act
    with the smallest ID, so a full and an incremental build agree), decided ``acts`` times; removed
    when no published act is left in it (``seance`` None)."""
    conn.execute("DELETE FROM presences WHERE seance_id = ?", (seance_id,))
    conn.execute("DELETE FROM seances WHERE id = ?", (seance_id,))
    if seance is None or not acts:
        return
    date = seance.date.isoformat() if seance.date else None
    counts = seance.counts()
    conn.execute(
        "INSERT INTO seances VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            seance.id,
            seance.collectivite,
            seance.siren,
            seance.organe,
            date,
            seance.lieu,
            seance.president,
            seance.secretaire,
            seance.en_exercice,
            seance.presents,
            seance.votants,
            counts["present"],
            counts["represented"],
            counts["excused"],
            counts["absent"],
            acts,
        ),
    )
    conn.executemany(
        "INSERT INTO presences (seance_id, date, collectivite, organe, elu, qualite, statut, mandataire, notes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                seance.id,
                date,
                seance.collectivite,
                seance.organe,
                p.nom,
                p.qualite,
                p.statut,
                p.mandataire,
                "; ".join(p.notes) or None,
            )
            for p in seance.presences
        ],
    )


def seance_tables() -> dict:
    """Datasette metadata of the séance tables (titles, facets)."""
    return {
        "seances": {
            "title": "Séances",
            "description": "One row per council meeting: body, date, place, counts printed and counts named. "
            "A séance's page links its presences and named votes.",
            "facets": ["collectivite", "organe"],
            "sort_desc": "date",
            "label_column": "id",
        },
        "presences": {
            "title": "Présences",
            "description": "One row per councillor and meeting: present, excused, absent or represented (with the proxy holder).",
            "facets": ["statut", "organe", "collectivite"],
            "sort_desc": "date",
        },
        "votes_nominatifs": {
            "title": "Votes nominatifs",
            "description": "Councillors named voting against, abstaining or not voting on a point.",
            "facets": ["vote", "collectivite"],
            "sort_desc": "date",
        },
        "elus": {
            "title": "Élus",
            "description": "Each councillor's attendance rate (present / meetings listed) and named votes; "
            "the conseiller query shows one councillor's meetings over time.",
            "facets": ["collectivite"],
            "sort_desc": "seances",
        },
    }


def seance_queries() -> dict:
    """The councillor's page, as a canned query."""
    return {
        "conseiller": {
            "title": "Un conseiller : présence et votes au fil des séances",
            "description": "Give a councillor's name as listed (elu), optionally the authority (collectivite).",
            "sql": CONSEILLER,
        }
    }
