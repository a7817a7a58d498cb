"""Group the files of an inbox into submissions: one act document with its @CTES formulaire,
its ARActe and its annexes. Annexes are attached to their act, never extracted as acts.

@CTES transmissions name their files ``[NN_XX-]DDD-SIREN-AAAAMMJJ-NUMERO-NATURE-T-S_K.ext``:
``K = 0`` is the formulaire (message 1-1) or the ARActe (message 1-2), ``K = 1`` the act, ``K ≥ 2`` annexes.
"""

from __future__ import annotations

import re
from pathlib import Path

from actes.schemas.document import Submission

P_TRANSMISSION = re.compile(
    r"(?P<id>\d{3}-\d{9}-\d{8}-[A-Za-z0-9_]+-(?:DE|AR|AI|CC|BF|AU))-(?P<type>\d+)-(?P<step>\d+)(?:_(?P<k>\d+))?$"
)
DOCUMENT_SUFFIXES = {".pdf", ".txt"}
IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}


def _is_visible(path: Path, root: Path) -> bool:
    rel = path.relative_to(root)
    return not any(part.startswith(".") for part in rel.parts) and path.name.lower() not in IGNORED_NAMES


def list_inbox(inbox: Path) -> list[Path]:
    """Every regular file under ``inbox`` (symlinks excluded), in a stable order."""
    return sorted(
        p for p in inbox.rglob("*") if p.is_file() and not p.is_symlink() and _is_visible(p, inbox)
    )


def group_files(paths: list[Path]) -> tuple[list[Submission], list[Path]]:
    """Return the submissions found and the files that belong to none (unknown formats)."""
    transmissions: dict[str, dict] = {}
    submissions: list[Submission] = []
    leftovers: list[Path] = []
    for path in paths:
        match = P_TRANSMISSION.search(path.stem)
        suffix = path.suffix.lower()
        if match:
            group = transmissions.setdefault(match["id"], {"xml": [], "docs": []})
            if suffix == ".xml":
                group["xml"].append((match, path))
            else:
                group["docs"].append((match, path))
            continue
        if suffix in DOCUMENT_SUFFIXES:
            submissions.append(Submission(key=str(path), main=str(path)))
        elif suffix == ".xml":
            # A formulaire whose name carries no ID stands alone; reading it says what it is.
            submissions.append(Submission(key=str(path), envelope=str(path)))
        else:
            leftovers.append(path)
    for pref_id, group in transmissions.items():
        submissions.append(_transmission(pref_id, group))
    submissions.sort(key=lambda s: s.key)
    return submissions, leftovers


def _transmission(pref_id: str, group: dict) -> Submission:
    submission = Submission(key=pref_id)
    for match, path in sorted(group["xml"], key=lambda item: str(item[1])):
        # Message 1-1 is the act's formulaire; 1-2 the ARActe; others are ignored here.
        if match["type"] == "1" and match["step"] == "2":
            submission.acknowledgement = str(path)
        elif submission.envelope is None:
            submission.envelope = str(path)
    docs = sorted(group["docs"], key=lambda item: (int(item[0]["k"] or 1), str(item[1])))
    for match, path in docs:
        if submission.main is None and (match["k"] in (None, "1")):
            submission.main = str(path)
        else:
            submission.annexes.append(str(path))
    if submission.main is None and submission.annexes:
        submission.main = submission.annexes.pop(0)
    return submission
