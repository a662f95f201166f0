from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from sqlalchemy import DateTime, Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from privacy.database import Base, new_id


class OffboardingState(StrEnum):
    EXPORTING = "exporting"
    """The whole-client export was asked of the data services."""
    OFFERED = "offered"
    """The export is offered to the client's admins; erasure waits for the agreed date."""
    ON_HOLD = "on_hold"
    """The agreed date came, but a legal hold on the client stops the erasure (P14)."""
    NOTIFYING = "notifying"
    """The date came: the admins are emailed the certificate's link before they are erased."""
    ERASING = "erasing"
    """The erasure was asked of the data services; receipts are coming in."""
    ERASED = "erased"
    """Every data service answered with a verified receipt; the certificate is issued."""


class ClientOffboarding(Base):
    """One client's end of contract (P12): its export, its erasure date, its certificate.

    Holds no name and no email: after the erasure only ids, dates and proofs remain.
    """

    __tablename__ = "client_offboarding"
    __table_args__ = (
        Index("ix_client_offboarding_due", "state", "erase_on"),
        Index("ix_client_offboarding_requested", "requested_at"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[UUID] = mapped_column(unique=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    state: Mapped[str] = mapped_column(String(20))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    requested_by_user_id: Mapped[UUID | None]
    export_request_id: Mapped[UUID] = mapped_column(unique=True, default=new_id)
    export_asked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    export_offered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    erase_on: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    erase_on_agreed_by: Mapped[str] = mapped_column(String(20))
    """``default``, ``client_admin`` or ``privacy_officer``."""
    erasure_request_id: Mapped[UUID] = mapped_column(unique=True, default=new_id)
    erasure_asked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    erasure_attempts: Mapped[int] = mapped_column(Integer, default=0)
    organisation_sha256: Mapped[str | None] = mapped_column(String(64))
    """SHA-256 of ``"<tenant_id>:<organisation name>"``: the certificate names the client by it."""
    certificate_notice_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hold_reason: Mapped[str | None] = mapped_column(String(500))
    erased_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_backup_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    certificate: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
