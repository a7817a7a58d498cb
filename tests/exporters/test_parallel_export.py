"""A night's partitions written by two processes (actes.exporters.parallel): the same package,
the same acts held for review in the same order, as one process writes; a failure in the helper
is raised in the export."""

from __future__ import annotations

import json
import os
import re
import time

import pytest

from actes.exporters import parallel
from actes.exporters.package import export_catalog
from actes.privacy.review import Publisher
from actes.store import Catalog
from actes.store.reviews import record_decision
from tests.exporters.test_partitioned import OTHER, REFERENTIAL, _acts, _record
from tests.factories import SIREN

YEARS = ("2019", "2020", "2021", "2022", "2023")  # x 2 authorities: 10 partitions, above MIN_PARTITIONS
REJECTED = [f"{SIREN}-2019-1", f"{OTHER}-2021-0", f"{SIREN}-2023-0"]  # in partitions of both processes


@pytest.fixture
def catalog(tmp_path):
    catalog = Catalog(str(tmp_path / "catalog.db"))
    for year in YEARS:
        _record(catalog, f"{year}-a", _acts(year, SIREN, 2))
        _record(catalog, f"{year}-b", _acts(year, OTHER, 2))
    for act_id in REJECTED:
        record_decision(catalog, act_id, "rejected", [], "clerk")
    yield catalog
    catalog.close()


def _export(catalog, out, processes: str, monkeypatch):
    monkeypatch.setenv(parallel.PROCESSES_ENV, processes)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)  # a one-core runner forks too
    publisher = Publisher(catalog)
    report = export_catalog(catalog, out, partitioned=True, prepare=publisher, referential=REFERENTIAL)
    return report, publisher.summary()


def _package(out) -> dict[str, str]:
    """Every file of the package, its moments ("created", "until") blanked."""
    files = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file() and p.suffix != ".db" and "catalog" not in p.name):
        text = path.read_text(encoding="utf-8")
        files[str(path.relative_to(out))] = re.sub(r'"(created|until)": "[^"]*"', r'"\1": ""', text)
    return files


def test_two_processes_write_the_package_one_process_writes(catalog, tmp_path, monkeypatch):
    helper = parallel._helper

    def spy(send, keys, *args):  # runs in the forked helper: say which partitions it wrote
        (tmp_path / "helper.json").write_text(json.dumps(keys), encoding="utf-8")
        helper(send, keys, *args)

    monkeypatch.setattr(parallel, "_helper", spy)
    one, held_one = _export(catalog, tmp_path / "one", "1", monkeypatch)
    assert not (tmp_path / "helper.json").exists()
    two, held_two = _export(catalog, tmp_path / "two", "2", monkeypatch)
    helpers = json.loads((tmp_path / "helper.json").read_text(encoding="utf-8"))
    assert len(helpers) == 5 and two.partitions["total"] == one.partitions["total"] == 10
    assert _package(tmp_path / "two") == _package(tmp_path / "one")
    assert held_two == held_one
    assert [a["id"] for a in held_two["acts"]] == sorted(REJECTED, key=lambda i: (i.split("-")[1], i.split("-")[0]))
    assert two.valid and two.counts["not_published"] == 3
    assert set(two.partitions["steps"]) >= {"read", "privacy", "scdl", "jsonld", "shacl", "frictionless"}


class Refused(Exception):
    pass


def test_a_failure_in_the_helper_is_raised_by_the_export(catalog, tmp_path, monkeypatch):
    publisher = Publisher(catalog)

    def prepare(act):
        if act.id == f"{OTHER}-2022-1":  # 2022/OTHER: the helper's (every other partition in key order)
            raise Refused(act.id)
        return publisher(act)

    monkeypatch.setenv(parallel.PROCESSES_ENV, "2")
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    with pytest.raises(Refused, match=f"{OTHER}-2022-1"):
        export_catalog(catalog, tmp_path / "out", partitioned=True, prepare=prepare, referential=REFERENTIAL)


def test_one_process_unless_the_setting_asks_for_two_or_for_an_idle_core(monkeypatch):
    monkeypatch.setattr(parallel, "free_core", lambda: True)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    monkeypatch.delenv(parallel.PROCESSES_ENV, raising=False)
    assert parallel.processes() == 1
    monkeypatch.setenv(parallel.PROCESSES_ENV, "1")
    assert parallel.processes() == 1
    monkeypatch.setenv(parallel.PROCESSES_ENV, "2")
    assert parallel.processes() == 2
    monkeypatch.setenv(parallel.PROCESSES_ENV, "auto")
    assert parallel.processes() == 2
    monkeypatch.setattr(parallel, "free_core", lambda: False)
    assert parallel.processes() == 1


def test_when_this_process_fails_the_helper_is_ended_not_awaited(catalog, tmp_path, monkeypatch):
    parent = os.getpid()
    publisher = Publisher(catalog)
    helper = parallel._helper

    def spy(send, keys, *args):  # runs in the forked helper: say who it is, then write slowly
        (tmp_path / "helper.pid").write_text(str(os.getpid()), encoding="utf-8")
        helper(send, keys, *args)

    def prepare(act):
        if os.getpid() == parent:
            raise Refused(act.id)
        with open(tmp_path / "helper.acts", "a", encoding="utf-8") as seen:
            seen.write(act.id + "\n")
        time.sleep(5)  # awaited, the helper would go on through its acts (six in the 30 s of a join)
        return publisher(act)

    monkeypatch.setattr(parallel, "_helper", spy)
    monkeypatch.setenv(parallel.PROCESSES_ENV, "2")
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    with pytest.raises(Refused):
        export_catalog(catalog, tmp_path / "out", partitioned=True, prepare=prepare, referential=REFERENTIAL)
    pid = int((tmp_path / "helper.pid").read_text(encoding="utf-8"))
    with pytest.raises(ProcessLookupError):  # killed and reaped
        os.kill(pid, 0)
    seen = tmp_path / "helper.acts"
    assert len(seen.read_text(encoding="utf-8").split()) <= 1 if seen.exists() else True


class Unpicklable(Exception):
    def __init__(self, path, message):
        super().__init__(f"{path}: {message}")


def test_an_error_of_the_helper_that_cannot_be_unpickled_still_reaches_the_export(catalog, tmp_path, monkeypatch):
    publisher = Publisher(catalog)

    def prepare(act):
        if act.id == f"{OTHER}-2022-1":  # the helper's partition
            raise Unpicklable("a.pdf", "unreadable")
        return publisher(act)

    monkeypatch.setenv(parallel.PROCESSES_ENV, "2")
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    with pytest.raises(RuntimeError, match="a.pdf: unreadable"):
        export_catalog(catalog, tmp_path / "out", partitioned=True, prepare=prepare, referential=REFERENTIAL)


def test_an_in_memory_catalog_is_exported_by_one_process_and_kept(tmp_path, monkeypatch):
    catalog = Catalog("sqlite://")
    for year in YEARS:
        _record(catalog, f"{year}-a", _acts(year, SIREN, 2))
        _record(catalog, f"{year}-b", _acts(year, OTHER, 2))
    report, _ = _export(catalog, tmp_path / "out", "2", monkeypatch)
    assert report.partitions["total"] == 10 and report.valid
    assert len(list(catalog.iter_acts())) == 20  # the database is still there
    catalog.close()
