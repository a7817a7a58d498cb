"""@CTES XML: the act formulaire (``actes:Acte``) and the ARActe acknowledgement.

These files come from outside: parsing forbids DTDs and entities, never touches the network,
and refuses files over ``Limits.max_xml_bytes``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from lxml import etree

from actes.errors import EnvelopeError, HostileInput, LimitExceeded
from actes.limits import DEFAULT_LIMITS, Limits
from actes.schemas.document import Envelope

NS = "http://www.interieur.gouv.fr/ACTES#v1.1-20040216"
_Q = "{%s}" % NS
P_PREF_ID = re.compile(r"\d{3}-\d{9}-\d{8}-[A-Za-z0-9_]+-(?:DE|AR|AI|CC|BF|AU)")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )


def parse_xml(path: Path, limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """Parse an untrusted XML file and return its root, or raise a FileError naming it."""
    size = path.stat().st_size
    if size > limits.max_xml_bytes:
        raise LimitExceeded(path, f"XML of {size} bytes is over the {limits.max_xml_bytes}-byte limit")
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
        raise EnvelopeError(path, "XML in UTF-16/32 is not a @CTES encoding (ISO-8859-1 or UTF-8)")
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise HostileInput(path, "XML with a DTD or entity declarations is refused (XXE, billion laughs)")
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        raise EnvelopeError(path, f"malformed XML: {exc.msg}") from None
    except ValueError as exc:
        raise EnvelopeError(path, f"malformed XML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise HostileInput(path, "XML with a DTD is refused")
    return root


def _attr(element: etree._Element, name: str) -> str | None:
    value = element.get(_Q + name)
    if value is None:
        value = element.get(name)
    return value.strip() if value and value.strip() else None


def _date(path: Path, element: etree._Element, name: str) -> date | None:
    value = _attr(element, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise EnvelopeError(path, f"{value!r} is not an ISO date", field=name) from None


def _text(element: etree._Element, tag: str) -> str | None:
    found = element.find(_Q + tag)
    if found is None or not (found.text or "").strip():
        return None
    return " ".join(found.text.split())


def _acte_fields(path: Path, acte: etree._Element) -> dict:
    codes = []
    for level in range(1, 6):
        node = acte.find(f"{_Q}CodeMatiere{level}")
        if node is None:
            break
        code = _attr(node, "CodeMatiere")
        if code:
            codes.append(code)
    document = acte.find(_Q + "Document")
    annexes = acte.find(_Q + "Annexes")
    nature = _attr(acte, "CodeNatureActe")
    if nature is not None and nature not in {"1", "2", "3", "4", "5", "6"}:
        raise EnvelopeError(path, f"unknown nature code {nature!r}", field="CodeNatureActe")
    return {
        "date": _date(path, acte, "Date"),
        "numero": _attr(acte, "NumeroInterne"),
        "nature_code": nature,
        "matiere_codes": codes,
        "objet": _text(acte, "Objet"),
        "classification_date": _parse_plain_date(_text(acte, "ClassificationDateVersion")),
        "document": _text(document, "NomFichier") if document is not None else None,
        "annexes": [
            " ".join(n.text.split())
            for n in (annexes.iter(_Q + "NomFichier") if annexes is not None else [])
            if n.text and n.text.strip()
        ],
    }


def _parse_plain_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def xml_kind(root: etree._Element) -> str | None:
    """"acte", "aracte" or None for other @CTES messages or foreign XML."""
    if root.tag == _Q + "Acte":
        return "acte"
    if root.tag == _Q + "ARActe":
        return "aracte"
    return None


def read_envelope(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Envelope:
    """Read an ``actes:Acte`` formulaire into an Envelope."""
    path = Path(path)
    root = parse_xml(path, limits)
    if root.tag != _Q + "Acte":
        raise EnvelopeError(path, f"root element is {root.tag!r}, expected actes:Acte in namespace {NS}")
    envelope = Envelope(path=str(path), **_acte_fields(path, root))
    envelope.pref_id = pref_id_from_name(path.name)
    return envelope


def read_acknowledgement(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str | None, date | None]:
    """Read an ARActe: (IDActe, DateReception)."""
    path = Path(path)
    root = parse_xml(path, limits)
    if root.tag != _Q + "ARActe":
        raise EnvelopeError(path, f"root element is {root.tag!r}, expected actes:ARActe")
    pref_id = _attr(root, "IDActe")
    if pref_id and not P_PREF_ID.fullmatch(pref_id):
        raise EnvelopeError(path, f"{pref_id!r} is not an @CTES act ID", field="IDActe")
    return pref_id, _date(path, root, "DateReception")


def pref_id_from_name(name: str) -> str | None:
    """The @CTES ID carried by a transmission file name, e.g. ``034-…-CL20171227_06-DE-1-1_0.xml``."""
    match = P_PREF_ID.search(name)
    return match.group(0) if match else None
