"""Proofs and exports: services' receipt keys, verified receipts, export parts and archives

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "service_key",
        sa.Column("service", sa.String(20), primary_key=True),
        sa.Column("key_id", sa.String(64), primary_key=True),
        sa.Column("algorithm", sa.String(20), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("valid_from", TZ, nullable=False),
        sa.Column("audit_seq", sa.BigInteger(), nullable=True),
    )
    op.create_table(
        "receipt",
        sa.Column("request_id", sa.Uuid(), primary_key=True),
        sa.Column("service", sa.String(20), primary_key=True),
        sa.Column("scope", sa.String(20), primary_key=True),
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.Column("content", postgresql.JSONB(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("audit_seq", sa.BigInteger(), nullable=True),
        sa.Column("accepted_at", TZ, nullable=False),
    )
    op.create_table(
        "export_part",
        sa.Column("request_id", sa.Uuid(), primary_key=True),
        sa.Column("service", sa.String(20), primary_key=True),
        sa.Column("part", sa.Integer(), primary_key=True),
        sa.Column("total_parts", sa.Integer(), nullable=False),
        sa.Column("categories", postgresql.JSON(), nullable=False),
        sa.Column("received_at", TZ, server_default=sa.text("now()"), nullable=False),
    )
    op.create_index("ix_export_part_received", "export_part", ["received_at"])
    op.create_table(
        "export_archive",
        sa.Column("request_id", sa.Uuid(), primary_key=True),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        sa.Column("purged_at", TZ, nullable=True),
    )
    op.create_index(
        "ix_export_archive_unpurged",
        "export_archive",
        ["expires_at"],
        postgresql_where=sa.text("purged_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("export_archive")
    op.drop_table("export_part")
    op.drop_table("receipt")
    op.drop_table("service_key")
