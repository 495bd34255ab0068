"""Attendance signatures, attestations (numbered, immutable), their audit and export jobs

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 04:10:00

Besides the ORM guards, database triggers refuse any UPDATE of an attendance signature or of
an attestation's issued content, so that not even a hand-written SQL statement can change them.
"""
from alembic import op
import sqlalchemy as sa

import lexom_learning.storage.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UTC = lexom_learning.storage.types.UTCDateTime(timezone=True)
FROZEN_ATTESTATION_COLUMNS = (
    "number", "session_id", "participant_id", "version", "snapshot", "pdf", "sha256",
    "certificate_pdf", "certificate_sha256", "issued_at", "issued_by", "supersedes_id",
)


def upgrade():
    op.create_table(
        "attendance_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("signature", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("user_agent", sa.String(length=300), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], name=op.f("fk_attendance_signatures_participant_id_participants")),
        sa.ForeignKeyConstraint(["session_id"], ["training_sessions.id"], name=op.f("fk_attendance_signatures_session_id_training_sessions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_signatures")),
        sa.UniqueConstraint("participant_id", "slot", "kind", name=op.f("uq_attendance_signatures_participant_id")),
    )
    with op.batch_alter_table("attendance_signatures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_signatures_participant_id"), ["participant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attendance_signatures_session_id"), ["session_id"], unique=False)

    op.create_table(
        "attestations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("certificate_pdf", sa.LargeBinary(), nullable=False),
        sa.Column("certificate_sha256", sa.String(length=64), nullable=False),
        sa.Column("issued_at", UTC, nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("revoked_reason", sa.Text(), nullable=True),
        sa.Column("revoked_by", sa.String(length=64), nullable=True),
        sa.Column("revoked_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], name=op.f("fk_attestations_participant_id_participants")),
        sa.ForeignKeyConstraint(["session_id"], ["training_sessions.id"], name=op.f("fk_attestations_session_id_training_sessions")),
        sa.ForeignKeyConstraint(["supersedes_id"], ["attestations.id"], name=op.f("fk_attestations_supersedes_id_attestations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attestations")),
        sa.UniqueConstraint("number", name=op.f("uq_attestations_number")),
        sa.UniqueConstraint("participant_id", "session_id", "version", name=op.f("uq_attestations_participant_id")),
        sa.UniqueConstraint("supersedes_id", name=op.f("uq_attestations_supersedes_id")),
    )
    with op.batch_alter_table("attestations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attestations_participant_id"), ["participant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attestations_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attestations_sha256"), ["sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_attestations_certificate_sha256"), ["certificate_sha256"], unique=False)

    op.create_table(
        "attestation_counters",
        sa.Column("prefix", sa.String(length=64), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", name=op.f("pk_attestation_counters")),
    )

    op.create_table(
        "attestation_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("attestation_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["attestation_id"], ["attestations.id"], name=op.f("fk_attestation_audit_attestation_id_attestations")),
        sa.ForeignKeyConstraint(["session_id"], ["training_sessions.id"], name=op.f("fk_attestation_audit_session_id_training_sessions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attestation_audit")),
    )
    with op.batch_alter_table("attestation_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attestation_audit_attestation_id"), ["attestation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attestation_audit_session_id"), ["session_id"], unique=False)

    op.create_table(
        "export_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("finished_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["training_sessions.id"], name=op.f("fk_export_jobs_session_id_training_sessions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_jobs")),
        sa.UniqueConstraint("token", name=op.f("uq_export_jobs_token")),
    )
    with op.batch_alter_table("export_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_export_jobs_session_id"), ["session_id"], unique=False)

    _create_triggers()


def _create_triggers():
    """Refuse UPDATEs of signatures, audit lines and issued attestation content in the database."""
    frozen = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN_ATTESTATION_COLUMNS)
    # json has no equality operator in PostgreSQL: compare the snapshot as text there.
    frozen_pg = " OR ".join(
        f"NEW.{c}::text IS DISTINCT FROM OLD.{c}::text" if c == "snapshot"
        else f"NEW.{c} IS DISTINCT FROM OLD.{c}"
        for c in FROZEN_ATTESTATION_COLUMNS
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION lexom_refuse_update() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE FUNCTION lexom_attestation_frozen() RETURNS trigger AS $$ BEGIN "
            f"IF {frozen_pg} OR OLD.status <> 'valid' THEN "
            "RAISE EXCEPTION 'attestations are immutable once issued'; END IF; "
            "RETURN NEW; END; $$ LANGUAGE plpgsql"
        )
        for table in ("attendance_signatures", "attestation_audit"):
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION lexom_refuse_update()"
            )
        op.execute(
            "CREATE TRIGGER attestations_frozen BEFORE UPDATE ON attestations "
            "FOR EACH ROW EXECUTE FUNCTION lexom_attestation_frozen()"
        )
        return
    for table in ("attendance_signatures", "attestation_audit"):
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
        )
    op.execute(
        "CREATE TRIGGER attestations_frozen BEFORE UPDATE ON attestations "
        f"WHEN {frozen} OR OLD.status <> 'valid' "
        "BEGIN SELECT RAISE(ABORT, 'attestations are immutable once issued'); END"
    )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table in ("attendance_signatures", "attestation_audit"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute("DROP TRIGGER IF EXISTS attestations_frozen ON attestations")
        op.execute("DROP FUNCTION IF EXISTS lexom_refuse_update()")
        op.execute("DROP FUNCTION IF EXISTS lexom_attestation_frozen()")
    else:
        for name in ("attendance_signatures_append_only", "attestation_audit_append_only",
                     "attestations_frozen"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("export_jobs")
    op.drop_table("attestation_audit")
    op.drop_table("attestation_counters")
    op.drop_table("attestations")
    op.drop_table("attendance_signatures")
