"""Who is not sent to: suppressed addresses, unsubscriptions and restrictions (hashes only)."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from delivery.database import Base


class SuppressedAddress(Base):
    """An address that bounced for good or complained: no more email to it, from any client."""

    __tablename__ = "suppressed_address"

    address_hash: Mapped[str] = mapped_column(String(56), primary_key=True)
    reason: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Unsubscription(Base):
    """A person who unsubscribed from one client's questions."""

    __tablename__ = "unsubscription"

    tenant_id: Mapped[UUID] = mapped_column(primary_key=True)
    subject_ref: Mapped[str] = mapped_column(String(56), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Restriction(Base):
    """A person whose processing is restricted: they are sent nothing."""

    __tablename__ = "restriction"

    tenant_id: Mapped[UUID] = mapped_column(primary_key=True)
    subject_ref: Mapped[str] = mapped_column(String(56), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
