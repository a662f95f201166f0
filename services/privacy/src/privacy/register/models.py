"""The register of processing activities (GDPR art. 30): what Soket processes, why, on which
legal basis, for how long, shared with whom, and the processors it relies on."""

from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from sqlalchemy import Column, DateTime, ForeignKey, String, Table, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from privacy.database import Base, new_id
from privacy.requests.models import SubjectKind


class LegalBasis(StrEnum):
    """GDPR art. 6(1) bases a purpose may rest on (Q1)."""

    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    LEGITIMATE_INTEREST = "legitimate_interest"
    CONSENT = "consent"


class SoketRole(StrEnum):
    """Soket decides why and how (controller) or acts on the client's instructions (processor)."""

    CONTROLLER = "controller"
    PROCESSOR = "processor"


class EngagedBy(StrEnum):
    """Who brought a processor in: Soket itself, or the client (e.g. its own Slack workspace)."""

    SOKET = "soket"
    CLIENT = "client"


class RegisterActivity(Base):
    """One category of personal data and how it is processed (P1, P2, Q1, Q11)."""

    __tablename__ = "register_activity"

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    """Seeded rows have fixed ids below every generated one: ordered by id, they come first."""
    category: Mapped[str] = mapped_column(String(200), nullable=False)
    category_et: Mapped[str | None] = mapped_column(String(300))
    """The policy's own Estonian term."""
    description: Mapped[str | None] = mapped_column(Text)
    subject_kind: Mapped[SubjectKind] = mapped_column(String(20), nullable=False)
    soket_role: Mapped[SoketRole] = mapped_column(String(20), nullable=False)
    controller: Mapped[str] = mapped_column(String(200), nullable=False)
    source: Mapped[str] = mapped_column(Text, nullable=False)
    purposes: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False)
    """``[{"purpose", "purpose_et", "legal_basis", "basis_note"}]``, one entry per purpose."""
    retention: Mapped[str] = mapped_column(Text, nullable=False)
    recipients: Mapped[list[str]] = mapped_column(JSONB, nullable=False)
    """Who sees the data besides its processors (e.g. the client's users)."""
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()
    )


class RegisterProcessor(Base):
    """A processor (volitatud töötleja) or an integration the client chose, and where it
    processes; ``transfer`` says how data leaves the EU/EEA through it (None: it does not)."""

    __tablename__ = "register_processor"

    id: Mapped[UUID] = mapped_column(primary_key=True, default=new_id)
    company: Mapped[str] = mapped_column(String(200), nullable=False)
    service: Mapped[str] = mapped_column(Text, nullable=False)
    service_et: Mapped[str | None] = mapped_column(Text)
    processed_in: Mapped[str] = mapped_column(String(300), nullable=False)
    countries: Mapped[list[str]] = mapped_column(JSONB, nullable=False)
    """ISO 3166-1 alpha-2 codes of where the data is processed."""
    engaged_by: Mapped[EngagedBy] = mapped_column(String(20), nullable=False)
    transfer: Mapped[str | None] = mapped_column(Text)
    terms_url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()
    )


activity_processor = Table(
    "register_activity_processor",
    Base.metadata,
    Column(
        "activity_id",
        ForeignKey("register_activity.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "processor_id",
        ForeignKey("register_processor.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)
"""Which processors handle which category."""
