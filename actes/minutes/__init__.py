"""Council meetings as data: the attendance block of minutes and délibérations, and the
``Seance`` every act of one meeting shares (issue 15).

    read_attendance(text)        → Attendance (entries: name, status, proxy holder, notes)
    seance_of(act, doc, ...)     → Seance | None, built from an act and its document
    attach_seance(act, doc, ...) → the extraction hook: sets ``act.seance``

One concept per module: ``vocabulary`` (labels, connectors, notes), ``names`` (how a name is
printed and compared), ``entries`` (one section → its people), ``attendance`` (the block),
``seance`` (the meeting), ``attach`` (the pipeline hook).
"""

from actes.minutes.attendance import Attendance, read_attendance

__all__ = ["Attendance", "read_attendance"]
