"""Delivery: each message's correlation id (Q10) and consent purpose (Q2)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("message", sa.Column("correlation_id", sa.String(128), nullable=True))
    op.add_column("message", sa.Column("purpose", sa.String(40), nullable=True))


def downgrade() -> None:
    op.drop_column("message", "purpose")
    op.drop_column("message", "correlation_id")
