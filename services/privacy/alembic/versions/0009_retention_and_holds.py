"""Retention policies, client retention settings, runs, legal holds

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22
"""

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
