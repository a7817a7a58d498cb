"""Parse untrusted XML: no DTD, no entity, no network, no XInclude, bounded size and depth.

The checks run on the raw bytes before libxml2 sees them, so a refused construct is never
half-processed: the file must be in an ASCII-compatible encoding we allow, and must not
declare a DOCTYPE or an ENTITY anywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from actes.errors import EnvelopeError, HostileInput, LimitExceeded, UnreadableFile
from actes.limits import DEFAULT_LIMITS, Limits

# Encodings @CTES tools actually write (the protocol says ISO-8859-1; UTF-8 and Windows-1252 occur).
ALLOWED_ENCODINGS = {"utf-8", "utf8", "iso-8859-1", "iso8859-1", "latin-1", "latin1", "iso-8859-15",
                     "windows-1252", "cp1252", "us-ascii", "ascii"}
P_DECLARATION = re.compile(rb"^<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
P_DECLARATION_START = re.compile(rb"^<\?xml\b")
# A multibyte UTF-8 sequence: in a file declared Latin-1 it means the bytes are really UTF-8.
P_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
UTF8_BOM = b"\xef\xbb\xbf"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True, recover=False,
    )


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of ``path``; a longer file raises LimitExceeded without being read whole."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableFile(path, f"cannot open: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise LimitExceeded(path, f"XML over the {max_bytes}-byte limit")
    return raw


def check_encoding(path: Path, raw: bytes) -> str:
    """The declared (or implied UTF-8) encoding, if allowed and consistent with the bytes."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
        raise EnvelopeError(path, "XML in UTF-16/32 is not a @CTES encoding (ISO-8859-1 or UTF-8)")
    body = raw[3:] if raw.startswith(UTF8_BOM) else raw
    if not body.lstrip()[:1] == b"<":
        raise EnvelopeError(path, "not XML: the file does not start with '<' in an ASCII-compatible encoding")
    match = P_DECLARATION.match(body.lstrip())
    if match is None:
        if P_DECLARATION_START.match(body.lstrip()) and b"encoding" in body[:200]:
            raise EnvelopeError(path, "unreadable encoding in the XML declaration")
        encoding = "utf-8"
    else:
        encoding = match.group(1).decode("ascii").lower()
    if encoding not in ALLOWED_ENCODINGS:
        raise EnvelopeError(
            path, f'encoding "{encoding}" is not allowed (ISO-8859-1, UTF-8 or Windows-1252)'
        )
    if encoding in {"utf-8", "utf8"}:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            said = "declared UTF-8" if match else "no encoding declared (so UTF-8)"
            raise EnvelopeError(
                path, f"{said} but byte {exc.start} is not UTF-8 (saved as ISO-8859-1?)"
            ) from None
    elif P_UTF8_MULTIBYTE.search(raw) and _is_utf8(raw):
        raise EnvelopeError(path, f'declared "{encoding}" but the bytes are UTF-8: fix the XML declaration')
    return encoding


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def parse_xml(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """Parse an untrusted XML file and return its root, or raise a FileError naming it."""
    path = Path(path)
    raw = read_bounded(path, limits.max_xml_bytes)
    if not raw.strip():
        raise UnreadableFile(path, "the file is empty")
    check_encoding(path, raw)
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise HostileInput(path, "XML with a DTD or entity declarations is refused (XXE, billion laughs)")
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        raise EnvelopeError(path, f"malformed XML: {exc.msg}") from None
    except (ValueError, LookupError) as exc:
        raise EnvelopeError(path, f"malformed XML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise HostileInput(path, "XML with a DTD is refused")
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        raise HostileInput(path, "XML with entity references is refused")
    return root
