"""The one place every Act passes through before any exporter sees it.

``export_package`` calls ``prepare(act)`` on each act read from the catalog and hands the
result to every exporter of the package. This is where pseudonymisation plugs in (a function
applied to each Act, with a policy by nature): return a modified copy to publish that, or
None to leave the act out of the whole package (it is then counted as "not published" in
validation.json). The catalog keeps the original values.
"""

from __future__ import annotations

from actes.schemas.act import Act


def prepare(act: Act) -> Act | None:
    """The act as it may be published. Today: unchanged."""
    return act
