"""A unit is recorded as done once per participant, even when two requests race

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 09:00:00

A partial unique index on the completion log: (participant, unit) among the ``unit_done``
lines only, so every other verb may repeat. It works on SQLite (3.8 or newer) and PostgreSQL.

Before the index, two concurrent requests could each write a ``unit_done`` line. Such a copy
says nothing the first line does not (same participant, unit and verb; units_done() already
counted it once), so the upgrade deletes the later copies and keeps the first: the index could
not be created over them.
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

UNIT_DONE = sa.text("verb = 'unit_done'")
INDEX = "uq_completion_events_unit_done"


def upgrade():
    op.execute(
        "DELETE FROM completion_events"
        " WHERE verb = 'unit_done' AND participant_id IS NOT NULL AND id NOT IN ("
        "SELECT MIN(id) FROM completion_events"
        " WHERE verb = 'unit_done' AND participant_id IS NOT NULL"
        " GROUP BY participant_id, object_id)"
    )
    with op.batch_alter_table("completion_events", schema=None) as batch_op:
        batch_op.create_index(
            INDEX,
            ["participant_id", "object_id"],
            unique=True,
            sqlite_where=UNIT_DONE,
            postgresql_where=UNIT_DONE,
        )


def downgrade():
    with op.batch_alter_table("completion_events", schema=None) as batch_op:
        batch_op.drop_index(INDEX)
