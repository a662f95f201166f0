"""saga jobs (to be filled in by its owner)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
