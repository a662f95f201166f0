"""Retention policies, client retention settings, runs, legal holds

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from privacy.retention.categories import ACTIVITIES
from privacy.retention.seed import DEFAULT_POLICIES

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    policies = op.create_table(
        "retention_policy",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=True),
        sa.Column("period_days", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column(
            "activity_id",
            sa.Uuid(),
            sa.ForeignKey("register_activity.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("rationale", sa.Text(), nullable=True),
        sa.Column("last_run_at", TZ, nullable=True),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("updated_at", TZ, server_default=sa.text("now()"), nullable=False),
    )
    op.create_index(
        "uq_retention_policy_global",
        "retention_policy",
        ["category"],
        unique=True,
        postgresql_where=sa.text("tenant_id IS NULL"),
    )
    op.create_index(
        "uq_retention_policy_client",
        "retention_policy",
        ["category", "tenant_id"],
        unique=True,
        postgresql_where=sa.text("tenant_id IS NOT NULL"),
    )
    op.create_table(
        "retention_run",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column(
            "policy_id",
            sa.Uuid(),
            sa.ForeignKey("retention_policy.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("period_days", sa.Integer(), nullable=False),
        sa.Column("cutoff", TZ, nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("excluded_tenant_ids", postgresql.JSONB(), nullable=False),
        sa.Column("held_people", sa.Integer(), nullable=False),
        sa.Column("started_by", sa.Uuid(), nullable=True),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("completed_at", TZ, nullable=True),
    )
    op.create_index("ix_retention_run_started", "retention_run", ["started_at"])
    op.create_index("ix_retention_run_batch_id", "retention_run", ["batch_id"])
    op.create_table(
        "retention_result",
        sa.Column(
            "run_id",
            sa.Uuid(),
            sa.ForeignKey("retention_run.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("service", sa.String(20), primary_key=True),
        sa.Column("rows_affected", postgresql.JSONB(), nullable=False),
        sa.Column("receipt_sha256", sa.String(64), nullable=True),
        sa.Column("receipt_error", sa.Text(), nullable=True),
        sa.Column("audit_seq", sa.BigInteger(), nullable=True),
        sa.Column("received_at", TZ, nullable=False),
    )
    op.create_table(
        "legal_hold",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("subject_ref", sa.String(56), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("placed_by", sa.Uuid(), nullable=False),
        sa.Column("placed_at", TZ, nullable=False),
        sa.Column("released_by", sa.Uuid(), nullable=True),
        sa.Column("released_at", TZ, nullable=True),
        sa.Column("release_note", sa.Text(), nullable=True),
    )
    op.create_index(
        "ix_legal_hold_active", "legal_hold", ["tenant_id", "subject_ref", "released_at"]
    )
    op.bulk_insert(
        policies,
        [
            {
                **policy,
                "tenant_id": None,
                "activity_id": ACTIVITIES[policy["category"]],  # type: ignore[index]
            }
            for policy in DEFAULT_POLICIES
        ],
    )


def downgrade() -> None:
    op.drop_table("legal_hold")
    op.drop_table("retention_result")
    op.drop_table("retention_run")
    op.drop_table("retention_policy")
