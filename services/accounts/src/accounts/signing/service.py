"""The access-token key in use, and the keys still published for tokens already issued."""

from datetime import datetime, timedelta

from sqlalchemy import or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.signing.models import SigningKeyRecord
from chassis.auth.signing import Jwk, SigningKey

CLOCK_LEEWAY = timedelta(minutes=1)
"""Verifiers accept a token a little past its expiry; its key stays published that long too."""

_ROTATION_LOCK = 0x5E7_0001
"""Serialises key activation across API processes (a transaction-level advisory lock)."""


async def activate_key(session: AsyncSession, *, key: SigningKey, now: datetime) -> None:
    """Records ``key`` as the current one; keys activated before it retire now.

    A key that was retired and is configured again (a rollback) becomes current again.
    """
    await session.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _ROTATION_LOCK})
    record = await session.get(SigningKeyRecord, key.kid)
    if record is None:
        record = SigningKeyRecord(
            kid=key.kid, public_jwk=key.public_jwk(), activated_at=now, retired_at=None
        )
        session.add(record)
    elif record.retired_at is not None:
        record.activated_at, record.retired_at = now, None
    await session.flush()
    await session.execute(
        update(SigningKeyRecord)
        .where(
            SigningKeyRecord.kid != key.kid,
            SigningKeyRecord.retired_at.is_(None),
            SigningKeyRecord.activated_at <= record.activated_at,
        )
        .values(retired_at=now)
    )


async def published_keys(
    session: AsyncSession, *, now: datetime, token_ttl: timedelta
) -> list[Jwk]:
    """Keys a valid token may still carry: the current ones, and those retired less than a
    token's lifetime ago."""
    oldest_needed = now - token_ttl - CLOCK_LEEWAY
    records = await session.scalars(
        select(SigningKeyRecord)
        .where(
            or_(
                SigningKeyRecord.retired_at.is_(None),
                SigningKeyRecord.retired_at > oldest_needed,
            )
        )
        .order_by(SigningKeyRecord.activated_at.desc())
    )
    return [dict(record.public_jwk) for record in records]
