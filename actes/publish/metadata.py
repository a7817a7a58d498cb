"""Datasette metadata: titles, licence, source, column descriptions, facets, full-text search."""

from __future__ import annotations

import datetime as dt
from html import escape

from actes.publish.columns import ACT_COLUMNS
from actes.publish.dashboards import CHARTS, cache_table, dashboards
from actes.publish.dashboards import SLUG as DASHBOARD
from actes.publish.database import DATABASE_NAME
from actes.publish.seances import seance_queries, seance_tables
from actes.version import EXTRACTOR_VERSION, __version__

LICENCE = ("Licence Ouverte / Open Licence 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/")


def metadata(package_date: str | None = None, acts: int = 0) -> dict:
    """The metadata.json that ``actes serve`` gives Datasette."""
    package_date = package_date or dt.date.today().isoformat()
    act_columns = {name: description for name, (_, description) in ACT_COLUMNS.items()}
    act_columns |= {
        "problemes": "Number of legality-control problems found (see the problems table).",
        "provenance_url": "Where each value of this act came from (page, snippet, confidence).",
        "csv_url": "This act as CSV.",
        "publie_le": "When the catalog last wrote this act.",
        "jsonld_url": "This act as ELI linked data (JSON-LD); also: this page's URL + .jsonld (docs/linked-data.md).",
    }
    meta = {
        "title": "Actes des collectivités",
        "description": (
            f"{acts} acts of French local authorities, extracted by actes {__version__} "
            f"(extractor {EXTRACTOR_VERSION}); package of {package_date}. Personal data of private "
            "persons is replaced by placeholders; individual acts publish metadata only."
        ),
        "license": LICENCE[0],
        "license_url": LICENCE[1],
        "source": "Acts transmitted to the préfecture (contrôle de légalité, @CTES)",
        "plugins": {"datasette-dashboards": dashboards()},  # the dashboard page (actes.publish.dashboards)
        "about": "Package files and feeds",
        "about_url": "/package/datapackage.json",
        "databases": {
            DATABASE_NAME: {
                "tables": {
                    "acts": {
                        "title": "Actes",
                        "description_html": (
                            'One row per act. Package files: <a href="/package/deliberations.csv">deliberations.csv</a> '
                            '(SCDL), <a href="/package/actes.csv">actes.csv</a>, <a href="/package/actes.jsonl">actes.jsonl</a>, '
                            '<a href="/package/provenance.csv">provenance.csv</a>, '
                            '<a href="/package/datapackage.json">datapackage.json</a>. Linked data (ELI): '
                            '<a href="/package/actes.nt">actes.nt</a>, <a href="/package/actes-jsonld.jsonl">actes-jsonld.jsonl</a>, '
                            '<a href="/package/contexte.jsonld">contexte.jsonld</a>. Feeds: <a href="/feeds/">/feeds/</a>.'
                        ),
                        "fts_table": "acts_fts",
                        "fts_pk": "rowid",
                        "searchmode": "raw",
                        "facets": ["collectivite_nom", "nature", "matiere_libelle", "mois"],
                        "sort_desc": "date_decision",
                        "label_column": "objet",
                        "columns": act_columns,
                    },
                    "acts_fts": {"hidden": True},
                    "dashboard_attendance": {"hidden": True},
                    **{cache_table(name): {"hidden": True} for name in CHARTS},
                    "dashboard_options": {"hidden": True},
                    "jsonld": {
                        "title": "JSON-LD",
                        "description": "Each published act's JSON-LD document (ELI), as in "
                        "the package's actes-jsonld.jsonl; an act's page + .jsonld serves it.",
                    },
                    "problems": {
                        "title": "Problèmes",
                        "description": "Legality-control problems, by act (see docs/problems.md).",
                        "facets": ["slug", "severity"],
                    },
                    "provenance": {
                        "title": "Provenance",
                        "description": "For each published value: source, page, snippet, confidence.",
                        "facets": ["source", "field"],
                    },
                },
                "queries": {},
            }
        },
    }
    meta["databases"][DATABASE_NAME]["tables"] |= seance_tables()  # séance and councillor pages
    meta["databases"][DATABASE_NAME]["queries"] |= seance_queries()
    # The home page shows description_html when there is one: the description, then the dashboard's link.
    meta["description_html"] = (
        f"<p>{escape(meta['description'])}</p>"
        + meta.get("description_html", "")
        + f'<p class="actes-dashboard"><a href="/-/dashboards/{DASHBOARD}">Tableau de bord</a>: '
        "actes par mois, collectivités, matières, votes, problèmes, présence.</p>"
    )
    return meta
