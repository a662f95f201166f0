from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from sqlalchemy import BigInteger, DateTime, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from privacy.database import Base, new_id


class JobStep(StrEnum):
    """What one data service is asked to do for a request."""

    ERASE = "erase"
    EXPORT = "export"
    VERIFY = "verify"
    """The re-export after an erasure: it must come back empty."""
    RECTIFY = "rectify"
    REKEY = "rekey"
    RESTRICT = "restrict"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    """Sent; waiting for the service's reply."""
    DONE = "done"
    SKIPPED = "skipped"
    """Nothing to ask this service; ``skipped_reason`` says why."""
    FAILED = "failed"
    """No (good) reply: sent again at ``next_attempt_at``, or, with none, waiting for staff."""


SETTLED = frozenset({JobStatus.DONE, JobStatus.SKIPPED})


class ServiceJob(Base):
    """One step of a request's saga in one data service."""

    __tablename__ = "service_job"
    __table_args__ = (
        UniqueConstraint("request_id", "service", "step", name="uq_service_job_request_id"),
        Index("ix_service_job_due", "status", "next_attempt_at"),
        Index("ix_service_job_running", "status", "dispatched_at"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    request_id: Mapped[UUID] = mapped_column(nullable=False)
    service: Mapped[str] = mapped_column(String(20), nullable=False)
    step: Mapped[str] = mapped_column(String(20), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default=JobStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    """How many times the job was sent."""
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    error: Mapped[str | None] = mapped_column(Text)
    """Why it last failed (the API's ``last_error``); never an email or a name."""
    skipped_reason: Mapped[str | None] = mapped_column(Text)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    receipt: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    """An erasure's signed receipt, as the service sent it."""
    audit_seq: Mapped[int | None] = mapped_column(BigInteger)
    """Where the accepted receipt sits in the audit chain."""
    parts_received: Mapped[list[int]] = mapped_column(JSONB, nullable=False, default=list)
    """The re-export parts found empty so far (verify)."""
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
