"""Data-subject requests, their moves, and the hash-chained audit log (append-only)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "data_subject_request",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("reference", sa.String(16), nullable=False),
        sa.Column("request_type", sa.String(20), nullable=False),
        sa.Column("subject_kind", sa.String(20), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=True),
        sa.Column("subject_ref", sa.String(56), nullable=True),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("submitted_by", sa.Uuid(), nullable=True),
        sa.Column("intake_id", sa.Uuid(), nullable=True),
        sa.Column("restrict", sa.Boolean(), nullable=True),
        sa.Column("corrected_email", sa.String(320), nullable=True),
        sa.Column("corrected_name", sa.String(200), nullable=True),
        sa.Column("state", sa.String(30), nullable=False),
        sa.Column("received_at", TZ, nullable=False),
        sa.Column("due_at", TZ, nullable=False),
        sa.Column("paused_since", TZ, nullable=True),
        sa.Column("extended_by_months", sa.Integer(), nullable=False),
        sa.Column("extension_reason", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("decided_at", TZ, nullable=True),
        sa.Column("denial_reason", sa.String(40), nullable=True),
        sa.Column("denial_note", sa.Text(), nullable=True),
        sa.Column("starts_after", TZ, nullable=True),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("exception_note", sa.Text(), nullable=True),
        sa.Column("closed_at", TZ, nullable=True),
        sa.Column("created_at", TZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", TZ, server_default=sa.text("now()"), nullable=False),
        sa.UniqueConstraint("reference", name=op.f("uq_data_subject_request_reference")),
    )
    op.create_index("ix_request_tenant_due", "data_subject_request", ["tenant_id", "due_at"])
    op.create_index("ix_request_state_due", "data_subject_request", ["state", "due_at"])
    op.create_index("ix_request_closed", "data_subject_request", ["closed_at"])
    op.create_table(
        "request_transition",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("from_state", sa.String(30), nullable=False),
        sa.Column("to_state", sa.String(30), nullable=False),
        sa.Column("actor", sa.String(20), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("at", TZ, nullable=False),
    )
    op.create_index("ix_transition_request", "request_transition", ["request_id", "at"])
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("actor", sa.String(20), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("details", postgresql.JSONB(), nullable=False),
        sa.Column("previous_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_entry_hash")),
    )
    op.create_index("ix_audit_request", "audit_entry", ["request_id", "seq"])
    op.execute(
        """
        CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the audit log is append-only';
        END $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
            ON audit_entry FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();
        """
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER audit_entry_append_only ON audit_entry")
    op.execute("DROP FUNCTION audit_entry_is_append_only()")
    op.drop_table("audit_entry")
    op.drop_table("request_transition")
    op.drop_table("data_subject_request")
