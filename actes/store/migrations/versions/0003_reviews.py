"""Reviews: a clerk's decisions on the personal data of an act (the privacy publish gate).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("reviews"):
        return  # a catalog made with create_all while the table already existed
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("act_id", sa.String(200), nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("corrections", sa.JSON),
        sa.Column("reviewer", sa.String(200)),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reviews_act_id", "reviews", ["act_id"])


def downgrade() -> None:
    op.drop_table("reviews")
