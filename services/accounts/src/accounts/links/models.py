from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, func
from sqlalchemy.orm import Mapped, mapped_column

from accounts.database import Base


class SingleUseToken(Base):
    """The hashed token of an emailed link (verification, invitation, reset); deleted on use."""

    __tablename__ = "single_use_token"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    tenant_id: Mapped[UUID | None] = mapped_column(index=True)
    user_id: Mapped[UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(30))
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    new_email: Mapped[str | None] = mapped_column(String(320))
    """The address a change of email verifies, applied when the link is opened."""
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
