"""The breach register, its notices and census counts

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-22
"""

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None

TZ = sa.DateTime(timezone=True)


def _breach_id() -> "sa.Column[Any]":
    return sa.Column(
        "breach_id",
        sa.Uuid(),
        sa.ForeignKey("breach.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def upgrade() -> None:
    op.create_table(
        "breach",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("reference", sa.String(32), nullable=False, unique=True),
        sa.Column("discovered_at", TZ, nullable=False),
        sa.Column("nature", sa.Text(), nullable=False),
        sa.Column("data_categories", postgresql.JSONB(), nullable=False),
        sa.Column("people_categories", postgresql.JSONB(), nullable=False),
        sa.Column("tenant_ids", postgresql.JSONB(), nullable=False),
        sa.Column("approximate_records", sa.Integer(), nullable=True),
        sa.Column("likely_consequences", sa.Text(), nullable=False),
        sa.Column("measures_taken", sa.Text(), nullable=False),
        sa.Column("measures_proposed", sa.Text(), nullable=False),
        sa.Column("authority_notified_at", TZ, nullable=True),
        sa.Column("authority_reference", sa.String(200), nullable=True),
        sa.Column("delay_reasons", sa.Text(), nullable=True),
        sa.Column("escalated_marks", postgresql.JSONB(), nullable=False),
        sa.Column("census_request_id", sa.Uuid(), nullable=True),
        sa.Column("census_requested_at", TZ, nullable=True),
        sa.Column("recorded_by", sa.Uuid(), nullable=False),
        sa.Column("recorded_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, server_default=sa.text("now()"), nullable=False),
    )
    op.create_index("ix_breach_census_request_id", "breach", ["census_request_id"])
    op.create_index(
        "ix_breach_unnotified",
        "breach",
        ["discovered_at"],
        postgresql_where=sa.text("authority_notified_at IS NULL"),
    )
    op.create_table(
        "breach_census_reply",
        sa.Column("request_id", sa.Uuid(), primary_key=True),
        sa.Column("service", sa.String(20), primary_key=True),
        _breach_id(),
        sa.Column("counts", postgresql.JSONB(), nullable=False),
        sa.Column("received_at", TZ, nullable=False),
    )
    op.create_table(
        "breach_notice",
        sa.Column("notice_id", sa.Uuid(), primary_key=True),
        _breach_id(),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("audience", sa.String(32), nullable=False),
        sa.Column("requested_by", sa.Uuid(), nullable=False),
        sa.Column("requested_at", TZ, nullable=False),
    )
    op.create_table(
        "breach_notice_recipient",
        sa.Column("notice_id", sa.Uuid(), primary_key=True),
        _breach_id(),
        sa.Column("requested_at", TZ, nullable=True),
        sa.Column("sent_at", TZ, nullable=True),
        sa.Column("delivered_at", TZ, nullable=True),
        sa.Column("bounced_at", TZ, nullable=True),
        sa.Column("suppressed_at", TZ, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("breach_notice_recipient")
    op.drop_table("breach_notice")
    op.drop_table("breach_census_reply")
    op.drop_table("breach")
