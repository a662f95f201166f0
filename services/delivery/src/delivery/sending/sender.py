"""The sender: claims due messages, calls the provider with bounded concurrency, and
settles each outcome in its own short transaction.

A message is *sending* (committed) before its provider call and *sent* after it; a clear
refusal goes back to *queued* with a later attempt; a sender that dies between the call and
the commit leaves the message *sending*, which the sweep turns into *unknown* (logged).
"""

import asyncio
import contextlib
from collections import deque
from collections.abc import Sequence
from datetime import timedelta
from typing import Protocol
from uuid import UUID

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.database import Database
from chassis.logs import get_logger
from contracts.vocabulary import Channel
from delivery.sending.claims import (
    ClaimedMessage,
    claim_due,
    mark_stale_unknown,
    release_unsent,
    settle,
)
from delivery.sending.outcomes import Failed, Outcome, Result, Sent, Unknown
from delivery.settings import SenderSettings

SETTLE_BATCH = 500
SHORT_CLAIM_PAUSE = 0.05
"""After a claim that found fewer messages than it asked for, the next waits this long (or
the poll interval after an empty one), so a trickle is claimed in batches, not one by one."""
SETTLE_LINGER_SECONDS = 0.02
"""While calls are in flight, outcomes gather this long so one transaction settles many."""
SWEEP_SECONDS = 30.0
DATABASE_RETRY_SECONDS = 1.0

_log = get_logger("delivery.sender")


class ChannelSender(Protocol):
    """One channel's provider: sends one claimed message and says what came of it."""

    channel: Channel

    @property
    def concurrency(self) -> int: ...

    @property
    def prefetch(self) -> int:
        """How many messages to claim at once: about half a second of sending."""
        ...

    async def start(self) -> None: ...

    async def prepare(self, session: AsyncSession, claimed: Sequence[ClaimedMessage]) -> None:
        """In the transaction that claims them: reads what sending them needs, for the whole
        batch at once, so that ``send`` itself makes no database round trip."""
        ...

    async def send(self, message: ClaimedMessage) -> Outcome: ...

    async def after_sent(
        self, session: AsyncSession, sent: Sequence[tuple[ClaimedMessage, Sent]]
    ) -> None:
        """In the transaction that marks them sent."""
        ...

    async def after_failure(
        self, session: AsyncSession, failed: Sequence[tuple[ClaimedMessage, Failed]]
    ) -> None:
        """In the transaction that marks them failed."""
        ...

    async def close(self) -> None: ...


class Sender:
    def __init__(
        self,
        *,
        database: Database,
        channels: Sequence[ChannelSender],
        settings: SenderSettings,
    ) -> None:
        self.database = database
        self.channels = {channel.channel: channel for channel in channels}
        self.settings = settings
        self._results: asyncio.Queue[tuple[ClaimedMessage, Result]] = asyncio.Queue()
        self._in_flight: dict[Channel, int] = dict.fromkeys(self.channels, 0)
        self._wake: dict[Channel, asyncio.Event] = {
            channel: asyncio.Event() for channel in self.channels
        }
        """Set when a channel's call ends or its claim returns: its pump has work to do."""
        self._tasks: set[asyncio.Task[None]] = set()
        self.ready = False

    async def run(self, stop: asyncio.Event) -> None:
        for channel in self.channels.values():
            await channel.start()
        settler = asyncio.create_task(self._settle_forever(), name="settle")
        sweeper = asyncio.create_task(self._sweep_forever(stop), name="sweep")
        pumps = [
            asyncio.create_task(self._pump(channel, stop), name=f"pump-{channel.channel}")
            for channel in self.channels.values()
        ]
        self.ready = True
        _log.info("sending", channels=[str(channel) for channel in self.channels])
        try:
            await asyncio.gather(*pumps)
        finally:
            self.ready = False
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)
            await self._results.join()
            settler.cancel()
            sweeper.cancel()
            await asyncio.gather(settler, sweeper, return_exceptions=True)
            for channel in self.channels.values():
                await channel.close()
            _log.info("stopped sending")

    async def ping(self) -> None:
        if not self.ready:
            raise RuntimeError("not sending")

    async def _pump(self, channel: ChannelSender, stop: asyncio.Event) -> None:
        """Claims ``channel.prefetch`` messages at a time, the next claim running while the
        last one's messages are still being sent, so calls never wait for a claim
        transaction; what is still unsent at stop goes back to the queue."""
        loop = asyncio.get_running_loop()
        wake = self._wake[channel.channel]
        waiting: deque[ClaimedMessage] = deque()
        claim: asyncio.Task[list[ClaimedMessage]] | None = None
        claim_after, asked = 0.0, 0
        try:
            while not stop.is_set():
                wake.clear()
                if claim is not None and claim.done():
                    try:
                        claimed = claim.result()
                    except Exception as error:  # noqa: BLE001 - keep sending whatever one claim hit
                        _log.error("cannot claim messages", error_type=type(error).__name__)
                        claimed, claim_after = [], loop.time() + DATABASE_RETRY_SECONDS
                    if len(claimed) < asked:  # the queue ran dry: let the next claim gather
                        pause = self.settings.poll_seconds if not claimed else SHORT_CLAIM_PAUSE
                        claim_after = max(claim_after, loop.time() + pause)
                    waiting.extend(claimed)
                    claim = None
                batch = max(1, min(channel.prefetch, self.settings.claim_batch))
                if claim is None and len(waiting) <= batch // 2 and loop.time() >= claim_after:
                    claim, asked = asyncio.create_task(self._claim(channel, batch)), batch
                    claim.add_done_callback(lambda _: wake.set())
                free = channel.concurrency - self._in_flight[channel.channel]
                for _ in range(min(free, len(waiting))):
                    self._start(channel, waiting.popleft())
                pause = self.settings.poll_seconds
                if claim is None and claim_after > loop.time():
                    pause = min(pause, claim_after - loop.time())
                await _wait_any(stop, wake, within=pause)
        finally:
            if claim is not None:
                with contextlib.suppress(Exception):
                    waiting.extend(await claim)
            if waiting:
                await self._release([message.id for message in waiting])

    def _start(self, channel: ChannelSender, message: ClaimedMessage) -> None:
        self._in_flight[channel.channel] += 1
        task = asyncio.create_task(self._send_one(channel, message))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _release(self, message_ids: list[UUID]) -> None:
        async with self.database.sessions() as session, session.begin():
            await release_unsent(session, message_ids=message_ids)

    async def _claim(self, channel: ChannelSender, limit: int) -> list[ClaimedMessage]:
        async with self.database.sessions() as session, session.begin():
            claimed = await claim_due(session, channel=channel.channel, limit=limit)
            if claimed:
                await channel.prepare(session, claimed)
            return claimed

    async def _send_one(self, channel: ChannelSender, message: ClaimedMessage) -> None:
        try:
            outcome = await channel.send(message)
        except Exception as error:  # noqa: BLE001 - whatever broke, the call may have happened
            _log.error(
                "provider call broke",
                message_id=str(message.id),
                error_type=type(error).__name__,
            )
            outcome = Unknown(reason=type(error).__name__[:64])
        finally:
            self._in_flight[channel.channel] -= 1
            self._wake[channel.channel].set()
        if isinstance(outcome, Unknown):
            _log.warning("message state unknown", message_id=str(message.id), reason=outcome.reason)
        self._results.put_nowait((message, Result(message.id, outcome)))

    async def _settle_forever(self) -> None:
        while True:
            batch = [await self._results.get()]
            if any(self._in_flight.values()) and self._results.qsize() < SETTLE_BATCH:
                await asyncio.sleep(SETTLE_LINGER_SECONDS)
            while not self._results.empty() and len(batch) < SETTLE_BATCH:
                batch.append(self._results.get_nowait())
            while True:
                try:
                    await self._settle(batch)
                    break
                except (OSError, SQLAlchemyError) as error:
                    _log.warning("cannot settle outcomes yet", error_type=type(error).__name__)
                    await asyncio.sleep(DATABASE_RETRY_SECONDS)
            for _ in batch:
                self._results.task_done()

    async def _settle(self, batch: list[tuple[ClaimedMessage, Result]]) -> None:
        async with self.database.sessions() as session, session.begin():
            failed = await settle(session, results=batch, retry_delays=self.settings.retry_delays)
            for channel in self.channels.values():
                sent = [
                    (message, result.outcome)
                    for message, result in batch
                    if message.channel == channel.channel.value and isinstance(result.outcome, Sent)
                ]
                if sent:
                    await channel.after_sent(session, sent)
                mine = [item for item in failed if item[0].channel == channel.channel.value]
                if mine:
                    await channel.after_failure(session, mine)

    async def _sweep_forever(self, stop: asyncio.Event) -> None:
        older_than = timedelta(seconds=self.settings.unknown_after_seconds)
        while not stop.is_set():
            try:
                async with self.database.sessions() as session, session.begin():
                    stale = await mark_stale_unknown(session, older_than=older_than)
                for message_id in stale:
                    _log.warning(
                        "message state unknown",
                        message_id=str(message_id),
                        reason="interrupted_while_sending",
                    )
            except (OSError, SQLAlchemyError) as error:
                _log.warning("cannot sweep", error_type=type(error).__name__)
            await _wait_any(stop, within=SWEEP_SECONDS)


async def _wait_any(*events: asyncio.Event, within: float) -> None:
    waiters = [asyncio.create_task(event.wait()) for event in events]
    try:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(
                asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED), timeout=within
            )
    finally:
        for waiter in waiters:
            waiter.cancel()
