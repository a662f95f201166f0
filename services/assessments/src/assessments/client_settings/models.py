from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from assessments.database import Base

DEFAULT_TIME_ZONE = "Europe/Tallinn"
DEFAULT_LANGUAGE = "et"


class ClientSettings(Base):
    """A client's time zone and language, as accounts last announced them."""

    __tablename__ = "client_settings"

    tenant_id: Mapped[UUID] = mapped_column(primary_key=True)
    time_zone: Mapped[str] = mapped_column(String(64), nullable=False)
    language: Mapped[str] = mapped_column(String(2), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
