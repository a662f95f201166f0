"""Delivery: the message log, suppression lists, Slack installations and member directory.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_NOW = sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "message",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("reference_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("assessment_id", sa.Uuid(), nullable=True),
        sa.Column("subject_ref", sa.String(56), nullable=True),
        sa.Column("address_hash", sa.String(56), nullable=True),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("email_fallback", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column(
            "next_attempt_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False
        ),
        sa.Column("sending_started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("provider_message_id", sa.String(128), nullable=True),
        sa.Column("slack_channel_id", sa.String(32), nullable=True),
        sa.Column("failure", sa.String(64), nullable=True),
        sa.Column("content", JSONB(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_message"),
        sa.UniqueConstraint("kind", "reference_id", "channel", name="uq_message_reference_channel"),
    )
    op.create_index(
        "ix_message_due",
        "message",
        ["channel", "next_attempt_at"],
        postgresql_where=sa.text("state = 'queued'"),
    )
    op.create_index(
        "ix_message_in_flight",
        "message",
        ["sending_started_at"],
        postgresql_where=sa.text("state = 'sending'"),
    )
    op.create_index("ix_message_tenant_assessment", "message", ["tenant_id", "assessment_id"])
    op.create_index("ix_message_tenant_subject", "message", ["tenant_id", "subject_ref"])
    op.create_index("ix_message_provider_id", "message", ["provider_message_id"])
    op.create_index("ix_message_address_hash", "message", ["address_hash"])

    op.create_table(
        "suppressed_address",
        sa.Column("address_hash", sa.String(56), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.PrimaryKeyConstraint("address_hash", name="pk_suppressed_address"),
    )
    for table in ("unsubscription", "restriction"):
        op.create_table(
            table,
            sa.Column("tenant_id", sa.Uuid(), nullable=False),
            sa.Column("subject_ref", sa.String(56), nullable=False),
            sa.Column(
                "created_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False
            ),
            sa.PrimaryKeyConstraint("tenant_id", "subject_ref", name=f"pk_{table}"),
        )

    op.create_table(
        "slack_installation",
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("bot_user_id", sa.String(32), nullable=False),
        sa.Column("bot_token_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("scopes", sa.String(512), nullable=False),
        sa.Column("installed_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.Column("members_synced_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("team_id", name="pk_slack_installation"),
    )
    op.create_index("ix_slack_installation_tenant_id", "slack_installation", ["tenant_id"])
    op.create_table(
        "slack_member",
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("subject_ref", sa.String(56), nullable=False),
        sa.Column("dm_channel_id", sa.String(32), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.PrimaryKeyConstraint("team_id", "user_id", name="pk_slack_member"),
    )
    op.create_index("ix_slack_member_tenant_subject", "slack_member", ["tenant_id", "subject_ref"])
    op.create_table(
        "slack_oauth_state",
        sa.Column("state", sa.String(64), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("state", name="pk_slack_oauth_state"),
    )
    op.create_table(
        "slack_seen_request",
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_slack_seen_request"),
    )
    op.create_index("ix_slack_seen_request_seen_at", "slack_seen_request", ["seen_at"])


def downgrade() -> None:
    for table in (
        "slack_seen_request",
        "slack_oauth_state",
        "slack_member",
        "slack_installation",
        "restriction",
        "unsubscription",
        "suppressed_address",
        "message",
    ):
        op.drop_table(table)
