from datetime import datetime
from uuid import UUID

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, false, func
from sqlalchemy.orm import Mapped, mapped_column

from accounts.database import Base


class User(Base):
    """A person who logs in: a client's user (admin, editor, viewer) or a privacy officer.

    ``email`` is stored normalised and is unique across Soket: it is the login name.
    """

    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint(
            "(tenant_id IS NULL) = (role = 'privacy_officer')", name="staff_have_no_client"
        ),
        CheckConstraint(
            "(tenant_id IS NULL) = (subject_ref IS NULL)", name="client_users_have_subject_ref"
        ),
        Index("ix_user_account_tenant_id_id", "tenant_id", "id"),
        Index("ix_user_account_tenant_id_subject_ref", "tenant_id", "subject_ref"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("client.tenant_id", ondelete="CASCADE")
    )
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    subject_ref: Mapped[str | None] = mapped_column(String(56))
    password_hash: Mapped[str | None] = mapped_column(String(80))
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    joined_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """When the user set their password (signup, accepted invitation); None while invited."""
    restricted: Mapped[bool] = mapped_column(default=False, server_default=false())
    """Processing restricted at the person's request: no group notices reach them."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
