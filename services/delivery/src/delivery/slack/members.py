"""Importing a workspace's members: now (after install) and again on a schedule."""

import asyncio
import contextlib
from datetime import datetime, timedelta

import aiohttp
from cryptography.exceptions import InvalidTag
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis.logs import get_logger
from delivery.keys import DeliveryKeys
from delivery.settings import Settings
from delivery.slack import service
from delivery.slack.client import web_client
from delivery.slack.crypto import TokenCipher

SYNC_CHECK_SECONDS = 60.0

_SYNC_ERRORS = (
    OSError,
    TimeoutError,
    aiohttp.ClientError,
    SQLAlchemyError,
    SlackApiError,
    InvalidTag,
    ValueError,
)
"""What one workspace's re-import may raise: Slack refusing or unreachable, a token that no
longer decrypts, the database."""

_log = get_logger("delivery.slack.members")


async def import_members(
    sessions: async_sessionmaker[AsyncSession],
    *,
    settings: Settings,
    keys: DeliveryKeys,
    team_id: str,
) -> int:
    """Reads ``users.list`` outside any transaction, then replaces the directory in one."""
    cipher = TokenCipher.from_setting(settings.slack_token_encryption_key)
    async with sessions() as session, session.begin():
        installation = await service.installation_of(session, team_id=team_id)
        if installation is None:
            return 0
        token = cipher.decrypt(installation.bot_token_encrypted, team_id=team_id)
    members = await service.fetch_members(web_client(settings.slack, token))
    async with sessions() as session, session.begin():
        installation = await service.installation_of(session, team_id=team_id)
        if installation is None:
            return 0
        await service.replace_members(
            session, installation=installation, members=members, keys=keys
        )
    _log.info("slack members imported", team_id=team_id, members=len(members))
    return len(members)


async def sync_due_members(
    sessions: async_sessionmaker[AsyncSession],
    *,
    settings: Settings,
    keys: DeliveryKeys,
    now: datetime | None = None,
) -> list[str]:
    """One pass: re-imports each workspace whose directory is older than
    ``member_sync_seconds`` at ``now`` (the database's clock when None), oldest first. A
    workspace that fails (token revoked, Slack unreachable) is logged and skipped: it does not
    hold up the others. Returns the team ids re-imported."""
    older_than = timedelta(seconds=settings.slack.member_sync_seconds)
    async with sessions() as session:
        due = await service.due_for_sync(session, older_than=older_than, now=now)
    synced = []
    for team_id in due:
        try:
            await import_members(sessions, settings=settings, keys=keys, team_id=team_id)
        except _SYNC_ERRORS as error:
            _log.warning(
                "slack member sync failed", team_id=team_id, error_type=type(error).__name__
            )
        else:
            synced.append(team_id)
    return synced


SEEN_REQUESTS_KEPT = timedelta(hours=1)
"""Longer than Slack retries an event and than a signed request is accepted (5 minutes)."""


async def slack_upkeep_forever(
    sessions: async_sessionmaker[AsyncSession],
    *,
    settings: Settings,
    keys: DeliveryKeys,
    stop: asyncio.Event,
    check_seconds: float = SYNC_CHECK_SECONDS,
) -> None:
    """Every ``check_seconds`` until ``stop``: :func:`sync_due_members`, and the ids of Slack
    requests taken more than ``SEEN_REQUESTS_KEPT`` ago forgotten."""
    while not stop.is_set():
        try:
            await sync_due_members(sessions, settings=settings, keys=keys)
        except (OSError, SQLAlchemyError) as error:
            _log.warning("slack member sync failed", error_type=type(error).__name__)
        try:
            async with sessions() as session, session.begin():
                await service.forget_old_requests(session, older_than=SEEN_REQUESTS_KEPT)
        except (OSError, SQLAlchemyError) as error:
            _log.warning("cannot forget old slack requests", error_type=type(error).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=check_seconds)
