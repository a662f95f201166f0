"""Messaging: the outbox the relay publishes from and the inbox the worker records in.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from chassis.messaging.schema_v1 import create_messaging_tables, drop_messaging_tables

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    create_messaging_tables()


def downgrade() -> None:
    drop_messaging_tables()
