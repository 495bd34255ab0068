"""Role-play runs and grids, evaluation windows and submissions, cold invitations, outbox

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 05:00:00

Role-play gradings and scores and evaluation submissions are append-only (ORM guards).
"""
from alembic import op
import sqlalchemy as sa

import lexom_learning.storage.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC = lexom_learning.storage.types.UTCDateTime(timezone=True)


def _fk(table, column, target):
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _index(table, *columns, unique=False):
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=unique)


def upgrade():
    op.create_table(
        "roleplay_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("debrief_note", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("content_version", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("closed_at", UTC, nullable=True),
        _fk("roleplay_runs", "session_id", "training_sessions"),
        _fk("roleplay_runs", "created_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roleplay_runs")),
    )
    _index("roleplay_runs", "session_id")

    op.create_table(
        "roleplay_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("group_no", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.String(length=64), nullable=False),
        _fk("roleplay_assignments", "run_id", "roleplay_runs"),
        _fk("roleplay_assignments", "participant_id", "participants"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roleplay_assignments")),
        sa.UniqueConstraint(
            "run_id", "participant_id", name=op.f("uq_roleplay_assignments_run_id")
        ),
    )
    _index("roleplay_assignments", "run_id", "participant_id")

    op.create_table(
        "roleplay_gradings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("group_no", sa.Integer(), nullable=False),
        sa.Column("observer_id", sa.Integer(), nullable=False),
        sa.Column("performer_id", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("content_version", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        _fk("roleplay_gradings", "run_id", "roleplay_runs"),
        _fk("roleplay_gradings", "session_id", "training_sessions"),
        _fk("roleplay_gradings", "observer_id", "participants"),
        _fk("roleplay_gradings", "performer_id", "participants"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roleplay_gradings")),
    )
    _index("roleplay_gradings", "observer_id", "performer_id", "run_id", "session_id")

    op.create_table(
        "roleplay_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grading_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.String(length=64), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("objectives", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "level >= 1 AND level <= 4", name=op.f("ck_roleplay_scores_level_range")
        ),
        _fk("roleplay_scores", "grading_id", "roleplay_gradings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roleplay_scores")),
    )
    _index("roleplay_scores", "grading_id")

    op.create_table(
        "evaluation_windows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("opened_at", UTC, nullable=False),
        sa.Column("opened_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", UTC, nullable=True),
        _fk("evaluation_windows", "session_id", "training_sessions"),
        _fk("evaluation_windows", "opened_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_windows")),
        sa.UniqueConstraint("session_id", "kind", name=op.f("uq_evaluation_windows_session_id")),
    )
    _index("evaluation_windows", "session_id")

    op.create_table(
        "evaluation_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("evaluation_id", sa.String(length=64), nullable=False),
        sa.Column("earned", sa.Double(), nullable=False),
        sa.Column("possible", sa.Double(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("content_version", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", UTC, nullable=False),
        _fk("evaluation_submissions", "session_id", "training_sessions"),
        _fk("evaluation_submissions", "participant_id", "participants"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_submissions")),
        sa.UniqueConstraint(
            "participant_id", "kind", name=op.f("uq_evaluation_submissions_participant_id")
        ),
    )
    _index("evaluation_submissions", "participant_id", "session_id")

    op.create_table(
        "cold_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("due_at", UTC, nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        _fk("cold_invitations", "session_id", "training_sessions"),
        _fk("cold_invitations", "participant_id", "participants"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cold_invitations")),
        sa.UniqueConstraint("participant_id", name=op.f("uq_cold_invitations_participant_id")),
        sa.UniqueConstraint("nonce", name=op.f("uq_cold_invitations_nonce")),
    )
    _index("cold_invitations", "session_id")

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("claimed_at", UTC, nullable=True),
        sa.Column("sent_at", UTC, nullable=True),
        sa.Column("handled_by", sa.String(length=64), nullable=True),
        _fk("outbox", "session_id", "training_sessions"),
        _fk("outbox", "participant_id", "participants"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("key", name=op.f("uq_outbox_key")),
    )
    _index("outbox", "participant_id", "session_id", "status")


def downgrade():
    for table in (
        "outbox",
        "cold_invitations",
        "evaluation_submissions",
        "evaluation_windows",
        "roleplay_scores",
        "roleplay_gradings",
        "roleplay_assignments",
        "roleplay_runs",
    ):
        op.drop_table(table)
