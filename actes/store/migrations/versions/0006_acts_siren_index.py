"""An index on the acts' SIREN: a partition of the package looks up its authority's délibérations.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "ix_acts_collectivite_siren" not in {index["name"] for index in sa.inspect(op.get_bind()).get_indexes("acts")}:
        op.create_index("ix_acts_collectivite_siren", "acts", ["collectivite_siren"])


def downgrade() -> None:
    op.drop_index("ix_acts_collectivite_siren", table_name="acts")
