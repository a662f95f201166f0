"""Accounts: clients, their users, emailed single-use links, sessions (refresh tokens),
access-token signing keys and login failures.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table("client",
    sa.Column("tenant_id", sa.Uuid(), nullable=False),
    sa.Column("organisation_name", sa.String(length=200), nullable=False),
    sa.Column("time_zone", sa.String(length=64), nullable=False),
    sa.Column("language", sa.String(length=2), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    sa.Column("offboarding_requested_at", sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_client"))
    )
    op.create_table("login_failure",
    sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column("scope", sa.String(length=10), nullable=False),
    sa.Column("key_hash", sa.LargeBinary(length=32), nullable=False),
    sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failure"))
    )
    op.create_index("ix_login_failure_scope_key", "login_failure", ["scope", "key_hash", "failed_at"], unique=False)
    op.create_table("signing_key",
    sa.Column("kid", sa.String(length=64), nullable=False),
    sa.Column("public_jwk", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column("activated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint("kid", name=op.f("pk_signing_key"))
    )
    op.create_table("user_account",
    sa.Column("id", sa.Uuid(), nullable=False),
    sa.Column("tenant_id", sa.Uuid(), nullable=True),
    sa.Column("email", sa.String(length=320), nullable=False),
    sa.Column("name", sa.String(length=200), nullable=True),
    sa.Column("role", sa.String(length=20), nullable=False),
    sa.Column("subject_ref", sa.String(length=56), nullable=True),
    sa.Column("password_hash", sa.String(length=80), nullable=True),
    sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("joined_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("restricted", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    sa.CheckConstraint("(tenant_id IS NULL) = (role = 'privacy_officer')", name=op.f("ck_user_account_staff_have_no_client")),
    sa.CheckConstraint("(tenant_id IS NULL) = (subject_ref IS NULL)", name=op.f("ck_user_account_client_users_have_subject_ref")),
    sa.ForeignKeyConstraint(["tenant_id"], ["client.tenant_id"], name=op.f("fk_user_account_tenant_id_client"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
    sa.UniqueConstraint("email", name=op.f("uq_user_account_email"))
    )
    op.create_index("ix_user_account_tenant_id_id", "user_account", ["tenant_id", "id"], unique=False)
    op.create_index("ix_user_account_tenant_id_subject_ref", "user_account", ["tenant_id", "subject_ref"], unique=False)
    op.create_table("refresh_token",
    sa.Column("id", sa.Uuid(), nullable=False),
    sa.Column("tenant_id", sa.Uuid(), nullable=True),
    sa.Column("user_id", sa.Uuid(), nullable=False),
    sa.Column("family_id", sa.Uuid(), nullable=False),
    sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_refresh_token_user_id_user_account"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_token")),
    sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_token_token_hash"))
    )
    op.create_index(op.f("ix_refresh_token_family_id"), "refresh_token", ["family_id"], unique=False)
    op.create_index(op.f("ix_refresh_token_tenant_id"), "refresh_token", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_refresh_token_user_id"), "refresh_token", ["user_id"], unique=False)
    op.create_table("single_use_token",
    sa.Column("id", sa.Uuid(), nullable=False),
    sa.Column("tenant_id", sa.Uuid(), nullable=True),
    sa.Column("user_id", sa.Uuid(), nullable=False),
    sa.Column("purpose", sa.String(length=30), nullable=False),
    sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
    sa.Column("new_email", sa.String(length=320), nullable=True),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_single_use_token_user_id_user_account"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_single_use_token")),
    sa.UniqueConstraint("token_hash", name=op.f("uq_single_use_token_token_hash"))
    )
    op.create_index(op.f("ix_single_use_token_tenant_id"), "single_use_token", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_single_use_token_user_id"), "single_use_token", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_single_use_token_user_id"), table_name="single_use_token")
    op.drop_index(op.f("ix_single_use_token_tenant_id"), table_name="single_use_token")
    op.drop_table("single_use_token")
    op.drop_index(op.f("ix_refresh_token_user_id"), table_name="refresh_token")
    op.drop_index(op.f("ix_refresh_token_tenant_id"), table_name="refresh_token")
    op.drop_index(op.f("ix_refresh_token_family_id"), table_name="refresh_token")
    op.drop_table("refresh_token")
    op.drop_index("ix_user_account_tenant_id_subject_ref", table_name="user_account")
    op.drop_index("ix_user_account_tenant_id_id", table_name="user_account")
    op.drop_table("user_account")
    op.drop_table("signing_key")
    op.drop_index("ix_login_failure_scope_key", table_name="login_failure")
    op.drop_table("login_failure")
    op.drop_table("client")
