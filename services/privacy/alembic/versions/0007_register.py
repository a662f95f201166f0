"""The register of processing activities (GDPR art. 30), seeded from the product's own policy

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from privacy.register.seed import ACTIVITIES, PROCESSORS

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    activities = op.create_table(
        "register_activity",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("category", sa.String(200), nullable=False),
        sa.Column("category_et", sa.String(300), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("subject_kind", sa.String(20), nullable=False),
        sa.Column("soket_role", sa.String(20), nullable=False),
        sa.Column("controller", sa.String(200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("purposes", postgresql.JSONB(), nullable=False),
        sa.Column("retention", sa.Text(), nullable=False),
        sa.Column("recipients", postgresql.JSONB(), nullable=False),
        sa.Column("created_at", TZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", TZ, server_default=sa.text("now()"), nullable=False),
    )
    processors = op.create_table(
        "register_processor",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("company", sa.String(200), nullable=False),
        sa.Column("service", sa.Text(), nullable=False),
        sa.Column("service_et", sa.Text(), nullable=True),
        sa.Column("processed_in", sa.String(300), nullable=False),
        sa.Column("countries", postgresql.JSONB(), nullable=False),
        sa.Column("engaged_by", sa.String(20), nullable=False),
        sa.Column("transfer", sa.Text(), nullable=True),
        sa.Column("terms_url", sa.String(500), nullable=True),
        sa.Column("created_at", TZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", TZ, server_default=sa.text("now()"), nullable=False),
    )
    links = op.create_table(
        "register_activity_processor",
        sa.Column("activity_id", sa.Uuid(), primary_key=True),
        sa.Column("processor_id", sa.Uuid(), primary_key=True),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["register_activity.id"],
            name=op.f("fk_register_activity_processor_activity_id_register_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["processor_id"],
            ["register_processor.id"],
            name=op.f("fk_register_activity_processor_processor_id_register_processor"),
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        op.f("ix_register_activity_processor_processor_id"),
        "register_activity_processor",
        ["processor_id"],
    )
    op.bulk_insert(processors, PROCESSORS)
    op.bulk_insert(
        activities,
        [
            {key: value for key, value in row.items() if key != "processor_ids"}
            for row in ACTIVITIES
        ],
    )
    op.bulk_insert(
        links,
        [
            {"activity_id": row["id"], "processor_id": processor_id}
            for row in ACTIVITIES
            for processor_id in row["processor_ids"]
        ],
    )


def downgrade() -> None:
    op.drop_table("register_activity_processor")
    op.drop_table("register_processor")
    op.drop_table("register_activity")
