"""Catalog tables. SQLAlchemy Core, portable between SQLite and PostgreSQL.

This is the schema at the head migration: change it only together with a new revision in
``actes/store/migrations/versions/``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(20), nullable=False),  # running | done | failed | interrupted
    Column("inbox", Text),
    Column("extractor_version", String(40), nullable=False),
    Column("report", JSON),
    Column("pid", Integer),  # 0002: who ran it, to explain an "interrupted" run
    Column("host", String(255)),
)

# One row per submission (the files of one transmission), keyed by the digest of its files.
inputs = Table(
    "inputs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest", String(64), nullable=False),
    Column("path", Text, nullable=False),  # the act document (or the lone file)
    Column("files", JSON, nullable=False),  # [{path, sha256, size, role}]
    Column("size", Integer, nullable=False, default=0),
    Column("status", String(20), nullable=False, index=True),  # processed | failed (0005: indexed, the quarantine)
    Column("reason", Text),  # the error message naming the file, when failed
    Column("error", String(40)),  # 0002: the FileError slug (unreadable, timeout, worker-died…)
    Column("seconds", Float),  # 0002: extraction time in the worker
    Column("extractor_version", String(40), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("processed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("digest", name="uq_inputs_digest"),
)

acts = Table(
    "acts", metadata,
    Column("id", String(200), primary_key=True),
    Column("input_id", Integer, ForeignKey("inputs.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("nature", String(20)),
    Column("date_decision", String(10)),
    Column("collectivite_siren", String(9), index=True),  # 0005: indexed (a partition's citable délibérations)
    Column("objet", Text),
    Column("data", JSON, nullable=False),  # the whole Act, original text values (never pseudonymised)
    Column("extractor_version", String(40), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("partition", String(120), index=True),  # 0005: the export partition (actes.store.partitions)
)

provenance = Table(
    "provenance", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("act_id", String(200), ForeignKey("acts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("field", String(80), nullable=False),
    Column("source", String(20), nullable=False),
    Column("extractor", String(80), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("page", Integer),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("snippet", Text),
)

problems = Table(
    "problems", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("act_id", String(200), ForeignKey("acts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("slug", String(80), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("field", String(80)),
    Column("message", Text, nullable=False),
)

# A clerk's decisions on the personal data found in an act (the publish gate, actes.privacy).
reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("act_id", String(200), nullable=False, index=True),
    Column("decision", String(20), nullable=False),  # accepted | corrected
    Column("corrections", JSON),  # [{"text": …, "kind": …, "status": "private"|"official"}]
    Column("reviewer", String(200)),
    Column("decided_at", DateTime(timezone=True), nullable=False),
)

# A value a clerk set by hand for one field of an act (``actes review ACT --matiere 7.5``): it wins
# over what was extracted and is applied again whenever the act is re-extracted (latest one counts).
clerk_values = Table(
    "clerk_values", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("act_id", String(200), nullable=False, index=True),
    Column("field", String(80), nullable=False),  # "matiere.code"
    Column("value", JSON),
    Column("reviewer", String(200)),
    Column("decided_at", DateTime(timezone=True), nullable=False),
)

# 0005: the export partitions (year/SIREN, actes.store.partitions) changed by a write, and when:
# a nightly export rewrites only those changed since the package it updates.
partition_changes = Table(
    "partition_changes", metadata,
    Column("key", String(120), primary_key=True),
    Column("changed_at", DateTime(timezone=True), nullable=False, index=True),
)
