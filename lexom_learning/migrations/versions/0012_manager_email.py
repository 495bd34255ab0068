"""Participants may name their manager (N+1), who receives the manager's questionnaire

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-07 03:30:00
"""
from alembic import op
import sqlalchemy as sa

revision = "0012"
down_revision = "0009"
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both backends: SQLite adds and (3.35 or newer) drops a column in place,
# where batch mode would copy the table, which the foreign keys pointing to it refuse.


def upgrade():
    op.add_column("participants", sa.Column("manager_email", sa.String(length=254), nullable=True))


def downgrade():
    op.drop_column("participants", "manager_email")
