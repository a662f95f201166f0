from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from privacy.database import Base, new_id


class BackupRecord(Base):
    """One backup of every database: when it was taken, when it expires, when it was deleted.

    The certificate of a client's deletion names the expiry of the last backup that holds it.
    """

    __tablename__ = "backup_record"
    __table_args__ = (Index("ix_backup_record_taken", "taken_at"),)

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    """The backup's folder name, e.g. ``20261122T090000Z``."""
    taken_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
