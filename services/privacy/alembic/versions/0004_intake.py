"""Intake: emailed codes, public-form requests before discovery has opened them, the throttle

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "request_intake",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("request_type", sa.String(20), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("restrict", sa.Boolean(), nullable=True),
        sa.Column("corrected_email", sa.String(320), nullable=True),
        sa.Column("corrected_name", sa.String(200), nullable=True),
        sa.Column("received_at", TZ, nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=True),
        sa.Column("code_expires_at", TZ, nullable=False),
        sa.Column("attempts_left", sa.Integer(), nullable=False),
        sa.Column("status_token_hash", sa.String(64), nullable=True),
        sa.Column("verified_at", TZ, nullable=True),
        sa.Column("last_reply_at", TZ, nullable=True),
        sa.Column("opened_at", TZ, nullable=True),
        sa.Column("withdrawn_at", TZ, nullable=True),
        sa.Column("unanswered_services", postgresql.ARRAY(sa.String(20)), nullable=True),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=True),
        sa.Column("submitted_by", sa.Uuid(), nullable=True),
    )
    op.create_index("ix_request_intake_request", "request_intake", ["request_id"])
    op.create_index("ix_request_intake_pending", "request_intake", ["verified_at", "opened_at"])
    op.create_table(
        "intake_discovery_reply",
        sa.Column(
            "intake_id",
            sa.Uuid(),
            sa.ForeignKey(
                "request_intake.id",
                ondelete="CASCADE",
                name=op.f("fk_intake_discovery_reply_intake_id_request_intake"),
            ),
            primary_key=True,
        ),
        sa.Column("service", sa.String(20), primary_key=True),
        sa.Column("tenant_ids", postgresql.ARRAY(sa.Uuid()), nullable=False),
        sa.Column("replied_at", TZ, nullable=False),
    )
    op.create_table(
        "intake_submission",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("address_hash", sa.String(64), nullable=False),
        sa.Column("submitted_at", TZ, nullable=False),
    )
    op.create_index(
        "ix_intake_submission_address", "intake_submission", ["address_hash", "submitted_at"]
    )


def downgrade() -> None:
    op.drop_table("intake_submission")
    op.drop_table("intake_discovery_reply")
    op.drop_table("request_intake")
