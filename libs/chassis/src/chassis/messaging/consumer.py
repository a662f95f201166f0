"""The consumer: handles each message in one transaction with its inbox row, then acks.

A redelivered message finds its inbox row and is acked and skipped. A handler that fails is
retried through the TTL tiers (attempts counted in a header), then dead-lettered; a message
that can never succeed is dead-lettered at once. On stop it takes no new messages, finishes and
acks those it holds, and returns.
"""

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any

import aio_pika
from aio_pika.abc import (
    AbstractChannel,
    AbstractIncomingMessage,
    AbstractQueue,
    AbstractRobustConnection,
)
from sqlalchemy.exc import SQLAlchemyError

from chassis import correlation
from chassis.broker import BrokerLink
from chassis.database import Database
from chassis.logs import get_logger
from chassis.messaging import metrics
from chassis.messaging.inbox import purge_handled, record_once, was_erased
from chassis.messaging.subscription import DeadLetter, Handler, Subscription
from chassis.messaging.topology import (
    dead_letter_queue,
    declare,
    retry_queue,
    subscription_topology,
)
from chassis.redaction import scrub_text
from chassis.settings import MessagingOptions
from contracts.envelope import Envelope, parse_envelope
from contracts.errors import UnreadableEventError

ATTEMPT_HEADER = "x-soket-attempt"
REPLAYED_HEADER = "x-soket-replayed"
ERROR_HEADER = "x-soket-error"

PUBLISH_TIMEOUT_SECONDS = 10.0
DRAIN_TIMEOUT_SECONDS = 60.0
HOUSEKEEPING_SECONDS = 60.0

_log = get_logger("soket.consumer")


class Consumer:
    def __init__(
        self,
        *,
        database: Database,
        broker: BrokerLink,
        subscriptions: Sequence[Subscription],
        options: MessagingOptions,
    ) -> None:
        self.database = database
        self.broker = broker
        self.subscriptions = subscriptions
        self.options = options
        self._limit = asyncio.Semaphore(options.consumer_concurrency)
        self._in_flight: set[asyncio.Task[Any]] = set()
        self._publisher: AbstractChannel | None = None

    async def run(self, stop: asyncio.Event) -> None:
        connection = await self.broker.open_when_available(stop)
        if connection is None:
            return
        self._publisher = await connection.channel(publisher_confirms=True)
        consuming = await self._start_consuming(connection)
        housekeeping = asyncio.create_task(self._housekeeping(stop), name="inbox-housekeeping")
        _log.info("consuming", queues=[queue.name for queue, _ in consuming])
        try:
            await stop.wait()
        finally:
            housekeeping.cancel()
            for queue, consumer_tag in consuming:
                with contextlib.suppress(Exception):
                    await queue.cancel(consumer_tag)
            await self._drain()
            _log.info("stopped consuming")

    async def _start_consuming(
        self, connection: AbstractRobustConnection
    ) -> list[tuple[AbstractQueue, str]]:
        consuming: list[tuple[AbstractQueue, str]] = []
        for subscription in self.subscriptions:
            channel = await connection.channel()
            await channel.set_qos(prefetch_count=self.options.consumer_prefetch)
            await declare(channel, subscription_topology(subscription, self.options))
            queue = await channel.get_queue(subscription.queue, ensure=False)

            async def on_message(
                message: AbstractIncomingMessage, subscription: Subscription = subscription
            ) -> None:
                await self._track(self._receive(subscription, message))

            consuming.append((queue, await queue.consume(on_message)))
        return consuming

    async def _track(self, work: Awaitable[None]) -> None:
        task = asyncio.current_task()
        assert task is not None  # always true inside a consumer callback
        self._in_flight.add(task)
        try:
            await work
        finally:
            self._in_flight.discard(task)

    async def _drain(self) -> None:
        if self._in_flight:
            _log.info("finishing messages held", messages=len(self._in_flight))
            await asyncio.wait(set(self._in_flight), timeout=DRAIN_TIMEOUT_SECONDS)

    async def _receive(self, subscription: Subscription, message: AbstractIncomingMessage) -> None:
        started = time.perf_counter()
        event_type = message.type or "unknown"
        try:
            envelope = parse_envelope(message.body)
        except UnreadableEventError as error:
            await self._dead_letter(subscription, message, event_type, error)
            return
        handler = subscription.handlers.get(envelope.type)
        if handler is None:
            await self._dead_letter(subscription, message, event_type, DeadLetter("no handler"))
            return
        correlation.bind(
            correlation_id=envelope.correlation_id or correlation.new_correlation_id(),
            traceparent=correlation.child_traceparent(envelope.traceparent),
            causation_id=envelope.id,
        )
        headers = message.headers or {}
        attempt = _as_int(headers.get(ATTEMPT_HEADER))
        late = attempt > 0 or bool(headers.get(REPLAYED_HEADER))
        try:
            async with self._limit:
                outcome = await self._apply(subscription, handler, envelope, late=late)
        except (DeadLetter, UnreadableEventError) as error:
            await self._dead_letter(subscription, message, event_type, error)
            return
        except Exception as error:  # noqa: BLE001 - any other failure of a handler is retried
            await self._retry(subscription, message, event_type, attempt, error)
            return
        await _settle(message.ack)
        metrics.CONSUMER_MESSAGES.labels(subscription.queue, event_type, outcome).inc()
        metrics.HANDLER_SECONDS.labels(subscription.queue, event_type).observe(
            time.perf_counter() - started
        )
        if outcome != "handled":
            _log.info(f"message {outcome}", queue=subscription.queue, event_type=event_type)

    async def _apply(
        self, subscription: Subscription, handler: Handler, envelope: Envelope[Any], *, late: bool
    ) -> str:
        async with self.database.sessions() as session, session.begin():
            if (
                late
                and envelope.tenant_id is not None
                and envelope.subject_ref is not None
                and await was_erased(
                    session, tenant_id=envelope.tenant_id, subject_ref=envelope.subject_ref
                )
            ):
                return "dropped"
            first_time = await record_once(
                session,
                consumer=subscription.queue,
                message_id=envelope.id,
                tenant_id=envelope.tenant_id,
                subject_ref=envelope.subject_ref,
            )
            if not first_time:
                return "duplicate"
            await handler(session, envelope)
        return "handled"

    async def _retry(
        self,
        subscription: Subscription,
        message: AbstractIncomingMessage,
        event_type: str,
        attempt: int,
        error: Exception,
    ) -> None:
        delays = self.options.retry_delays
        if attempt >= len(delays):
            await self._dead_letter(subscription, message, event_type, error)
            return
        tier = retry_queue(subscription.queue, delays[attempt])
        _log.warning(
            "handler failed; retrying later",
            queue=subscription.queue,
            event_type=event_type,
            attempt=attempt + 1,
            retry_queue=tier,
            error_type=type(error).__name__,
            error=scrub_text(str(error)),
            exc_info=not isinstance(error, SQLAlchemyError | OSError),
        )
        if await self._forward(message, tier, {ATTEMPT_HEADER: attempt + 1}):
            await _settle(message.ack)
            metrics.CONSUMER_MESSAGES.labels(subscription.queue, event_type, "retried").inc()
        else:
            await _settle(lambda: message.nack(requeue=True))

    async def _dead_letter(
        self,
        subscription: Subscription,
        message: AbstractIncomingMessage,
        event_type: str,
        error: Exception,
    ) -> None:
        reason = f"{type(error).__name__}: {scrub_text(str(error))}"[:500]
        _log.error(
            "message dead-lettered",
            queue=subscription.queue,
            event_type=event_type,
            message_id=message.message_id,
            reason=reason,
        )
        dlq = dead_letter_queue(subscription.queue)
        if await self._forward(message, dlq, {ERROR_HEADER: reason}):
            await _settle(message.ack)
        else:
            # The broker dead-letters it to the same queue, at least once, without the reason.
            await _settle(lambda: message.reject(requeue=False))
        metrics.CONSUMER_MESSAGES.labels(subscription.queue, event_type, "dead_lettered").inc()

    async def _forward(
        self, message: AbstractIncomingMessage, queue: str, headers: dict[str, Any]
    ) -> bool:
        """Publishes a copy to ``queue`` through the default exchange; True once confirmed."""
        if self._publisher is None:
            return False
        try:
            await self._publisher.default_exchange.publish(
                copy_of(message, headers), routing_key=queue, timeout=PUBLISH_TIMEOUT_SECONDS
            )
        except (
            aio_pika.exceptions.AMQPError,
            ConnectionError,
            TimeoutError,
            RuntimeError,
        ) as error:
            _log.warning(
                "could not forward a message", queue=queue, error_type=type(error).__name__
            )
            return False
        return True

    async def _housekeeping(self, stop: asyncio.Event) -> None:
        inbox_retention = timedelta(seconds=self.options.inbox_retention_seconds)
        erasure_memory = timedelta(
            seconds=self.options.dead_letter_ttl_seconds + sum(self.options.retry_delays)
        )
        while not stop.is_set():
            try:
                async with self.database.sessions() as session, session.begin():
                    await purge_handled(
                        session,
                        inbox_older_than=inbox_retention,
                        erasures_older_than=erasure_memory,
                    )
            except (OSError, SQLAlchemyError) as error:
                _log.warning("inbox housekeeping failed", error_type=type(error).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=HOUSEKEEPING_SECONDS)


def copy_of(message: AbstractIncomingMessage, headers: dict[str, Any]) -> aio_pika.Message:
    """The message as received, with ``headers`` added (broker-set ``x-death`` dropped)."""
    kept = {key: value for key, value in (message.headers or {}).items() if key != "x-death"}
    return aio_pika.Message(
        message.body,
        headers={**kept, **headers},
        content_type=message.content_type,
        message_id=message.message_id,
        type=message.type,
        app_id=message.app_id,
        timestamp=message.timestamp,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
    )


async def _settle(action: Callable[[], Awaitable[None]]) -> None:
    """Acks (or nacks); when the channel is gone the broker redelivers and the inbox skips."""
    try:
        await action()
    except (aio_pika.exceptions.AMQPError, ConnectionError, RuntimeError) as error:
        _log.info(
            "acknowledgement lost; the message will come again", error_type=type(error).__name__
        )


def _as_int(value: object) -> int:
    return value if isinstance(value, int) else 0
