from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import DateTime, Index, Integer, LargeBinary, String, func, text
from sqlalchemy.dialects.postgresql import JSON
from sqlalchemy.orm import Mapped, mapped_column

from privacy.database import Base


class ExportPart(Base):
    """One part of one service's export for a request, kept until the archive is built.

    ``categories`` is ``json``, not ``jsonb``: the fields keep the order the service gave them,
    which the CSV columns follow.
    """

    __tablename__ = "export_part"
    __table_args__ = (Index("ix_export_part_received", "received_at"),)

    request_id: Mapped[UUID] = mapped_column(primary_key=True)
    service: Mapped[str] = mapped_column(String(20), primary_key=True)
    part: Mapped[int] = mapped_column(Integer, primary_key=True)
    total_parts: Mapped[int] = mapped_column(Integer, nullable=False)
    categories: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )


class ExportArchive(Base):
    """A request's ZIP (export or access report) behind its signed, expiring download link.

    Purged (``content`` dropped, ``purged_at`` set) once the link has expired; the row stays
    so that a late click is told the copy is gone.
    """

    __tablename__ = "export_archive"
    __table_args__ = (
        Index(
            "ix_export_archive_unpurged", "expires_at", postgresql_where=text("purged_at IS NULL")
        ),
    )

    request_id: Mapped[UUID] = mapped_column(primary_key=True)
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    size_bytes: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
