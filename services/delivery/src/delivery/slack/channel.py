"""Slack DMs as a channel of the sender: one DM per person, opened once; at most one message
per second into a conversation; 429s waited out as ``Retry-After`` says, in order per person."""

import asyncio
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, cast
from uuid import UUID

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Table, bindparam, update
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.database import Database
from chassis.logs import get_logger
from contracts.vocabulary import Channel
from delivery.keys import DeliveryKeys
from delivery.messages.service import enqueue_email_fallback
from delivery.sending.claims import ClaimedMessage
from delivery.sending.outcomes import Failed, Outcome, Refused, Sent, Unknown
from delivery.settings import SlackSettings
from delivery.slack.blocks import question_message
from delivery.slack.client import web_client
from delivery.slack.crypto import TokenCipher
from delivery.slack.models import SlackInstallation, SlackMember

RATE_LIMITED_RETRIES = 10
INSTALLATION_CACHE_SECONDS = 30.0
FOR_GOOD = frozenset(
    {
        "user_disabled", "user_not_found", "account_inactive", "cannot_dm_bot",
        "channel_not_found", "is_archived", "invalid_auth", "token_revoked", "not_authed",
        "missing_scope", "team_access_not_granted", "not_allowed_token_type", "user_is_bot",
        "ekm_access_denied", "org_login_required",
    }
)  # fmt: skip

_log = get_logger("delivery.slack")
_members = cast(Table, SlackMember.__table__)


class SlackChannel:
    channel = Channel.SLACK

    def __init__(
        self,
        *,
        settings: SlackSettings,
        cipher: TokenCipher,
        database: Database,
        keys: DeliveryKeys,
    ) -> None:
        self.settings = settings
        self.cipher = cipher
        self.database = database
        self.keys = keys
        self._people: defaultdict[tuple[str, str], asyncio.Lock] = defaultdict(asyncio.Lock)
        self._last_post: dict[str, float] = {}
        self._session: aiohttp.ClientSession | None = None
        self._opened: dict[tuple[str, str], str] = {}
        """DM channels this process opened: Slack ids only, never asked for twice."""
        self._unsaved: set[tuple[str, str]] = set()
        self._installations: dict[str, tuple[float, tuple[UUID, AsyncWebClient]]] = {}
        self.rate_limited = 0

    @property
    def concurrency(self) -> int:
        return self.settings.concurrency

    @property
    def prefetch(self) -> int:
        return self.concurrency

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=self.concurrency * 2),
            timeout=aiohttp.ClientTimeout(total=30),
        )

    async def send(self, message: ClaimedMessage) -> Outcome:
        slack = message.content.get("slack") or {}
        person = (str(slack.get("team_id")), str(slack.get("user_id")))
        async with self._people[person]:  # taken first: messages to one person keep their order
            return await self._send(message, *person)

    async def _send(self, message: ClaimedMessage, team_id: str, user_id: str) -> Outcome:
        async with self.database.sessions() as session:
            installation = await self._installation(session, team_id)
            member = await session.get(SlackMember, (team_id, user_id))
        if installation is None or installation[0] != message.tenant_id:
            return Failed(reason="slack_not_installed")
        client = installation[1]
        try:
            channel_id = member.dm_channel_id if member is not None else None
            if channel_id is None:
                channel_id = await self._open_dm(client, team_id, user_id)
            text, blocks = question_message(
                dispatch_id=message.reference_id, content=message.content
            )
            await self._pace(channel_id)
            posted = await self._with_rate_limit(
                lambda: client.chat_postMessage(channel=channel_id, text=text, blocks=blocks)
            )
        except SlackApiError as error:
            return _classify(error)
        except StillRateLimitedError:
            return Refused(reason="slack_ratelimited")
        except (TimeoutError, OSError) as error:
            return Unknown(reason=type(error).__name__[:64])
        return Sent(provider_message_id=str(posted["ts"]), slack_channel_id=channel_id)

    async def _installation(
        self, session: AsyncSession, team_id: str
    ) -> tuple[UUID, AsyncWebClient] | None:
        """The workspace's client and its tenant, kept for a short while (a removed app
        answers ``token_revoked``, which fails the message for good)."""
        cached = self._installations.get(team_id)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        installation = await session.get(SlackInstallation, team_id)
        if installation is None:
            self._installations.pop(team_id, None)
            return None
        token = self.cipher.decrypt(installation.bot_token_encrypted, team_id=team_id)
        found = (installation.tenant_id, web_client(self.settings, token, self._session))
        self._installations[team_id] = (time.monotonic() + INSTALLATION_CACHE_SECONDS, found)
        return found

    async def _open_dm(self, client: AsyncWebClient, team_id: str, user_id: str) -> str:
        """``conversations.open`` once per person: the channel id is kept on the member row
        when the message is settled, and in memory."""
        known = self._opened.get((team_id, user_id))
        if known is not None:
            return known
        opened = await self._with_rate_limit(lambda: client.conversations_open(users=user_id))
        channel_id = str(opened["channel"]["id"])
        self._opened[(team_id, user_id)] = channel_id
        self._unsaved.add((team_id, user_id))
        return channel_id

    async def _pace(self, channel_id: str) -> None:
        interval = 1.0 / self.settings.messages_per_second_per_channel
        last = self._last_post.get(channel_id)
        if last is not None:
            wait = last + interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
        self._last_post[channel_id] = time.monotonic()

    async def _with_rate_limit(self, call: Any) -> Any:
        for _ in range(RATE_LIMITED_RETRIES):
            try:
                return await call()
            except SlackApiError as error:
                if error.response.status_code != 429:
                    raise
                self.rate_limited += 1
                retry_after = float(error.response.headers.get("Retry-After", "1") or 1)
                _log.info("slack rate limited", retry_after=retry_after)
                await asyncio.sleep(retry_after)
        raise StillRateLimitedError

    async def after_sent(
        self, session: AsyncSession, sent: Sequence[tuple[ClaimedMessage, Sent]]
    ) -> None:
        """Keeps each newly opened DM channel on its member row."""
        opened = []
        for message, outcome in sent:
            slack = message.content.get("slack") or {}
            person = (str(slack.get("team_id")), str(slack.get("user_id")))
            if person in self._unsaved and outcome.slack_channel_id:
                self._unsaved.discard(person)
                opened.append(
                    {"team": person[0], "user": person[1], "dm": outcome.slack_channel_id}
                )
        if opened:
            await session.execute(
                update(_members)
                .where(
                    _members.c.team_id == bindparam("team"),
                    _members.c.user_id == bindparam("user"),
                    _members.c.dm_channel_id.is_(None),
                )
                .values(dm_channel_id=bindparam("dm")),
                opened,
            )

    async def after_failure(
        self, session: AsyncSession, failed: Sequence[tuple[ClaimedMessage, Failed]]
    ) -> None:
        """A Slack message that failed for good goes by email where the dispatch allows it."""
        for message, failure in failed:
            if message.email_fallback and message.content.get("email"):
                await enqueue_email_fallback(
                    session, failed=message, content=message.content, keys=self.keys
                )
                _log.info("slack failed, falling back to email", reason=failure.reason)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


class StillRateLimitedError(Exception):
    """Slack kept answering 429: the message goes back to the queue, unsent."""


def _classify(error: SlackApiError) -> Outcome:
    code = str((error.response.get("error") if error.response is not None else "") or "")
    status = getattr(error.response, "status_code", 0)
    if status == 429 or code == "ratelimited":
        return Refused(reason="slack_ratelimited")
    if code in FOR_GOOD:
        return Failed(reason=f"slack:{code}"[:64])
    if isinstance(status, int) and status >= 500:
        return Unknown(reason=f"slack_{status}")
    return Failed(reason=f"slack:{code or status}"[:64])
