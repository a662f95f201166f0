"""Legal holds: a client, or one person of a client, whose data must be kept (e.g. for legal
claims, GDPR art. 17(3)(e)): no retention run and no erasure touches it while it stands."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from privacy.database import Base, new_id


class LegalHold(Base):
    """Released holds stay, with when and by whom: the history is kept."""

    __tablename__ = "legal_hold"
    __table_args__ = (Index("ix_legal_hold_active", "tenant_id", "subject_ref", "released_at"),)

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)
    subject_ref: Mapped[str | None] = mapped_column(String(56))
    """None: the whole client is held."""
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    owner: Mapped[str] = mapped_column(String(200), nullable=False)
    """The person answerable for the hold (e.g. the counsel handling the claim)."""
    placed_by: Mapped[UUID] = mapped_column(nullable=False)
    placed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    released_by: Mapped[UUID | None] = mapped_column()
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    release_note: Mapped[str | None] = mapped_column(Text)
