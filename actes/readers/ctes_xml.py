"""@CTES XML: the act formulaire (``actes:Acte``) and the ARActe acknowledgement.

These files come from outside: ``actes.readers.safe_xml`` parses them (no DTD, no entity,
no network, bounded size). This module checks the @CTES shape and names the file and the
field in every error.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from lxml import etree

from actes.errors import EnvelopeError
from actes.limits import DEFAULT_LIMITS, Limits
from actes.readers.safe_xml import parse_xml
from actes.schemas.document import Envelope

NS = "http://www.interieur.gouv.fr/ACTES#v1.1-20040216"
_Q = "{%s}" % NS
P_PREF_ID = re.compile(r"\d{3}-\d{9}-\d{8}-[A-Za-z0-9_]+-(?:DE|AR|AI|CC|BF|AU)")
# xs:date, optionally with a time zone ("2017-12-07", "2017-12-07+01:00").
P_XS_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?")
NATURE_CODES = {"1", "2", "3", "4", "5", "6"}
# @CTES messages that travel with acts but are not acts (transport envelopes, prefecture mail).
OTHER_MESSAGES = {
    "EnveloppeCLMISILL", "EnveloppeMISILLCL", "AnomalieActe", "AnomalieEnveloppe", "CourrierSimple",
    "DefereTA", "LettreObservations", "PieceComplementaire", "RefusPieceComplementaire",
    "ReponseCourrierSimple", "ReponseLettreObservations", "DemandeClassification", "RetourClassification",
    "AnnulationActe", "ARAnnulation",
}

__all__ = ["NS", "P_PREF_ID", "parse_xml", "pref_id_from_name", "read_acknowledgement", "read_envelope", "xml_kind"]


def _attr(element: etree._Element, name: str) -> str | None:
    value = element.get(_Q + name)
    if value is None:
        value = element.get(name)
    return value.strip() if value and value.strip() else None


def _required_attr(path: Path, element: etree._Element, name: str) -> str:
    value = _attr(element, name)
    if value is None:
        raise EnvelopeError(path, f"missing attribute actes:{name}", field=name)
    return value


def _date(path: Path, value: str | None, field: str) -> date | None:
    if value is None:
        return None
    match = P_XS_DATE.fullmatch(value)
    try:
        if match is None:
            raise ValueError
        return date.fromisoformat(match.group(1))
    except ValueError:
        raise EnvelopeError(path, f"{value[:40]!r} is not an ISO date (AAAA-MM-JJ)", field=field) from None


def _text(element: etree._Element | None, tag: str) -> str | None:
    found = element.find(_Q + tag) if element is not None else None
    if found is None or not (found.text or "").strip():
        return None
    return " ".join(found.text.split())


def _file_name(path: Path, value: str | None, field: str) -> str | None:
    """A NomFichier is a bare file name: never a path that could point elsewhere."""
    if value is not None and ("/" in value or "\\" in value or value in {".", ".."} or "\x00" in value):
        raise EnvelopeError(path, f"{value[:80]!r} is not a bare file name", field=field)
    return value


def _acte_fields(path: Path, acte: etree._Element) -> dict:
    codes = []
    for level in range(1, 6):
        node = acte.find(f"{_Q}CodeMatiere{level}")
        if node is None:
            break
        code = _attr(node, "CodeMatiere")
        if code:
            codes.append(code)
    if not codes:
        raise EnvelopeError(path, "missing element actes:CodeMatiere1", field="CodeMatiere1")
    nature = _required_attr(path, acte, "CodeNatureActe")
    if nature not in NATURE_CODES:
        raise EnvelopeError(path, f"unknown nature code {nature[:20]!r} (expected 1 to 6)", field="CodeNatureActe")
    objet = _text(acte, "Objet")
    if objet is None:
        raise EnvelopeError(path, "missing element actes:Objet", field="Objet")
    document = _file_name(path, _text(acte.find(_Q + "Document"), "NomFichier"), "Document/NomFichier")
    if document is None:
        raise EnvelopeError(path, "missing element actes:Document/actes:NomFichier", field="Document/NomFichier")
    annexes = acte.find(_Q + "Annexes")
    names = [
        _file_name(path, " ".join(n.text.split()), "Annexes/NomFichier")
        for n in (annexes.iter(_Q + "NomFichier") if annexes is not None else [])
        if n.text and n.text.strip()
    ]
    return {
        "date": _date(path, _required_attr(path, acte, "Date"), "Date"),
        "numero": _required_attr(path, acte, "NumeroInterne"),
        "nature_code": nature,
        "matiere_codes": codes,
        "objet": objet,
        "classification_date": _plain_date(_text(acte, "ClassificationDateVersion")),
        "document": document,
        "annexes": names,
    }


def _plain_date(value: str | None) -> date | None:
    match = P_XS_DATE.fullmatch(value or "")
    try:
        return date.fromisoformat(match.group(1)) if match else None
    except ValueError:
        return None


def xml_kind(root: etree._Element) -> str | None:
    """"acte", "aracte", "other" (a @CTES message that is not an act) or None (foreign XML)."""
    if root.tag == _Q + "Acte":
        return "acte"
    if root.tag == _Q + "ARActe":
        return "aracte"
    if isinstance(root.tag, str) and root.tag.startswith(_Q) and root.tag[len(_Q):] in OTHER_MESSAGES:
        return "other"
    return None


def _check_root(path: Path, root: etree._Element, local: str) -> None:
    if root.tag == _Q + local:
        return
    qname = etree.QName(root)
    if qname.localname == local:
        namespace = qname.namespace or "no namespace"
        raise EnvelopeError(path, f"actes:{local} in {namespace!r}, expected the @CTES namespace {NS}")
    raise EnvelopeError(path, f"root element is {qname.localname!r}, expected actes:{local} (namespace {NS})")


def read_envelope(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Envelope:
    """Read an ``actes:Acte`` formulaire into an Envelope."""
    path = Path(path)
    root = parse_xml(path, limits)
    _check_root(path, root, "Acte")
    envelope = Envelope(path=str(path), **_acte_fields(path, root))
    envelope.pref_id = pref_id_from_name(path.name)
    return envelope


def read_acknowledgement(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str | None, date | None]:
    """Read an ARActe: (IDActe, DateReception)."""
    path = Path(path)
    root = parse_xml(path, limits)
    _check_root(path, root, "ARActe")
    pref_id = _required_attr(path, root, "IDActe")
    if not P_PREF_ID.fullmatch(pref_id):
        raise EnvelopeError(path, f"{pref_id[:60]!r} is not an @CTES act ID", field="IDActe")
    return pref_id, _date(path, _required_attr(path, root, "DateReception"), "DateReception")


def pref_id_from_name(name: str) -> str | None:
    """The @CTES ID carried by a transmission file name, e.g. ``034-…-CL20171227_06-DE-1-1_0.xml``."""
    match = P_PREF_ID.search(name)
    return match.group(0) if match else None
