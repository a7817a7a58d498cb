"""Text reader: encodings as clerks' tools write them, and files that are not text."""

from __future__ import annotations

import random

import pytest

from actes.errors import FileChanged, LimitExceeded, UnreadableFile, UnsupportedFormat
from actes.limits import Limits
from actes.readers import read_document
from actes.readers.text import TextReader, decode_text

SAMPLE = "Arrêté n° 2024-007 : la rue de l'Église est fermée le 3 février ; coût 1 500 € — « urgent »."
LATIN1 = SAMPLE.replace("€", "EUR").replace("—", "-")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # UTF-8 without BOM (most modern tools)
        (SAMPLE.encode("utf-8"), SAMPLE),
        # UTF-8 with BOM (Windows Notepad "UTF-8")
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), SAMPLE),
        # UTF-16 LE with BOM (Windows Notepad "Unicode")
        (SAMPLE.encode("utf-16-le").join([b"\xff\xfe", b""]), SAMPLE),
        # Windows-1252: € and « » and the curly apostrophe live in 0x80-0x9F
        (SAMPLE.encode("cp1252"), SAMPLE),
        # Latin-1 (no €): same bytes as cp1252 for French letters
        (LATIN1.encode("latin-1"), LATIN1),
        # DOS CP850 exports of old registry software: é is 0x82 there (',' in cp1252)
        (LATIN1.encode("cp850"), LATIN1),
        # Mac Roman
        (SAMPLE.replace("—", "-").encode("mac_roman"), SAMPLE.replace("—", "-")),
        # pure ASCII
        (b"Deliberation n 12", "Deliberation n 12"),
        # undefined cp1252 bytes (0x81) fall back without raising
        (b"caf\xe9 \x81", "café \x81"),
    ],
)
def test_decode_text(raw, expected):
    assert decode_text(raw) == expected


def test_real_texts_reencoded_decode_exactly(shared_dir):
    """Corpus texts saved again as cp1252 / latin-1 come back identical (see docs/reliability.md)."""
    texts = sorted((shared_dir / "corpus/texts").glob("*.txt"))
    rng = random.Random(7)
    checked = 0
    for path in rng.sample(texts, min(25, len(texts))):
        text = path.read_text(encoding="utf-8")[:4000]
        for encoding in ("cp1252", "latin-1"):
            try:
                raw = text.encode(encoding)
            except UnicodeEncodeError:
                continue
            if raw.isascii():
                continue
            assert decode_text(raw) == text, (path.name, encoding)
            checked += 1
    assert checked >= 10


def test_reader_pages_and_hash(tmp_path):
    path = tmp_path / "acte.txt"
    path.write_bytes("Page un\fPage deux é".encode("cp1252"))
    doc = read_document(path)
    assert [p.text for p in doc.pages] == ["Page un", "Page deux é"]
    assert doc.page_of(doc.text.index("deux")) == 2
    import hashlib

    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("raw", "error", "words"),
    [
        (b"", UnreadableFile, "empty"),  # empty file
        (b"   \n\n", UnreadableFile, "empty"),  # only blanks
        (b"\x00\x01\x02binary", UnsupportedFormat, "tried"),  # binary named .txt: no reader accepts it
    ],
)
def test_not_text(tmp_path, raw, error, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(error, match=words) as caught:
        read_document(path)
    assert str(path) in str(caught.value)


def test_text_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("a" * 1000)
    with pytest.raises(LimitExceeded):
        read_document(path, Limits(max_text_chars=999))
    with pytest.raises(LimitExceeded):
        read_document(path, Limits(max_file_bytes=999))


def test_file_changed_while_read(tmp_path, monkeypatch):
    path = tmp_path / "moving.txt"
    path.write_text("Arrêté du maire, première version")
    original = TextReader.read

    def read_then_rewrite(self, p, limits):
        document = original(self, p, limits)
        p.write_text("Arrêté du maire, seconde version plus longue")
        return document

    monkeypatch.setattr(TextReader, "read", read_then_rewrite)
    with pytest.raises(FileChanged, match="changed while it was being read") as caught:
        read_document(path)
    assert caught.value.reason == "file-changed"
    assert str(path) in str(caught.value)


def test_names_with_odd_characters(tmp_path):
    for name in ("arrêté n° 12 (copie).txt", "retour\nà la ligne.txt", "tab\there.txt", "  espaces  .txt"):
        path = tmp_path / name
        path.write_text("Arrêté du maire")
        assert read_document(path).path == str(path)
