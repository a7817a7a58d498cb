"""The extraction hook: give each act the séance it was decided in.

An act whose own text holds an attendance block gets the séance read there (a bundle of
délibérations repeats the block in each); an item of minutes gets the séance of its file,
whose head holds the block. Never raises: an act without a séance is still an act.
"""

from __future__ import annotations

import logging

from actes.minutes.attendance import read_attendance
from actes.minutes.seance import seance_of
from actes.schemas.act import Act
from actes.schemas.document import Document

log = logging.getLogger(__name__)
HEAD_LIMIT = 20000  # characters of an act's text where its attendance block may start


def attach_seance(act: Act, doc: Document, start: int, end: int, parent: Act | None = None) -> Act:
    """Set ``act.seance`` from ``doc.text[start:end]``, else from ``parent`` (the file's act)."""
    try:
        found = read_attendance(doc.text, start, min(end, start + HEAD_LIMIT))
        if found:
            act.seance = seance_of(act, doc, found, start)
        elif parent is not None and parent.seance is not None:
            act.seance = parent.seance
    except Exception:  # noqa: BLE001 - a reader bug must not lose the act
        log.exception('reading the attendance of act "%s" failed', act.id)
    return act
