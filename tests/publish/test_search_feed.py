"""Follow a search: the acts table, searched and filtered, as an Atom feed at the same URL +
``.atom``. It carries exactly the published acts that match, never an act held for review, never
a private name the publication replaced."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import shutil
import sqlite3
from collections import Counter

import pytest
from lxml import etree
from sqlalchemy import update

from actes.evaluation.privacy import fold_text, needles
from actes.publish.site import publish
from actes.store import Catalog
from actes.store import tables as t

ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def with_held(published, tmp_path_factory):
    """The published fixture again, with one act that matches the search held for review."""
    out = tmp_path_factory.mktemp("feed") / "out"
    shutil.copytree(published, out, ignore=shutil.ignore_patterns("site", "publication.db"))
    catalog = Catalog(out / "actes.db")
    try:
        acts = list(catalog.iter_acts())
        published_ids = {r[0] for r in sqlite3.connect(published / "publication.db").execute("SELECT id FROM acts")}
        conn = sqlite3.connect(published / "publication.db")
        texts = {
            row[0]: fold_text(f"{row[1] or ''} {row[2] or ''}")
            for row in conn.execute("SELECT id, objet, texte FROM acts")
        }
        conn.close()
        # A plain word several published acts share, but not all: the search.
        counts = Counter(w for text in texts.values() for w in set(re.findall(r"[a-z]{7,}", text)))
        word = next(w for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if 2 <= n < len(texts))
        matching = sorted(i for i, text in texts.items() if re.search(rf"\b{word}\b", text))
        held = matching[0]
        act = next(a for a in acts if a.id == held)
        act.privacy.review = "pending"
        with catalog.engine.begin() as db:
            # as the catalog writes an act: its data and when (what publication goes by to see it changed)
            db.execute(
                update(t.acts)
                .where(t.acts.c.id == held)
                .values(data=json.loads(act.model_dump_json()), updated_at=dt.datetime.now(dt.UTC))
            )
    finally:
        catalog.close()
    report = publish(out)
    assert held in report.held and held in published_ids
    return out, word, held, {a.id: a for a in acts}


def _get(out, path):
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
        return await ds.client.get(path)

    return asyncio.run(fetch())


def _entries(response) -> list[str]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    return [e.findtext("a:id", namespaces=ATOM).removeprefix("urn:actes:act:") for e in feed.findall("a:entry", ATOM)]


def test_the_search_page_links_to_its_feed(with_held):
    out, word, _, _ = with_held
    page = _get(out, f"/publication/acts?_search={word}")
    assert "actes-follow-search" in page.text
    assert f"/publication/acts.atom?_search={word}" in page.text


def test_a_search_feed_carries_exactly_the_matching_published_acts(with_held, fixtures_dir):
    out, word, held, acts = with_held
    conn = sqlite3.connect(out / "publication.db")
    # What should match: the published objet and text that hold the word, read with a regular
    # expression (not through the full-text index the site searches).
    expected = {
        row[0]
        for row in conn.execute("SELECT id, objet, texte FROM acts")
        if re.search(rf"\b{word}\b", fold_text(f"{row[1] or ''} {row[2] or ''}"))
    }
    conn.close()
    assert expected and held not in expected
    entries = _entries(_get(out, f"/publication/acts.atom?_search={word}&_size=100"))
    assert len(entries) == len(set(entries))
    assert set(entries) == expected
    assert held not in entries

    # With a filter as well: the feed narrows as the page does.
    nature = acts[sorted(expected)[0]].nature
    nature = getattr(nature, "value", nature)
    narrowed = _entries(_get(out, f"/publication/acts.atom?_search={word}&nature__exact={nature}&_size=100"))
    assert set(narrowed) == {i for i in expected if getattr(acts[i].nature, "value", acts[i].nature) == nature}

    # No private name the publication replaced, in any feed of the acts.
    body = _get(out, "/publication/acts.atom?_size=100").text
    labels = [
        json.loads(line)
        for line in (fixtures_dir / "privacy" / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    from tests.publish.conftest import ACTS

    private = [s for r in labels if r["file"].split("/")[-1] in ACTS for s in r["spans"] if s["status"] == "private"]
    assert private
    haystack = f" {fold_text(body)} "
    for span in private:
        for needle in needles(span):
            assert f" {needle} " not in haystack, span
