from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from assessments.database import Base


class SubjectRestriction(Base):
    """A person whose processing is restricted (Q4): they get no dispatches while listed.

    Kept by ``subject_ref``, so a participant added again later is still restricted.
    """

    __tablename__ = "subject_restriction"

    tenant_id: Mapped[UUID] = mapped_column(primary_key=True)
    subject_ref: Mapped[str] = mapped_column(String(56), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
