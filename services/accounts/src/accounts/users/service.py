"""A client's users: joining, roles, removal (never of the last admin), profile changes."""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.clients.service import get_client
from accounts.errors import ConflictError, NotFoundError
from accounts.users.models import User
from chassis.auth.principal import Role
from chassis.messaging.outbox import publish
from chassis.privacy.subject_ref import subject_ref
from contracts.events.accounts import UserCreated, UserRemoved, UserUpdated
from contracts.ids import uuid7
from contracts.vocabulary import ClientRole

EMAIL_TAKEN = "This address already has a Soket account."


async def find_by_email(session: AsyncSession, *, email: str) -> User | None:
    return await session.scalar(select(User).where(User.email == email))


async def ensure_email_free(session: AsyncSession, *, email: str) -> None:
    if await find_by_email(session, email=email) is not None:
        raise ConflictError(EMAIL_TAKEN)


async def add_client_user(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    email: str,
    role: ClientRole,
    subject_ref_key: bytes,
    name: str | None = None,
) -> User:
    """A user of the client who has not set a password yet (signup sets it at once)."""
    await ensure_email_free(session, email=email)
    user = User(
        id=uuid7(),
        tenant_id=tenant_id,
        email=email,
        name=name,
        role=role,
        subject_ref=subject_ref(subject_ref_key, tenant_id=tenant_id, email=email),
    )
    session.add(user)
    await session.flush()
    return user


async def mark_joined(
    session: AsyncSession, *, user: User, password_hash: str, now: datetime
) -> None:
    """The user set their password: they are a member from now on (``user.created``)."""
    assert user.tenant_id is not None
    assert user.subject_ref is not None
    user.password_hash = password_hash
    user.joined_at = now
    await session.flush()
    await publish(
        session,
        UserCreated(
            tenant_id=user.tenant_id,
            user_id=user.id,
            subject_ref=user.subject_ref,
            role=ClientRole(user.role),
        ),
    )


async def get_client_user(session: AsyncSession, *, tenant_id: UUID, user_id: UUID) -> User:
    user = await session.scalar(select(User).where(User.tenant_id == tenant_id, User.id == user_id))
    if user is None:
        raise NotFoundError("No such user in your organisation.")
    return user


async def get_user(session: AsyncSession, *, user_id: UUID) -> User:
    """The caller's own account (the token names it)."""
    user = await session.get(User, user_id)
    if user is None:
        raise NotFoundError("This account no longer exists.")
    return user


async def list_client_users(
    session: AsyncSession, *, tenant_id: UUID, after: UUID | None, limit: int
) -> Sequence[User]:
    query = select(User).where(User.tenant_id == tenant_id).order_by(User.id).limit(limit)
    if after is not None:
        query = query.where(User.id > after)
    return (await session.scalars(query)).all()


async def change_role(
    session: AsyncSession, *, tenant_id: UUID, user_id: UUID, role: ClientRole
) -> User:
    await get_client(session, tenant_id=tenant_id, lock=True)
    user = await get_client_user(session, tenant_id=tenant_id, user_id=user_id)
    if user.role == role:
        return user
    if await _is_last_admin(session, user=user):
        raise ConflictError("This is the organisation's last admin: make someone else admin first.")
    user.role = role
    await session.flush()
    if user.joined_at is not None:
        await announce_update(session, user=user)
    return user


async def remove_user(session: AsyncSession, *, tenant_id: UUID, user_id: UUID) -> None:
    await get_client(session, tenant_id=tenant_id, lock=True)
    user = await get_client_user(session, tenant_id=tenant_id, user_id=user_id)
    if await _is_last_admin(session, user=user):
        raise ConflictError("This is the organisation's last admin: make someone else admin first.")
    joined, reference = user.joined_at is not None, user.subject_ref
    await session.delete(user)
    await session.flush()
    if joined and reference is not None:
        await publish(
            session, UserRemoved(tenant_id=tenant_id, user_id=user_id, subject_ref=reference)
        )


async def announce_update(session: AsyncSession, *, user: User) -> None:
    assert user.tenant_id is not None
    assert user.subject_ref is not None
    await publish(
        session,
        UserUpdated(
            tenant_id=user.tenant_id,
            user_id=user.id,
            subject_ref=user.subject_ref,
            role=ClientRole(user.role),
        ),
    )


async def change_email(
    session: AsyncSession, *, user: User, new_email: str, subject_ref_key: bytes
) -> None:
    """The address becomes the login name; a client user's ``subject_ref`` follows it."""
    await ensure_email_free(session, email=new_email)
    user.email = new_email
    if user.tenant_id is not None:
        user.subject_ref = subject_ref(subject_ref_key, tenant_id=user.tenant_id, email=new_email)
    await session.flush()
    if user.tenant_id is not None and user.joined_at is not None:
        await announce_update(session, user=user)


async def _is_last_admin(session: AsyncSession, *, user: User) -> bool:
    """Whether the user is an admin who joined and no other member is (the client row is
    locked, so two admins cannot demote each other at once)."""
    if user.role != Role.ADMIN or user.joined_at is None:
        return False
    others = await session.scalar(
        select(func.count()).where(
            User.tenant_id == user.tenant_id,
            User.role == Role.ADMIN,
            User.joined_at.is_not(None),
            User.id != user.id,
        )
    )
    return not others
