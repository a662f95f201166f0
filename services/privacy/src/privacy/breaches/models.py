"""The breach register (GDPR art. 33(5)): each breach, its census, its notices and their fate."""

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from privacy.database import Base, new_id


class Breach(Base):
    """One personal-data breach as the privacy officer records it (Q10)."""

    __tablename__ = "breach"
    __table_args__ = (
        Index(
            "ix_breach_unnotified",
            "discovered_at",
            postgresql_where=text("authority_notified_at IS NULL"),
        ),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    discovered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    nature: Mapped[str] = mapped_column(Text, nullable=False)
    data_categories: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False)
    """Register activities concerned, as they read when chosen: ``[{id, category,
    subject_kind}]`` (the register may change later; the record may not)."""
    people_categories: Mapped[list[str]] = mapped_column(JSONB, nullable=False)
    """Kinds of data subjects concerned (``participant``, ``client_user``)."""
    tenant_ids: Mapped[list[str]] = mapped_column(JSONB, nullable=False)
    """The affected clients."""
    approximate_records: Mapped[int | None] = mapped_column(Integer)
    """The officer's estimate of the records concerned (art. 33(3)(a))."""
    likely_consequences: Mapped[str] = mapped_column(Text, nullable=False)
    measures_taken: Mapped[str] = mapped_column(Text, nullable=False)
    measures_proposed: Mapped[str] = mapped_column(Text, nullable=False)
    """Including measures to mitigate possible adverse effects (art. 33(3)(d))."""
    authority_notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    authority_reference: Mapped[str | None] = mapped_column(String(200))
    delay_reasons: Mapped[str | None] = mapped_column(Text)
    """Why the authority was notified more than the deadline after discovery (art. 33(1))."""
    escalated_marks: Mapped[list[int]] = mapped_column(JSONB, nullable=False, default=list)
    """Hours-left marks at which privacy officers were already emailed."""
    census_request_id: Mapped[UUID | None] = mapped_column(index=True)
    census_requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[UUID] = mapped_column(nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()
    )


class BreachCensusReply(Base):
    """One data service's counts of distinct people per client and category."""

    __tablename__ = "breach_census_reply"

    request_id: Mapped[UUID] = mapped_column(primary_key=True)
    service: Mapped[str] = mapped_column(String(20), primary_key=True)
    breach_id: Mapped[UUID] = mapped_column(
        ForeignKey("breach.id", ondelete="CASCADE"), nullable=False, index=True
    )
    counts: Mapped[dict[str, dict[str, int]]] = mapped_column(JSONB, nullable=False)
    """Per client id, people per category of that service."""
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class BreachNotice(Base):
    """A notice to a group of one affected client (art. 34), expanded by accounts or
    assessments into one notice per person."""

    __tablename__ = "breach_notice"

    notice_id: Mapped[UUID] = mapped_column(primary_key=True)
    breach_id: Mapped[UUID] = mapped_column(
        ForeignKey("breach.id", ondelete="CASCADE"), nullable=False, index=True
    )
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)
    audience: Mapped[str] = mapped_column(String(32), nullable=False)
    requested_by: Mapped[UUID] = mapped_column(nullable=False)
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class BreachNoticeRecipient(Base):
    """One person's copy of a breach notice, by its derived id only (no address), and what
    delivery reported about it."""

    __tablename__ = "breach_notice_recipient"

    notice_id: Mapped[UUID] = mapped_column(primary_key=True)
    breach_id: Mapped[UUID] = mapped_column(
        ForeignKey("breach.id", ondelete="CASCADE"), nullable=False, index=True
    )
    requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    bounced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    suppressed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
