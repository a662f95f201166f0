"""proofs and exports (to be filled in by its owner)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
