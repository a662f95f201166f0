"""The consent ledger and client users known to privacy

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22
"""

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
