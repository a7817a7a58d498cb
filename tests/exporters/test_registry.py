"""Shared checks for every exporter of the registry: encoding, column order, empty fields,
round-trip (scrapy's TestBaseItemExporter pattern)."""

from __future__ import annotations

import csv
import io

import pytest

from actes.errors import UnknownFormat
from actes.exporters import EXPORTERS, export_acts, get_exporter
from actes.exporters.context import ExportContext
from actes.exporters.csv_base import CsvExporter
from actes.schemas.act import Act


@pytest.fixture
def written(tmp_path, acts, referential):
    """Every registered exporter run together (provenance.csv listens to the CSV ones)."""
    context = ExportContext(referential=referential)
    files = export_acts(acts, tmp_path, context=context)
    return files, context


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_utf8_without_bom(name, written):
    data = written[0][name].read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    data.decode("utf-8")  # raises if not UTF-8


@pytest.mark.parametrize("name", sorted(n for n, e in EXPORTERS.items() if e.format in ("csv", "jsonl")))  # tables
def test_header_is_the_declared_schema_in_order(name, written):
    exporter = get_exporter(name)()
    names = [field["name"] for field in exporter.schema()["fields"]]
    path = written[0][name]
    if exporter.format == "csv":
        header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        assert header == names
    else:  # jsonl: every line has the declared keys, in order
        import json

        for line in path.read_text(encoding="utf-8").splitlines():
            assert list(json.loads(line)) == names


@pytest.mark.parametrize("name", sorted(n for n, e in EXPORTERS.items() if issubclass(e, CsvExporter)))
def test_csv_round_trip_and_empty_fields(name, written, acts, referential):
    files, context = written
    exporter = get_exporter(name)(context)
    text = files[name].read_bytes().decode("utf-8")
    assert text.count("\r\n") == text.count("\n")  # RFC 4180 line ends
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    expected = [exporter.values(act) for act in acts if exporter.accepts(act)]
    assert rows == expected  # quotes and commas inside an objet survive the trip
    for row in rows:
        assert "None" not in row.values() and "null" not in row.values()  # unknown = empty cell


def test_jsonl_round_trip(written, acts):
    lines = written[0]["jsonl"].read_text(encoding="utf-8").splitlines()
    assert [Act.model_validate_json(line) for line in lines] == acts


def test_provenance_rows_match_written_cells(written):
    files, _ = written
    cells = sum(
        sum(1 for row in csv.DictReader(files[name].open(encoding="utf-8", newline="")) for v in row.values() if v)
        for name in ("scdl", "actes_csv")
    )
    provenance_rows = list(csv.DictReader(files["provenance"].open(encoding="utf-8", newline="")))
    assert len(provenance_rows) == cells


def test_unknown_format_lists_the_known_ones():
    with pytest.raises(UnknownFormat, match="Available: actes_csv, jsonl, jsonld, presences, provenance, scdl, seances, votes_nominatifs"):
        get_exporter("xlsx")
