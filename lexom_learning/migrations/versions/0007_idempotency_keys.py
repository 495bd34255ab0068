"""Retries cost nothing: idempotency keys of quiz attempts and grids, live answers' request ids

Revision ID: 0007
Revises: 0006 (written on 0005; chained after main's 0010 at rebase)
Create Date: 2026-12-07 03:00:00

A module-quiz attempt and a role-play grid keep the idempotency key their submission carried,
unique per participant (per observer): the same submission sent again finds the first one. A
live answer keeps the phone's request id, unique per question and participant: a late resend of
an earlier answer is recognised instead of becoming the last one. Nullable: earlier records and
clients without keys are unchanged (NULLs never collide in a unique index).
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = (
    ("quiz_attempts", "idempotency_key", "uq_quiz_attempts_idempotency",
     ["participant_id", "idempotency_key"]),
    ("roleplay_gradings", "idempotency_key", "uq_roleplay_gradings_idempotency",
     ["observer_id", "idempotency_key"]),
    ("live_answers", "request_id", "uq_live_answers_request",
     ["run_id", "participant_id", "question_id", "request_id"]),
)


def upgrade():
    for table, column, index, columns in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column(column, sa.String(length=64), nullable=True))
            batch_op.create_index(index, columns, unique=True)


def downgrade():
    for table, column, index, _ in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(index)
            batch_op.drop_column(column)
