"""Participants may name their manager (N+1), who receives the manager's questionnaire

Revision ID: 0012
Revises: 0005
Create Date: 2026-12-07 03:30:00
"""
from alembic import op
import sqlalchemy as sa

revision = "0012"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("manager_email", sa.String(length=254), nullable=True))


def downgrade():
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("manager_email")
