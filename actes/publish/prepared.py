"""Acts the package already prepared for publication, so ``actes publish`` need not do it twice.

``actes run`` ends with the export, which passes every act through the privacy ``Publisher``
and writes the result, the whole published model, to ``actes.jsonl``. Publishing the same acts
again costs as much (pseudonymisation is most of a publish). A line of that file is taken as
the act's published form only when nothing that shapes it can have moved since the export
began (``selection.until`` in ``datapackage.json``):

- the package holds the whole catalog (no ``--since`` nor ``--run`` selection), by this
  extractor version, under the default privacy policy, the one the export applies;
- the catalog last wrote the act before the export began (a new extraction or a clerk's value
  after it: not reused);
- no review decision at all was recorded since the export began (a decision on one act can
  release another of its authority);
- the file was written after the export began (it is that export's).

Anything else is prepared again by the ``Publisher``. An act missing from the file (held by the
export, or an export that left it out) is, too.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import func, select

from actes.privacy.policy import DEFAULT_POLICY, PrivacyPolicy
from actes.schemas.act import Act
from actes.store import Catalog
from actes.store import tables as t
from actes.version import EXTRACTOR_VERSION

ACTS_FILE = "actes.jsonl"
PACKAGE_FILE = "datapackage.json"


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def export_began(out: Path, policy: PrivacyPolicy) -> dt.datetime | None:
    """When the export that wrote ``out/actes.jsonl`` began, if its lines may be reused at all."""
    if policy != DEFAULT_POLICY or not (out / ACTS_FILE).is_file() or not (out / PACKAGE_FILE).is_file():
        return None
    try:
        package = json.loads((out / PACKAGE_FILE).read_text(encoding="utf-8")).get("actes") or {}
        selection = package.get("selection") or {}
        if selection.get("since") or selection.get("run") is not None or not selection.get("until"):
            return None
        if package.get("extractor_version") != EXTRACTOR_VERSION:
            return None
        began = _utc(dt.datetime.fromisoformat(selection["until"]))
    except (ValueError, AttributeError, TypeError):
        return None
    written = dt.datetime.fromtimestamp((out / ACTS_FILE).stat().st_mtime, dt.UTC)
    return began if written >= began else None


def prepared_acts(out: Path, catalog: Catalog, policy: PrivacyPolicy, wanted: dict[str, dt.datetime]) -> dict[str, Act]:
    """The published form of the acts of ``wanted`` (ID → when the catalog last wrote it) that the
    package holds and that nothing changed since; the others are for the ``Publisher``."""
    began = export_began(out, policy)
    if began is None or not wanted:
        return {}
    with catalog.engine.connect() as conn:
        last_decision = conn.execute(select(func.max(t.reviews.c.decided_at))).scalar()
    if last_decision is not None and _utc(last_decision) >= began:
        return {}
    fresh = {act_id for act_id, at in wanted.items() if _utc(at) < began}
    found: dict[str, Act] = {}
    prefix = '{"id":"'
    with (out / ACTS_FILE).open(encoding="utf-8") as handle:
        for line in handle:
            if not fresh - found.keys():
                break
            if line.startswith(prefix):  # the ID first, as the exporter writes it: no parse for the others
                act_id = line[len(prefix) : line.find('"', len(prefix))]
                if act_id not in fresh and "\\" not in act_id:  # an escaped ID is read by the parser
                    continue
            act = Act.model_validate_json(line)
            if act.id in fresh:
                found[act.id] = act
    return found
