from datetime import datetime
from uuid import UUID

from sqlalchemy import BigInteger, DateTime, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from analytics.database import Base


class ParticipantStats(Base):
    """Running totals of one person, known only by ``subject_ref``."""

    __tablename__ = "participant_stats"

    tenant_id: Mapped[UUID] = mapped_column(Uuid, primary_key=True)
    subject_ref: Mapped[str] = mapped_column(String(56), primary_key=True)
    answers: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    graded_answers: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    correct_answers: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    last_answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
