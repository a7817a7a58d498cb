"""Clerk values: a value a clerk set by hand for one field of one act (``actes review --matiere``).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("clerk_values"):
        return  # a catalog made with create_all while the table already existed
    op.create_table(
        "clerk_values",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("act_id", sa.String(200), nullable=False),
        sa.Column("field", sa.String(80), nullable=False),
        sa.Column("value", sa.JSON),
        sa.Column("reviewer", sa.String(200)),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_clerk_values_act_id", "clerk_values", ["act_id"])


def downgrade() -> None:
    op.drop_table("clerk_values")
