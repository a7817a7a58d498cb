"""Archives are unpacked member by member, never outside the private folder; each refused
member is named ``archive!member`` with its reason."""

from __future__ import annotations

import io
import os
import tarfile
from pathlib import Path

import pytest

from actes.limits import Limits
from actes.readers.archive import archive_label, expand_archives, safe_member_path
from actes.readers.inbox import discover_inbox
from fixtures.hostile import archives as hostile_archives
from fixtures.hostile.good import ARRETE, tar_bytes, zip_bytes


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("archives")
    inbox = base / "inbox"
    inbox.mkdir()
    canary = base / "canary.txt"
    canary.write_text("secret")
    cases = hostile_archives.build(inbox, canary)
    before = _tree(base)
    workdir = base / "work"
    paths, failures = expand_archives(sorted(inbox.iterdir()), workdir, root=inbox)
    return {"base": base, "inbox": inbox, "cases": cases, "paths": paths, "failures": failures,
            "before": before, "workdir": workdir}


def test_every_hostile_archive_is_refused_by_name(hostile):
    got = {f["path"]: f["reason"] for f in hostile["failures"]}
    for case in hostile["cases"]:
        assert got.get(str(hostile["inbox"] / case.name)) == case.expect, case.name
    # no member of a hostile archive survives, except the first of two same-named members
    assert [p.relative_to(hostile["workdir"]).as_posix() for p in hostile["paths"]] == ["zip-duplicate.zip!/a.txt"]


def test_nothing_lands_outside_the_workdir(hostile):
    after = _tree(hostile["base"])
    assert {p for p in after - hostile["before"] if not p.startswith("work")} == set()
    assert not Path("/tmp/actes-hostile-absolute-evil.txt").exists()
    for path in hostile["workdir"].rglob("*"):
        assert not path.is_symlink()
        assert path.is_dir() or path.is_file()


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("a/b.pdf", False),  # ordinary member
        ("./a/./b.pdf", False),  # dots that stay inside
        ("../b.pdf", True),  # zip slip
        ("a/../../b.pdf", True),  # zip slip after a folder
        ("/etc/passwd", True),  # absolute
        ("C:/Windows/x", True),  # drive letter
        ("..\\..\\b.pdf", True),  # Windows separators
        ("a\x00b.pdf", True),  # NUL
        ("caf\udce9.pdf", True),  # undecodable bytes (tar surrogateescape)
    ],
)
def test_safe_member_path(name, refused):
    if refused:
        with pytest.raises(Exception, match="refused"):
            safe_member_path("x.zip", name)
    else:
        assert str(safe_member_path("x.zip", name)) == "a/b.pdf"


def test_good_members_keep_the_archive_in_their_path(tmp_path):
    inbox, workdir = tmp_path / "inbox", tmp_path / "work"
    (inbox / "lots").mkdir(parents=True)
    (inbox / "lots/janvier.zip").write_bytes(zip_bytes({"a/arrete.txt": ARRETE.encode(), "b.txt": b"x"}))
    (inbox / "seul.txt").write_text("y")
    paths, failures = expand_archives(sorted(p for p in inbox.rglob("*") if p.is_file()), workdir, root=inbox)
    assert failures == []
    assert paths[-1] == inbox / "seul.txt"
    labels = [archive_label(p, workdir, inbox) for p in paths]
    assert labels == [f"{inbox}/lots/janvier.zip!a/arrete.txt", f"{inbox}/lots/janvier.zip!b.txt", f"{inbox}/seul.txt"]
    assert paths[0].read_text() == ARRETE


def test_nested_within_depth_is_unpacked(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "n.tgz").write_bytes(tar_bytes({"in.zip": zip_bytes({"x.txt": b"x"})}))
    paths, failures = expand_archives([inbox / "n.tgz"], tmp_path / "w", root=inbox)
    assert failures == [] and [p.name for p in paths] == ["x.txt"]
    assert "n.tgz!/in.zip!/x.txt" in str(paths[0])
    _, failures = expand_archives([inbox / "n.tgz"], tmp_path / "w2", Limits(max_archive_depth=1), root=inbox)
    assert [(f["path"], f["reason"]) for f in failures] == [(f"{inbox}/n.tgz!in.zip", "hostile-input")]


def test_total_size_limit_and_rollback(tmp_path):
    archive = tmp_path / "big.zip"
    archive.write_bytes(zip_bytes({"a.txt": os.urandom(3000), "b.txt": os.urandom(3000)}))
    paths, failures = expand_archives([archive], tmp_path / "w", Limits(max_archive_bytes=5000))
    assert paths == [] and failures[0]["reason"] == "limit-exceeded"
    assert not any(p.is_file() for p in (tmp_path / "w").rglob("*"))  # partial members removed


def test_member_count_limit_on_tar(tmp_path):
    archive = tmp_path / "many.tar.gz"
    archive.write_bytes(tar_bytes({f"{i}.txt": b"" for i in range(6)}))
    _, failures = expand_archives([archive], tmp_path / "w", Limits(max_archive_members=5))
    assert [f["reason"] for f in failures] == ["limit-exceeded"]


def test_tar_header_announcing_a_huge_member_is_refused_before_reading(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        info = tarfile.TarInfo("huge.bin")
        info.size = 10
        tar.addfile(info, io.BytesIO(b"0123456789"))
    raw = bytearray(buffer.getvalue())
    raw[124:136] = b"%011o\x00" % (8 << 30)  # header now claims 8 GiB
    checksum = sum(raw[:148]) + 8 * 32 + sum(raw[156:512])
    raw[148:156] = b"%06o\x00 " % checksum
    archive = tmp_path / "liar.tar"
    archive.write_bytes(bytes(raw))
    _, failures = expand_archives([archive], tmp_path / "w")
    assert failures and failures[0]["reason"] in {"limit-exceeded", "bad-archive"}


def test_discover_inbox_refuses_links_fifos_and_bad_names(tmp_path):
    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    inbox.mkdir(), outside.mkdir()
    (outside / "secret.txt").write_text("s")
    (inbox / "ok.txt").write_text("ok")
    (inbox / ".cache").mkdir()
    (inbox / ".cache/hidden.txt").write_text("skipped")
    os.symlink(outside / "secret.txt", inbox / "link.txt")
    os.symlink(outside, inbox / "linked-dir")
    os.mkfifo(inbox / "pipe.txt")
    with open(os.fsencode(inbox) + b"/bad\xff.txt", "wb") as handle:
        handle.write(b"x")
    paths, refused = discover_inbox(inbox, tmp_path / "out/.work")
    assert paths == [inbox / "ok.txt"]
    reasons = {Path(f["path"]).name: f["reason"] for f in refused}
    assert reasons == {"link.txt": "not-a-regular-file", "linked-dir": "not-a-regular-file",
                       "pipe.txt": "not-a-regular-file", "bad\\xff.txt": "bad-file-name"}
    for entry in refused:
        entry["path"].encode("utf-8")  # storable and printable


def test_os_litter_in_archives_is_skipped_not_failed(tmp_path):
    archive = tmp_path / "mac.zip"
    archive.write_bytes(zip_bytes({"acte.txt": b"x", "__MACOSX/._acte.txt": b"\x00\x05\x16\x07",
                                   ".DS_Store": b"\x00\x00", "dossier/Thumbs.db": b"\x00"}))
    paths, failures = expand_archives([archive], tmp_path / "w")
    assert failures == [] and [p.name for p in paths] == ["acte.txt"]


def test_an_output_folder_inside_the_inbox_is_not_read_as_input(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "out").mkdir(parents=True)
    (inbox / "acte.txt").write_text("a")
    (inbox / "out" / "actes.jsonl").write_text("{}")
    paths, refused = discover_inbox(inbox, inbox / "out" / ".actes-unpacked")
    assert paths == [inbox / "acte.txt"] and refused == []
