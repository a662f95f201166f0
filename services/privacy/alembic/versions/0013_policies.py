"""Privacy policy versions and their acceptances

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-22
"""

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
