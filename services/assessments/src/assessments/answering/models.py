from datetime import date, datetime
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
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from assessments.database import Base, new_id


class Answer(Base):
    """A participant's answer to one question.

    Erasure keeps a choice answer only as an anonymous row: participant, ``subject_ref`` and
    dispatch cleared, so the statistics stay true and nothing points to the person.
    """

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("dispatch_id", "question_id"),
        Index("ix_answer_assessment_question", "assessment_id", "question_id"),
        Index("ix_answer_participant", "participant_id"),
        Index("ix_answer_tenant_subject", "tenant_id", "subject_ref"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)
    assessment_id: Mapped[UUID] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), nullable=False
    )
    question_id: Mapped[UUID] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), nullable=False
    )
    dispatch_id: Mapped[UUID | None] = mapped_column(ForeignKey("dispatch.id", ondelete="SET NULL"))
    participant_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL")
    )
    subject_ref: Mapped[str | None] = mapped_column(String(56))
    chosen_option_ids: Mapped[list[UUID]] = mapped_column(ARRAY(Uuid), nullable=False)
    scale_value: Mapped[int | None] = mapped_column(Integer)
    free_text: Mapped[str | None] = mapped_column(Text)
    correct: Mapped[bool | None] = mapped_column(Boolean)
    channel: Mapped[str] = mapped_column(String(10), nullable=False)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    answered_on: Mapped[date] = mapped_column(Date, nullable=False)
    time_to_answer_ms: Mapped[int] = mapped_column(Integer, nullable=False)
