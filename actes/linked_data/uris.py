"""Stable URIs of published acts, built from what never changes.

One template (docs/linked-data.md)::

    {base}/eli/{siren}/{nature}/{date_decision}/{numero}     an act
    {base}/acte/{id}                                         an act missing one of those parts
    {base}/organisation/{siren}                              an authority (by its SIREN)
    {base}/seance/{siren}/{date}/{organe}                    a séance (else {base}/seance/{id})
    {base}/organisation/{siren}/{organe}                     the council that met
    {base}/personne/{siren}/{slug}                           a councillor (officials only)

- ``base``: the setting ``ACTES_LINKED_DATA_BASE`` (environment), default ``DEFAULT_BASE``, a
  placeholder domain (``example.org`` is reserved for documentation) to replace by the domain
  that will serve the acts.
- ``siren``: the authority's 9-digit SIREN; ``nature``: ``deliberation``, ``arrete``, ``decision``,
  ``contrat``, ``budget`` or ``autre``; ``date_decision``: ISO ``AAAA-MM-JJ``; ``numero``: the act's
  number as printed, percent-encoded except the RFC 3986 unreserved characters (``2023/174`` →
  ``2023%2F174``), so two numbers never give one URI.
- Fallback: when the SIREN, the nature, the date or the number is unknown, ``{base}/acte/{id}``
  with the act's stable ID (the @CTES ID when known, else the file's hash and the act's position),
  percent-encoded the same way.

Every act also carries its @CTES ID (``eli:id_local``) and its package ID (``dcterms:identifier``),
so a URI that moved from the fallback to the template (a later extraction found the number) can
still be joined.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from actes.schemas.act import Act

ENV = "ACTES_LINKED_DATA_BASE"
DEFAULT_BASE = "https://actes.example.org"
_SIREN = re.compile(r"^\d{9}$")


def base_uri(value: str | None = None) -> str:
    """The base of every URI: ``value``, else ``$ACTES_LINKED_DATA_BASE``, else the placeholder."""
    base = (value or os.environ.get(ENV) or DEFAULT_BASE).strip().rstrip("/")
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", base):
        raise ValueError(f"{ENV}: {base!r} is not an absolute http(s) URL")
    return base


@lru_cache(maxsize=4096)  # the same few SIRENs, asked several times per act
def is_siren(value: str | None) -> bool:
    return bool(value) and _SIREN.match(value) is not None


_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]+")


def segment(text: str) -> str:
    """One path segment: every character but the RFC 3986 unreserved ones percent-encoded
    (most numbers and IDs have none to encode: returned as they are, without ``quote``)."""
    text = text.strip()
    return text if _UNRESERVED.fullmatch(text) else quote(text, safe="-._~")


def _value(enum_or_str) -> str:
    return getattr(enum_or_str, "_value_", enum_or_str)  # an Enum's value (``.value`` is a slower property)


def act_path(act: Act) -> str:
    """The act's path under the base: ``/eli/…`` when every part is known, else ``/acte/{id}``."""
    siren = act.collectivite.siren
    numero = (act.numero or "").strip()
    if is_siren(siren) and act.nature is not None and act.date_decision is not None and numero:
        return f"/eli/{siren}/{_value(act.nature)}/{act.date_decision.isoformat()}/{segment(numero)}"
    return f"/acte/{segment(act.id)}"


def act_uri(act: Act, base: str) -> str:
    return base + act_path(act)


def fallback_uri(act: Act, base: str) -> str:
    """``{base}/acte/{id}``: the URI of an act whose template URI another act of the package has."""
    return f"{base}/acte/{segment(act.id)}"


def authority_uri(siren: str, base: str) -> str:
    return f"{base}/organisation/{siren}"


# -- Séances and councillors ----------------------------------------------------------------------


def slug(text: str, *, any_order: bool = False) -> str:
    """Lowercase ASCII words joined by ``-``: ``Conseil Municipal`` → ``conseil-municipal``.
    ``any_order``: words sorted, so "Claire MOREAU" and "MOREAU Claire" give one slug."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", folded)
    return "-".join(sorted(words) if any_order else words)


def seance_uri(siren: str | None, date, organe: str | None, seance_id: str, base: str) -> str:
    """``{base}/seance/{siren}/{date}/{organe}``, else ``{base}/seance/{id}`` (a part unknown)."""
    body = slug(organe or "")
    if is_siren(siren) and date is not None and body:
        return f"{base}/seance/{siren}/{date.isoformat()}/{body}"
    return f"{base}/seance/{segment(seance_id)}"


def body_uri(siren: str | None, organe: str, seance: str, base: str) -> str:
    """The council that met: ``{base}/organisation/{siren}/{organe}``, else a node of the séance."""
    return f"{authority_uri(siren, base)}/{slug(organe)}" if is_siren(siren) else seance + "#organe"


def person_uri(siren: str | None, name: str, local: str, base: str) -> str:
    """A councillor (officials only): ``{base}/personne/{siren}/{slug}``; without a SIREN, a node
    of ``local`` (the séance or the act) — never guessed across authorities."""
    key = slug(name, any_order=True)
    return f"{base}/personne/{siren}/{key}" if is_siren(siren) else f"{local}#personne-{key}"
