"""Sessions that end, forced password changes and API tokens that expire

Revision ID: 0009
Revises: 0011
Create Date: 2026-12-07 03:00:00

``users.auth_epoch`` is copied into each session cookie at sign-in and compared on every
request: raising it (sign-out, password change, deactivation) ends every session of the
account, wherever it was opened. ``users.must_change_password`` sends a user whose password an
administrator set to the password-change page. ``api_tokens.expires_at``: the tokens already
issued expire 30 days after this upgrade.
"""
from datetime import UTC, datetime, timedelta

from alembic import op
import sqlalchemy as sa

from lexom_learning.storage.types import UTCDateTime

revision = "0009"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE ... ADD COLUMN (SQLite takes it with a constant default): a batch copy
    # of ``users`` would have to drop a table other tables' foreign keys point to.
    op.add_column(
        "users", sa.Column("auth_epoch", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column(
        "users",
        sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("api_tokens", sa.Column("expires_at", UTCDateTime(timezone=True), nullable=True))
    tokens = sa.table("api_tokens", sa.column("expires_at", UTCDateTime(timezone=True)))
    expiry = datetime.now(UTC) + timedelta(days=30)
    op.execute(tokens.update().where(tokens.c.expires_at.is_(None)).values(expires_at=expiry))


def downgrade():
    # ALTER TABLE ... DROP COLUMN, on SQLite (3.35+) too, for the same reason.
    op.execute("ALTER TABLE api_tokens DROP COLUMN expires_at")
    op.execute("ALTER TABLE users DROP COLUMN must_change_password")
    op.execute("ALTER TABLE users DROP COLUMN auth_epoch")
