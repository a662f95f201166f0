from datetime import datetime
from enum import StrEnum
from uuid import UUID

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import Uuid

from privacy.database import Base, new_id
from privacy.requests.models import RequestType


class IntakeKind(StrEnum):
    PUBLIC_FORM = "public_form"
    """Anyone, from the public form: discovery finds the clients, then requests are opened."""
    SELF_SERVICE = "self_service"
    """A client user about their own data: the request exists, the code proves the address."""


class Intake(Base):
    """A request before its identity is proven: the emailed code, and for the public form
    what the subject asked for until discovery has opened their requests."""

    __tablename__ = "request_intake"
    __table_args__ = (
        Index("ix_request_intake_request", "request_id"),
        Index("ix_request_intake_pending", "verified_at", "opened_at"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    kind: Mapped[IntakeKind] = mapped_column(String(20), nullable=False)
    email: Mapped[str | None] = mapped_column(String(320))
    """Normalised; kept only until the requests are opened (they hold it from then on)."""
    request_type: Mapped[RequestType] = mapped_column(String(20), nullable=False)
    language: Mapped[str] = mapped_column(String(2), nullable=False)
    restrict: Mapped[bool | None] = mapped_column(Boolean)
    corrected_email: Mapped[str | None] = mapped_column(String(320))
    corrected_name: Mapped[str | None] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    """The legal clock's start."""
    code_hash: Mapped[str | None] = mapped_column(String(64))
    code_expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    attempts_left: Mapped[int] = mapped_column(Integer, nullable=False)
    status_token_hash: Mapped[str | None] = mapped_column(String(64))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_reply_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    discovery_asks: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    """How often discovery was asked: it is asked again while no service has answered."""
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    unanswered_services: Mapped[list[str] | None] = mapped_column(ARRAY(String(20)))
    """The services that had not answered discovery when the requests were opened anyway."""
    request_id: Mapped[UUID | None] = mapped_column()
    """A self-service intake's request."""
    tenant_id: Mapped[UUID | None] = mapped_column()
    submitted_by: Mapped[UUID | None] = mapped_column()


class DiscoveryReply(Base):
    """One service's answer to an intake's discovery: the clients holding the address."""

    __tablename__ = "intake_discovery_reply"

    intake_id: Mapped[UUID] = mapped_column(
        ForeignKey("request_intake.id", ondelete="CASCADE"), primary_key=True
    )
    service: Mapped[str] = mapped_column(String(20), primary_key=True)
    tenant_ids: Mapped[list[UUID]] = mapped_column(ARRAY(Uuid), nullable=False)
    replied_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class IntakeSubmission(Base):
    """One intake asked for an address in the last hour, by a keyed hash of it: the throttle."""

    __tablename__ = "intake_submission"
    __table_args__ = (Index("ix_intake_submission_address", "address_hash", "submitted_at"),)

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    address_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
