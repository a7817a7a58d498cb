"""The one place every Act passes through before any exporter sees it.

``export_package`` calls ``prepare(act)`` on each act read from the catalog and hands the
result to every exporter of the package: the pseudonymised copy the privacy policy allows
(``actes.privacy``), or None to leave the act out of the whole package (held for review; it
is then counted as "not published" in validation.json). The catalog keeps the original values.
"""

from __future__ import annotations

from actes.privacy import DEFAULT_POLICY, publishable
from actes.schemas.act import Act


def prepare(act: Act) -> Act | None:
    """The act as the default privacy policy lets it be published (no clerk decisions known)."""
    return publishable(act, DEFAULT_POLICY)
