"""The journalists' dashboard: charts of the published acts, declared for the
``datasette-dashboards`` plugin (SQL + Vega-Lite) in the site's metadata, not drawn by hand.

Every chart reads the ``dashboard_acts`` table, so the same filters (département, authority,
nature, matière, date range) apply to all of them; the attendance chart reads
``dashboard_attendance`` (counts per séance, no names). Both are built with the publication
database (``dashboard_schema``, ``record_attendance``). Each chart shows its numbers as text
marks in an SVG, so what a reader sees is what the CSV link downloads (``csv_url``).
"""

from __future__ import annotations

import re
import sqlite3
import urllib.parse

from actes.schemas.act import Act

SLUG = "actes"
DATABASE = "publication"  # actes.publish.database.DATABASE_NAME (not imported: that module imports this one)
# How an act's vote reads: rejected (more against than for), contested (adopted with votes against),
# unanimous (stated, or no vote against); NULL when the act carries no vote.
VOTE = """CASE
    WHEN vote_pour IS NOT NULL AND vote_contre IS NOT NULL AND vote_contre > vote_pour THEN 'rejeté'
    WHEN vote_contre > 0 THEN 'contesté'
    WHEN vote_unanimite = 'true' OR vote_contre = 0 THEN 'unanime'
    END"""
# The authority's département, else the préfecture's that received the act (the @CTES ID begins with it).
DEPARTEMENT = """CASE
    WHEN collectivite_departement <> '' THEN collectivite_departement
    WHEN pref_id GLOB '0[0-9][0-9AB]-*' THEN substr(pref_id, 2, 2)
    WHEN pref_id GLOB '[1-9][0-9][0-9]-*' THEN substr(pref_id, 1, 3)
    END"""
MATIERE = "CASE WHEN matiere_libelle <> '' THEN substr(matiere_libelle, 1, instr(matiere_libelle || '/', '/') - 1) END"

# A table, not a view: the derived columns are computed once per act when it is published and
# indexed, so every chart and filter stays fast on a million acts (docs/site.md, "Scale").
SCHEMA = (
    """CREATE TABLE dashboard_acts (id TEXT PRIMARY KEY REFERENCES acts(id), nature TEXT, collectivite_nom TEXT,
    collectivite_siren TEXT, departement TEXT, date_decision TEXT, mois TEXT, matiere TEXT, vote TEXT)""",
    """CREATE TABLE dashboard_attendance (act_id TEXT REFERENCES acts(id), seance_id TEXT, present INTEGER,
    represented INTEGER, excused INTEGER, absent INTEGER)""",
    "CREATE INDEX dashboard_attendance_act ON dashboard_attendance (act_id)",
    "CREATE INDEX dashboard_attendance_seance ON dashboard_attendance (seance_id)",
)
ROW = f"""INSERT INTO dashboard_acts
    SELECT id, nature, collectivite_nom, collectivite_siren, {DEPARTEMENT}, date_decision, mois, {MATIERE}, {VOTE}
    FROM acts WHERE id = ?"""
# What each filter and chart reads: one index per filter, and covering ones for the unfiltered charts.
INDEXES = (
    "CREATE INDEX dashboard_acts_mois ON dashboard_acts (mois, nature)",
    "CREATE INDEX dashboard_acts_collectivite ON dashboard_acts (collectivite_nom, vote)",
    "CREATE INDEX dashboard_acts_departement ON dashboard_acts (departement)",
    "CREATE INDEX dashboard_acts_nature ON dashboard_acts (nature)",
    "CREATE INDEX dashboard_acts_matiere ON dashboard_acts (matiere)",
    "CREATE INDEX dashboard_acts_date ON dashboard_acts (date_decision)",
)

# One WHERE for every chart: a [[ … ]] block is dropped by the plugin when its filter is empty.
WHERE = """WHERE 1 = 1
  [[ AND a.departement = :departement ]]
  [[ AND a.collectivite_nom = :collectivite ]]
  [[ AND a.nature = :nature ]]
  [[ AND a.matiere = :matiere ]]
  [[ AND a.date_decision >= :du ]]
  [[ AND a.date_decision <= :au ]]"""


def dashboard_schema(conn: sqlite3.Connection) -> None:
    """The tables the charts read, created with the publication database."""
    for statement in SCHEMA + INDEXES:
        conn.execute(statement)
    cache_schema(conn)


def record_dashboard(conn: sqlite3.Connection, act: Act) -> None:
    """The act's row of the charts (read back from its published row) and its séance's attendance."""
    conn.execute(ROW, (act.id,))
    record_attendance(conn, act)


def record_attendance(conn: sqlite3.Connection, act: Act) -> None:
    """The attendance counts of the séance an act was decided in (names stay out)."""
    seance = act.seance
    if seance is None or not seance.presences:
        return
    counts = seance.counts()
    conn.execute(
        "INSERT INTO dashboard_attendance VALUES (?, ?, ?, ?, ?, ?)",
        (act.id, seance.id, counts["present"], counts["represented"], counts["excused"], counts["absent"]),
    )


# What each select filter offers, counted at each publish (``refresh_caches``) into
# ``dashboard_options``: listing the distinct authorities of a million acts on every load is not.
OPTION_QUERIES: dict[str, str] = {}


def _select(key: str, name: str, column: str) -> dict:
    OPTION_QUERIES[key] = (
        f"SELECT DISTINCT {column} FROM dashboard_acts WHERE {column} IS NOT NULL AND {column} <> '' ORDER BY {column}"
    )
    return {
        "name": name,
        "type": "select",
        "db": DATABASE,
        "query": f"SELECT value FROM dashboard_options WHERE filter = '{key}' ORDER BY rowid",
    }


FILTERS = {
    "departement": _select("departement", "Département", "departement"),
    "collectivite": _select("collectivite", "Collectivité", "collectivite_nom"),
    "nature": _select("nature", "Nature", "nature"),
    "matiere": _select("matiere", "Matière", "matiere"),
    "du": {"name": "Du (date de décision)", "type": "date"},
    "au": {"name": "Au", "type": "date"},
}


def _labelled(mark: dict, encoding: dict, value: str, *, horizontal: bool = False) -> dict:
    """A Vega-Lite chart whose numbers are printed beside their marks, drawn as SVG."""
    text = {
        "mark": {
            "type": "text",
            "align": "left" if horizontal else "center",
            "baseline": "middle" if horizontal else "bottom",
            "dx": 3 if horizontal else 0,
            "dy": 0 if horizontal else -3,
        },
        "encoding": {k: v for k, v in encoding.items() if k in ("x", "y")}
        | {"text": {"field": value, "type": "quantitative"}},
    }
    return {
        "usermeta": {
            "embedOptions": {
                "renderer": "svg",
                "actions": {"export": True, "source": False, "compiled": False, "editor": False},
            }
        },
        "layer": [{"mark": mark, "encoding": encoding}, text],
    }


def _stacked_labels(x: str, y: str, color: str, value: str, *, horizontal: bool) -> dict:
    """Stacked bars with each segment's count written in it."""
    category = {"field": y if horizontal else x, "type": "nominal", "sort": "-x" if horizontal else None}
    if not horizontal:
        category = {"field": x, "type": "ordinal"}
    amount = {"field": value, "type": "quantitative", "stack": "zero", "title": value}
    encoding = (
        {"y": category | {"title": None}, "x": amount} if horizontal else {"x": category | {"title": None}, "y": amount}
    )
    encoding["color"] = {"field": color, "type": "nominal"}
    encoding["tooltip"] = [{"field": f} for f in (x, y, color, value) if f]
    text = {
        "mark": {"type": "text", "color": "white", "fontWeight": "bold", "align": "center", "baseline": "middle"},
        "encoding": {
            "y" if horizontal else "x": encoding["y" if horizontal else "x"],
            "x" if horizontal else "y": amount | {"bandPosition": 0.5},
            "detail": {"field": color, "type": "nominal"},
            "text": {"field": value, "type": "quantitative"},
        },
    }
    return {
        "usermeta": {
            "embedOptions": {
                "renderer": "svg",
                "actions": {"export": True, "source": False, "compiled": False, "editor": False},
            }
        },
        "layer": [{"mark": {"type": "bar", "tooltip": True}, "encoding": encoding}, text],
    }


TOP = 15  # authorities a chart by authority shows: those that weigh most among the acts filtered


def _top_authorities(grouped: str, columns: str, weight: str, order: str) -> str:
    """``grouped`` (rows per authority and something) kept for the TOP authorities by ``weight``
    (an aggregate over an authority's rows), ordered by ``order``: a chart of 5,000 authorities
    cannot be read, and to see one, a reader filters it."""
    return (
        f"SELECT {columns} FROM (SELECT *, dense_rank() OVER (ORDER BY poids DESC, collectivite) AS rang FROM "
        f"(SELECT *, {weight} OVER (PARTITION BY collectivite) AS poids FROM ({grouped}))) "
        f"WHERE rang <= {TOP} ORDER BY {order}"
    )


def _chart(title: str, query: str, display: dict) -> dict:
    return {"title": title, "db": DATABASE, "query": query, "library": "vega-lite", "display": display}


CHARTS = {
    "actes-par-mois": _chart(
        "Actes par mois et par nature",
        f"SELECT a.mois, coalesce(a.nature, '(inconnue)') AS nature, count(*) AS actes FROM dashboard_acts a "
        f"{WHERE} AND a.mois IS NOT NULL "
        "GROUP BY a.mois, 2 ORDER BY a.mois, 2",
        _stacked_labels("mois", None, "nature", "actes", horizontal=False),
    ),
    "collectivites": _chart(
        "Collectivités les plus actives",
        f"SELECT coalesce(a.collectivite_nom, '(inconnue)') AS collectivite, count(*) AS actes FROM dashboard_acts a "
        f"{WHERE} GROUP BY collectivite ORDER BY actes DESC, collectivite LIMIT 15",
        _labelled(
            {"type": "bar", "tooltip": True},
            {
                "y": {"field": "collectivite", "type": "nominal", "sort": "-x", "title": None},
                "x": {"field": "actes", "type": "quantitative"},
            },
            "actes",
            horizontal=True,
        ),
    ),
    "matieres": _chart(
        "Part des matières",
        f"SELECT coalesce(a.matiere, '(non classée)') AS matiere, count(*) AS actes FROM dashboard_acts a {WHERE} "
        "GROUP BY 1 ORDER BY actes DESC, matiere",
        _labelled(
            {"type": "bar", "tooltip": True},
            {
                "y": {"field": "matiere", "type": "nominal", "sort": "-x", "title": None},
                "x": {"field": "actes", "type": "quantitative", "title": "actes"},
                "color": {"field": "matiere", "type": "nominal", "legend": None},
            },
            "actes",
            horizontal=True,
        ),
    ),
    "votes": _chart(
        "Votes par collectivité (unanime, contesté, rejeté)",
        _top_authorities(
            "SELECT coalesce(a.collectivite_nom, '(inconnue)') AS collectivite, a.vote, count(*) AS actes "
            f"FROM dashboard_acts a {WHERE} AND a.vote IS NOT NULL GROUP BY collectivite, a.vote",
            "collectivite, vote, actes",
            "sum(actes)",
            "collectivite, vote",
        ),
        _stacked_labels(None, "collectivite", "vote", "actes", horizontal=True),
    ),
    "problemes": _chart(
        "Problèmes de légalité par collectivité et par type",
        _top_authorities(
            "SELECT coalesce(a.collectivite_nom, '(inconnue)') AS collectivite, p.slug AS probleme, count(*) AS problemes "
            f"FROM problems p JOIN dashboard_acts a ON a.id = p.act_id {WHERE} AND p.severity IN ('error', 'warning') "
            "GROUP BY collectivite, probleme",
            "collectivite, probleme, problemes",
            "sum(problemes)",
            "collectivite, probleme",
        ),
        _stacked_labels(None, "collectivite", "probleme", "problemes", horizontal=True),
    ),
    "presence": _chart(
        "Taux de présence aux séances (%)",
        _top_authorities(
            "SELECT collectivite, round(100.0 * sum(present) / sum(present + represented + excused + absent), 1) AS taux, "
            "count(*) AS seances FROM (SELECT DISTINCT s.seance_id, coalesce(a.collectivite_nom, '(inconnue)') AS "
            "collectivite, s.present, s.represented, s.excused, s.absent FROM dashboard_attendance s JOIN dashboard_acts a "
            f"ON a.id = s.act_id {WHERE}) GROUP BY collectivite",
            "collectivite, taux, seances",
            "max(seances)",  # one row per authority: those with the most séances
            "taux DESC, collectivite",
        ),
        _labelled(
            {"type": "bar", "tooltip": True},
            {
                "y": {"field": "collectivite", "type": "nominal", "sort": "-x", "title": None},
                "x": {
                    "field": "taux",
                    "type": "quantitative",
                    "title": "% des conseillers nommés présents",
                    "scale": {"domain": [0, 100]},
                },
            },
            "taux",
            horizontal=True,
        ),
    ),
}


# The first view (no filter) is what most readers see and what costs most (every act counted):
# its answer is kept per chart in a cache table, written at each publish (``refresh_caches``).
# Each chart's query reads its cache when no filter is set, and counts the acts when one is:
# the plugin keeps a [[ … ]] block only when its filter is set, so the first part reads
# "WHERE 1 = 1" and the second "WHERE (0)" with no filter, and the other way round with one.
RAW_QUERIES = {name: chart["query"] for name, chart in CHARTS.items()}  # what each chart counts
NO_FILTER = " ".join(f"[[ AND :{key} IS NULL ]]" for key in FILTERS)
SOME_FILTER = " ".join(f"[[ OR :{key} IS NOT NULL ]]" for key in FILTERS)


def cache_table(name: str) -> str:
    return "dashboard_cache_" + name.replace("-", "_")


def unfiltered(query: str) -> str:
    """The query with every filter's block dropped, as the plugin sends it with no filter set."""
    return re.sub(r"\[\[.*?\]\]", "", query, flags=re.S)


for _name, _chart_config in CHARTS.items():
    _live = _chart_config["query"].replace("WHERE 1 = 1", f"WHERE (0 {SOME_FILTER})")
    _chart_config["query"] = (
        f"SELECT * FROM (SELECT * FROM {cache_table(_name)} WHERE 1 = 1 {NO_FILTER} ORDER BY rowid)\n"
        f"UNION ALL\nSELECT * FROM ({_live})"
    )


def cache_schema(conn: sqlite3.Connection) -> None:
    """One empty cache table per chart, with the columns of its answer, and the filters' options."""
    for name, query in RAW_QUERIES.items():
        conn.execute(f"CREATE TABLE {cache_table(name)} AS SELECT * FROM ({unfiltered(query)}) LIMIT 0")
    conn.execute("CREATE TABLE dashboard_options (filter TEXT, value TEXT)")


def refresh_caches(conn: sqlite3.Connection) -> None:
    """Count again, once, what each chart shows with no filter and what each filter offers
    (after acts were written)."""
    for name, query in RAW_QUERIES.items():
        conn.execute(f"DELETE FROM {cache_table(name)}")
        conn.execute(f"INSERT INTO {cache_table(name)} SELECT * FROM ({unfiltered(query)})")
    conn.execute("DELETE FROM dashboard_options")
    for key, query in OPTION_QUERIES.items():
        conn.execute(f"INSERT INTO dashboard_options SELECT ?, * FROM ({query})", (key,))


def dashboards() -> dict:
    """The ``datasette-dashboards`` plugin configuration (metadata.json → plugins)."""
    return {
        SLUG: {
            "title": "Tableau de bord des actes",
            "description": (
                "Ce que disent les actes publiés : combien, de qui, sur quoi, votés comment, avec quels "
                "problèmes de légalité. Les filtres s'appliquent à tous les graphiques ; chaque graphique "
                "se télécharge en CSV."
            ),
            "settings": {"allow_fullscreen": True},
            "layout": [
                ["actes-par-mois", "actes-par-mois"],
                ["collectivites", "matieres"],
                ["votes", "problemes"],
                ["presence", "presence"],
            ],
            "filters": FILTERS,
            "charts": CHARTS,
        }
    }


def fill_options(query: str, options: dict[str, str]) -> str:
    """The chart's SQL with the [[ … ]] blocks of the filters set kept, the others dropped (as the plugin does)."""
    from datasette_dashboards import replace_opts_in_query

    return replace_opts_in_query(query, options)


def csv_url(chart: dict, options: dict[str, str]) -> str:
    """Where a chart's numbers download as CSV: Datasette's CSV of the chart's own SQL and filters."""
    used = {k: v for k, v in options.items() if k in FILTERS and v != ""}
    query = fill_options(chart["query"], used)
    return f"/{chart['db']}.csv?" + urllib.parse.urlencode({"sql": query, **used, "_size": "max"})
