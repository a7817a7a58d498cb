"""Group the files of an inbox into submissions: one act document with its @CTES formulaire,
its ARActe and its annexes. Annexes are attached to their act, never extracted as acts.

@CTES transmissions name their files ``[NN_XX-]DDD-SIREN-AAAAMMJJ-NUMERO-NATURE-T-S_K.ext``:
``K = 0`` is the formulaire (message 1-1) or the ARActe (message 1-2), ``K = 1`` the act, ``K ≥ 2`` annexes.
The formulaire's ``Document/NomFichier`` names the act document and ``Annexes`` its annexes:
when it can be read, those names win over the ``K`` rule (a file named there joins the
transmission even when its own name carries no ID).
"""

from __future__ import annotations

import re
from pathlib import Path

from actes.errors import FileError
from actes.limits import DEFAULT_LIMITS, Limits
from actes.readers.ctes_xml import P_PREF_ID, xml_kind
from actes.readers.safe_xml import parse_xml
from actes.schemas.document import Submission

P_TRANSMISSION = re.compile(
    r"(?P<id>\d{3}-\d{9}-\d{8}-[A-Za-z0-9_]+-(?:DE|AR|AI|CC|BF|AU))-(?P<type>\d+)-(?P<step>\d+)(?:_(?P<k>\d+))?$"
)
DOCUMENT_SUFFIXES = {".pdf", ".txt"}
IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}
_NS = "{http://www.interieur.gouv.fr/ACTES#v1.1-20040216}"


def _is_visible(path: Path, root: Path) -> bool:
    rel = path.relative_to(root)
    return not any(part.startswith(".") for part in rel.parts) and path.name.lower() not in IGNORED_NAMES


def list_inbox(inbox: Path) -> list[Path]:
    """Every regular file under ``inbox`` (symlinks excluded), in a stable order.

    The batch uses ``actes.readers.inbox.discover_inbox``, which also reports what it refuses.
    """
    return sorted(
        p for p in inbox.rglob("*") if p.is_file() and not p.is_symlink() and _is_visible(p, inbox)
    )


class _Xml:
    """What pairing needs from an XML file: its kind, its act ID, the names it claims."""

    def __init__(self, path: Path, limits: Limits):
        self.path, self.kind, self.pref_id = path, "unreadable", None
        self.document: str | None = None
        self.annexes: list[str] = []
        match = P_TRANSMISSION.search(path.stem)
        try:
            root = parse_xml(path, limits)
        except FileError:
            self.pref_id = match["id"] if match else None
            return  # reading it for extraction reports the error
        self.kind = xml_kind(root) or "foreign"
        if self.kind == "acte":
            self.document = _name(root.find(f"{_NS}Document/{_NS}NomFichier"))
            self.annexes = [n for n in map(_name, root.iterfind(f"{_NS}Annexes//{_NS}NomFichier")) if n]
            named = P_PREF_ID.search(self.document or "")
            self.pref_id = match["id"] if match else (named.group(0) if named else None)
        elif self.kind == "aracte":
            id_acte = root.get(f"{_NS}IDActe") or ""
            self.pref_id = id_acte if P_PREF_ID.fullmatch(id_acte) else (match["id"] if match else None)
        if match and match["type"] == "1" and match["step"] == "2" and self.kind == "unreadable":
            self.kind = "aracte"


def _name(node) -> str | None:
    text = " ".join((node.text or "").split()) if node is not None else ""
    return text or None


def group_files(paths: list[Path], limits: Limits = DEFAULT_LIMITS) -> tuple[list[Submission], list[Path]]:
    """Return the submissions found and the files that belong to none (unknown formats).

    @CTES messages that are not acts (transport envelopes, prefecture letters, anomalies)
    belong to no submission and are not leftovers either: they carry no act to extract.
    """
    transmissions: dict[str, dict] = {}
    submissions: list[Submission] = []
    leftovers: list[Path] = []
    claims: dict[tuple[Path, str], tuple[str, str]] = {}  # (folder, name) → (transmission, role)
    documents: list[Path] = []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in DOCUMENT_SUFFIXES:
            documents.append(path)
        elif suffix != ".xml":
            leftovers.append(path)
        else:
            xml = _Xml(path, limits)
            if xml.kind == "other":
                continue
            if xml.pref_id is None or xml.kind == "foreign":
                # A formulaire we cannot tie to an ID stands alone; reading it says what it is.
                group = transmissions.setdefault(str(path), _new_group())
            else:
                group = transmissions.setdefault(xml.pref_id, _new_group())
            role = "acknowledgement" if xml.kind == "aracte" else "envelope"
            group[role].append(path)
            if xml.kind == "acte":
                key = xml.pref_id or str(path)
                if xml.document:
                    claims.setdefault((path.parent, xml.document), (key, "main"))
                for name in xml.annexes:
                    claims.setdefault((path.parent, name), (key, "annex"))
    for path in documents:
        claim = claims.get((path.parent, path.name))
        match = P_TRANSMISSION.search(path.stem)
        if claim:
            transmissions[claim[0]]["docs"].append((claim[1], path))
        elif match:
            role = _role(match)
            transmissions.setdefault(match["id"], _new_group())["docs"].append((role, path))
        else:
            submissions.append(Submission(key=str(path), main=str(path)))
    for key, group in transmissions.items():
        submissions.extend(_transmission(key, group))
    submissions.sort(key=lambda s: s.key)
    return submissions, leftovers


def _new_group() -> dict:
    return {"envelope": [], "acknowledgement": [], "docs": []}


def _transmission(key: str, group: dict) -> list[Submission]:
    """The transmission's submission, plus one lone submission per extra formulaire or ARActe
    (a second copy is never dropped silently: reading it alone says what it lacks)."""
    submission = Submission(key=key)
    envelopes = sorted(group["envelope"], key=str)
    submission.envelope = str(envelopes[0]) if envelopes else None
    acks = sorted(group["acknowledgement"], key=str)
    submission.acknowledgement = str(acks[0]) if acks else None
    extras = [Submission(key=str(p), envelope=str(p)) for p in envelopes[1:]]
    extras += [Submission(key=str(p), acknowledgement=str(p)) for p in acks[1:]]
    docs = sorted(group["docs"], key=lambda item: (item[0] != "main", _k(item[1]), str(item[1])))
    for role, path in docs:
        if role == "main" and submission.main is None:
            submission.main = str(path)
        else:
            submission.annexes.append(str(path))
    if submission.main is None and submission.envelope is None:
        # Annexes of an act (message 1-1) alone, no formulaire: the first is the best guess of the act.
        for role, path in docs:
            if role == "annex":
                submission.main = str(path)
                submission.annexes.remove(str(path))
                break
    return [submission, *extras]


def _role(match: re.Match) -> str:
    """main (K = 1 of message 1-1), annex (K ≥ 2), or correspondence (other messages: never an act)."""
    if (match["type"], match["step"]) != ("1", "1"):
        return "correspondence"
    return "main" if (match["k"] or "1") == "1" else "annex"


def _k(path: Path) -> int:
    match = P_TRANSMISSION.search(path.stem)
    return int(match["k"]) if match and match["k"] else 1
