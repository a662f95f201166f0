"""Privacy policy versions and their acceptances

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "policy_version",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("label", sa.String(40), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("effective_at", TZ, nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("text_et", sa.Text(), nullable=True),
        sa.Column("text_en", sa.Text(), nullable=True),
        sa.Column("url_et", sa.String(500), nullable=True),
        sa.Column("url_en", sa.String(500), nullable=True),
        sa.Column("published_at", TZ, nullable=False),
        sa.Column("published_by", sa.Uuid(), nullable=False),
        sa.Column("withdrawn_at", TZ, nullable=True),
        sa.Column("withdrawn_by", sa.Uuid(), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.UniqueConstraint("label", name=op.f("uq_policy_version_label")),
    )
    op.create_index(
        "uq_policy_version_live_effective_on",
        "policy_version",
        ["effective_on"],
        unique=True,
        postgresql_where=sa.text("withdrawn_at IS NULL"),
    )
    op.create_table(
        "policy_acceptance",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("accepted_at", TZ, nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["policy_version.id"],
            name=op.f("fk_policy_acceptance_version_id_policy_version"),
        ),
        sa.UniqueConstraint("version_id", "user_id", name=op.f("uq_policy_acceptance_version_id")),
    )
    op.create_index("ix_policy_acceptance_user", "policy_acceptance", ["user_id", "accepted_at"])
    op.create_index("ix_policy_acceptance_tenant", "policy_acceptance", ["tenant_id"])


def downgrade() -> None:
    op.drop_table("policy_acceptance")
    op.drop_table("policy_version")
