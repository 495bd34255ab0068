"""Half-days have real times: a session's own schedule, and its interruption

Revision ID: 0006
Revises: 0010
Create Date: 2026-12-07 03:00:00

``training_sessions.schedule`` keeps the session's half-days (date, start, end in
Europe/Paris); NULL means the course's times on the default dates, which is what every
existing session had. ``interrupted_at`` and ``interruption_reason`` record a session its
trainer stopped early (the documents print them). Attendance gains the ``absent`` act (a
trainer's refusal of a phone signature, with its reason) in the existing string column.

Plain ADD/DROP COLUMN (SQLite 3.35 or newer, PostgreSQL): a batch copy of
``training_sessions`` would have to drop a table other tables reference.
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# JSONB on PostgreSQL: plain json has no equality operator (SELECT DISTINCT over sessions).
SCHEDULE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

revision = "0006"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("training_sessions", sa.Column("schedule", SCHEDULE, nullable=True))
    op.add_column(
        "training_sessions", sa.Column("interrupted_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column("training_sessions", sa.Column("interruption_reason", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("training_sessions", "interruption_reason")
    op.drop_column("training_sessions", "interrupted_at")
    op.drop_column("training_sessions", "schedule")
