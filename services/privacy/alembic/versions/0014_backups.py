"""Backups on record: when each was taken and when it expires

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-22
"""

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
