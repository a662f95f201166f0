"""Client offboardings, tenant exports, certificates, backups on record

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "client_offboarding",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False, unique=True),
        sa.Column("reference", sa.String(20), nullable=False, unique=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("requested_at", TZ, nullable=False),
        sa.Column("requested_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("export_request_id", sa.Uuid(), nullable=False, unique=True),
        sa.Column("export_asked_at", TZ, nullable=False),
        sa.Column("export_offered_at", TZ, nullable=True),
        sa.Column("erase_on", TZ, nullable=False),
        sa.Column("erase_on_agreed_by", sa.String(20), nullable=False),
        sa.Column("erasure_request_id", sa.Uuid(), nullable=False, unique=True),
        sa.Column("erasure_asked_at", TZ, nullable=True),
        sa.Column("erasure_attempts", sa.Integer(), nullable=False),
        sa.Column("organisation_sha256", sa.String(64), nullable=True),
        sa.Column("certificate_notice_at", TZ, nullable=True),
        sa.Column("hold_reason", sa.String(500), nullable=True),
        sa.Column("erased_at", TZ, nullable=True),
        sa.Column("last_backup_expires_at", TZ, nullable=True),
        sa.Column("certificate", postgresql.JSONB(), nullable=True),
    )
    op.create_index("ix_client_offboarding_due", "client_offboarding", ["state", "erase_on"])
    op.create_index("ix_client_offboarding_requested", "client_offboarding", ["requested_at"])


def downgrade() -> None:
    op.drop_table("client_offboarding")
