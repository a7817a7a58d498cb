"""Pairing: the files of one @CTES transmission become one submission; annexes stay annexes."""

from __future__ import annotations

import shutil
from pathlib import Path

from actes.readers.pairing import group_files
from fixtures.hostile.good import aracte, formulaire

ID = "034-213400001-20240115-DEL2024_001-DE"


def _touch(folder: Path, *names: str, content: bytes = b"%PDF-1.4 x") -> list[Path]:
    paths = []
    for name in names:
        path = folder / name
        path.write_bytes(content)
        paths.append(path)
    return paths


def test_transmission_with_annexes_and_aracte(tmp_path):
    (tmp_path / f"{ID}-1-1_0.xml").write_bytes(formulaire(f"{ID}-1-1_1.pdf", [f"{ID}-1-1_2.pdf", f"{ID}-1-1_3.pdf"]))
    (tmp_path / f"{ID}-1-2_0.xml").write_bytes(aracte(ID))
    _touch(tmp_path, f"{ID}-1-1_1.pdf", f"{ID}-1-1_2.pdf", f"{ID}-1-1_3.pdf", "autre.pdf")
    submissions, leftovers = group_files(sorted(tmp_path.iterdir()))
    assert leftovers == []
    by_key = {s.key: s for s in submissions}
    assert set(by_key) == {ID, str(tmp_path / "autre.pdf")}
    transmission = by_key[ID]
    assert transmission.main == str(tmp_path / f"{ID}-1-1_1.pdf")
    assert transmission.envelope == str(tmp_path / f"{ID}-1-1_0.xml")
    assert transmission.acknowledgement == str(tmp_path / f"{ID}-1-2_0.xml")
    assert transmission.annexes == [str(tmp_path / f"{ID}-1-1_2.pdf"), str(tmp_path / f"{ID}-1-1_3.pdf")]


def test_nomfichier_names_the_act_even_with_a_prefix(tmp_path):
    # Pastell names the act "32_DP-<id>-1-1_1.pdf" in the formulaire; our copy has another prefix
    (tmp_path / f"{ID}-1-1_0.xml").write_bytes(formulaire(f"32_DP-{ID}-1-1_1.pdf", []))
    _touch(tmp_path, f"pastell_{ID}-1-1_1.pdf")
    (submission,), _ = group_files(sorted(tmp_path.iterdir()))
    assert submission.main == str(tmp_path / f"pastell_{ID}-1-1_1.pdf")


def test_nomfichier_claims_files_without_an_id(tmp_path):
    (tmp_path / "formulaire.xml").write_bytes(formulaire("deliberation.pdf", ["plan.pdf"]))
    _touch(tmp_path, "deliberation.pdf", "plan.pdf", "seul.pdf")
    submissions, _ = group_files(sorted(tmp_path.iterdir()))
    claimed = [s for s in submissions if s.envelope]
    assert len(claimed) == 1
    assert claimed[0].main == str(tmp_path / "deliberation.pdf")
    assert claimed[0].annexes == [str(tmp_path / "plan.pdf")]
    assert {s.main for s in submissions if not s.envelope} == {str(tmp_path / "seul.pdf")}


def test_annexes_alone_make_the_first_the_act(tmp_path):
    _touch(tmp_path, f"{ID}-1-1_3.pdf", f"{ID}-1-1_2.pdf")
    (submission,), _ = group_files(sorted(tmp_path.iterdir()))
    assert submission.main.endswith("_2.pdf") and submission.annexes[0].endswith("_3.pdf")


def test_other_messages_are_not_acts(tmp_path, shared_dir):
    messages = shared_dir / "reference/actes/messages"
    for name in ("s2low_CourrierSimple_034-000000000-20170701-20170725A-AI-2-1_0.xml",
                 "s2low_AnomalieActe_034-000000000-20170701-20170721D-AI-1-3_0.xml"):
        shutil.copy(messages / name, tmp_path / name)
    shutil.copy(shared_dir / "reference/actes/envelopes/s2low_EACT--214502494--20170717-6.xml", tmp_path / "EACT.xml")
    _touch(tmp_path, "034-000000000-20170701-20170725A-AI-2-1_1.pdf")  # the prefecture's letter
    submissions, leftovers = group_files(sorted(tmp_path.iterdir()))
    assert leftovers == []
    assert [s.main for s in submissions] == [None]  # the letter is attached, never extracted as an act
    assert submissions[0].annexes == [str(tmp_path / "034-000000000-20170701-20170725A-AI-2-1_1.pdf")]


def test_reference_envelopes_pair_with_their_pdf(shared_dir, tmp_path):
    ref = shared_dir / "reference/actes"
    paths = [ref / "envelopes/pastell_034-491011698-20171207-CL20171227_06-DE-1-1_0.xml",
             ref / "pdf/pastell_034-491011698-20171207-CL20171227_06-DE-1-1_1.pdf",
             ref / "messages/pastell_ARActe_034-491011698-20171207-CL20171227_06-DE-1-2.xml"]
    (submission,), _ = group_files(paths)
    assert (submission.envelope, submission.main, submission.acknowledgement) == tuple(map(str, paths))


def test_broken_formulaire_still_groups_by_name(tmp_path):
    (tmp_path / f"{ID}-1-1_0.xml").write_bytes(b"<not xml")
    _touch(tmp_path, f"{ID}-1-1_1.pdf")
    (submission,), _ = group_files(sorted(tmp_path.iterdir()))
    assert submission.envelope and submission.main  # reading the envelope will name the error


def test_unknown_formats_are_leftovers(tmp_path):
    paths = _touch(tmp_path, "notes.docx", "image.png")
    assert group_files(paths) == ([], paths)


def test_second_aracte_of_an_act_is_not_dropped(tmp_path):
    # found by tests/fuzz: two ARActe files with the same IDActe; the second vanished from the batch
    (tmp_path / "ar-a.xml").write_bytes(aracte(ID))
    (tmp_path / "ar-b.xml").write_bytes(aracte(ID))
    submissions, leftovers = group_files(sorted(tmp_path.iterdir()))
    acknowledgements = sorted(s.acknowledgement for s in submissions)
    assert acknowledgements == [str(tmp_path / "ar-a.xml"), str(tmp_path / "ar-b.xml")]
    assert leftovers == []


def test_second_formulaire_of_an_act_stands_alone(tmp_path):
    for name in (f"{ID}-1-1_0.xml", f"copie-{ID}-1-1_0.xml"):
        (tmp_path / name).write_bytes(formulaire(f"{ID}-1-1_1.pdf", []))
    _touch(tmp_path, f"{ID}-1-1_1.pdf")
    submissions, _ = group_files(sorted(tmp_path.iterdir()))
    assert len(submissions) == 2
    assert sum(1 for s in submissions if s.main) == 1  # the act is extracted once
