"""The scale benchmark's fill (``INSERT … SELECT`` in the database) writes the rows that copying
the seed row by row writes: same IDs, digests, synthetic SIRENs, partition keys, JSON text."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import sqlalchemy as sa

from actes.store import tables as t
from actes.store.partitions import key_of_data
from benchmarks.scale import fill, luhn_siren

MOMENT = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def _act(act_id: str, input_id: int, position: int, data: dict) -> dict:
    data = {"id": act_id, **data}
    return {"id": act_id, "input_id": input_id, "position": position, "nature": "deliberation",
            "date_decision": data.get("date_decision"), "collectivite_siren": data["collectivite"].get("siren"),
            "objet": "Objet", "data": data, "extractor_version": "v", "run_id": None, "updated_at": MOMENT,
            "partition": key_of_data(data)}


def _seed() -> dict[str, list[dict]]:
    """Three submissions of the commune of Valbrenne and a syndicate: two acts (one of a séance,
    whose partition follows the séance), none (a failed file), one without SIREN (accents in JSON)."""
    inputs = [
        {"id": i, "digest": f"d{i}", "path": f"f{i}.pdf", "files": [{"path": f"f{i}.pdf", "size": i}], "size": i,
         "status": "failed" if i == 2 else "processed", "reason": None, "error": None, "seconds": 0.5,
         "extractor_version": "v", "run_id": None, "processed_at": MOMENT}
        for i in (1, 2, 3)
    ]
    valbrenne = {"nom": "Commune de Valbrenne", "siren": "213400016"}
    acts = [
        _act("a1", 1, 0, {"date_decision": "2025-05-02", "collectivite": valbrenne,
                          "seance": {"id": "s-valbrenne", "date": "2025-05-02", "siren": "213400016"}}),
        _act("a2", 1, 1, {"date_decision": "2025-05-03", "collectivite": valbrenne}),
        _act("a3", 3, 0, {"date_decision": "2024-01-09", "collectivite": {"nom": "Syndicat des Eaux de l'Orée"}}),
    ]
    provenance = [
        {"id": n, "act_id": a, "field": f, "source": "text", "extractor": "x", "confidence": 0.9, "page": 1,
         "span_start": 0, "span_end": 3, "snippet": "é"}
        for n, (a, f) in enumerate([("a1", "objet"), ("a1", "date"), ("a3", "objet"), ("a2", "objet")], 1)
    ]
    problems = [{"id": 1, "act_id": "a3", "slug": "no-siren", "severity": "warning", "field": None, "message": "m"}]
    return {"inputs": inputs, "acts": acts, "provenance": provenance, "problems": problems}


def _copied_row_by_row(seed: dict[str, list[dict]], size: int, group: int) -> dict[str, list[dict]]:
    """What the former fill wrote: each copy's rows in turn, the database numbering them."""
    rows: dict[str, list[dict]] = {name: [] for name in seed}
    authorities: dict[tuple[str, int], str] = {}
    written, copy = 0, 0
    while written < size:
        copy += 1
        for item in seed["inputs"]:
            if written >= size:
                break
            rows["inputs"].append({**item, "id": len(rows["inputs"]) + 1,
                                   "digest": hashlib.sha256(f"{copy}:{item['digest']}".encode()).hexdigest()})
            for act in (a for a in seed["acts"] if a["input_id"] == item["id"]):
                authority = act["partition"].split("/", 1)[1], copy // group
                siren = authorities.setdefault(authority, luhn_siren(len(authorities)))
                data = {**act["data"], "id": f"{act['id']}-c{copy}",
                        "collectivite": {**act["data"]["collectivite"], "siren": siren}}
                rows["acts"].append({**act, "id": data["id"], "input_id": rows["inputs"][-1]["id"], "data": data,
                                     "collectivite_siren": siren, "partition": key_of_data(data)})
                for name in ("provenance", "problems"):
                    rows[name].extend({**r, "id": len(rows[name]) + 1, "act_id": data["id"]}
                                      for r in seed[name] if r["act_id"] == act["id"])
                written += 1
    return rows


def _read(url: str) -> tuple[dict[str, list[dict]], dict[str, str]]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = {
            name: [{k: v for k, v in r._mapping.items() if k not in ("run_id", "processed_at", "updated_at")}
                   for r in sorted(conn.execute(sa.select(t.metadata.tables[name])), key=lambda r: r.id)]
            for name in ("inputs", "acts", "provenance", "problems")
        }
        texts = dict(conn.execute(sa.text("select id, cast(data as text) from acts")).all())
        new_id = conn.execute(sa.insert(t.inputs).values(
            digest="next", path="p", files=[], size=0, status="processed", extractor_version="v",
            processed_at=MOMENT)).inserted_primary_key[0]
        rows["next_input_id"] = new_id
    engine.dispose()
    return rows, texts


def test_fill_writes_the_rows_of_a_copy_row_by_row(any_db):
    from actes.store.catalog import database_url

    url, seed = database_url(any_db), _seed()
    written, partitions = fill(url, 7, seed, group=2)
    expected = _copied_row_by_row(seed, 7, group=2)
    rows, texts = _read(url)

    assert written == len(expected["acts"]) == 8  # the last copy stops after its first submission
    for name in ("inputs", "acts", "provenance", "problems"):
        assert rows[name] == [
            {k: v for k, v in r.items() if k not in ("run_id", "processed_at", "updated_at")}
            for r in sorted(expected[name], key=lambda r: r["id"])
        ], name
    assert texts == {a["id"]: json.dumps(a["data"]) for a in expected["acts"]}  # the same JSON text
    assert rows["next_input_id"] == len(expected["inputs"]) + 1  # the night's rows follow the fill's
    s = [luhn_siren(n) for n in range(4)]  # (Valbrenne, 0), (the syndicate, 0), (Valbrenne, 1), (the syndicate, 1)
    oree = "2024/nom-syndicat-des-eaux-de-l-oree"
    assert partitions == {  # each partition of the catalog, and the seed's it copies
        "2025/213400016": "2025/213400016",  # a séance's acts keep its SIREN, hence the seed's partition
        f"2025/{s[0]}": "2025/213400016", f"2024/{s[1]}": oree, f"2025/{s[2]}": "2025/213400016", f"2024/{s[3]}": oree,
    }


def test_fill_refuses_a_catalog_that_already_holds_acts(any_db):
    """The copies' IDs are numbered from 1: filling a catalog twice would collide, so it says so first."""
    import pytest

    from actes.store.catalog import database_url

    url, seed = database_url(any_db), _seed()
    fill(url, 3, seed, group=2)
    with pytest.raises(SystemExit, match="already holds acts"):
        fill(url, 3, seed, group=2)
