"""The relay: publishes committed outbox rows to the service's exchange, then marks them.

Several relays may run: each claims its batch with ``FOR UPDATE SKIP LOCKED``. A batch is
published with publisher confirms, persistent and mandatory; the rows the broker confirmed are
marked published in the same transaction that claimed them, the others are tried again.
"""

import asyncio
import contextlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import aio_pika
import asyncpg
from aio_pika.abc import AbstractExchange, AbstractRobustConnection
from sqlalchemy import func, select, update
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
        exchange = await self._exchange(connection)
        listener = asyncio.create_task(self._listen(stop), name="outbox-listener")
        housekeeping = asyncio.create_task(self._housekeeping(stop), name="outbox-housekeeping")
        try:
            await self._publish_until(stop, exchange)
        finally:
            for task in (listener, housekeeping):
                task.cancel()
            await asyncio.gather(listener, housekeeping, return_exceptions=True)

    async def _exchange(self, connection: AbstractRobustConnection) -> AbstractExchange:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        exchanges = await declare(channel, producer_topology(self.service, self.options))
        return exchanges[events_exchange(self.service)]

    async def _publish_until(self, stop: asyncio.Event, exchange: AbstractExchange) -> None:
        backoff = 0.0
        while not stop.is_set():
            self._wake.clear()
            try:
                result = await self.publish_batch(exchange)
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

    async def publish_batch(self, exchange: AbstractExchange) -> BatchResult:
        async with self.database.sessions() as session, session.begin():
            rows = (
                await session.execute(
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
            ).all()
            if not rows:
                return BatchResult(published=0, failed=0)
            outcomes = await asyncio.gather(
                *(self._publish_row(exchange, row) for row in rows), return_exceptions=True
            )
            published = [
                row.id for row, outcome in zip(rows, outcomes, strict=True) if outcome is None
            ]
            failed = [
                row.id for row, outcome in zip(rows, outcomes, strict=True) if outcome is not None
            ]
            if published:
                await session.execute(
                    update(outbox_message)
                    .where(outbox_message.c.id.in_(published))
                    .values(published_at=func.now())
                )
            if failed:
                await session.execute(
                    update(outbox_message)
                    .where(outbox_message.c.id.in_(failed))
                    .values(attempts=outbox_message.c.attempts + 1)
                )
        metrics.RELAY_PUBLISHED.labels(self.service).inc(len(published))
        if failed:
            reasons = {_reason(outcome) for outcome in outcomes if outcome is not None}
            for reason in reasons:
                metrics.RELAY_FAILED.labels(self.service, reason).inc(
                    sum(
                        1
                        for outcome in outcomes
                        if outcome is not None and _reason(outcome) == reason
                    )
                )
            _log.warning(
                "publishing failed",
                published=len(published),
                failed=len(failed),
                reasons=sorted(reasons),
            )
        return BatchResult(published=len(published), failed=len(failed))

    async def _publish_row(self, exchange: AbstractExchange, row: Any) -> None:
        """Publishes one claimed ``outbox_message`` row; returns once the broker confirms."""
        await exchange.publish(
            aio_pika.Message(
                row.body,
                message_id=str(row.id),
                type=row.event_type,
                content_type="application/json",
                delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                app_id=self.service,
                timestamp=row.created_at,
            ),
            routing_key=row.event_type,
            mandatory=True,
            timeout=PUBLISH_TIMEOUT_SECONDS,
        )

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


def _reason(error: BaseException) -> str:
    if isinstance(error, aio_pika.exceptions.PublishError):
        return "unroutable"
    if isinstance(error, aio_pika.exceptions.DeliveryError):
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
