"""The messaging tables every service's database holds: its outbox and its inbox."""

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Uuid,
    func,
    text,
)

from chassis.database import service_metadata

messaging_metadata = service_metadata()

outbox_message = Table(
    "outbox_message",
    messaging_metadata,
    Column("id", Uuid, primary_key=True, comment="the envelope id, published as message_id"),
    Column("position", BigInteger, Identity(), nullable=False, unique=True),
    Column("event_type", String(200), nullable=False),
    Column("tenant_id", Uuid, nullable=True),
    Column("subject_ref", String(56), nullable=True),
    Column("body", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("published_at", DateTime(timezone=True), nullable=True),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Index(
        "ix_outbox_message_pending",
        "position",
        postgresql_where=text("published_at IS NULL"),
    ),
    Index(
        "ix_outbox_message_published_at",
        "published_at",
        postgresql_where=text("published_at IS NOT NULL"),
    ),
    Index("ix_outbox_message_subject_ref", "subject_ref"),
    Index("ix_outbox_message_tenant_id", "tenant_id"),
)

inbox_message = Table(
    "inbox_message",
    messaging_metadata,
    Column("consumer", String(200), primary_key=True),
    Column("message_id", Uuid, primary_key=True),
    Column("tenant_id", Uuid, nullable=True),
    Column("subject_ref", String(56), nullable=True),
    Column("handled_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_inbox_message_handled_at", "handled_at"),
    Index("ix_inbox_message_subject_ref", "subject_ref"),
    Index("ix_inbox_message_tenant_id", "tenant_id"),
)

erased_subject = Table(
    "erased_subject",
    messaging_metadata,
    Column("tenant_id", Uuid, primary_key=True),
    Column("subject_ref", String(56), primary_key=True),
    Column("erased_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    comment="people erased here: a late retry or a replayed dead letter about them is dropped",
)

OUTBOX_CHANNEL = "outbox_message"
"""The LISTEN/NOTIFY channel an insert into the outbox wakes the relay on."""
