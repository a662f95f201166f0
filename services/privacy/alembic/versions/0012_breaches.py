"""The breach register, its notices and census counts

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-22
"""

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
