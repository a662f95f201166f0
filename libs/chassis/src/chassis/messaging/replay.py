"""Replaying dead letters: each moved back once, acked only after its copy is confirmed.

A ``<queue>.dlq`` goes back to ``<queue>`` through the default exchange, attempts reset;
``<service>.unrouted`` goes back to ``<service>.events`` under each event's type, where it reaches
the queues bound since or waits again.
"""

import asyncio
from dataclasses import dataclass

import aio_pika
from aio_pika.abc import (
    AbstractChannel,
    AbstractConnection,
    AbstractExchange,
    AbstractIncomingMessage,
)

from chassis.messaging.dead_letters import (
    UnknownQueueError,
    is_unrouted,
    queue_depth,
    source_queue,
    take_unacked,
    text_of,
)
from chassis.messaging.forwarding import (
    ATTEMPT_HEADER,
    ERROR_HEADER,
    REPLAYED_HEADER,
    copy_of,
)
from chassis.messaging.topology import events_exchange
from contracts.ids import uuid7

PUBLISH_TIMEOUT_SECONDS = 10.0
REPLAY_BATCH = 100


@dataclass(frozen=True)
class ReplayResult:
    source: str
    target: str
    """The queue (through the default exchange) or the exchange the messages went to."""
    replayed: int
    failed: int
    """Messages left in the source because their copy was not confirmed."""


async def replay(rabbitmq_url: str, queue: str, *, limit: int | None = None) -> ReplayResult:
    """Moves ``queue``'s dead letters back, at most ``limit``, each once.

    A ``.dlq`` goes back to its queue, attempts reset; ``<service>.unrouted`` goes back to
    ``<service>.events``, where it reaches the queues bound since or waits again. Copies carry
    this replay's id in ``x-soket-replayed``: one that comes back here ends the replay.
    """
    source_name = source_queue(queue)
    run = str(uuid7())
    connection = await aio_pika.connect(rabbitmq_url)
    try:
        await queue_depth(connection, source_name)
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        target, exchange = await _target(connection, channel, source_name)
        source = await channel.get_queue(source_name, ensure=False)
        replayed = failed = 0
        came_round = False
        while not (came_round or failed) and (limit is None or replayed < limit):
            wanted = REPLAY_BATCH if limit is None else min(REPLAY_BATCH, limit - replayed)
            batch, came_round = await take_unacked(
                source, wanted, stop_at=lambda message: _replayed_by(message) == run
            )
            if not batch:
                break
            moved = await _move(batch, exchange, target, run)
            replayed, failed = replayed + moved, failed + len(batch) - moved
        return ReplayResult(source_name, target, replayed, failed)
    finally:
        await connection.close()


async def _move(
    batch: list[AbstractIncomingMessage], exchange: AbstractExchange, target: str, run: str
) -> int:
    """Publishes copies of ``batch``; acks those confirmed, returns the others to their queue."""
    outcomes = await asyncio.gather(
        *(
            exchange.publish(
                _replay_copy(message, run),
                routing_key=target if exchange.name == "" else _routing_key(message),
                mandatory=True,
                timeout=PUBLISH_TIMEOUT_SECONDS,
            )
            for message in batch
        ),
        return_exceptions=True,
    )
    moved = 0
    for message, outcome in zip(batch, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            await message.nack(requeue=True)
        else:
            await message.ack()
            moved += 1
    return moved


async def _target(
    connection: AbstractConnection, channel: AbstractChannel, source: str
) -> tuple[str, AbstractExchange]:
    if is_unrouted(source):
        name = events_exchange(source.partition(".")[0])
        probe = await connection.channel()
        try:
            await probe.get_exchange(name, ensure=True)
        except aio_pika.exceptions.ChannelNotFoundEntity:
            raise UnknownQueueError(f"no exchange {name}") from None
        await probe.close()
        return name, await channel.get_exchange(name, ensure=False)
    origin = source.removesuffix(".dlq")
    await queue_depth(connection, origin)
    return origin, channel.default_exchange


def _replayed_by(message: AbstractIncomingMessage) -> str | None:
    return text_of((message.headers or {}).get(REPLAYED_HEADER))


def _routing_key(message: AbstractIncomingMessage) -> str:
    """An unrouted event's type, which is its routing key."""
    return message.type or message.routing_key or ""


def _replay_copy(message: AbstractIncomingMessage, run: str) -> aio_pika.Message:
    headers = {ATTEMPT_HEADER: 0, REPLAYED_HEADER: run}
    return copy_of(message, headers, dropping={ERROR_HEADER})
