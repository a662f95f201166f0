"""The consumer: handles messages in transactions with their inbox rows, then acks them.

Messages that arrive together on a channel are handled together: one transaction records
their inbox rows and applies their effects. A redelivered message finds its inbox row and is
acked and skipped. When a batch fails, its messages are handled one by one, so only the
failing one is retried through the TTL tiers (attempts counted in a header) and then
dead-lettered; a message that can never succeed is dead-lettered at once. On stop the consumer
takes no new messages, finishes and acks those it holds, and returns.
"""

import asyncio
import contextlib
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aio_pika.abc import (
    AbstractChannel,
    AbstractIncomingMessage,
    AbstractQueue,
    AbstractRobustConnection,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from chassis import correlation
from chassis.broker import BrokerLink
from chassis.database import Database
from chassis.logs import get_logger
from chassis.messaging import metrics
from chassis.messaging.forwarding import Forwarder, attempt_of, is_replayed, settle
from chassis.messaging.inbox import purge_handled, record_new, was_erased
from chassis.messaging.subscription import DeadLetter, Subscription
from chassis.messaging.topology import declare, subscription_topology
from chassis.settings import MessagingOptions
from contracts.envelope import Envelope, parse_envelope
from contracts.errors import UnreadableEventError

DRAIN_TIMEOUT_SECONDS = 60.0
HOUSEKEEPING_SECONDS = 60.0

_log = get_logger("soket.consumer")


@dataclass(frozen=True)
class Received:
    message: AbstractIncomingMessage
    envelope: Envelope[Any]
    received_at: float

    @property
    def late(self) -> bool:
        """A retry or a replay: it may be about a person erased since it was first sent."""
        return attempt_of(self.message) > 0 or is_replayed(self.message)


class ChannelWorker:
    """Handles, in delivery order, what one channel delivers for one subscription.

    Keeping one worker per channel makes every earlier delivery settled by the time a batch
    commits, so one ``multiple`` ack settles the whole batch.
    """

    def __init__(self, consumer: "Consumer", subscription: Subscription) -> None:
        self.consumer = consumer
        self.subscription = subscription
        self.waiting: asyncio.Queue[AbstractIncomingMessage] = asyncio.Queue()
        self.in_hand = 0
        self.channel: AbstractChannel | None = None

    async def receive(self, message: AbstractIncomingMessage) -> None:
        self.waiting.put_nowait(message)

    async def work(self) -> None:
        while True:
            batch = await self._next_batch()
            self.in_hand = len(batch)
            try:
                readable = [
                    received for message in batch if (received := await self._read(message))
                ]
                if readable:
                    await self.consumer.handle(self.subscription, readable)
            except Exception:  # noqa: BLE001 - a worker that died would strand its channel
                _log.exception("batch failed unexpectedly", queue=self.subscription.queue)
                for message in batch:
                    await settle(lambda message=message: message.nack(requeue=True))
            finally:
                self.in_hand = 0
                for _ in batch:
                    self.waiting.task_done()

    async def _next_batch(self) -> list[AbstractIncomingMessage]:
        """What is waiting, up to a batch; lingers briefly for more once one has come."""
        options = self.consumer.options
        linger = self.subscription.batch_linger_seconds
        if linger is None:
            linger = options.consumer_batch_linger_seconds
        batch = [await self.waiting.get()]
        lingering_until = time.monotonic() + linger
        while len(batch) < options.consumer_batch_size:
            try:
                batch.append(self.waiting.get_nowait())
            except asyncio.QueueEmpty:
                if time.monotonic() >= lingering_until:
                    break
                await asyncio.sleep(0.001)
        return batch

    async def _read(self, message: AbstractIncomingMessage) -> Received | None:
        queue, event_type = self.subscription.queue, message.type or "unknown"
        try:
            envelope = parse_envelope(message.body)
        except UnreadableEventError as error:
            await self.consumer.forwarder.dead_letter(queue, message, event_type, error)
            return None
        if not self.subscription.handles(envelope.type):
            missing = DeadLetter(f"{queue} has no handler for {envelope.type}")
            await self.consumer.forwarder.dead_letter(queue, message, event_type, missing)
            return None
        return Received(message, envelope, time.perf_counter())

    async def drain(self) -> None:
        held = self.in_hand + self.waiting.qsize()
        if held:
            _log.info("finishing messages held", queue=self.subscription.queue, messages=held)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.waiting.join(), timeout=DRAIN_TIMEOUT_SECONDS)


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
        self._forwarder: Forwarder | None = None
        self._parts: list[ChannelWorker] = []

    @property
    def forwarder(self) -> Forwarder:
        if self._forwarder is None:
            raise RuntimeError("the consumer is not running")
        return self._forwarder

    async def run(self, stop: asyncio.Event) -> None:
        connection = await self.broker.open_when_available(stop)
        if connection is None:
            return
        publisher = await connection.channel(publisher_confirms=True)
        self._forwarder = Forwarder(publisher, self.options)
        parts = [
            ChannelWorker(self, subscription)
            for subscription in self.subscriptions
            for _ in range(self.options.consumer_concurrency)
        ]
        workers = [
            asyncio.create_task(part.work(), name=f"consume-{part.subscription.queue}")
            for part in parts
        ]
        workers.append(asyncio.create_task(self._housekeeping(stop), name="inbox-housekeeping"))
        for subscription in self.subscriptions:
            await self._declare(connection, subscription)
        consuming = [await self._consume(connection, part) for part in parts]
        self._parts = parts
        _log.info("consuming", queues=[subscription.queue for subscription in self.subscriptions])
        try:
            await stop.wait()
        finally:
            for queue, consumer_tag in consuming:
                with contextlib.suppress(Exception):
                    await queue.cancel(consumer_tag)
            for part in parts:
                await part.drain()
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            _log.info("stopped consuming")

    async def _declare(
        self, connection: AbstractRobustConnection, subscription: Subscription
    ) -> None:
        async with connection.channel() as channel:
            await declare(channel, subscription_topology(subscription, self.options))

    async def _consume(
        self, connection: AbstractRobustConnection, part: ChannelWorker
    ) -> tuple[AbstractQueue, str]:
        channel = await connection.channel()
        await channel.set_qos(prefetch_count=self.options.consumer_prefetch)
        # Declared (passively) rather than looked up, so the robust channel restores the
        # consumer after a reconnection.
        queue = await channel.declare_queue(part.subscription.queue, passive=True)
        part.channel = channel
        return queue, await queue.consume(part.receive)

    async def ping(self) -> None:
        """Ready once every channel consumes, and again after each reconnection."""
        if not self._parts and self.subscriptions:
            raise ConnectionError("not consuming yet")
        if any(part.channel is None or part.channel.is_closed for part in self._parts):
            raise ConnectionError("a consuming channel is closed")

    async def handle(self, subscription: Subscription, batch: list[Received]) -> None:
        try:
            async with self.database.sessions() as session, session.begin():
                outcomes = await self._apply(session, subscription, batch)
        except Exception as error:  # noqa: BLE001 - any failure of a handler is retried
            if len(batch) > 1:
                for received in batch:  # find the one that fails; the others go through
                    await self.handle(subscription, [received])
                return
            await self._fail(subscription, batch[0], error)
            return
        await settle(lambda: batch[-1].message.ack(multiple=True))
        for received, outcome in zip(batch, outcomes, strict=True):
            event_type = received.envelope.type
            metrics.CONSUMER_MESSAGES.labels(subscription.queue, event_type, outcome).inc()
            metrics.HANDLER_SECONDS.labels(subscription.queue, event_type).observe(
                time.perf_counter() - received.received_at
            )
            if outcome != "handled":
                _bind(received.envelope)
                _log.info(
                    f"message {outcome}",
                    queue=subscription.queue,
                    event_type=event_type,
                    message_id=str(received.envelope.id),
                )

    async def _apply(
        self, session: AsyncSession, subscription: Subscription, batch: list[Received]
    ) -> list[str]:
        new = await record_new(
            session,
            consumer=subscription.queue,
            envelopes=[received.envelope for received in batch],
        )
        outcomes: list[str] = []
        together: dict[str, list[Envelope[Any]]] = defaultdict(list)
        for received in batch:
            envelope = received.envelope
            if envelope.id not in new:
                outcomes.append("duplicate")
            elif received.late and await _about_someone_erased(session, envelope):
                outcomes.append("dropped")
            elif envelope.type in subscription.batch_handlers:
                together[envelope.type].append(envelope)
                outcomes.append("handled")
            else:
                _bind(envelope)
                await subscription.handlers[envelope.type](session, envelope)
                outcomes.append("handled")
        for event_type, envelopes in together.items():
            _bind(envelopes[0])
            await subscription.batch_handlers[event_type](session, envelopes)
        return outcomes

    async def _fail(self, subscription: Subscription, received: Received, error: Exception) -> None:
        _bind(received.envelope)
        queue, event_type = subscription.queue, received.envelope.type
        if isinstance(error, DeadLetter | UnreadableEventError):
            await self.forwarder.dead_letter(queue, received.message, event_type, error)
        else:
            await self.forwarder.retry_later(queue, received.message, event_type, error)

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


def _bind(envelope: Envelope[Any]) -> None:
    """The incoming event's correlation for the logs and for the events its handler publishes."""
    correlation.bind(
        correlation_id=envelope.correlation_id or correlation.new_correlation_id(),
        traceparent=correlation.child_traceparent(envelope.traceparent),
        causation_id=envelope.id,
    )


async def _about_someone_erased(session: AsyncSession, envelope: Envelope[Any]) -> bool:
    if envelope.tenant_id is None or envelope.subject_ref is None:
        return False
    return await was_erased(session, tenant_id=envelope.tenant_id, subject_ref=envelope.subject_ref)
