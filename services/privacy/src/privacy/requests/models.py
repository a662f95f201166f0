from datetime import datetime
from enum import StrEnum
from uuid import UUID

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from privacy.database import Base, new_id


class RequestType(StrEnum):
    ACCESS = "access"
    EXPORT = "export"
    RECTIFICATION = "rectification"
    ERASURE = "erasure"
    RESTRICTION = "restriction"
    CONSENT_WITHDRAWAL = "consent_withdrawal"
    """Q2: takes effect at once, no decision needed (privacy.consent.routing)."""
    OBJECTION = "objection"
    """Q3: to legitimate-interest processing, weighed by the decider (privacy.consent)."""


class SubjectKind(StrEnum):
    """Whose data: a client's participant (the client controls it) or a client user (Soket)."""

    PARTICIPANT = "participant"
    CLIENT_USER = "client_user"


class IntakeChannel(StrEnum):
    PUBLIC_FORM = "public_form"
    CLIENT_ADMIN = "client_admin"
    CLIENT_USER = "client_user"
    PRIVACY_OFFICER = "privacy_officer"


class DenialReason(StrEnum):
    INSUFFICIENT_VERIFICATION = "insufficient_verification"
    NO_MATCH = "no_match"
    MANIFESTLY_UNFOUNDED_OR_EXCESSIVE = "manifestly_unfounded_or_excessive"
    LEGAL_OBLIGATION_TO_KEEP = "legal_obligation_to_keep"
    OTHER = "other"


class DataSubjectRequest(Base):
    """One person's request about their data held for one client (or for no client found)."""

    __tablename__ = "data_subject_request"
    __table_args__ = (
        Index("ix_request_tenant_due", "tenant_id", "due_at"),
        Index("ix_request_state_due", "state", "due_at"),
        Index("ix_request_closed", "closed_at"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(16), nullable=False, unique=True)
    """What the subject and staff quote, e.g. ``DSR-7K3F9Q2M``."""
    request_type: Mapped[RequestType] = mapped_column(String(20), nullable=False)
    subject_kind: Mapped[SubjectKind] = mapped_column(String(20), nullable=False)
    tenant_id: Mapped[UUID | None] = mapped_column()
    """None only while no client is known (a public request that matched nobody)."""
    subject_ref: Mapped[str | None] = mapped_column(String(56))
    email: Mapped[str | None] = mapped_column(String(320))
    """Kept only while the request is open plus the grace period, then set to None."""
    language: Mapped[str] = mapped_column(String(2), nullable=False)
    channel: Mapped[IntakeChannel] = mapped_column(String(20), nullable=False)
    submitted_by: Mapped[UUID | None] = mapped_column()
    """The staff user who entered it (client admin, client user, privacy officer)."""
    intake_id: Mapped[UUID | None] = mapped_column()
    """The public-form intake it came from."""
    restrict: Mapped[bool | None] = mapped_column(Boolean)
    """A restriction request: True turns it on, False lifts it."""
    corrected_email: Mapped[str | None] = mapped_column(String(320))
    corrected_name: Mapped[str | None] = mapped_column(String(200))
    """A rectification's new values; forgotten with the email."""
    state: Mapped[str] = mapped_column(String(30), nullable=False)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    """One month after receipt, plus the time paused while unverified, plus an extension."""
    paused_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    extended_by_months: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[UUID | None] = mapped_column()
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    denial_reason: Mapped[DenialReason | None] = mapped_column(String(40))
    denial_note: Mapped[str | None] = mapped_column(Text)
    starts_after: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """An approved erasure's cooling-off end: the point of no return."""
    failure_reason: Mapped[str | None] = mapped_column(Text)
    exception_note: Mapped[str | None] = mapped_column(Text)
    """Where erasure did not apply (P14), and why."""
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """When it reached a final state; the email grace period counts from here."""
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()
    )


class RequestTransition(Base):
    """The history of one request's moves: who, from where to where, when."""

    __tablename__ = "request_transition"
    __table_args__ = (Index("ix_transition_request", "request_id", "at"),)

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    request_id: Mapped[UUID] = mapped_column(nullable=False)
    from_state: Mapped[str] = mapped_column(String(30), nullable=False)
    to_state: Mapped[str] = mapped_column(String(30), nullable=False)
    actor: Mapped[str] = mapped_column(String(20), nullable=False)
    actor_id: Mapped[UUID | None] = mapped_column()
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
