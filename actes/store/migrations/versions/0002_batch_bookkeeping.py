"""Batch bookkeeping: who ran a run (pid, host), why a file failed (slug), how long it took.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("pid", sa.Integer))
        batch.add_column(sa.Column("host", sa.String(255)))
    with op.batch_alter_table("inputs") as batch:
        batch.add_column(sa.Column("error", sa.String(40)))
        batch.add_column(sa.Column("seconds", sa.Float))


def downgrade() -> None:
    with op.batch_alter_table("inputs") as batch:
        batch.drop_column("seconds")
        batch.drop_column("error")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("host")
        batch.drop_column("pid")
