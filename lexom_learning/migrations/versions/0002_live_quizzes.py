"""Live quizzes: runs (state, version counter) and every submitted live answer

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 04:05:00

A partial unique index keeps at most one unfinished run per session. Counted live answers go to
the shared ``answers`` table (context ``live``) when a question closes: no change to it here.
"""
from alembic import op
import sqlalchemy as sa

import lexom_learning.storage.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UTC = lexom_learning.storage.types.UTCDateTime(timezone=True)
UNFINISHED = sa.text("status != 'finished'")


def upgrade():
    op.create_table(
        "live_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("quiz_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("question_ids", sa.JSON(), nullable=False),
        sa.Column("content_version", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("current_index", sa.Integer(), nullable=True),
        sa.Column("leaderboard", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("started_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("changed_at", UTC, nullable=False),
        sa.Column("finished_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_live_runs_session_id_training_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["started_by"], ["users.id"], name=op.f("fk_live_runs_started_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_runs")),
    )
    with op.batch_alter_table("live_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_live_runs_session_id"), ["session_id"], unique=False)
        batch_op.create_index(
            "ix_live_runs_one_unfinished",
            ["session_id"],
            unique=True,
            sqlite_where=UNFINISHED,
            postgresql_where=UNFINISHED,
        )

    op.create_table(
        "live_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("body_hash", sa.String(length=32), nullable=False),
        sa.Column("earned", sa.Double(), nullable=False),
        sa.Column("possible", sa.Double(), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_live_answers_participant_id_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["live_runs.id"], name=op.f("fk_live_answers_run_id_live_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_answers")),
        sa.UniqueConstraint(
            "run_id",
            "participant_id",
            "question_id",
            "seq",
            name=op.f("uq_live_answers_run_id"),
        ),
    )
    with op.batch_alter_table("live_answers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_live_answers_run_question", ["run_id", "question_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("live_answers", schema=None) as batch_op:
        batch_op.drop_index("ix_live_answers_run_question")
    op.drop_table("live_answers")
    with op.batch_alter_table("live_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_live_runs_one_unfinished")
        batch_op.drop_index(batch_op.f("ix_live_runs_session_id"))
    op.drop_table("live_runs")
