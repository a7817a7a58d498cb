"""Datasette plugin loaded by ``actes serve``: each act as JSON-LD, at its page's URL with the
``.jsonld`` extension (``/publication/acts/<id>.jsonld``), and a table or search of acts as one
JSON-LD document (``@graph``). The documents are the package's (``actes-jsonld.jsonl``), copied
into the ``jsonld`` table by ``actes publish`` for the acts it publishes (docs/linked-data.md)."""

import json

from datasette import hookimpl
from datasette.utils.asgi import Response

TABLE = "acts"
DOCUMENTS = "jsonld"


async def _has_documents(datasette, database) -> bool:
    db = datasette.get_database(database)
    return await db.table_exists(DOCUMENTS)


async def can_render(datasette, database, table, view_name):
    return table == TABLE and view_name in ("table", "row") and await _has_documents(datasette, database)


async def render(datasette, database, table, rows, view_name):
    if table != TABLE or not await _has_documents(datasette, database):
        return None
    ids = [row["id"] for row in rows]
    if not ids:
        documents = []
    else:
        result = await datasette.get_database(database).execute(
            f"SELECT act_id, document FROM {DOCUMENTS} WHERE act_id IN ({', '.join('?' * len(ids))})", ids)
        by_id = {row["act_id"]: json.loads(row["document"]) for row in result.rows}
        documents = [by_id[i] for i in ids if i in by_id]
    if view_name == "row":
        if not documents:
            return Response.text("No JSON-LD document for this act (held by the shapes, or no package).", status=404)
        body = documents[0]
    else:
        context = documents[0]["@context"] if documents else None
        body = {**({"@context": context} if context else {}),
                "@graph": [{k: v for k, v in d.items() if k != "@context"} for d in documents]}
    return Response(json.dumps(body, ensure_ascii=False, indent=2), content_type="application/ld+json; charset=utf-8")


@hookimpl
def register_output_renderer(datasette):
    return {"extension": "jsonld", "render": render, "can_render": can_render}
