"""Documents an auditor accepts: employer, session kind, certificate numbers, lateness,
complaints and improvement actions, delivery timestamps

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-07 03:00:00

Every new column is nullable (or has a default), so existing rows stay valid: attestations
issued before keep no certificate number (their certificate shows the attestation's).
"""
from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("employer_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("employer_siret", sa.String(length=14), nullable=True))
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("client_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("client_siret", sa.String(length=14), nullable=True))
        batch_op.add_column(sa.Column("funder", sa.String(length=200), nullable=True))
    # Not in batch mode: recreating the table on SQLite would drop its triggers (0003).
    op.add_column("attestations", sa.Column("certificate_number", sa.String(64), nullable=True))
    op.create_index(
        "uq_attestations_certificate_number", "attestations", ["certificate_number"], unique=True
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "attendance_adjustments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(length=20), nullable=False),
        sa.Column("arrived_at", sa.String(length=5), nullable=True),
        sa.Column("left_at", sa.String(length=5), nullable=True),
        sa.Column("justified_absence", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"]),
        sa.ForeignKeyConstraint(["session_id"], ["training_sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("attendance_adjustments", schema=None) as batch_op:
        batch_op.create_index("ix_attendance_adjustments_session_id", ["session_id"])
        batch_op.create_index("ix_attendance_adjustments_participant_id", ["participant_id"])
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["training_sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index("ix_complaints_session_id", ["session_id"])
    op.create_table(
        "improvement_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaints.id"]),
        sa.ForeignKeyConstraint(["session_id"], ["training_sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("improvement_actions", schema=None) as batch_op:
        batch_op.create_index("ix_improvement_actions_session_id", ["session_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER attendance_adjustments_append_only BEFORE UPDATE ON "
            "attendance_adjustments FOR EACH ROW EXECUTE FUNCTION lexom_refuse_update()"
        )
    else:
        op.execute(
            "CREATE TRIGGER attendance_adjustments_append_only BEFORE UPDATE ON "
            "attendance_adjustments BEGIN "
            "SELECT RAISE(ABORT, 'attendance_adjustments rows are append-only'); END"
        )


def downgrade():
    op.drop_table("improvement_actions")
    op.drop_table("complaints")
    op.drop_table("attendance_adjustments")
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would recreate tables that others reference.
    op.drop_column("outbox", "status_at")
    op.drop_index("uq_attestations_certificate_number", table_name="attestations")
    op.drop_column("attestations", "certificate_number")
    for column in ("funder", "client_siret", "client_name", "kind"):
        op.drop_column("training_sessions", column)
    op.drop_column("participants", "employer_siret")
    op.drop_column("participants", "employer_name")
