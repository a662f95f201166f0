from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Identity, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from accounts.database import Base


class LoginFailure(Base):
    """A failed login, counted against the account and the address it came from (both hashed,
    forgotten after the throttling window)."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_scope_key", "scope", "key_hash", "failed_at"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    scope: Mapped[str] = mapped_column(String(10))
    key_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
