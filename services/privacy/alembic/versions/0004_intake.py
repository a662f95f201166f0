"""intake (to be filled in by its owner)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
