from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from accounts.database import Base


class Client(Base):
    """An organisation that uses Soket: a tenant. Its id is the ``tenant_id`` of its rows."""

    __tablename__ = "client"

    tenant_id: Mapped[UUID] = mapped_column(primary_key=True)
    organisation_name: Mapped[str] = mapped_column(String(200))
    time_zone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    offboarding_requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
