from datetime import datetime
from uuid import UUID

from sqlalchemy import BigInteger, DateTime, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from privacy.database import Base


class ServiceKey(Base):
    """A data service's receipt-verifying public key, from its ``keys.published`` events.

    Kept once per (service, key id) with its earliest ``valid_from``; ``audit_seq`` is the
    ``key.published`` entry that chained it.
    """

    __tablename__ = "service_key"

    service: Mapped[str] = mapped_column(String(20), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    algorithm: Mapped[str] = mapped_column(String(20), nullable=False)
    public_key: Mapped[str] = mapped_column(String(64), nullable=False)
    """The raw 32-byte Ed25519 public key, base64."""
    valid_from: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    audit_seq: Mapped[int | None] = mapped_column(BigInteger)


class StoredReceipt(Base):
    """A verified receipt of one service for one request, as it was signed.

    ``sha256`` is taken of the receipt's canonical JSON; the ``receipt.accepted`` audit entry
    at ``audit_seq`` repeats it, which chains the receipt into the log.
    """

    __tablename__ = "receipt"

    request_id: Mapped[UUID] = mapped_column(primary_key=True)
    service: Mapped[str] = mapped_column(String(20), primary_key=True)
    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(64), nullable=False)
    content: Mapped[dict[str, object]] = mapped_column(JSONB, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    audit_seq: Mapped[int | None] = mapped_column(BigInteger)
    accepted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
