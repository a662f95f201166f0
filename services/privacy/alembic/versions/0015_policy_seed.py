"""The product's own privacy policy (seeds/000) seeded as the version in force

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-22
"""

from alembic import op

from privacy.policies.seed import seed_statement, unseed_statement

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # No announcement and no audit entry: the seed is the policy the record starts from, not a
    # change (see privacy.policies.seed).
    op.execute(seed_statement())


def downgrade() -> None:
    op.execute(unseed_statement())
