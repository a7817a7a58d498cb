"""Property tests (hypothesis): readers and extractors never raise anything but a FileError on
any input, and what they return stays inside the bounds of the input."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actes.errors import FileError
from actes.extraction import acts_of_document
from actes.extractors import TextView, run_extractors
from actes.limits import Limits
from actes.readers import read_document
from actes.readers.archive import safe_member_path
from actes.readers.ctes_xml import read_acknowledgement, read_envelope
from actes.readers.pairing import group_files
from actes.readers.text import decode_text
from actes.schemas.document import Document, Page
from fixtures.hostile.good import aracte, formulaire

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Pieces of real acts, so random text reaches the extractors' deeper branches.
TOKENS = [
    "Délibération n° ", "ARRÊTÉ N° 2024-", "Objet : ", "Séance du ", "le 16 février 2023", "1er juillet 2022",
    "le seize février deux mille vingt-trois", "ID : 093-213000000-20230126-2023_006-DE", "Reçu en préfecture le ",
    "Envoyé en préfecture le 16/02/2023", "Pour : 12", "Contre : 3", "Abstentions : 1", "Votants : ",
    "en exercice : 15", "Présents : 12", "à l'unanimité", "Le Maire,", "Secrétaire de séance : ", "COMMUNE DE ",
    "\n", "\f", " ", "n°", "2023", "31/12/2023", "DE", "-", ":", "é", "\u00a0", "\x00", "\ufeff",
]
act_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)), max_size=60).map("".join)


def _doc(text: str) -> Document:
    pages = [Page(number=i, text=chunk, verdict="text") for i, chunk in enumerate(text.split("\f"), start=1)]
    return Document.from_pages("<fuzz>", "0" * 64, "text", pages)


@FAST
@given(raw=st.binary(max_size=2000))
def test_decode_text_never_raises(raw):
    assert isinstance(decode_text(raw), str)


@FAST
@given(text=st.text(max_size=300))
def test_decode_text_round_trips_utf8(text):
    if not text.startswith("\ufeff"):
        assert decode_text(text.encode("utf-8")) == text


@FAST
@given(raw=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".pdf", ".TXT", ".text"]))
def test_read_document_raises_only_file_errors(raw, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "f" + suffix)
        path.write_bytes(raw)
        try:
            doc = read_document(path, Limits(max_pages=5))
        except FileError as exc:
            assert str(path) in str(exc)
        else:
            assert doc.page_starts[0] == 0 and len(doc.pages) == len(doc.page_starts)


def _mutations(seed: bytes):
    """A good formulaire with bytes cut, repeated or replaced: malformed in realistic ways."""
    return st.tuples(st.integers(0, len(seed)), st.integers(0, 40), st.binary(max_size=30)).map(
        lambda t: seed[: t[0]] + t[2] + seed[t[0] + t[1] :]
    )


XML_SEEDS = [formulaire("a.pdf", ["b.pdf"]), formulaire("a.pdf", [], encoding="UTF-8"), aracte()]


@FAST
@given(raw=st.one_of(st.binary(max_size=500), *(_mutations(seed) for seed in XML_SEEDS)))
def test_ctes_xml_raises_only_file_errors(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "x_0.xml")
        path.write_bytes(raw)
        for read in (read_envelope, read_acknowledgement):
            try:
                read(path)
            except FileError as exc:
                assert f'"{path}"' in str(exc)


name_part = st.sampled_from(["034-213400001-20240115-DEL_1-DE", "-1-1", "-1-2", "-2-1", "_0", "_1", "_2", "_3",
                             "32_DP-", "a", " ", "é", ".", "-", "_"])
file_name = st.tuples(st.lists(name_part, min_size=1, max_size=6).map("".join),
                      st.sampled_from([".xml", ".pdf", ".txt", ".zip", ".PDF", ""])).map("".join)


@FAST
@given(names=st.lists(file_name, max_size=12, unique=True), xml=st.sampled_from(XML_SEEDS + [b"<bad"]))
def test_pairing_accounts_for_every_file_once(names, xml):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name in names:
            path = Path(folder, name)
            if path.name in {"", ".", ".."} or path.exists():
                continue
            path.write_bytes(xml if name.endswith(".xml") else b"%PDF-1.4")
            paths.append(path)
        submissions, leftovers = group_files(paths)
        seen = [Path(p) for s in submissions for p in s.files()] + leftovers
        assert sorted(seen) == sorted(paths)
        for submission in submissions:
            assert submission.main is None or not submission.main.endswith(".xml")


@FAST
@given(name=st.lists(st.sampled_from(["a", ".", "..", "/", "\\", ":", "C", "\x00", "é"]), max_size=12).map("".join))
def test_member_paths_stay_inside(name):
    try:
        relative = safe_member_path("x.zip", name)
    except FileError as exc:
        assert exc.reason == "hostile-input"
        return
    assert ".." not in relative.parts and not relative.is_absolute()
    root = PurePosixPath("/work/x.zip!")
    assert root in (root / relative).parents or relative == PurePosixPath()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=act_text, cut=st.tuples(st.integers(0, 400), st.integers(0, 400)))
def test_extractors_never_raise_and_spans_stay_inside(text, cut):
    doc = _doc(text)
    start, end = sorted(min(c, len(doc.text)) for c in cut)
    for view in (TextView(doc), TextView(doc, start, end)):
        for finding in run_extractors(view):
            if finding.span is not None:
                assert view.start <= finding.span[0] <= finding.span[1] <= view.end, finding
                assert 1 <= finding.page <= len(doc.pages)
            assert 0.0 <= finding.confidence <= 1.0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=act_text)
def test_whole_extraction_never_raises(text):
    doc = _doc(text)
    for act in acts_of_document(doc):
        assert set(act.source.pages) <= set(range(1, len(doc.pages) + 1))
        for provenance in act.provenance.values():
            span = getattr(provenance, "span", None)
            if span is not None:
                assert 0 <= span[0] <= span[1] <= len(doc.text)
