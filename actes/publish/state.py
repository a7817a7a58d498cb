"""What the last ``actes publish`` wrote, so the next one touches only what changed since.

For every act of the catalog it published or held: when the catalog last wrote it, the clerk's
latest decision on it, and the corrections remembered for its authority (a decision on one act
can release another of the same authority). An act whose three marks are unchanged gives the
same published rows, so it is left as it is; any other is published again, or removed.

The state lives beside ``publication.db`` (``.publication-state.db``), never in it: the public
database must not learn which acts were held, nor why. Each build writes a random token in both;
a state whose token is not the database's (a crash between the two writes, a database copied
from elsewhere) or that was written by another format, policy or extractor is ignored and the
next build is a full one.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

STATE_FILE = ".publication-state.db"
FORMAT = "1"  # bump when what publication.db holds for an act changes: the next build is a full one

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    """CREATE TABLE IF NOT EXISTS acts (id TEXT PRIMARY KEY, updated_at TEXT, decision TEXT, memory TEXT,
    authority TEXT, feed TEXT, status TEXT NOT NULL)""",
    "CREATE TABLE IF NOT EXISTS jsonld (line_sha TEXT PRIMARY KEY, act_id TEXT NOT NULL)",
)


@dataclass
class Entry:
    """One act as the last build left it."""

    updated_at: str | None
    decision: str
    memory: str
    authority: str | None
    feed: str | None
    status: str  # "published" or "held" (why is the run report's business, not kept here)


@dataclass
class PublishState:
    """The previous build's entries (empty for a first or full build) and its meta."""

    path: Path
    meta: dict[str, str] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    jsonld: dict[str, str] = field(default_factory=dict)  # sha of a line of actes-jsonld.jsonl → act ID

    @classmethod
    def load(cls, out: Path) -> PublishState:
        path = Path(out) / STATE_FILE
        state = cls(path)
        if not path.is_file():
            return state
        try:
            conn = sqlite3.connect(path)
            try:
                state.meta = dict(conn.execute("SELECT key, value FROM meta"))
                for row in conn.execute("SELECT id, updated_at, decision, memory, authority, feed, status FROM acts"):
                    state.entries[row[0]] = Entry(*row[1:])
                state.jsonld = dict(conn.execute("SELECT line_sha, act_id FROM jsonld"))
            finally:
                conn.close()
        except sqlite3.DatabaseError:  # unreadable: start again from a full build
            return cls(path)
        return state

    def matches(self, meta: dict[str, str], token: str | None) -> bool:
        """Whether an incremental build may start from this state and a database carrying ``token``."""
        wanted = meta | {"token": token}
        return bool(self.meta) and token is not None and all(self.meta.get(k) == v for k, v in wanted.items())

    def save(
        self, meta: dict[str, str], changed: dict[str, Entry], removed: set[str], jsonld: dict[str, str], *, full: bool
    ) -> None:
        """Write this build's entries (all of them after a full build, else only those that moved)."""
        if full:
            self.path.unlink(missing_ok=True)
        conn = sqlite3.connect(self.path)
        try:
            with conn:
                for statement in _SCHEMA:
                    conn.execute(statement)
                conn.execute("DELETE FROM meta")  # all in one transaction: the old state or the new one
                conn.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
                conn.executemany("DELETE FROM acts WHERE id = ?", [(i,) for i in removed])
                conn.executemany(
                    "INSERT OR REPLACE INTO acts VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (i, e.updated_at, e.decision, e.memory, e.authority, e.feed, e.status)
                        for i, e in changed.items()
                    ],
                )
                before = {} if full else self.jsonld
                conn.executemany(
                    "DELETE FROM jsonld WHERE line_sha = ?", [(sha,) for sha in before.keys() - jsonld.keys()]
                )
                conn.executemany(
                    "INSERT OR REPLACE INTO jsonld VALUES (?, ?)",
                    [(sha, act_id) for sha, act_id in jsonld.items() if before.get(sha) != act_id],
                )
        finally:
            conn.close()


def decision_mark(decision: dict | None) -> str:
    """The clerk's latest decision on an act, as a mark that changes with any new decision."""
    return "" if not decision else f"{decision['id']}:{decision['decision']}"


def memory_mark(corrections: list[dict] | None) -> str:
    """The corrections remembered for an authority, as a mark that changes when one is added."""
    if not corrections:
        return ""
    text = json.dumps(corrections, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]
