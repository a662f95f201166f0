from datetime import date, datetime
from uuid import UUID

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from assessments.database import Base, new_id

PLANNED = "planned"
ISSUED = "issued"
MISSED = "missed"
"""Planned but not issued before the lateness limit (say, the schedulers were down)."""
UNREACHABLE = "unreachable"
"""No contact on any channel the assessment allows."""
RESTRICTED = "restricted"


class Dispatch(Base):
    """One participant asked one question (daily) or invited to one quiz."""

    __tablename__ = "dispatch"
    __table_args__ = (
        UniqueConstraint("assessment_id", "participant_id", "slot_key"),
        Index(
            "ix_dispatch_planned_due",
            "due_at",
            postgresql_where=text("status = 'planned'"),
        ),
        Index("ix_dispatch_participant", "participant_id"),
        Index("ix_dispatch_tenant_assessment", "tenant_id", "assessment_id"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)
    assessment_id: Mapped[UUID] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), nullable=False
    )
    participant_id: Mapped[UUID] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), nullable=False
    )
    question_id: Mapped[UUID | None] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    """The daily question; None for a quiz invitation."""
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    slot_key: Mapped[str] = mapped_column(String(20), nullable=False)
    local_date: Mapped[date] = mapped_column(Date, nullable=False)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default=PLANNED)
    issued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    issued_by: Mapped[str | None] = mapped_column(String(100))
    """The scheduler replica that claimed and issued it."""
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    answer_by: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reminders_sent: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )


class AnswerToken(Base):
    """An answer link's token, stored as its SHA-256 only."""

    __tablename__ = "answer_token"
    __table_args__ = (Index("ix_answer_token_dispatch", "dispatch_id"),)

    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)
    dispatch_id: Mapped[UUID] = mapped_column(
        ForeignKey("dispatch.id", ondelete="CASCADE"), nullable=False
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
