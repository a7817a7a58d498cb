"""Initial catalog: runs, inputs, acts, provenance, problems (the walking skeleton's schema).

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("inbox", sa.Text),
        sa.Column("extractor_version", sa.String(40), nullable=False),
        sa.Column("report", sa.JSON),
    )
    op.create_table(
        "inputs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("files", sa.JSON, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("extractor_version", sa.String(40), nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("digest", name="uq_inputs_digest"),
    )
    op.create_table(
        "acts",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("input_id", sa.Integer, sa.ForeignKey("inputs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("nature", sa.String(20)),
        sa.Column("date_decision", sa.String(10)),
        sa.Column("collectivite_siren", sa.String(9)),
        sa.Column("objet", sa.Text),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("extractor_version", sa.String(40), nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_acts_input_id", "acts", ["input_id"])
    for table in ("provenance", "problems"):
        columns = [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("act_id", sa.String(200), sa.ForeignKey("acts.id", ondelete="CASCADE"), nullable=False),
        ]
        if table == "provenance":
            columns += [
                sa.Column("field", sa.String(80), nullable=False),
                sa.Column("source", sa.String(20), nullable=False),
                sa.Column("extractor", sa.String(80), nullable=False),
                sa.Column("confidence", sa.Float, nullable=False),
                sa.Column("page", sa.Integer),
                sa.Column("span_start", sa.Integer),
                sa.Column("span_end", sa.Integer),
                sa.Column("snippet", sa.Text),
            ]
        else:
            columns += [
                sa.Column("slug", sa.String(80), nullable=False),
                sa.Column("severity", sa.String(10), nullable=False),
                sa.Column("field", sa.String(80)),
                sa.Column("message", sa.Text, nullable=False),
            ]
        op.create_table(table, *columns)
        op.create_index(f"ix_{table}_act_id", table, ["act_id"])


def downgrade() -> None:
    for table in ("problems", "provenance", "acts", "inputs", "runs"):
        op.drop_table(table)
