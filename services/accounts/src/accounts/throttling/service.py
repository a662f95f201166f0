"""Failed logins counted per account and per client address, over a sliding window.

Kept in the database so every API process sees the same counts. Keys are hashed; rows older
than the window are deleted as new failures come, so nobody is locked out for good.
"""

import hashlib
import math
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.errors import TooManyAttemptsError
from accounts.throttling.models import LoginFailure


class Scope(StrEnum):
    ACCOUNT = "account"
    ADDRESS = "address"


def throttle_key(scope: Scope, value: str) -> bytes:
    return hashlib.sha256(f"{scope}:{value}".encode()).digest()


async def check_not_throttled(
    session: AsyncSession,
    *,
    keys: dict[Scope, str],
    limits: dict[Scope, int],
    window: timedelta,
    now: datetime,
) -> None:
    """``TooManyAttemptsError`` (with the seconds to wait) when a key has reached its limit."""
    wait = 0.0
    for scope, value in keys.items():
        failures = (
            await session.execute(
                select(func.count(), func.min(LoginFailure.failed_at)).where(
                    LoginFailure.scope == scope,
                    LoginFailure.key_hash == throttle_key(scope, value),
                    LoginFailure.failed_at > now - window,
                )
            )
        ).one()
        count, oldest = int(failures[0]), failures[1]
        if count >= limits[scope] and oldest is not None:
            wait = max(wait, (oldest + window - now).total_seconds())
    if wait > 0:
        raise TooManyAttemptsError(retry_after_seconds=max(1, math.ceil(wait)))


async def record_failure(
    session: AsyncSession, *, keys: dict[Scope, str], window: timedelta, now: datetime
) -> None:
    await session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= now - window))
    for scope, value in keys.items():
        session.add(LoginFailure(scope=scope, key_hash=throttle_key(scope, value), failed_at=now))
    await session.flush()


async def forget_failures(session: AsyncSession, *, scope: Scope, value: str) -> int:
    """Forgets one key's failures (a successful login or reset; an erasure); rows deleted."""
    result = await session.execute(
        delete(LoginFailure).where(
            LoginFailure.scope == scope, LoginFailure.key_hash == throttle_key(scope, value)
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
