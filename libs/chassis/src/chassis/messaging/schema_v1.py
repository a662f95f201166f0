"""The first version of the messaging tables, as migration steps every service runs.

Frozen: a later change to the tables is a new module (``schema_v2``) and a new migration.
"""

import sqlalchemy as sa
from alembic import op

_NOTIFY_FUNCTION = "notify_outbox_message"


def create_messaging_tables() -> None:
    op.create_table(
        "outbox_message",
        sa.Column(
            "id", sa.Uuid(), nullable=False, comment="the envelope id, published as message_id"
        ),
        sa.Column("position", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=True),
        sa.Column("subject_ref", sa.String(56), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outbox_message"),
        sa.UniqueConstraint("position", name="uq_outbox_message_position"),
    )
    op.create_index(
        "ix_outbox_message_pending",
        "outbox_message",
        ["position"],
        postgresql_where=sa.text("published_at IS NULL"),
    )
    op.create_index(
        "ix_outbox_message_published_at",
        "outbox_message",
        ["published_at"],
        postgresql_where=sa.text("published_at IS NOT NULL"),
    )
    op.create_index("ix_outbox_message_subject_ref", "outbox_message", ["subject_ref"])
    op.create_index("ix_outbox_message_tenant_id", "outbox_message", ["tenant_id"])
    op.execute(
        f"""
        CREATE FUNCTION {_NOTIFY_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('outbox_message', '');
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        f"""
        CREATE TRIGGER outbox_message_inserted AFTER INSERT ON outbox_message
        FOR EACH STATEMENT EXECUTE FUNCTION {_NOTIFY_FUNCTION}()
        """
    )

    op.create_table(
        "inbox_message",
        sa.Column("consumer", sa.String(200), nullable=False),
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=True),
        sa.Column("subject_ref", sa.String(56), nullable=True),
        sa.Column(
            "handled_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("consumer", "message_id", name="pk_inbox_message"),
    )
    op.create_index("ix_inbox_message_handled_at", "inbox_message", ["handled_at"])
    op.create_index("ix_inbox_message_subject_ref", "inbox_message", ["subject_ref"])
    op.create_index("ix_inbox_message_tenant_id", "inbox_message", ["tenant_id"])

    op.create_table(
        "erased_subject",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("subject_ref", sa.String(56), nullable=False),
        sa.Column(
            "erased_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("tenant_id", "subject_ref", name="pk_erased_subject"),
        comment="people erased here: a late retry or a replayed dead letter about them is dropped",
    )


def drop_messaging_tables() -> None:
    op.drop_table("erased_subject")
    op.drop_table("inbox_message")
    op.execute("DROP TRIGGER outbox_message_inserted ON outbox_message")
    op.drop_table("outbox_message")
    op.execute(f"DROP FUNCTION {_NOTIFY_FUNCTION}()")
