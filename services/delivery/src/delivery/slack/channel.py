"""Slack DMs as a channel of the sender: one DM per person, opened once; at most one message
per second into a conversation; 429s waited out as ``Retry-After`` says, in order per person."""

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from typing import Any, cast
from uuid import UUID

import aiohttp
from cryptography.exceptions import InvalidTag
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Table, bindparam, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.database import Database
from chassis.logs import get_logger
from contracts.vocabulary import Channel
from delivery.keys import DeliveryKeys
from delivery.messages.service import enqueue_email_fallback
from delivery.sending.claims import ClaimedMessage
from delivery.sending.outcomes import Failed, Outcome, Refused, Sent, Unknown
from delivery.sending.throughput import Throughput
from delivery.settings import SlackSettings
from delivery.slack.blocks import question_message
from delivery.slack.client import web_client
from delivery.slack.crypto import TokenCipher
from delivery.slack.models import SlackInstallation, SlackMember

RATE_LIMITED_RETRIES = 10
INSTALLATION_CACHE_SECONDS = 30.0
PACED_CHANNELS_KEPT = 10_000
"""Past this many, conversations last posted to over a pacing interval ago are forgotten."""
PREFETCH_CALLS_IN_FLIGHT = 4
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
        self._people: dict[tuple[str, str], asyncio.Lock] = {}
        self._waiting: Counter[tuple[str, str]] = Counter()
        self._last_post: dict[str, float] = {}
        self._session: aiohttp.ClientSession | None = None
        self._opened: dict[tuple[str, str], str] = {}
        """DM channels opened here or read back from member rows: Slack ids only, never asked
        for twice."""
        self._unsaved: set[tuple[str, str]] = set()
        self._installations: dict[str, tuple[float, tuple[UUID, AsyncWebClient]]] = {}
        self._throughput = Throughput()
        self.rate_limited = 0

    @property
    def concurrency(self) -> int:
        return self.settings.concurrency

    @property
    def prefetch(self) -> int:
        """About half a second of sending at the pace Slack answered lately, but at most
        ``PREFETCH_CALLS_IN_FLIGHT`` rounds of calls: what a crashed sender had claimed and not
        sent becomes *unknown*, so the claim stays small."""
        lately = int(self._throughput.per_second() / 2)
        return max(self.concurrency, min(lately, PREFETCH_CALLS_IN_FLIGHT * self.concurrency))

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=self.concurrency * 2),
            timeout=aiohttp.ClientTimeout(total=30),
        )

    async def prepare(self, session: AsyncSession, claimed: Sequence[ClaimedMessage]) -> None:
        """The workspaces' clients and the DM channels already opened, for a whole claimed
        batch in two reads: ``send`` itself reads nothing."""
        people = {_person(message) for message in claimed}
        now = time.monotonic()
        stale = {team for team, _ in people if not self._cached(team, now)}
        if stale:
            found = await session.scalars(
                select(SlackInstallation).where(SlackInstallation.team_id.in_(stale))
            )
            for installation in found:
                try:
                    self._keep(installation)
                except (InvalidTag, ValueError):  # ``send`` meets it again and says so
                    _log.warning("slack token unreadable", team_id=installation.team_id)
        unknown = [person for person in people if person not in self._opened]
        if unknown:
            opened = await session.execute(
                select(_members.c.team_id, _members.c.user_id, _members.c.dm_channel_id).where(
                    tuple_(_members.c.team_id, _members.c.user_id).in_(unknown),
                    _members.c.dm_channel_id.is_not(None),
                )
            )
            for team_id, user_id, dm_channel_id in opened:
                self._opened[(team_id, user_id)] = dm_channel_id

    async def send(self, message: ClaimedMessage) -> Outcome:
        person = _person(message)
        async with self._in_turn(person):  # messages to one person keep their order
            outcome = await self._send(message, *person)
        self._throughput.record()
        return outcome

    async def _send(self, message: ClaimedMessage, team_id: str, user_id: str) -> Outcome:
        installation = self._cached(team_id, time.monotonic()) or await self._installation(team_id)
        if installation is None or installation[0] != message.tenant_id:
            return Failed(reason="slack_not_installed")
        client = installation[1]
        try:
            channel_id = self._opened.get((team_id, user_id))
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

    @contextlib.asynccontextmanager
    async def _in_turn(self, person: tuple[str, str]) -> AsyncIterator[None]:
        """One message at a time per person, in the order they asked; the lock is dropped
        when nobody waits on it."""
        lock = self._people.get(person)
        if lock is None:
            lock = self._people[person] = asyncio.Lock()
        self._waiting[person] += 1
        try:
            async with lock:
                yield
        finally:
            self._waiting[person] -= 1
            if not self._waiting[person]:
                del self._waiting[person]
                del self._people[person]

    def _cached(self, team_id: str, now: float) -> tuple[UUID, AsyncWebClient] | None:
        """The workspace's tenant and client, kept for a short while (a removed app answers
        ``token_revoked``, which fails the message for good)."""
        cached = self._installations.get(team_id)
        if cached is not None and cached[0] > now:
            return cached[1]
        return None

    def _keep(self, installation: SlackInstallation) -> tuple[UUID, AsyncWebClient]:
        token = self.cipher.decrypt(installation.bot_token_encrypted, team_id=installation.team_id)
        found = (installation.tenant_id, web_client(self.settings, token, self._session))
        expires = time.monotonic() + INSTALLATION_CACHE_SECONDS
        self._installations[installation.team_id] = (expires, found)
        return found

    async def _installation(self, team_id: str) -> tuple[UUID, AsyncWebClient] | None:
        """A workspace ``prepare`` did not find, or whose cached client has expired since."""
        async with self.database.sessions() as session:
            installation = await session.get(SlackInstallation, team_id)
        if installation is None:
            self._installations.pop(team_id, None)
            return None
        return self._keep(installation)

    async def _open_dm(self, client: AsyncWebClient, team_id: str, user_id: str) -> str:
        """``conversations.open`` once per person: the channel id is kept in memory, and on
        the member row when the message is settled (``prepare`` reads it back)."""
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
        now = time.monotonic()
        self._last_post[channel_id] = now
        if len(self._last_post) > PACED_CHANNELS_KEPT:
            self._last_post = {
                channel: at for channel, at in self._last_post.items() if at > now - interval
            }

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
            person = _person(message)
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


def _person(message: ClaimedMessage) -> tuple[str, str]:
    slack = message.content.get("slack") or {}
    return str(slack.get("team_id")), str(slack.get("user_id"))


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
