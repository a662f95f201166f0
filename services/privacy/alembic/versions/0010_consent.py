"""The consent ledger and client users known to privacy

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "consent_entry",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("subject_ref", sa.String(56), nullable=False),
        sa.Column("purpose", sa.String(40), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("policy_version", sa.String(40), nullable=True),
        sa.Column("wording", sa.Text(), nullable=True),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("created_at", TZ, server_default=sa.text("now()"), nullable=False),
    )
    op.create_index(
        "ix_consent_entry_person", "consent_entry", ["tenant_id", "subject_ref", "purpose", "at"]
    )
    op.create_index("ix_consent_entry_request", "consent_entry", ["request_id"])
    op.execute(
        """
        CREATE FUNCTION consent_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF (to_jsonb(OLD) - 'subject_ref') IS DISTINCT FROM (to_jsonb(NEW) - 'subject_ref')
            THEN
                RAISE EXCEPTION 'the consent ledger is append-only (only re-keying is allowed)';
            END IF;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER consent_entry_append_only BEFORE UPDATE ON consent_entry
            FOR EACH ROW EXECUTE FUNCTION consent_entry_is_append_only();
        """
    )
    op.create_table(
        "consent_client_user",
        sa.Column("user_id", sa.Uuid(), primary_key=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("subject_ref", sa.String(56), nullable=False),
        sa.Column("updated_at", TZ, server_default=sa.text("now()"), nullable=False),
    )
    op.create_index(
        "ix_consent_client_user_person", "consent_client_user", ["tenant_id", "subject_ref"]
    )
    op.create_table(
        "consent_request",
        sa.Column("request_id", sa.Uuid(), primary_key=True),
        sa.Column("purpose", sa.String(40), nullable=True),
        sa.Column("statement", sa.Text(), nullable=True),
        sa.Column("policy_version", sa.String(40), nullable=True),
        sa.Column("wording", sa.Text(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("consent_request")
    op.drop_table("consent_client_user")
    op.execute("DROP TRIGGER consent_entry_append_only ON consent_entry")
    op.execute("DROP FUNCTION consent_entry_is_append_only()")
    op.drop_table("consent_entry")
