"""Retention policies (global, and a client's own for what it controls), runs and the
per-service results with their receipts (P17, Q8)."""

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from privacy.database import Base, new_id


class RetentionPolicy(Base):
    """How long a category's rows are kept, and what happens to them then.

    ``tenant_id`` None: Soket's global policy (one per category); set: that client's own
    setting for a category it controls, which its run applies instead of the global one.
    """

    __tablename__ = "retention_policy"
    __table_args__ = (
        Index(
            "uq_retention_policy_global",
            "category",
            unique=True,
            postgresql_where="tenant_id IS NULL",
        ),
        Index(
            "uq_retention_policy_client",
            "category",
            "tenant_id",
            unique=True,
            postgresql_where="tenant_id IS NOT NULL",
        ),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    category: Mapped[str] = mapped_column(String(40), nullable=False)
    tenant_id: Mapped[UUID | None] = mapped_column()
    period_days: Mapped[int] = mapped_column(Integer, nullable=False)
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    activity_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("register_activity.id", ondelete="SET NULL")
    )
    """The register-of-processing activity whose data this policy limits."""
    rationale: Mapped[str | None] = mapped_column(Text)
    last_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """When the scheduler last started this policy's run."""
    updated_by: Mapped[UUID | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )


class RetentionRun(Base):
    """One ``privacy.retention.due.v1`` sent for one policy (its id is the event's
    ``request_id``); a dry run only counts."""

    __tablename__ = "retention_run"
    __table_args__ = (Index("ix_retention_run_started", "started_at"),)

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    batch_id: Mapped[UUID] = mapped_column(nullable=False, index=True)
    """Runs started together (one scheduler pass, one dry-run request) share it."""
    policy_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("retention_policy.id", ondelete="SET NULL")
    )
    category: Mapped[str] = mapped_column(String(40), nullable=False)
    tenant_id: Mapped[UUID | None] = mapped_column()
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    period_days: Mapped[int] = mapped_column(Integer, nullable=False)
    cutoff: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    dry_run: Mapped[bool] = mapped_column(Boolean, nullable=False)
    excluded_tenant_ids: Mapped[list[str]] = mapped_column(JSONB, nullable=False)
    held_people: Mapped[int] = mapped_column(Integer, nullable=False)
    """How many people under a legal hold the run was told to leave alone."""
    started_by: Mapped[UUID | None] = mapped_column()
    """The privacy officer who asked for it; None when the scheduler started it."""
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """When the last data service answered."""


class RetentionResult(Base):
    """One data service's answer to one run: rows per table, and (unless a dry run) its
    signed receipt, verified with the service's published key."""

    __tablename__ = "retention_result"

    run_id: Mapped[UUID] = mapped_column(
        ForeignKey("retention_run.id", ondelete="CASCADE"), primary_key=True
    )
    service: Mapped[str] = mapped_column(String(20), primary_key=True)
    rows_affected: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    receipt_sha256: Mapped[str | None] = mapped_column(String(64))
    receipt_error: Mapped[str | None] = mapped_column(Text)
    """Why the receipt did not verify (None when it did, or on a dry run)."""
    audit_seq: Mapped[int | None] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
