"""Each person's latest consent per purpose, as privacy announced it (Q2): no address kept."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import Boolean, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from delivery.database import Base


class ConsentState(Base):
    """Whether a person's consent to one purpose stands, and since when."""

    __tablename__ = "consent_state"

    tenant_id: Mapped[UUID] = mapped_column(primary_key=True)
    subject_ref: Mapped[str] = mapped_column(String(56), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(40), primary_key=True)
    granted: Mapped[bool] = mapped_column(Boolean)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
