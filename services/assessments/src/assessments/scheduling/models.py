from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from assessments.database import Base


class ScheduleSlot(Base):
    """One send of an assessment (a quiz's only one, or one day of daily questions).

    Whoever inserts the row plans the slot's dispatches in the same transaction, so a slot is
    planned once however many schedulers run.
    """

    __tablename__ = "schedule_slot"

    assessment_id: Mapped[UUID] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    slot_key: Mapped[str] = mapped_column(String(20), primary_key=True)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    planned_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    planned_by: Mapped[str] = mapped_column(String(100), nullable=False)
