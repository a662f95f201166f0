from datetime import datetime
from uuid import UUID

from sqlalchemy import Boolean, DateTime, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from assessments.database import Base, new_id


class Participant(Base):
    """A person the client asks questions: name, email and language, as the client gave them."""

    __tablename__ = "participant"
    __table_args__ = (
        UniqueConstraint("tenant_id", "email"),
        Index("ix_participant_tenant_subject", "tenant_id", "subject_ref"),
        Index("ix_participant_tenant_name", "tenant_id", "name"),
        Index("ix_participant_slack", "tenant_id", "slack_team_id"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    email: Mapped[str] = mapped_column(String(320), nullable=False)
    """Normalised (``chassis.privacy.subject_ref.normalise_email``)."""
    subject_ref: Mapped[str] = mapped_column(String(56), nullable=False)
    language: Mapped[str] = mapped_column(String(2), nullable=False)
    slack_team_id: Mapped[str | None] = mapped_column(String(32))
    slack_user_id: Mapped[str | None] = mapped_column(String(32))
    email_unsubscribed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
