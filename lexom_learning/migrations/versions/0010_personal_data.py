"""Personal data: erased participants, the erasure log, documents kept after an erasure

Revision ID: 0010
Revises: 0005
Create Date: 2026-12-07 03:00:00

The append-only triggers of 0003 refused every UPDATE of an attendance signature or an audit
line, and of an attestation's issued content. They now let through exactly what an erasure
writes (services/privacy), and only once the participant is marked erased:

- an attendance signature: its image, user agent and reason emptied or redacted, every other
  column unchanged;
- an audit line of the person's session: its reason redacted, every other column unchanged;
- an attestation of the person: its revocation reason redacted, and, once the documents'
  retention has ended, its snapshot scrubbed and both PDFs emptied together.
"""
from alembic import op
import sqlalchemy as sa

import lexom_learning.storage.types

revision = "0010"
down_revision = "0005"
branch_labels = None
depends_on = None

UTC = lexom_learning.storage.types.UTCDateTime(timezone=True)
FROZEN_ATTESTATION_COLUMNS = (
    "number", "session_id", "participant_id", "version", "snapshot", "pdf", "sha256",
    "certificate_pdf", "certificate_sha256", "issued_at", "issued_by", "supersedes_id",
)
# What an erasure never changes on an attestation (the document columns may only be emptied).
ATTESTATION_IDENTITY = (
    "number", "session_id", "participant_id", "version", "sha256", "certificate_sha256",
    "issued_at", "issued_by", "supersedes_id", "status", "revoked_by", "revoked_at",
)
SIGNATURE_IDENTITY = (
    "id", "session_id", "participant_id", "slot", "kind", "method", "actor", "created_at",
)
AUDIT_IDENTITY = ("id", "session_id", "attestation_id", "action", "actor", "created_at")
ERASED = (
    "EXISTS (SELECT 1 FROM participants p WHERE p.id = OLD.participant_id"
    " AND p.erased_at IS NOT NULL)"
)
SESSION_HAS_ERASED = (
    "EXISTS (SELECT 1 FROM participants p WHERE p.session_id = OLD.session_id"
    " AND p.erased_at IS NOT NULL)"
)


def _fk(table, column, target):
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade():
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("erased_at", UTC, nullable=True))
    op.create_table(
        "erasures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=200), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("kept", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        _fk("erasures", "participant_id", "participants"),
        _fk("erasures", "session_id", "training_sessions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasures")),
    )
    op.create_table(
        "retained_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("keep_until", sa.Date(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        _fk("retained_documents", "participant_id", "participants"),
        _fk("retained_documents", "session_id", "training_sessions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retained_documents")),
    )
    for table, columns in (
        ("erasures", ("participant_id", "session_id")),
        ("retained_documents", ("participant_id", "session_id", "keep_until")),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)
    _drop_triggers()
    _create_triggers(erasure=True)


def downgrade():
    _drop_triggers()
    _create_triggers(erasure=False)
    op.drop_table("retained_documents")
    op.drop_table("erasures")
    # A plain ALTER (SQLite 3.35+): a batch would copy the table, which rows point at.
    op.execute("ALTER TABLE participants DROP COLUMN erased_at")


def _same(columns, postgresql: bool) -> str:
    op_ = "IS NOT DISTINCT FROM" if postgresql else "IS"
    return " AND ".join(f"NEW.{c} {op_} OLD.{c}" for c in columns)


def _json_same(column: str, postgresql: bool) -> str:
    if postgresql:
        return f"NEW.{column}::text IS NOT DISTINCT FROM OLD.{column}::text"
    return f"NEW.{column} IS OLD.{column}"


def _conditions(postgresql: bool) -> dict[str, str]:
    """Return, per table, the SQL condition under which an UPDATE is an erasure's."""
    signature = (
        f"{_same(SIGNATURE_IDENTITY, postgresql)} AND NEW.signature IS NULL"
        f" AND NEW.user_agent = '' AND {ERASED}"
    )
    audit = (
        f"{_same(AUDIT_IDENTITY, postgresql)} AND {_json_same('details', postgresql)}"
        f" AND {SESSION_HAS_ERASED}"
    )
    documents_kept = (
        f"{_json_same('snapshot', postgresql)} AND {_same(('pdf', 'certificate_pdf'), postgresql)}"
    )
    documents_emptied = "length(NEW.pdf) = 0 AND length(NEW.certificate_pdf) = 0"
    attestation = (
        f"{_same(ATTESTATION_IDENTITY, postgresql)} AND {ERASED}"
        f" AND (({documents_kept}) OR ({documents_emptied}))"
    )
    return {"signature": signature, "audit": audit, "attestation": attestation}


def _frozen(postgresql: bool) -> str:
    if postgresql:
        return " OR ".join(
            f"NEW.{c}::text IS DISTINCT FROM OLD.{c}::text" if c == "snapshot"
            else f"NEW.{c} IS DISTINCT FROM OLD.{c}"
            for c in FROZEN_ATTESTATION_COLUMNS
        )
    return " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN_ATTESTATION_COLUMNS)


def _create_triggers(erasure: bool) -> None:
    """Create the append-only triggers; with ``erasure``, they let an erasure's UPDATE through."""
    postgresql = op.get_bind().dialect.name == "postgresql"
    allowed = _conditions(postgresql) if erasure else None
    frozen = _frozen(postgresql)
    if postgresql:
        for name, table, key in (
            ("lexom_signature_guard", "attendance_signatures", "signature"),
            ("lexom_audit_guard", "attestation_audit", "audit"),
        ):
            check = f"IF {allowed[key]} THEN RETURN NEW; END IF; " if allowed else ""
            op.execute(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN {check}"
                "RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME; END; $$ "
                "LANGUAGE plpgsql"
            )
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()"
            )
        check = f"IF {allowed['attestation']} THEN RETURN NEW; END IF; " if allowed else ""
        op.execute(
            "CREATE OR REPLACE FUNCTION lexom_attestation_frozen() RETURNS trigger AS $$ BEGIN "
            f"{check}IF {frozen} OR OLD.status <> 'valid' THEN "
            "RAISE EXCEPTION 'attestations are immutable once issued'; END IF; "
            "RETURN NEW; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER attestations_frozen BEFORE UPDATE ON attestations "
            "FOR EACH ROW EXECUTE FUNCTION lexom_attestation_frozen()"
        )
        return
    for table, key in (("attendance_signatures", "signature"), ("attestation_audit", "audit")):
        when = f"WHEN NOT ({allowed[key]}) " if allowed else ""
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} {when}"
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
        )
    unless = f"NOT ({allowed['attestation']}) AND " if allowed else ""
    op.execute(
        "CREATE TRIGGER attestations_frozen BEFORE UPDATE ON attestations "
        f"WHEN {unless}({frozen} OR OLD.status <> 'valid') "
        "BEGIN SELECT RAISE(ABORT, 'attestations are immutable once issued'); END"
    )


def _drop_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ("attendance_signatures", "attestation_audit"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute("DROP TRIGGER IF EXISTS attestations_frozen ON attestations")
        return
    for name in (
        "attendance_signatures_append_only", "attestation_audit_append_only",
        "attestations_frozen",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
