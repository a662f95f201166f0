"""Baseline: the analytics database exists and is under Alembic's control.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
