"""Export partitions: each act's partition (year/authority, indexed), the partitions changed by writes; inputs.status indexed.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CHUNK = 1000


def upgrade() -> None:
    from actes.store.partitions import key_of_data

    bind = op.get_bind()
    inspector = sa.inspect(bind)
    if "partition" not in {column["name"] for column in inspector.get_columns("acts")}:
        op.add_column("acts", sa.Column("partition", sa.String(120)))
        op.create_index("ix_acts_partition", "acts", ["partition"])
        acts = sa.table(
            "acts", sa.column("id", sa.String), sa.column("data", sa.JSON), sa.column("partition", sa.String)
        )
        keys: dict[str, str] = {}
        for act_id, data in bind.execute(sa.select(acts.c.id, acts.c.data)):
            keys[act_id] = key_of_data(data or {})
        items = list(keys.items())
        for start in range(0, len(items), CHUNK):
            bind.execute(
                acts.update().where(acts.c.id == sa.bindparam("act_id")).values(partition=sa.bindparam("key")),
                [{"act_id": act_id, "key": key} for act_id, key in items[start : start + CHUNK]],
            )
    if "ix_inputs_status" not in {index["name"] for index in inspector.get_indexes("inputs")}:
        op.create_index("ix_inputs_status", "inputs", ["status"])  # the quarantine, read every run
    if inspector.has_table("partition_changes"):
        return  # a catalog made with create_all while the table already existed
    op.create_table(
        "partition_changes",
        sa.Column("key", sa.String(120), primary_key=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_partition_changes_changed_at", "partition_changes", ["changed_at"])


def downgrade() -> None:
    op.drop_table("partition_changes")
    op.drop_index("ix_inputs_status", table_name="inputs")
    op.drop_index("ix_acts_partition", table_name="acts")
    op.drop_column("acts", "partition")
