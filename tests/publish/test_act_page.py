"""An act's page: each field with where its value came from and how sure, problems with their
legal reference, links to its machine-readable forms; served by Datasette as `actes serve` does."""

from __future__ import annotations

import asyncio
import json
import sqlite3

from actes.publish.act_page import act_page, act_url, field_path, legal_references


def _conn(out):
    conn = sqlite3.connect(out / "publication.db")
    conn.row_factory = sqlite3.Row
    return conn


def test_legal_references_are_read_from_the_problem_catalogue():
    assert legal_references("A member may hold only one proxy (CGCT L2121-20).") == ["CGCT L2121-20"]
    assert legal_references("(code électoral L258, L270; CGCT L2121-2 gives the full size)") == [
        "code électoral L258, L270",
        "CGCT L2121-2",
    ]
    assert legal_references("No article here, 2023-01-26.") == []
    assert field_path("vote_pour") == "votes.pour" and field_path("pref_id") == "transmission.pref_id"
    assert field_path("collectivite_nom") == "collectivite.nom" and field_path("objet") == "objet"


def test_every_field_shows_the_provenance_of_the_published_value(published):
    conn = _conn(published)
    ids = [row["id"] for row in conn.execute("SELECT id FROM acts")]
    assert ids
    shown = 0
    for act_id in ids:
        page = act_page(conn, act_id)
        act = conn.execute("SELECT * FROM acts WHERE id = ?", (act_id,)).fetchone()
        by_column = {f["column"]: f for f in page["fields"]}
        for origin in conn.execute("SELECT * FROM provenance WHERE act_id = ?", (act_id,)):
            column = next((c for c in by_column if field_path(c) == origin["field"]), None)
            if column is None:
                continue
            field = by_column[column]
            assert field["value"] == act[column]
            assert (field["source"], field["page"], field["snippet"], field["confidence"]) == (
                origin["source"],
                origin["page"],
                origin["snippet"],
                origin["confidence"],
            )
            shown += 1
        problems = conn.execute("SELECT slug, message FROM problems WHERE act_id = ? ORDER BY id", (act_id,)).fetchall()
        assert [(p["slug"], p["message"]) for p in page["problems"]] == [tuple(p) for p in problems]
        assert page["links"]["JSON"] == act_url(act_id) + ".json"
    assert shown > 0
    assert act_page(conn, "not-published") is None


def _get(out, paths):
    from datasette.app import Datasette

    from actes.publish.serve import PLUGINS, TEMPLATES

    metadata = json.loads((out / "site" / "metadata.json").read_text(encoding="utf-8"))

    async def fetch():
        ds = Datasette(
            immutables=[str(out / "publication.db")],
            metadata=metadata,
            plugins_dir=str(PLUGINS),
            template_dir=str(TEMPLATES),
        )
        await ds.invoke_startup()
        return [await ds.client.get(path) for path in paths]

    return asyncio.run(fetch())


def test_the_act_page_in_datasette(published):
    conn = _conn(published)
    act_id, objet = conn.execute("SELECT id, objet FROM acts WHERE objet IS NOT NULL LIMIT 1").fetchone()
    snippet = conn.execute(
        "SELECT snippet FROM provenance WHERE act_id = ? AND field = 'date_decision'", (act_id,)
    ).fetchone()
    page, as_json = _get(published, [act_url(act_id), act_url(act_id) + ".json"])
    assert page.status_code == 200 and as_json.status_code == 200
    html = page.text
    assert 'class="actes-act"' in html and "actes-fields" in html
    from markupsafe import escape

    assert str(escape(objet)) in html
    if snippet and snippet[0]:
        assert str(escape(snippet[0])) in html
    for name in ("json", "csv", "provenance"):
        assert f'class="actes-link-{name}"' in html
    assert "Toutes les colonnes" in html  # Datasette's own row table stays below
