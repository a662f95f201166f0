"""Sessions: refresh-token families, rotated on each use, revoked whole on reuse or logout."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.opaque_tokens import new_token, token_hash
from accounts.sessions.models import RefreshToken
from accounts.users.models import User
from contracts.ids import uuid7


@dataclass(frozen=True)
class Rotation:
    """What presenting a refresh token led to."""

    user_id: UUID | None
    """The session's user when the token was good; None otherwise."""
    new_token: str | None
    expires_at: datetime | None
    reused: bool = False
    """A spent token came back: its whole family was revoked."""


async def start_session(
    session: AsyncSession, *, user: User, lifetime: timedelta, now: datetime
) -> tuple[str, datetime]:
    """A new family's first refresh token, and when the session ends."""
    expires_at = now + lifetime
    token = _add_token(session, user=user, family_id=uuid7(), expires_at=expires_at)
    await session.flush()
    return token, expires_at


async def rotate(session: AsyncSession, *, token: str, now: datetime) -> Rotation:
    """Spends ``token`` for a new one of its family. A token spent or revoked before revokes
    its family (someone holds a copy); an unknown or expired token yields nothing."""
    found = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == token_hash(token)).with_for_update()
    )
    if found is None or found.expires_at <= now:
        return Rotation(user_id=None, new_token=None, expires_at=None)
    if found.rotated_at is not None or found.revoked_at is not None:
        await revoke_family(session, family_id=found.family_id, now=now)
        return Rotation(user_id=None, new_token=None, expires_at=None, reused=True)
    found.rotated_at = now
    user = await session.get(User, found.user_id)
    if user is None:
        return Rotation(user_id=None, new_token=None, expires_at=None)
    fresh = _add_token(session, user=user, family_id=found.family_id, expires_at=found.expires_at)
    await session.flush()
    return Rotation(user_id=user.id, new_token=fresh, expires_at=found.expires_at)


async def end_session(session: AsyncSession, *, token: str, now: datetime) -> None:
    """Logout: the token's family is revoked (nothing happens for an unknown token)."""
    family_id = await session.scalar(
        select(RefreshToken.family_id).where(RefreshToken.token_hash == token_hash(token))
    )
    if family_id is not None:
        await revoke_family(session, family_id=family_id, now=now)


async def revoke_family(session: AsyncSession, *, family_id: UUID, now: datetime) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def revoke_user_sessions(session: AsyncSession, *, user_id: UUID, now: datetime) -> None:
    """Every session of the user ends (a password reset, a removal)."""
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def _add_token(session: AsyncSession, *, user: User, family_id: UUID, expires_at: datetime) -> str:
    token = new_token()
    session.add(
        RefreshToken(
            id=uuid7(),
            tenant_id=user.tenant_id,
            user_id=user.id,
            family_id=family_id,
            token_hash=token_hash(token),
            expires_at=expires_at,
        )
    )
    return token
