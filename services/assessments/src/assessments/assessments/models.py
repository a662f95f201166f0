from datetime import date, datetime, time
from uuid import UUID

from sqlalchemy import (
    ARRAY,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from assessments.database import Base, new_id


class Assessment(Base):
    """A quiz (sent once) or daily questions (one a day per participant, from a pool)."""

    __tablename__ = "assessment"
    __table_args__ = (
        Index("ix_assessment_tenant_created", "tenant_id", "created_at"),
        Index("ix_assessment_status", "status"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft")
    channels: Mapped[list[str]] = mapped_column(ARRAY(String(10)), nullable=False)
    email_fallback: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    show_correct: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    opens_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closes_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    weekdays: Mapped[list[int] | None] = mapped_column(ARRAY(Integer))
    """ISO weekdays (1 = Monday) of daily questions."""
    send_time: Mapped[time | None] = mapped_column(Time)
    """Local time of daily questions, in the client's time zone."""
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    reask_wrong_after_days: Mapped[int | None] = mapped_column(Integer)
    reminder_after_hours: Mapped[int | None] = mapped_column(Integer)
    max_reminders: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AssessmentQuestion(Base):
    """A quiz's questions in order, or the pool of daily questions."""

    __tablename__ = "assessment_question"
    __table_args__ = (Index("ix_assessment_question_question", "question_id"),)

    assessment_id: Mapped[UUID] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[UUID] = mapped_column(
        ForeignKey("question.id", ondelete="RESTRICT"), primary_key=True
    )
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)


class AssessmentParticipant(Base):
    __tablename__ = "assessment_participant"
    __table_args__ = (Index("ix_assessment_participant_participant", "participant_id"),)

    assessment_id: Mapped[UUID] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[UUID] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True
    )
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)


class AssessmentGroup(Base):
    __tablename__ = "assessment_group"
    __table_args__ = (Index("ix_assessment_group_group", "group_id"),)

    assessment_id: Mapped[UUID] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[UUID] = mapped_column(
        ForeignKey("participant_group.id", ondelete="CASCADE"), primary_key=True
    )
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)
