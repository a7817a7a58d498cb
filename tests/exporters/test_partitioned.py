"""The partitioned, incremental package (actes.exporters.partitioned) on both databases: a
night rewrites only the partitions it changed, and what it leaves equals a full rebuild."""

from __future__ import annotations

import csv
import io
import json

import frictionless
import pytest

from actes.exporters.package import export_catalog
from actes.referential import Entry, Referential
from actes.store import Catalog
from actes.store.partitions import key_of
from actes.store.reviews import record_decision
from tests.factories import SIREN, SIRET, make_act, make_deliberation

OTHER, OTHER_SIRET = "213105554", "21310555400017"  # a second authority (Luhn-valid)
REFERENTIAL = Referential([Entry(SIREN, SIRET, "Commune A", None, 2), Entry(OTHER, OTHER_SIRET, "Commune B", None, 3)])


def _acts(year: str, siren: str, count: int, prefix: str = "") -> list:
    return [
        make_deliberation(
            f"{prefix}{siren}-{year}-{n}",
            numero=f"{year}_{n}",
            date_decision=f"{year}-03-0{n + 1}",
            collectivite={"nom": "Commune", "siren": siren},
            budget={},
            transmission={"pref_id": f"{prefix}{siren}-{year}-{n}", "date_reception": f"{year}-04-01"},
        )
        for n in range(count)
    ]


def _record(catalog, digest, acts):
    run_id = catalog.start_run("inbox", "test")
    catalog.record(digest, f"{digest}.pdf", [], acts, run_id, "test")


def _export(catalog, out, **options):
    return export_catalog(catalog, out, partitioned=True, prepare=lambda act: act, referential=REFERENTIAL, **options)


def _files(out):
    """Every file under partitions/: path → (bytes, mtime_ns)."""
    return {
        str(p.relative_to(out)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted((out / "partitions").rglob("*"))
        if p.is_file()
    }


def _descriptor(out):
    return json.loads((out / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture
def catalog(any_db):
    catalog = Catalog(any_db)
    _record(catalog, "a", _acts("2024", SIREN, 2) + _acts("2025", SIREN, 2))
    _record(
        catalog,
        "b",
        _acts("2025", OTHER, 3)
        + [make_act("arrete-sans-siren", nature="arrete", objet="Arrêté", date_decision="2025-01-02")],
    )
    yield catalog
    catalog.close()


def test_key_of():
    assert key_of("2025-03-01", SIREN) == f"2025/{SIREN}"
    assert key_of(None, None) == "sans-date/sans-siren"
    # without SIREN, by the name printed (case and accents ignored), not all in one partition
    assert key_of("2025-01-02", None, "Commune d'Écully") == key_of("2025-05-02", None, "COMMUNE D'ECULLY")
    assert key_of("2025-01-02", None, "Commune d'Écully") == "2025/nom-commune-d-ecully"


def test_first_export_writes_every_partition_and_a_valid_package(catalog, tmp_path):
    out = tmp_path / "out"
    report = _export(catalog, out)
    assert report.partitions["rebuilt"] and report.partitions["total"] == 4
    state = _descriptor(out)["actes"]["partitioning"]["partitions"]
    assert sorted(state) == sorted([f"2024/{SIREN}", f"2025/{OTHER}", f"2025/{SIREN}", "2025/sans-siren"])
    assert state[f"2025/{OTHER}"]["acts"] == 3
    assert state[f"2025/{OTHER}"]["resources"]["deliberations"]["hash"].startswith("sha256:")
    # the whole file a simple user downloads: every partition's rows, the header once
    rows = list(csv.DictReader(io.StringIO((out / "deliberations.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 7 and report.counts["deliberations.csv"] == 7
    assert (out / "actes.jsonl").read_text(encoding="utf-8").count("\n") == 8
    # provenance cells point at the partition file and row that hold them
    cells = list(csv.DictReader(open(out / "provenance.csv", encoding="utf-8")))
    cell = next(c for c in cells if c["FICHIER"].endswith("deliberations.csv"))
    part = list(csv.DictReader(open(out / cell["FICHIER"], encoding="utf-8")))
    assert part[int(cell["LIGNE"]) - 1][cell["COLONNE"]] == cell["VALEUR"]
    # Frictionless reads each multipart resource as one table and checks the top package
    assert frictionless.validate(str(out / "datapackage.json")).valid
    assert report.valid


def test_a_night_rewrites_only_the_partitions_it_touched(catalog, tmp_path):
    out = tmp_path / "out"
    _export(catalog, out)
    before, state_before = _files(out), _descriptor(out)["actes"]["partitioning"]["partitions"]
    _record(catalog, "night", _acts("2025", OTHER, 1, prefix="new-"))
    report = _export(catalog, out)
    assert not report.partitions["rebuilt"] and report.partitions["rewritten"] == 1
    after, state = _files(out), _descriptor(out)["actes"]["partitioning"]["partitions"]
    changed = {path for path in after if before.get(path) != after[path]}
    assert changed and all(path.startswith(f"partitions/2025/{OTHER}/") for path in changed)
    assert state[f"2025/{OTHER}"]["acts"] == 4
    assert state[f"2025/{OTHER}"]["resources"] != state_before[f"2025/{OTHER}"]["resources"]
    assert {k: v for k, v in state.items() if k != f"2025/{OTHER}"} == {
        k: v for k, v in state_before.items() if k != f"2025/{OTHER}"
    }
    assert report.counts["deliberations.csv"] == 8  # summed over every partition, not the night's
    # nothing new: nothing written
    assert _export(catalog, out).partitions["rewritten"] == 0


def test_an_act_that_moves_leaves_its_old_partition_and_an_empty_one_goes(catalog, tmp_path):
    out = tmp_path / "out"
    _record(catalog, "held", _acts("2024", "200000016", 1))  # no referential entry: a held row to carry
    _export(catalog, out)
    # the same act sent again, dated another year: it moves from 2024 to 2026
    moved = _acts("2024", SIREN, 1)[0].model_copy(update={"date_decision": __import__("datetime").date(2026, 1, 5)})
    _record(catalog, "resent", [moved])
    report = _export(catalog, out)
    assert report.partitions["rewritten"] == 2
    # the held row of an untouched partition is carried; the moved act, now received before its
    # decision, is held in its new partition
    rows = json.loads((out / "validation.json").read_text())["rows"]
    assert [(row["partition"], row["act_id"]) for row in rows] == [
        ("2024/200000016", "200000016-2024-0"),
        (f"2026/{SIREN}", f"{SIREN}-2024-0"),
    ]
    state = _descriptor(out)["actes"]["partitioning"]["partitions"]
    assert state[f"2024/{SIREN}"]["acts"] == 1 and state[f"2026/{SIREN}"]["acts"] == 1
    # re-extraction of a submission removes its acts: the arrêté without SIREN goes, and its partition
    _record(catalog, "b", _acts("2025", OTHER, 3))
    report = _export(catalog, out)
    assert report.partitions["removed"] == 1
    assert "2025/sans-siren" not in _descriptor(out)["actes"]["partitioning"]["partitions"]
    assert not (out / "partitions" / "2025" / "sans-siren").exists()
    # what the nights left is what a full rebuild writes
    rebuilt = tmp_path / "rebuilt"
    assert _export(catalog, rebuilt, full=True).partitions["rebuilt"]
    data = lambda folder: {p: b for p, (b, _) in _files(folder).items() if not p.endswith(".json")}  # noqa: E731
    assert data(out) == data(rebuilt)
    for name in ("deliberations.csv", "actes.csv", "actes.jsonl", "provenance.csv"):
        assert (out / name).read_bytes() == (rebuilt / name).read_bytes()
    report = lambda folder: json.loads((folder / "validation.json").read_text(encoding="utf-8"))  # noqa: E731
    assert report(out) == report(rebuilt)


def test_a_privacy_decision_rewrites_the_acts_partition(catalog, tmp_path):
    out = tmp_path / "out"
    _export(catalog, out)
    record_decision(catalog, f"{SIREN}-2024-0", "accepted", [], "clerk")
    report = _export(catalog, out)
    assert report.partitions["rewritten"] == 1
    assert report.partitions["rebuilt"] is False


def test_what_shapes_every_file_changing_rebuilds_everything(catalog, tmp_path):
    out = tmp_path / "out"
    _export(catalog, out)
    report = _export(catalog, out, publish_invalid=True)
    assert report.partitions["rebuilt"] and report.partitions["rewritten"] == 4


def test_whole_files_tables_only(catalog, tmp_path):
    out = tmp_path / "out"
    _export(catalog, out)
    _export(catalog, out, whole="tables", full=True)
    assert (out / "deliberations.csv").is_file() and not (out / "actes.jsonl").exists()
    assert (out / "partitions" / "2025" / OTHER / "actes.jsonl").is_file()
    whole = _descriptor(out)["actes"]["whole_files"]
    assert "deliberations.csv" in whole and "actes.jsonl" not in whole


def test_partitioned_refuses_a_selection(catalog, tmp_path):
    with pytest.raises(ValueError, match="whole catalog"):
        export_catalog(catalog, tmp_path, partitioned=True, run_id=1)


def test_export_command_is_incremental_and_rebuilds_on_demand(tmp_path):
    from typer.testing import CliRunner

    from actes.cli import app

    db, out = tmp_path / "actes.db", tmp_path / "out"
    catalog = Catalog(db)
    _record(catalog, "a", _acts("2025", SIREN, 1) + _acts("2025", OTHER, 1))
    catalog.close()
    runner = CliRunner()
    command = ["export", "--out", str(out), "--db", str(db), "--whole-files", "tables"]
    first = runner.invoke(app, command)
    assert first.exit_code == 0, first.output
    assert "partitions: 2 (rebuilt whole: 2 written" in first.output
    assert (out / "actes.csv").is_file() and not (out / "actes.jsonl").exists()
    again = runner.invoke(app, command)
    assert "partitions: 2 (incremental: 0 written" in again.output
    full = runner.invoke(app, [*command, "--full"])
    assert "partitions: 2 (rebuilt whole: 2 written" in full.output


def test_an_empty_catalog_still_has_its_whole_files(tmp_path):
    catalog = Catalog(tmp_path / "empty.db")
    try:
        report = _export(catalog, tmp_path / "out")
    finally:
        catalog.close()
    assert report.partitions["total"] == 0 and report.valid
    assert (tmp_path / "out" / "deliberations.csv").read_text(encoding="utf-8").startswith("COLL_NOM,")


def test_frictionless_errors_go_to_the_partition_that_holds_the_row(catalog, tmp_path):
    # an authority the referential lacks: published anyway, its row fails COLL_SIRET's "required"
    unknown = "200000008"  # sorts before the other partitions of 2025: its rows are not the last ones
    _record(catalog, "unknown", _acts("2025", unknown, 1))
    out = tmp_path / "out"
    report = _export(catalog, out, publish_invalid=True)
    state = _descriptor(out)["actes"]["partitioning"]["partitions"]
    assert not state[f"2025/{unknown}"]["frictionless_valid"]
    assert all(entry["frictionless_valid"] for key, entry in state.items() if key != f"2025/{unknown}")
    own = json.loads((out / "partitions" / "2025" / unknown / "validation.json").read_text(encoding="utf-8"))
    assert any(e["field"] == "COLL_SIRET" and e["resource"] == "deliberations" for e in own["frictionless"]["errors"])
    assert not report.valid


def test_a_partition_looks_up_only_its_own_authoritys_deliberations(catalog, tmp_path, monkeypatch):
    import actes.exporters.jsonld as jsonld

    asked = []
    real = jsonld.catalog_index
    monkeypatch.setattr(jsonld, "catalog_index", lambda *a, **k: asked.append(k.get("siren")) or real(*a, **k))
    _export(catalog, tmp_path / "out")
    # never the whole catalog's (siren=None): the partition without SIREN cites nothing and asks nothing
    assert sorted(asked) == sorted([SIREN, SIREN, OTHER])


def test_the_linked_data_checked_in_small_batches_or_one_gives_the_same_package(catalog, tmp_path, monkeypatch):
    """The JSON-LD of the partitions is checked by batches (jsonld.Batch): settled mid-partition
    (every 2 acts) and after each partition, or once for the night, every partition's files and
    verdicts are the same; an act the shapes refuse is held and named in its partition's report."""
    import actes.exporters.jsonld as jsonld
    import actes.exporters.partitioned as partitioned

    _record(catalog, "c", [make_deliberation(f"{OTHER}-2024-bad", numero="2024_bad", date_decision="2024-05-02",
                                             collectivite={"nom": "Commune", "siren": OTHER, "code_insee": "ABCDE"},
                                             transmission={"pref_id": f"{OTHER}-2024-bad", "date_reception": "2024-06-01"})])
    once = tmp_path / "once"
    _export(catalog, once)
    monkeypatch.setattr(jsonld.Batch, "LIMIT", 2)
    monkeypatch.setattr(partitioned, "BATCH_PARTITIONS", 1)
    small = tmp_path / "small"
    _export(catalog, small)
    def written(out):  # each partition's files; its datapackage.json without the moment it was written
        files = {k: v[0] for k, v in _files(out).items()}
        return files | {k: json.loads(v)["resources"] for k, v in files.items() if k.endswith("datapackage.json")}

    assert written(once) == written(small)
    report = json.loads((small / "partitions" / "2024" / OTHER / "validation.json").read_text(encoding="utf-8"))
    failures = report["linked_data"]["failures"]
    assert [(f["act_id"], f["action"]) for f in failures] == [(f"{OTHER}-2024-bad", "held")]
    assert "ABCDE" in {r["value"] for r in failures[0]["results"]}


def test_a_batch_settled_inside_a_partition_is_counted_once_in_the_steps(catalog, tmp_path, monkeypatch):
    """A SHACL batch that settles itself mid-partition runs inside the JSON-LD exporter's own write:
    its seconds move from the "jsonld" step to "shacl", never added twice, so the steps sum to no
    more than the export's wall (each check made slow here so that a double count would show)."""
    import time

    import actes.exporters.jsonld as jsonld

    real = jsonld.check_together
    checks = []

    def slow(plans):
        checks.append(len(plans))
        time.sleep(0.05)
        return real(plans)

    monkeypatch.setattr(jsonld, "check_together", slow)
    monkeypatch.setattr(jsonld.Batch, "LIMIT", 1)  # every chunk settles the batch from inside the exporter
    report = _export(catalog, tmp_path / "out")
    steps = report.partitions["steps"]
    assert len(checks) >= 3
    assert steps["shacl"] >= 0.05 * len(checks)
    assert steps["jsonld"] >= 0
    assert sum(steps.values()) <= report.partitions["seconds"] + 0.01
