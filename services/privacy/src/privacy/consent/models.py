"""The consent ledger (Q2, Q16), client users as privacy knows them, and what a consent
request (withdrawal or objection, Q3) is about."""

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from sqlalchemy import Boolean, DateTime, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from privacy.database import Base, new_id


class ConsentAction(StrEnum):
    GRANT = "grant"
    WITHDRAWAL = "withdrawal"
    OBJECTION = "objection"
    """An upheld objection (Q3): the purpose stops as a withdrawal would stop it."""


class ConsentChannel(StrEnum):
    """How the person told us."""

    WEB_APP = "web_app"
    API = "api"
    REQUEST = "request"
    """Through a data-subject request (a withdrawal or an objection)."""


class ConsentEntry(Base):
    """One line of a person's consent history for one purpose, with its proof.

    Append-only (a database trigger refuses any UPDATE but re-keying ``subject_ref`` when the
    person's address changes); the person's current state is their latest entry."""

    __tablename__ = "consent_entry"
    __table_args__ = (
        Index("ix_consent_entry_person", "tenant_id", "subject_ref", "purpose", "at"),
        Index("ix_consent_entry_request", "request_id"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    """UUIDv7: orders entries recorded in the same instant."""
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)
    subject_ref: Mapped[str] = mapped_column(String(56), nullable=False)
    purpose: Mapped[str] = mapped_column(String(40), nullable=False)
    action: Mapped[ConsentAction] = mapped_column(String(20), nullable=False)
    granted: Mapped[bool] = mapped_column(Boolean, nullable=False)
    channel: Mapped[ConsentChannel] = mapped_column(String(20), nullable=False)
    policy_version: Mapped[str | None] = mapped_column(String(40))
    """The privacy policy version current when the person acted, as the client named it."""
    wording: Mapped[str | None] = mapped_column(Text)
    """The text the person was shown when they acted."""
    request_id: Mapped[UUID | None] = mapped_column()
    """The data-subject request that made this entry (a withdrawal or an upheld objection)."""
    actor_id: Mapped[UUID | None] = mapped_column()
    """The user who acted: the person themselves, or the officer who upheld an objection."""
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )


class KnownClientUser(Base):
    """A client user as accounts announced them: who a token's ``user_id`` is."""

    __tablename__ = "consent_client_user"
    __table_args__ = (Index("ix_consent_client_user_person", "tenant_id", "subject_ref"),)

    user_id: Mapped[UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)
    subject_ref: Mapped[str] = mapped_column(String(56), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()
    )


class ConsentRequest(Base):
    """What a withdrawal or an objection is about: one purpose, or every purpose (None)."""

    __tablename__ = "consent_request"

    request_id: Mapped[UUID] = mapped_column(primary_key=True)
    purpose: Mapped[str | None] = mapped_column(String(40))
    statement: Mapped[str | None] = mapped_column(Text)
    """An objection's grounds relating to the person's particular situation (GDPR art. 21(1))."""
    policy_version: Mapped[str | None] = mapped_column(String(40))
    wording: Mapped[str | None] = mapped_column(Text)
