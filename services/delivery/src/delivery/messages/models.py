"""The delivery log: one row per (dispatch or notice, channel), and what is still to send."""

from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from sqlalchemy import DateTime, Index, String, UniqueConstraint, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from delivery.database import Base


class MessageKind(StrEnum):
    DISPATCH = "dispatch"
    NOTICE = "notice"


class MessageState(StrEnum):
    """Where a message is; the first two are in our hands, the others are final or reported."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    BOUNCED = "bounced"
    COMPLAINED = "complained"
    FAILED = "failed"
    SUPPRESSED = "suppressed"
    UNKNOWN = "unknown"


class Message(Base):
    """One message on one channel. ``content`` holds what to send (address included) only
    until the message leaves our hands; the log itself keeps no body."""

    __tablename__ = "message"
    __table_args__ = (
        UniqueConstraint("kind", "reference_id", "channel", name="uq_message_reference_channel"),
        Index(
            "ix_message_due",
            "channel",
            "next_attempt_at",
            postgresql_where=text("state = 'queued'"),
        ),
        Index(
            "ix_message_in_flight",
            "sending_started_at",
            postgresql_where=text("state = 'sending'"),
        ),
        Index("ix_message_tenant_assessment", "tenant_id", "assessment_id"),
        Index("ix_message_tenant_subject", "tenant_id", "subject_ref"),
        Index("ix_message_provider_id", "provider_message_id"),
        Index("ix_message_address_hash", "address_hash"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[UUID | None]
    """None for notices to platform staff and the public."""
    kind: Mapped[MessageKind] = mapped_column(String(16))
    reference_id: Mapped[UUID]
    """The dispatch id or the notice id."""
    channel: Mapped[str] = mapped_column(String(16))
    assessment_id: Mapped[UUID | None]
    subject_ref: Mapped[str | None] = mapped_column(String(56))
    address_hash: Mapped[str | None] = mapped_column(String(56))
    language: Mapped[str | None] = mapped_column(String(8))
    email_fallback: Mapped[bool] = mapped_column(default=False)
    state: Mapped[MessageState] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    sending_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    provider_message_id: Mapped[str | None] = mapped_column(String(128))
    slack_channel_id: Mapped[str | None] = mapped_column(String(32))
    failure: Mapped[str | None] = mapped_column(String(64))
    """A short machine reason (``throttled``, ``suppressed:bounced``), never content."""
    content: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    correlation_id: Mapped[str | None] = mapped_column(String(128))
    """The correlation of the event that asked for the message, carried by every status event
    about it: how privacy follows a breach's notices (Q10) without reading their addresses."""
    purpose: Mapped[str | None] = mapped_column(String(40))
    """The consent purpose a notice is sent on, checked again when it is claimed (Q2)."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
