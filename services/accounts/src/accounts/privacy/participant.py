"""Accounts' answers to the privacy contract, for client users (DESIGN.md)."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import JsonValue
from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.clients.models import Client
from accounts.links.models import SingleUseToken
from accounts.privacy import census
from accounts.sessions.models import RefreshToken
from accounts.throttling.service import Scope, forget_failures
from accounts.users.models import User
from chassis.messaging.subscription import DeadLetter
from chassis.privacy.participant import Categories, Erasure, PrivacyParticipant, RowCounts
from chassis.privacy.subject_ref import normalise_email
from contracts.events.privacy import RetentionCategory, RetentionDue


class AccountsParticipant(PrivacyParticipant):
    async def count_people(
        self, session: AsyncSession, *, tenant_ids: list[UUID] | None
    ) -> dict[UUID, dict[str, int]]:
        return await census.count_people(session, tenant_ids=tenant_ids)

    async def discover(self, session: AsyncSession, *, email: str) -> list[UUID]:
        address = normalise_email(email)
        users = select(User.tenant_id).where(User.email == address, User.tenant_id.is_not(None))
        pending = select(SingleUseToken.tenant_id).where(
            SingleUseToken.new_email == address, SingleUseToken.tenant_id.is_not(None)
        )
        found = await session.scalars(users.union(pending))
        return [tenant_id for tenant_id in found if tenant_id is not None]

    async def export_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Categories:
        users = await _users_about(session, tenant_id=tenant_id, subject_ref=subject_ref)
        ids = [user.id for user in users]
        sessions = await session.scalars(
            select(RefreshToken).where(RefreshToken.user_id.in_(ids)).order_by(RefreshToken.id)
        )
        changes = await session.scalars(
            select(SingleUseToken).where(
                SingleUseToken.user_id.in_(ids), SingleUseToken.new_email.is_not(None)
            )
        )
        return {
            "account": [_account(user) for user in users],
            "sessions": [_session(token) for token in sessions],
            "pending_email_changes": [
                {"new_email": change.new_email, "expires_at": _moment(change.expires_at)}
                for change in changes
            ],
        }

    async def erase_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Erasure:
        users = await _users_about(session, tenant_id=tenant_id, subject_ref=subject_ref)
        return await _erase_users(session, users)

    async def rectify_subject(
        self,
        session: AsyncSession,
        *,
        tenant_id: UUID,
        subject_ref: str,
        corrected_email: str | None,
        new_subject_ref: str | None,
        corrected_name: str | None,
    ) -> RowCounts:
        users = await _users_about(session, tenant_id=tenant_id, subject_ref=subject_ref)
        for user in users:
            if corrected_email is not None and new_subject_ref is not None:
                address = normalise_email(corrected_email)
                holder = await session.scalar(select(User.id).where(User.email == address))
                if holder is not None and holder != user.id:
                    raise DeadLetter("the corrected email is another account's login name")
                user.email, user.subject_ref = address, new_subject_ref
            if corrected_name is not None:
                user.name = corrected_name
        await session.flush()
        return {User.__tablename__: len(users)}

    async def restrict_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, restricted: bool
    ) -> None:
        await session.execute(
            update(User)
            .where(User.tenant_id == tenant_id, User.subject_ref == subject_ref)
            .values(restricted=restricted)
        )

    async def export_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Categories:
        client = await session.get(Client, tenant_id)
        users = (
            await session.scalars(select(User).where(User.tenant_id == tenant_id).order_by(User.id))
        ).all()
        return {
            "client": None
            if client is None
            else {
                "organisation_name": client.organisation_name,
                "time_zone": client.time_zone,
                "language": client.language,
                "created_at": _moment(client.created_at),
                "offboarding_requested_at": _moment(client.offboarding_requested_at),
            },
            "users": [_account(user) for user in users],
        }

    async def erase_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Erasure:
        """The client, its users and every row hanging on them, and links and sessions
        filed under the client (invitations to people who never joined) (P12)."""
        users = (await session.scalars(select(User).where(User.tenant_id == tenant_id))).all()
        erased = await _erase_users(session, users)
        links = await session.execute(
            delete(SingleUseToken).where(SingleUseToken.tenant_id == tenant_id)
        )
        sessions = await session.execute(
            delete(RefreshToken).where(RefreshToken.tenant_id == tenant_id)
        )
        clients = await session.execute(delete(Client).where(Client.tenant_id == tenant_id))
        return erased.with_deleted(
            {
                SingleUseToken.__tablename__: _rows(links),
                RefreshToken.__tablename__: _rows(sessions),
                Client.__tablename__: _rows(clients),
            }
        )

    async def apply_retention(self, session: AsyncSession, *, due: RetentionDue) -> Erasure:
        if due.category is not RetentionCategory.REFRESH_TOKENS:
            return Erasure()
        conditions: list[ColumnElement[bool]] = [RefreshToken.created_at < due.cutoff]
        if due.tenant_id is not None:
            conditions.append(RefreshToken.tenant_id == due.tenant_id)
        if due.excluded_tenant_ids:
            conditions.append(
                or_(
                    RefreshToken.tenant_id.is_(None),
                    RefreshToken.tenant_id.not_in(due.excluded_tenant_ids),
                )
            )
        if due.excluded_subject_refs:
            held = select(User.id).where(User.subject_ref.in_(due.excluded_subject_refs))
            conditions.append(RefreshToken.user_id.not_in(held))
        table = RefreshToken.__tablename__
        if due.dry_run:
            count = await session.scalar(select(func.count()).where(*conditions))
            return Erasure(rows_deleted={table: int(count or 0)})
        result = await session.execute(
            delete(RefreshToken).where(*conditions),
            execution_options={"synchronize_session": False},  # no fetching the keys back
        )
        return Erasure(rows_deleted={table: _rows(result)})


async def _users_about(
    session: AsyncSession, *, tenant_id: UUID, subject_ref: str
) -> Sequence[User]:
    found = await session.scalars(
        select(User).where(User.tenant_id == tenant_id, User.subject_ref == subject_ref)
    )
    return found.all()


async def _erase_users(session: AsyncSession, users: Sequence[User]) -> Erasure:
    """Deletes the users and every row that hangs on them, counted per table."""
    ids = [user.id for user in users]
    links = await session.execute(delete(SingleUseToken).where(SingleUseToken.user_id.in_(ids)))
    sessions = await session.execute(delete(RefreshToken).where(RefreshToken.user_id.in_(ids)))
    failures = 0
    for user in users:
        failures += await forget_failures(session, scope=Scope.ACCOUNT, value=user.email)
    accounts = await session.execute(delete(User).where(User.id.in_(ids)))
    deleted = {
        SingleUseToken.__tablename__: _rows(links),
        RefreshToken.__tablename__: _rows(sessions),
        "login_failure": failures,
        User.__tablename__: _rows(accounts),
    }
    return Erasure(rows_deleted={table: count for table, count in deleted.items() if count})


def _account(user: User) -> dict[str, JsonValue]:
    return {
        "user_id": str(user.id),
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "email_verified_at": _moment(user.email_verified_at),
        "joined_at": _moment(user.joined_at),
        "created_at": _moment(user.created_at),
        "restricted": user.restricted,
    }


def _session(token: RefreshToken) -> dict[str, JsonValue]:
    return {
        "started_or_rotated_at": _moment(token.created_at),
        "expires_at": _moment(token.expires_at),
        "rotated_at": _moment(token.rotated_at),
        "revoked_at": _moment(token.revoked_at),
    }


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _rows(result: Any) -> int:
    return int(result.rowcount)
