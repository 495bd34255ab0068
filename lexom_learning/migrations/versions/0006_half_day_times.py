"""Half-days have real times: a session's own schedule, and its interruption

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 03:00:00

``training_sessions.schedule`` keeps the session's half-days (date, start, end in
Europe/Paris); NULL means the course's times on the default dates, which is what every
existing session had. ``interrupted_at`` and ``interruption_reason`` record a session its
trainer stopped early (the documents print them). Attendance gains the ``absent`` act (a
trainer's refusal of a phone signature, with its reason) in the existing string column.
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("schedule", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("interrupted_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("interruption_reason", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.drop_column("interruption_reason")
        batch_op.drop_column("interrupted_at")
        batch_op.drop_column("schedule")
