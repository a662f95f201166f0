"""Privacy policy versions and who accepted which (Q13)."""

from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from privacy.database import Base, new_id


class AcceptanceChannel(StrEnum):
    """Where in the web app the user accepted a version."""

    SIGN_IN_PROMPT = "sign_in_prompt"
    SETTINGS_PAGE = "settings_page"
    SIGN_UP = "sign_up"


class PolicyVersion(Base):
    """A published version of the privacy policy: its texts (or where they are) and when it
    takes effect. Never edited; withdrawn (before it takes effect) instead."""

    __tablename__ = "policy_version"
    __table_args__ = (
        UniqueConstraint("label"),
        Index(
            "uq_policy_version_live_effective_on",
            "effective_on",
            unique=True,
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    label: Mapped[str] = mapped_column(String(40), nullable=False)
    effective_on: Mapped[date] = mapped_column(Date, nullable=False)
    effective_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    """Midnight of ``effective_on`` in the policy's time zone."""
    summary: Mapped[str] = mapped_column(Text, nullable=False)
    text_et: Mapped[str | None] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)
    url_et: Mapped[str | None] = mapped_column(String(500))
    url_en: Mapped[str | None] = mapped_column(String(500))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    published_by: Mapped[UUID] = mapped_column(nullable=False)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_by: Mapped[UUID | None] = mapped_column()
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)


class PolicyAcceptance(Base):
    """A client user accepted a version: who, in which client, when and how."""

    __tablename__ = "policy_acceptance"
    __table_args__ = (
        UniqueConstraint("version_id", "user_id"),
        Index("ix_policy_acceptance_user", "user_id", "accepted_at"),
        Index("ix_policy_acceptance_tenant", "tenant_id"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    version_id: Mapped[UUID] = mapped_column(ForeignKey("policy_version.id"), nullable=False)
    user_id: Mapped[UUID] = mapped_column(nullable=False)
    tenant_id: Mapped[UUID] = mapped_column(nullable=False)
    accepted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    channel: Mapped[AcceptanceChannel] = mapped_column(String(20), nullable=False)
