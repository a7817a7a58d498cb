"""Datasette plugin loaded by ``actes serve``: follow any search of the acts as an Atom feed.

The acts table, searched and filtered as a reader likes, is also served as Atom at the same URL
with ``.atom`` (``/publication/acts.atom?_search=cession&nature__exact=deliberation``); the table
page shows a "Suivre cette recherche" link to it. Datasette runs the search, so the feed holds
exactly what the page lists; the database holds only published acts, pseudonymised, so a feed
can carry neither an act held for review nor a value that was replaced."""

import json
import urllib.parse

from datasette import hookimpl
from datasette.utils.asgi import Response

from actes.publish.act_page import DATABASE
from actes.publish.feeds import MAX_ENTRIES, search_feed

TABLE = "acts"
IGNORED = {"_next", "_size", "_col", "_nocol", "_labels", "_facet", "_nofacet", "_nocount", "_trace", "_shape"}


def _search(request) -> str:
    """The search's own parameters (full text, filters, sort), in a stable order."""
    pairs = [
        (k, v) for k, v in urllib.parse.parse_qsl(request.query_string, keep_blank_values=False) if k not in IGNORED
    ]
    return urllib.parse.urlencode(sorted(pairs))


def _words(key: str, value: str) -> str:
    if key == "_search" or key.startswith("_search_"):
        return f"« {value} »"
    column, _, operator = key.partition("__")
    return f"{column.lstrip('_')} {'=' if operator in ('', 'exact') else operator} {value}"


def feed_path(request) -> str:
    search = _search(request)
    return f"/{DATABASE}/{TABLE}.atom?" + urllib.parse.urlencode(
        [*urllib.parse.parse_qsl(search), ("_size", MAX_ENTRIES)]
    )


async def can_render(database, table, view_name):
    return database == DATABASE and table == TABLE and view_name == "table"


async def render(datasette, database, table, rows, request, view_name):
    if database != DATABASE or table != TABLE:
        return None
    ids = [row["id"] for row in rows]
    full = {}
    if ids:  # every column the entry needs, whatever columns the page chose to show
        result = await datasette.get_database(database).execute(
            f"SELECT * FROM {TABLE} WHERE id IN ({', '.join('?' * len(ids))})", ids
        )
        full = {row["id"]: row for row in result.rows}
    search = _search(request)
    words = dict(urllib.parse.parse_qsl(search))
    title = "Actes : " + (", ".join(_words(k, v) for k, v in words.items()) or "tous")
    base = datasette.absolute_url(request, "/").rstrip("/")
    body = search_feed([full[i] for i in ids if i in full], title, search, base + feed_path(request), base)
    return Response(body, content_type="application/atom+xml; charset=utf-8")


@hookimpl
def register_output_renderer(datasette):
    return {"extension": "atom", "render": render, "can_render": can_render}


SCRIPT = """
(function () {
  const href = %s;
  const form = document.querySelector('form.filters') || document.querySelector('form');
  const p = document.createElement('p');
  p.className = 'actes-follow';
  const a = document.createElement('a');
  a.href = href;
  a.className = 'actes-follow-search';
  a.type = 'application/atom+xml';
  a.textContent = 'Suivre cette recherche (flux Atom)';
  p.appendChild(a);
  if (form && form.parentNode) { form.parentNode.insertBefore(p, form.nextSibling); } else { document.body.appendChild(p); }
})();
"""


@hookimpl
def extra_body_script(template, database, table, view_name, request):
    if view_name != "table" or database != DATABASE or table != TABLE or request is None:
        return None
    return SCRIPT % json.dumps(feed_path(request)).replace("</", "<\\/")
