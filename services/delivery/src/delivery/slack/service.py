"""Installations, OAuth states, the member directory, and requests already seen."""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.events.delivery import SlackMember as ImportedMember
from contracts.events.delivery import SlackMembersImported, SlackWorkspaceRemoved
from delivery.keys import DeliveryKeys
from delivery.slack.crypto import TokenCipher
from delivery.slack.models import (
    SlackInstallation,
    SlackMember,
    SlackOAuthState,
    SlackSeenRequest,
)

STATE_LIFETIME = timedelta(minutes=10)
USERS_PAGE = 200


class WorkspaceTakenError(ValueError):
    """The workspace is already installed for another client."""


@dataclass(frozen=True)
class Member:
    user_id: str
    email: str


async def issue_state(session: AsyncSession, *, tenant_id: UUID) -> str:
    state = secrets.token_urlsafe(32)
    session.add(
        SlackOAuthState(
            state=state, tenant_id=tenant_id, expires_at=datetime.now(UTC) + STATE_LIFETIME
        )
    )
    await session.flush()
    return state


async def consume_state(session: AsyncSession, *, state: str) -> UUID | None:
    """The client that started the install, once; None for an unknown or expired state."""
    consumed = await session.execute(
        delete(SlackOAuthState)
        .where(SlackOAuthState.state == state, SlackOAuthState.expires_at > func.now())
        .returning(SlackOAuthState.tenant_id)
    )
    return consumed.scalar_one_or_none()


async def save_installation(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    team_id: str,
    bot_user_id: str,
    bot_token: str,
    scopes: str,
    cipher: TokenCipher,
) -> SlackInstallation:
    """Keeps the team id, bot user id, encrypted bot token and scopes: nothing else."""
    existing = await session.get(SlackInstallation, team_id, with_for_update=True)
    if existing is not None and existing.tenant_id != tenant_id:
        raise WorkspaceTakenError(team_id)
    sealed = cipher.encrypt(bot_token, team_id=team_id)
    if existing is None:
        existing = SlackInstallation(
            team_id=team_id,
            tenant_id=tenant_id,
            bot_user_id=bot_user_id,
            bot_token_encrypted=sealed,
            scopes=scopes,
        )
        session.add(existing)
    else:
        existing.bot_user_id, existing.bot_token_encrypted, existing.scopes = (
            bot_user_id,
            sealed,
            scopes,
        )
    await session.flush()
    return existing


async def installation_of(session: AsyncSession, *, team_id: str) -> SlackInstallation | None:
    return await session.get(SlackInstallation, team_id)


async def installations_of_tenant(
    session: AsyncSession, *, tenant_id: UUID
) -> list[SlackInstallation]:
    found = await session.scalars(
        select(SlackInstallation).where(SlackInstallation.tenant_id == tenant_id)
    )
    return list(found)


async def fetch_members(client: AsyncWebClient) -> list[Member]:
    """Every reachable person: ``users.list`` page by page, without deleted users, bots and
    people without an email. Only the id and the email are kept from each profile (P4)."""
    members: list[Member] = []
    cursor: str | None = None
    while True:
        page = await client.users_list(limit=USERS_PAGE, cursor=cursor)
        for user in page.get("members") or []:
            if user.get("deleted") or user.get("is_bot") or user.get("id") == "USLACKBOT":
                continue
            email = (user.get("profile") or {}).get("email")
            if isinstance(email, str) and "@" in email:
                members.append(Member(user_id=str(user["id"]), email=email))
        cursor = ((page.get("response_metadata") or {}).get("next_cursor")) or None
        if not cursor:
            return members


async def replace_members(
    session: AsyncSession,
    *,
    installation: SlackInstallation,
    members: Sequence[Member],
    keys: DeliveryKeys,
) -> None:
    """The workspace's directory becomes ``members`` (DM channels already opened are kept),
    and assessments hears the whole membership."""
    team_id, tenant_id = installation.team_id, installation.tenant_id
    current = {member.user_id for member in members}
    await session.execute(
        delete(SlackMember).where(
            SlackMember.team_id == team_id, SlackMember.user_id.not_in(current or {""})
        )
    )
    if members:
        rows = [
            {
                "team_id": team_id,
                "user_id": member.user_id,
                "tenant_id": tenant_id,
                "email": member.email,
                "subject_ref": keys.subject_ref(tenant_id=tenant_id, email=member.email),
            }
            for member in members
        ]
        statement = insert(SlackMember).values(rows)
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=["team_id", "user_id"],
                set_={
                    "email": statement.excluded.email,
                    "subject_ref": statement.excluded.subject_ref,
                    "imported_at": func.now(),
                },
            )
        )
    installation.members_synced_at = datetime.now(UTC)
    await publish(
        session,
        SlackMembersImported(
            tenant_id=tenant_id,
            team_id=team_id,
            members=[ImportedMember(user_id=m.user_id, email=m.email) for m in members],
        ),
    )


async def remove_workspace(session: AsyncSession, *, team_id: str) -> bool:
    """Deletes the installation, its token and its member directory; tells assessments."""
    installation = await session.get(SlackInstallation, team_id)
    if installation is None:
        return False
    await session.execute(delete(SlackMember).where(SlackMember.team_id == team_id))
    await session.delete(installation)
    await publish(session, SlackWorkspaceRemoved(tenant_id=installation.tenant_id, team_id=team_id))
    return True


async def first_time(session: AsyncSession, *, key: str) -> bool:
    """Records ``key`` (an event id, a request signature); False if it was seen before."""
    added = await session.execute(
        insert(SlackSeenRequest)
        .values(key=key[:128])
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(SlackSeenRequest.key)
    )
    return added.first() is not None


async def forget_old_requests(session: AsyncSession, *, older_than: timedelta) -> None:
    await session.execute(
        delete(SlackSeenRequest).where(SlackSeenRequest.seen_at < func.now() - older_than)
    )


async def member_of(session: AsyncSession, *, team_id: str, user_id: str) -> SlackMember | None:
    return await session.get(SlackMember, (team_id, user_id))


async def due_for_sync(
    session: AsyncSession, *, older_than: timedelta, now: datetime | None = None
) -> list[str]:
    """Workspaces whose directory is older than ``older_than`` at ``now`` (the database's
    clock when None), never imported first, then oldest first."""
    cutoff = func.now() - older_than if now is None else now - older_than
    found = await session.scalars(
        select(SlackInstallation.team_id)
        .where(
            (SlackInstallation.members_synced_at.is_(None))
            | (SlackInstallation.members_synced_at < cutoff)
        )
        .order_by(SlackInstallation.members_synced_at.asc().nulls_first())
    )
    return list(found)
