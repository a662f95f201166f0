"""Saga jobs: one row per request, data service and step, with its status and receipt

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "service_job",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("service", sa.String(20), nullable=False),
        sa.Column("step", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("dispatched_at", TZ, nullable=True),
        sa.Column("next_attempt_at", TZ, nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("skipped_reason", sa.Text(), nullable=True),
        sa.Column("finished_at", TZ, nullable=True),
        sa.Column("receipt", postgresql.JSONB(), nullable=True),
        sa.Column("audit_seq", sa.BigInteger(), nullable=True),
        sa.Column(
            "parts_received",
            postgresql.JSONB(),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("created_at", TZ, server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_job")),
        sa.UniqueConstraint("request_id", "service", "step", name="uq_service_job_request_id"),
    )
    op.create_index("ix_service_job_due", "service_job", ["status", "next_attempt_at"])
    op.create_index("ix_service_job_running", "service_job", ["status", "dispatched_at"])


def downgrade() -> None:
    op.drop_table("service_job")
