"""The review queue drains (issue 16): batches by reason or from a file, rejection, decisions
kept with who and when, and a correction remembered for the same name in the same authority."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from actes.cli import app
from actes.privacy.review import Publisher, pending_acts
from actes.schemas.privacy import PersonalData
from actes.store import Catalog
from actes.store.reviews import latest_decisions
from tests.factories import make_deliberation

runner = CliRunner()
TEXT = "Le conseil municipal, sur le rapport de Anne ROY, approuve la convention."


def _held(act_id: str, siren: str = "210199907", name: str = "Anne ROY"):
    text = TEXT.replace("Anne ROY", name)
    act = make_deliberation(act_id, text=text, collectivite={"nom": "Commune de Valbrenne", "siren": siren})
    act.personal_data = [
        PersonalData(
            kind="person",
            text=name,
            start=text.index(name),
            end=text.index(name) + len(name),
            status="private",
            confidence=0.6,
            detector="nlp:ner",
        )
    ]
    act.privacy.review, act.privacy.uncertain, act.privacy.reason = "pending", [0], "uncertain-official-or-private"
    return act


def _catalog(tmp_path, acts):
    db = tmp_path / "actes.db"
    catalog = Catalog(db)
    catalog.record("d1", "d1.pdf", [], acts, catalog.start_run("inbox", "test"), "test")
    return catalog, db


def test_all_acts_of_a_reason_accepted_at_once_with_who_and_when(tmp_path):
    catalog, db = _catalog(tmp_path, [_held("A-1-DE"), _held("A-2-DE", name="Paul VIDAL")])
    catalog.close()
    listed = runner.invoke(
        app, ["review", "--db", str(db), "--all-of-reason", "uncertain-official-or-private", "--json"]
    )
    assert listed.exit_code == 0 and {a["id"] for a in json.loads(listed.stdout)} == {"A-1-DE", "A-2-DE"}
    result = runner.invoke(
        app,
        [
            "review",
            "--db",
            str(db),
            "--all-of-reason",
            "uncertain-official-or-private",
            "--accept",
            "--reviewer",
            "clerk@mairie",
        ],
    )
    assert result.exit_code == 0, result.output
    catalog = Catalog(db)
    decisions = latest_decisions(catalog)
    assert {d["decision"] for d in decisions.values()} == {"accepted"}
    assert {d["reviewer"] for d in decisions.values()} == {"clerk@mairie"}
    assert all(d["decided_at"] is not None for d in decisions.values())
    assert list(pending_acts(catalog)) == []
    catalog.close()


def test_a_file_of_decisions_is_checked_whole_before_any_is_stored(tmp_path):
    catalog, db = _catalog(tmp_path, [_held("A-1-DE"), _held("A-2-DE", name="Paul VIDAL")])
    catalog.close()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"act": "A-1-DE", "decision": "accept"}\n{"act": "NOPE", "decision": "accept"}\n', encoding="utf-8")
    result = runner.invoke(app, ["review", "--db", str(db), "--decisions", str(bad)])
    assert result.exit_code == 2 and "NOPE" in result.output and "nothing decided" in result.output
    good = tmp_path / "good.json"
    good.write_text(
        json.dumps(
            [
                {"act": "A-1-DE", "decision": "reject"},
                {"act": "A-2-DE", "decision": "correct", "official": ["Paul VIDAL"]},
            ]
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["review", "--db", str(db), "--decisions", str(good), "--reviewer", "clerk"])
    assert result.exit_code == 0, result.output
    catalog = Catalog(db)
    publisher = Publisher(catalog)
    acts = {act.id: act for act in catalog.iter_acts()}
    assert publisher(acts["A-1-DE"]) is None  # rejected: never published
    assert publisher.summary()["by_reason"] == {"rejected-by-reviewer": 1}
    published = publisher(acts["A-2-DE"])
    assert published is not None and "Paul VIDAL" in published.text  # corrected: an official, kept
    catalog.close()


def test_a_correction_is_remembered_for_the_same_name_in_the_same_authority(tmp_path):
    catalog, db = _catalog(tmp_path, [_held("A-1-DE"), _held("A-2-DE"), _held("B-1-DE", siren="200000172")])
    catalog.close()
    result = runner.invoke(app, ["review", "A-1-DE", "--official", "Anne ROY", "--db", str(db), "--reviewer", "clerk"])
    assert result.exit_code == 0, result.output
    catalog = Catalog(db)
    # The other act of the same authority naming her waits for no one; the other authority's does.
    assert [act.id for act, _ in pending_acts(catalog)] == ["B-1-DE"]
    publisher = Publisher(catalog)
    acts = {act.id: act for act in catalog.iter_acts()}
    published = publisher(acts["A-2-DE"])
    assert published is not None and "Anne ROY" in published.text
    assert publisher(acts["B-1-DE"]) is None
    catalog.close()


def test_the_review_site_shows_each_waiting_act_with_its_mentions_highlighted(tmp_path):
    import sqlite3

    from actes.publish.datasette_plugins.actes_review import render_cell

    held = _held("A-1-DE", name="Anne <ROY>")
    catalog, db = _catalog(tmp_path, [held, make_deliberation("A-2-DE", text="Rien à revoir.")])
    catalog.close()
    result = runner.invoke(app, ["review", "--db", str(db), "--site", str(tmp_path / "review")])
    assert result.exit_code == 0, result.output
    assert "1 act(s) waiting" in result.output and "datasette" in result.output
    with sqlite3.connect(tmp_path / "review" / "review.db") as site:
        rows = site.execute("SELECT id, reason, highlighted FROM waiting").fetchall()
        spans = site.execute("SELECT act_id, text, context FROM spans").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("A-1-DE", "uncertain-official-or-private")]
    assert '<mark class="actes-person" title="person">Anne &lt;ROY&gt;</mark>' in rows[0][2]
    assert spans[0][:2] == ("A-1-DE", "Anne <ROY>") and "rapport de Anne <ROY>" in spans[0][2]
    # Only the review site's column is rendered as HTML; the public site's cells stay escaped.
    assert str(render_cell(rows[0][2], "highlighted", "waiting", "review", None)).count("<mark") == 1
    assert render_cell(rows[0][2], "highlighted", "waiting", "publication", None) is None


def test_the_review_site_in_datasette(tmp_path):
    import asyncio

    from datasette.app import Datasette

    from actes.privacy.review_site import REVIEW_DB, REVIEW_METADATA
    from actes.publish.serve import PLUGINS

    catalog, db = _catalog(tmp_path, [_held("A-1-DE")])
    catalog.close()
    assert runner.invoke(app, ["review", "--db", str(db), "--site", str(tmp_path / "review")]).exit_code == 0
    site = tmp_path / "review"

    async def fetch():
        ds = Datasette(
            immutables=[str(site / REVIEW_DB)],
            metadata=json.loads((site / REVIEW_METADATA).read_text(encoding="utf-8")),
            plugins_dir=str(PLUGINS),
        )
        await ds.invoke_startup()
        return await ds.client.get("/review/waiting")

    page = asyncio.run(fetch())
    assert page.status_code == 200
    assert '<mark class="actes-person" title="person">Anne ROY</mark>' in page.text
    assert "One row per act held" in page.text
