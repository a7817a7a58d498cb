"""Incremental selection on both databases: [since, until) windows hold each act once."""

from __future__ import annotations

import pytest

from actes.exporters.package import export_catalog
from actes.exporters.selection import Selection, now, parse_moment, select_acts
from actes.store import Catalog
from tests.factories import make_act


def _record(catalog, ids, digest):
    run_id = catalog.start_run("inbox", "test")
    catalog.record(digest, f"{digest}.pdf", [], [make_act(i) for i in ids], run_id, "test")
    return run_id


def test_windows_partition_the_catalog(any_db, tmp_path):
    catalog = Catalog(any_db)
    try:
        start = now()
        first_run = _record(catalog, ["b-1", "a-1"], "first")
        middle = now()
        _record(catalog, ["c-1"], "second")
        end = now()
        ids = lambda selection: [act.id for act in select_acts(catalog, selection)]  # noqa: E731
        assert ids(Selection(since=start, until=middle)) == ["a-1", "b-1"]
        assert ids(Selection(since=middle, until=end)) == ["c-1"]
        assert ids(Selection(until=start)) == []
        assert ids(Selection(run_id=first_run)) == ["a-1", "b-1"]
        package = export_catalog(catalog, tmp_path / "p", since=middle.isoformat())
        assert package.counts["actes.csv"] == 1 and package.valid
    finally:
        catalog.close()


@pytest.mark.parametrize(("text", "expected"), [
    # a bare date: its midnight, UTC
    ("2026-11-26", "2026-11-26T00:00:00+00:00"),
    # the 'until' a package prints
    ("2026-11-26T14:05:00.123456+00:00", "2026-11-26T14:05:00.123456+00:00"),
    # a local time with its offset becomes UTC
    ("2026-11-26T15:05:00+01:00", "2026-11-26T14:05:00+00:00"),
])
def test_parse_moment(text, expected):
    assert parse_moment(text).isoformat() == expected


def test_parse_moment_refuses_words():
    with pytest.raises(ValueError, match="not a date"):
        parse_moment("last week")
