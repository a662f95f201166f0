from datetime import date
from uuid import UUID

from sqlalchemy import BigInteger, Date, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from analytics.database import Base


class TrendCell(Base):
    """Answers of one day, overall (``dimension`` day) or of one group or topic."""

    __tablename__ = "trend_cell"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    dimension: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    """The group id or the topic; empty for the day overall."""
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    answers: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    graded_answers: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    correct_answers: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    respondents: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)


class TrendRespondent(Base):
    """Who has been counted as a respondent of a cell, so nobody is counted twice."""

    __tablename__ = "trend_respondent"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    dimension: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    subject_ref: Mapped[str] = mapped_column(String(56), primary_key=True)
