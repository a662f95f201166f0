from uuid import UUID

from sqlalchemy import BigInteger, Integer, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from analytics.database import Base


def _counter() -> Mapped[int]:
    return mapped_column(BigInteger, nullable=False, default=0)


class AssessmentStats(Base):
    """Running totals of one assessment, moved only by facts seen for the first time."""

    __tablename__ = "assessment_stats"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    assessment_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    dispatched: Mapped[int] = _counter()
    sent: Mapped[int] = _counter()
    delivered: Mapped[int] = _counter()
    bounced: Mapped[int] = _counter()
    suppressed: Mapped[int] = _counter()
    answered_dispatches: Mapped[int] = _counter()
    """Dispatches with at least one answer: the respondents."""
    answers: Mapped[int] = _counter()
    graded_answers: Mapped[int] = _counter()
    """Answers to questions that have a correct answer."""
    correct_answers: Mapped[int] = _counter()


class AnswerSecondCount(Base):
    """How many answers of an assessment came after so many seconds (``time_bucket``), for the
    median."""

    __tablename__ = "answer_second_count"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    assessment_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    seconds: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    answers: Mapped[int] = _counter()


class QuestionStats(Base):
    """Running totals of one question within one assessment."""

    __tablename__ = "question_stats"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    assessment_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    question_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    answers: Mapped[int] = _counter()
    graded_answers: Mapped[int] = _counter()
    correct_answers: Mapped[int] = _counter()
    free_text_answers: Mapped[int] = _counter()
    scale_answers: Mapped[int] = _counter()
    scale_total: Mapped[int] = _counter()


class OptionCount(Base):
    """How often an option of a question was chosen within one assessment."""

    __tablename__ = "option_count"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    assessment_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    question_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    option_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    chosen: Mapped[int] = _counter()


class ScaleCount(Base):
    """How often a point of a scale question was chosen within one assessment."""

    __tablename__ = "scale_count"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    assessment_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    question_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, primary_key=True)
    answers: Mapped[int] = _counter()
