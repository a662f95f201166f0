from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from analytics.database import Base


class RestrictedSubject(Base):
    """A person whose processing is restricted: their events add no per-person rows."""

    __tablename__ = "restricted_subject"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    subject_ref: Mapped[str] = mapped_column(String(56), primary_key=True)
    restricted_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
