from datetime import date, datetime
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Identity,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from analytics.database import Base


class DispatchFact(Base):
    """One dispatch as the events told it: created, its delivery statuses, answered or not.

    Any of its events may come first; each sets its own columns and its flag, so the row ends
    the same whatever the order. Counters move only when a flag turns true.
    """

    __tablename__ = "dispatch_fact"
    __table_args__ = (
        Index("ix_dispatch_fact_assessment", "tenant_id", "assessment_id"),
        Index("ix_dispatch_fact_subject", "tenant_id", "subject_ref", "dispatched_on"),
    )

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    dispatch_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    assessment_id: Mapped[UUID] = mapped_column(Uuid, nullable=False)
    question_id: Mapped[UUID | None] = mapped_column(Uuid)
    kind: Mapped[str | None] = mapped_column(String(32))
    subject_ref: Mapped[str | None] = mapped_column(String(56))
    """None once the person is erased or removed, or while they are restricted."""
    group_ids: Mapped[list[UUID]] = mapped_column(ARRAY(Uuid), nullable=False, default=list)
    dispatched_on: Mapped[date | None] = mapped_column(Date)
    created: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    sent: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    delivered: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    bounced: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    suppressed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    answered: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class AnswerFact(Base):
    """One answer to one question of one dispatch: the facts, never a free text."""

    __tablename__ = "answer_fact"
    __table_args__ = (
        UniqueConstraint("tenant_id", "dispatch_id", "question_id"),
        Index("ix_answer_fact_assessment", "tenant_id", "assessment_id"),
        Index("ix_answer_fact_subject", "tenant_id", "subject_ref"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    tenant_id: Mapped[UUID] = mapped_column(Uuid, nullable=False)
    assessment_id: Mapped[UUID] = mapped_column(Uuid, nullable=False)
    question_id: Mapped[UUID] = mapped_column(Uuid, nullable=False)
    dispatch_id: Mapped[UUID | None] = mapped_column(Uuid)
    """None once the answer is anonymised (the person erased or removed)."""
    subject_ref: Mapped[str | None] = mapped_column(String(56))
    chosen_option_ids: Mapped[list[UUID]] = mapped_column(ARRAY(Uuid), nullable=False)
    correct: Mapped[bool | None] = mapped_column(Boolean)
    scale_value: Mapped[int | None] = mapped_column(Integer)
    free_text_given: Mapped[bool] = mapped_column(Boolean, nullable=False)
    time_to_answer_ms: Mapped[int] = mapped_column(BigInteger, nullable=False)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    answered_on: Mapped[date] = mapped_column(Date, nullable=False)
    topics: Mapped[list[str]] = mapped_column(ARRAY(Text), nullable=False)
    group_ids: Mapped[list[UUID]] = mapped_column(ARRAY(Uuid), nullable=False)


class AssessmentInfo(Base):
    """What ``assessment.published`` said: the kind and the questions (no title)."""

    __tablename__ = "assessment_info"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    assessment_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    question_ids: Mapped[list[UUID]] = mapped_column(ARRAY(Uuid), nullable=False)


class QuestionInfo(Base):
    """What ``question.published`` said: kind, options in order, the correct ones, the scale."""

    __tablename__ = "question_info"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    question_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    option_ids: Mapped[list[UUID]] = mapped_column(ARRAY(Uuid), nullable=False)
    correct_option_ids: Mapped[list[UUID]] = mapped_column(ARRAY(Uuid), nullable=False)
    scale_minimum: Mapped[int | None] = mapped_column(Integer)
    scale_maximum: Mapped[int | None] = mapped_column(Integer)
    topics: Mapped[list[str]] = mapped_column(ARRAY(Text), nullable=False)


class DeletedAssessment(Base):
    """An assessment the client deleted: events about it that arrive late are ignored."""

    __tablename__ = "deleted_assessment"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    assessment_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )


class DeletedAnswers(Base):
    """The client deleted an assessment's answers (P13): its answers given before
    ``answered_before`` are gone, and events about them that arrive late are ignored."""

    __tablename__ = "deleted_answers"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    assessment_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    answered_before: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    """The latest deletion's moment: answers given later count."""
    deleted_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
