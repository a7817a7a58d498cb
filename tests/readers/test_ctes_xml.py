"""@CTES XML: the reference samples read right; hostile or broken XML fails by file and field,
and never makes the parser open another file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actes.cli import app
from actes.errors import EnvelopeError, FileError, HostileInput, LimitExceeded
from actes.limits import Limits
from actes.readers.ctes_xml import parse_xml, read_acknowledgement, read_envelope, xml_kind
from fixtures.hostile.good import formulaire
from tests.hostile.canary import OpenWatch

GOOD = formulaire("act.pdf", ["annexe-1.pdf"])


def _write(tmp_path: Path, data: bytes | str, name: str = "f_0.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("latin-1"))
    return path


def test_every_reference_file_is_read_or_classified(shared_dir):
    kinds = {}
    for path in sorted((shared_dir / "reference/actes/envelopes").iterdir()) + sorted(
        (shared_dir / "reference/actes/messages").iterdir()
    ):
        kind = xml_kind(parse_xml(path))
        kinds[path.name] = kind
        if kind == "acte":
            envelope = read_envelope(path)
            assert envelope.date and envelope.numero and envelope.document and envelope.matiere_codes
        elif kind == "aracte":
            pref_id, received = read_acknowledgement(path)
            assert pref_id and received
    assert kinds["pastell_034-491011698-20171207-CL20171227_06-DE-1-1_0.xml"] == "acte"
    assert kinds["pastell_ARActe_fakeTdt_ar-actes.xml"] == "aracte"  # windows-1252 declared
    assert kinds["s2low_EACT--214502494--20170717-6.xml"] == "other"  # transport envelope, not an act
    assert list(kinds.values()).count("acte") == 2
    assert list(kinds.values()).count("aracte") == 4
    assert None not in kinds.values()


def test_pastell_formulaire_values(shared_dir):
    envelope = read_envelope(shared_dir / "reference/actes/envelopes/pastell_034-491011698-20171207-CL20171227_06-DE-1-1_0.xml")
    assert envelope.date == date(2017, 12, 7)
    assert envelope.numero == "CL20171227_06"
    assert envelope.nature_code == "1"
    assert envelope.matiere_codes == ["3", "2"]
    assert envelope.objet == "Fichier signé parapheur"  # ISO-8859-1 é
    assert envelope.document == "32_DP-034-491011698-20171207-CL20171227_06-DE-1-1_1.pdf"
    assert envelope.pref_id == "034-491011698-20171207-CL20171227_06-DE"


def test_aracte_in_windows_1252(shared_dir):
    pref_id, received = read_acknowledgement(shared_dir / "reference/actes/messages/pastell_ARActe_fakeTdt_ar-actes.xml")
    assert (pref_id, received) == ("069-123456789-20130601-20130623C-AI", date(2013, 6, 23))


def test_utf8_formulaire_reads_like_latin1(tmp_path):
    latin1 = read_envelope(_write(tmp_path, formulaire("a.pdf", [], objet="Réfection"), "a_0.xml"))
    utf8 = read_envelope(_write(tmp_path, formulaire("a.pdf", [], objet="Réfection", encoding="UTF-8"), "b_0.xml"))
    assert latin1.objet == utf8.objet == "Réfection"
    assert utf8.annexes == [] and utf8.document == "a.pdf"


def test_annexes_are_listed(tmp_path):
    assert read_envelope(_write(tmp_path, GOOD)).annexes == ["annexe-1.pdf"]


HEAD = '<?xml version="1.0" encoding="ISO-8859-1"?>'


@pytest.mark.parametrize(
    ("content", "error", "field", "words"),
    [
        # a DTD declaring an entity, even harmless, is refused before parsing
        (HEAD + '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', HostileInput, None, "DTD"),
        # billion laughs
        (HEAD + '<!DOCTYPE a [<!ENTITY a "aa"><!ENTITY b "&a;&a;&a;&a;&a;">]><a>&b;</a>', HostileInput, None, "entity"),
        # wrong namespace on the right element
        (GOOD.replace(b"20040216", b"20991231"), EnvelopeError, None, "namespace"),
        # required attributes, each named as the field
        (GOOD.replace(b' actes:Date="2024-01-15"', b""), EnvelopeError, "Date", "missing attribute"),
        (GOOD.replace(b'actes:NumeroInterne="DEL2024_001"', b""), EnvelopeError, "NumeroInterne", "missing"),
        (GOOD.replace(b'actes:CodeNatureActe="1"', b""), EnvelopeError, "CodeNatureActe", "missing"),
        (GOOD.replace(b"<actes:Objet>", b"<actes:Objet2>").replace(b"</actes:Objet>", b"</actes:Objet2>"),
         EnvelopeError, "Objet", "missing"),
        (GOOD.replace(b"CodeMatiere1", b"CodeMatiereX"), EnvelopeError, "CodeMatiere1", "missing"),
        # a date with trailing garbage used to be accepted by value[:10]
        (GOOD.replace(b"2024-01-15", b"2024-01-15junk"), EnvelopeError, "Date", "ISO date"),
        # NomFichier that tries to name a file elsewhere
        (GOOD.replace(b">act.pdf<", b">..\\..\\boot.ini<"), EnvelopeError, "Document/NomFichier", "bare file name"),
        # UTF-8 declared, Latin-1 bytes
        (GOOD.replace(b"ISO-8859-1", b"UTF-8").replace(b"voirie", b"voiri\xe9"), EnvelopeError, None, "not UTF-8"),
        # UTF-7 could hide '<!DOCTYPE' from a byte scan: only ASCII-compatible encodings are allowed
        (GOOD.replace(b"ISO-8859-1", b"UTF-7"), EnvelopeError, None, "not allowed"),
        # UTF-16 (with BOM)
        ('<?xml version="1.0"?><a/>'.encode("utf-16"), EnvelopeError, None, "UTF-16"),
    ],
)
def test_bad_formulaires_name_file_and_field(tmp_path, content, error, field, words):
    path = _write(tmp_path, content)
    with pytest.raises(error) as caught:
        read_envelope(path)
    assert caught.value.field == field
    assert f'"{path}"' in str(caught.value)
    assert words in str(caught.value)
    if field:
        assert f"(field {field})" in str(caught.value)


def test_aracte_needs_a_valid_id(tmp_path):
    path = _write(tmp_path, b'<actes:ARActe xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216" '
                            b'actes:IDActe="not-an-id" actes:DateReception="2024-01-01"/>')
    with pytest.raises(EnvelopeError, match="IDActe"):
        read_acknowledgement(path)


def test_size_limit_refuses_without_parsing(tmp_path):
    path = _write(tmp_path, GOOD)
    with pytest.raises(LimitExceeded, match="byte limit"):
        read_envelope(path, Limits(max_xml_bytes=len(GOOD) - 1))
    assert read_envelope(path, Limits(max_xml_bytes=len(GOOD))).numero == "DEL2024_001"


@pytest.fixture
def canary(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("CANARY-SECRET-1234")
    return secret


def _xxe_files(inbox: Path, canary: Path) -> list[Path]:
    uri = canary.as_uri()
    acte = GOOD.decode("latin-1").split("?>", 1)[1]
    bodies = {
        "entity_0.xml": f'<!DOCTYPE a [<!ENTITY x SYSTEM "{uri}">]>' + acte.replace("Travaux", "&x;"),
        "param_0.xml": f'<!DOCTYPE a [<!ENTITY % p SYSTEM "{uri}"> %p;]>' + acte,
        "dtd_0.xml": f'<!DOCTYPE actes:Acte SYSTEM "{uri}">' + acte,
        "xinclude_0.xml": acte.replace("Travaux", f'T<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{uri}" parse="text"/>'),
    }
    inbox.mkdir(exist_ok=True)
    return [_write(inbox, HEAD + body, name) for name, body in bodies.items()]


def test_external_entities_never_open_the_canary(tmp_path, canary):
    files = _xxe_files(tmp_path / "inbox", canary)
    with OpenWatch(canary) as watch:
        for path in files:
            try:
                envelope = read_envelope(path)
            except FileError as exc:
                assert exc.reason in {"hostile-input", "bad-envelope"}
            else:
                assert "CANARY" not in (envelope.objet or "")
        assert watch.events() == 0
        canary.read_text()  # the watch does see an open: this test can fail
        assert watch.events() > 0


def test_cli_extract_refuses_hostile_xml_and_reads_no_external_file(tmp_path, canary):
    files = _xxe_files(tmp_path / "inbox", canary)
    runner = CliRunner()
    with OpenWatch(canary) as watch:
        for path in files[:3]:  # entity, parameter entity, external DTD
            result = runner.invoke(app, ["extract", str(path)])
            assert result.exit_code == 1, result.output
            assert str(path) in " ".join(result.output.split()) or path.name in result.output
            assert "refused" in result.output
        assert watch.events() == 0


def test_cli_extract_billion_laughs(tmp_path):
    laughs = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    path = _write(tmp_path, f'{HEAD}<!DOCTYPE a [<!ENTITY l0 "lol">{laughs}]><a>&l9;</a>', "laughs_0.xml")
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 1
    assert "billion laughs" in result.output


@pytest.mark.slow  # the reference PDF has scanned pages: OCR takes ~30 s on a busy machine
def test_cli_extract_pastell_pair_gives_the_envelope_values(shared_dir):
    ref = shared_dir / "reference/actes"
    result = CliRunner().invoke(app, [
        "extract", str(ref / "envelopes/pastell_034-491011698-20171207-CL20171227_06-DE-1-1_0.xml"),
        str(ref / "pdf/pastell_034-491011698-20171207-CL20171227_06-DE-1-1_1.pdf"),
    ])
    assert result.exit_code == 0, result.output
    (act,) = json.loads(result.stdout)
    assert act["date_decision"] == "2017-12-07"
    assert act["numero"] == "CL20171227_06"
    assert act["objet"] == "Fichier signé parapheur"
    assert act["nature_actes"] == "DE"
    assert act["matiere"]["code"] == "3.2"
    assert act["transmission"]["pref_id"] == "034-491011698-20171207-CL20171227_06-DE"
    assert act["source"]["path"].endswith("_1.pdf")
    for field in ("date_decision", "numero", "objet"):
        assert act["provenance"][field]["source"] == "envelope"


def test_cli_extract_s2low_formulaire_with_a_made_pdf(shared_dir, tmp_path):
    from fixtures.hostile.good import text_pdf

    envelope = shared_dir / "reference/actes/envelopes/s2low_045-214502494-20170717-D201717-DE-1-1_0.xml"
    pdf = tmp_path / "045-214502494-20170717-D201717-DE-1-1_1.pdf"
    pdf.write_bytes(text_pdf(["CONVENTION D'OCCUPATION", "Signée le 17 juillet 2017", "Objet : test"]))
    result = CliRunner().invoke(app, ["extract", str(envelope), str(pdf)])
    assert result.exit_code == 0, result.output
    (act,) = json.loads(result.stdout)
    assert act["date_decision"] == "2017-07-17"
    assert act["numero"] == "D201717"
    assert act["objet"] == "test"
    assert act["nature_actes"] == "CC"  # CodeNatureActe 4, although the file name says DE
    assert act["matiere"]["code"] == "1.1"
    assert act["source"]["path"] == str(pdf)
