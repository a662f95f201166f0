"""The relay: publishes committed outbox rows to the service's exchange, then marks them.

Several relays may run: each claims its batch with ``FOR UPDATE SKIP LOCKED``. A batch is
published with publisher confirms, persistent and mandatory; the rows the broker confirmed are
marked published in the same transaction that claimed them, the others are tried again.
"""

import asyncio
import contextlib
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import aiormq
import asyncpg
from aio_pika.abc import AbstractChannel, AbstractRobustConnection
from sqlalchemy import ARRAY, Select, Uuid, any_, cast, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from chassis.broker import BrokerLink
from chassis.database import Database, plain_dsn
from chassis.logs import get_logger
from chassis.messaging import metrics
from chassis.messaging.outbox import pending_backlog, purge_published
from chassis.messaging.tables import OUTBOX_CHANNEL, outbox_message
from chassis.messaging.topology import declare, events_exchange, producer_topology
from chassis.settings import MessagingOptions

_log = get_logger("soket.relay")

PUBLISH_TIMEOUT_SECONDS = 10.0
PERSISTENT = 2
MAX_BACKOFF_SECONDS = 5.0
HOUSEKEEPING_SECONDS = 10.0


@dataclass
class BatchResult:
    published: int
    failed: int


class Relay:
    def __init__(
        self,
        *,
        service: str,
        database: Database,
        database_url: str,
        broker: BrokerLink,
        options: MessagingOptions,
    ) -> None:
        self.service = service
        self.database = database
        self.database_url = database_url
        self.broker = broker
        self.options = options
        self._wake = asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        connection = await self.broker.open_when_available(stop)
        if connection is None:
            return
        channel = await self._channel(connection)
        listener = asyncio.create_task(self._listen(stop), name="outbox-listener")
        housekeeping = asyncio.create_task(self._housekeeping(stop), name="outbox-housekeeping")
        try:
            await self._publish_until(stop, channel)
        finally:
            for task in (listener, housekeeping):
                task.cancel()
            await asyncio.gather(listener, housekeeping, return_exceptions=True)

    async def _channel(self, connection: AbstractRobustConnection) -> AbstractChannel:
        """A channel with publisher confirms, once the service's exchanges are declared."""
        channel = await connection.channel(publisher_confirms=True)
        await declare(channel, producer_topology(self.service, self.options))
        return channel

    async def _publish_until(self, stop: asyncio.Event, channel: AbstractChannel) -> None:
        backoff = 0.0
        while not stop.is_set():
            self._wake.clear()
            try:
                result = await self.publish_batch(channel)
            except (OSError, SQLAlchemyError) as error:
                _log.warning("outbox unavailable", error_type=type(error).__name__)
                result = BatchResult(published=0, failed=1)
            if result.failed:
                backoff = min(max(backoff * 2, 0.2), MAX_BACKOFF_SECONDS)
                await _sleep_unless(stop, backoff)
                continue
            backoff = 0.0
            if result.published < self.options.relay_batch_size:
                await _wait_for_any(stop, self._wake, within=self.options.relay_poll_seconds)

    async def publish_batch(self, channel: AbstractChannel) -> BatchResult:
        async with self.database.sessions() as session, session.begin():
            rows = (await session.execute(self._claim)).all()
            if not rows:
                return BatchResult(published=0, failed=0)
            underlay = await channel.get_underlay_channel()  # the one open now, after reconnects
            outcomes = await asyncio.gather(
                *(self._publish_row(underlay, row) for row in rows),
                return_exceptions=True,
            )
            published = [row.id for row, error in zip(rows, outcomes, strict=True) if not error]
            failures = [
                (row.id, _reason(error))
                for row, error in zip(rows, outcomes, strict=True)
                if isinstance(error, BaseException)
            ]
            if published:
                await session.execute(
                    update(outbox_message)
                    .where(outbox_message.c.id == any_(cast(published, ARRAY(Uuid))))
                    .values(published_at=func.now())
                )
            if failures:
                await session.execute(
                    update(outbox_message)
                    .where(outbox_message.c.id.in_([row_id for row_id, _ in failures]))
                    .values(attempts=outbox_message.c.attempts + 1)
                )
        metrics.RELAY_PUBLISHED.labels(self.service).inc(len(published))
        if failures:
            reasons = Counter(reason for _, reason in failures)
            for reason, count in reasons.items():
                metrics.RELAY_FAILED.labels(self.service, reason).inc(count)
            _log.warning("publishing failed", published=len(published), failed=dict(reasons))
        return BatchResult(published=len(published), failed=len(failures))

    @property
    def _claim(self) -> Select[Any]:
        return (
            select(
                outbox_message.c.id,
                outbox_message.c.event_type,
                outbox_message.c.body,
                outbox_message.c.created_at,
            )
            .where(outbox_message.c.published_at.is_(None))
            .order_by(outbox_message.c.position)
            .limit(self.options.relay_batch_size)
            .with_for_update(skip_locked=True)
        )

    async def _publish_row(self, channel: aiormq.abc.AbstractChannel, row: Any) -> None:
        """Publishes one claimed ``outbox_message`` row; returns once the broker confirms."""
        confirmation = await channel.basic_publish(
            row.body,
            exchange=events_exchange(self.service),
            routing_key=row.event_type,
            properties=aiormq.spec.Basic.Properties(
                content_type="application/json",
                delivery_mode=PERSISTENT,
                message_id=str(row.id),
                message_type=row.event_type,
                app_id=self.service,
                timestamp=row.created_at,
            ),
            mandatory=True,
            timeout=PUBLISH_TIMEOUT_SECONDS,
            wait=False,  # type: ignore[call-arg]
        )
        if not isinstance(confirmation, aiormq.spec.Basic.Ack):
            raise UnroutableError(row.event_type)  # the broker returned it: nobody took it

    async def _listen(self, stop: asyncio.Event) -> None:
        """Wakes the relay on each outbox insert; polling covers the time it is not listening."""
        while not stop.is_set():
            try:
                connection = await asyncpg.connect(plain_dsn(self.database_url))
            except (OSError, asyncpg.PostgresError):
                await _sleep_unless(stop, MAX_BACKOFF_SECONDS)
                continue
            lost = asyncio.Event()
            connection.add_termination_listener(lambda _connection, lost=lost: lost.set())
            try:
                await connection.add_listener(OUTBOX_CHANNEL, lambda *_: self._wake.set())
                self._wake.set()
                await _wait_for_any(stop, lost)
            finally:
                with contextlib.suppress(Exception):
                    await connection.close(timeout=2)

    async def _housekeeping(self, stop: asyncio.Event) -> None:
        retention = timedelta(seconds=self.options.outbox_retention_seconds)
        while not stop.is_set():
            try:
                async with self.database.sessions() as session, session.begin():
                    purged = await purge_published(session, older_than=retention)
                    pending, oldest_age = await pending_backlog(session)
            except (OSError, SQLAlchemyError) as error:
                _log.warning("outbox housekeeping failed", error_type=type(error).__name__)
            else:
                metrics.OUTBOX_PENDING.labels(self.service).set(pending)
                metrics.OUTBOX_OLDEST_PENDING_SECONDS.labels(self.service).set(oldest_age)
                if purged:
                    _log.info("purged published outbox rows", rows=purged)
            await _sleep_unless(stop, HOUSEKEEPING_SECONDS)


class UnroutableError(Exception):
    """The broker returned a mandatory message: not even the alternate exchange took it."""


def _reason(error: BaseException) -> str:
    if isinstance(error, UnroutableError):
        return "unroutable"
    if isinstance(error, aiormq.exceptions.DeliveryError):
        return "nacked"
    if isinstance(error, TimeoutError):
        return "timeout"
    return "broker_unavailable"


async def _sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


async def _wait_for_any(*events: asyncio.Event, within: float | None = None) -> None:
    waiters = [asyncio.create_task(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, timeout=within, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
