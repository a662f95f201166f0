"""Dead letters, and looking at them without taking them (``replay.py`` moves them back).

``<queue>.dlq`` holds what a subscription's consumer gave up on; ``<service>.unrouted`` holds
events that no queue was bound for when they were published. A listing shows properties and
headers only, never a body (it may hold personal data).
"""

import asyncio
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import aio_pika
from aio_pika.abc import AbstractConnection, AbstractIncomingMessage, AbstractQueue

from chassis.messaging.forwarding import ATTEMPT_HEADER, ERROR_HEADER, REPLAYED_HEADER
from chassis.messaging.topology import dead_letter_queue

RETURN_WAIT_SECONDS = 2.0


class UnknownQueueError(LookupError):
    """A queue (or the exchange a replay would send to) does not exist."""


@dataclass(frozen=True)
class DeadLetterSummary:
    """One waiting message, described by its properties and headers, never its body."""

    queue: str
    message_id: str | None
    event_type: str | None
    attempts: int
    reason: str | None
    replayed: bool
    occurred_at: datetime | None
    """The message's timestamp, else the envelope's ``occurred_at``; None if unreadable."""
    size: int
    """The body's length in bytes."""

    def age_seconds(self, now: datetime | None = None) -> float | None:
        if self.occurred_at is None:
            return None
        return ((now or datetime.now(UTC)) - self.occurred_at).total_seconds()


def is_unrouted(queue: str) -> bool:
    service, _, rest = queue.partition(".")
    return bool(service) and rest == "unrouted"


def is_dead_letter_queue(queue: str) -> bool:
    return queue.endswith(".dlq") or is_unrouted(queue)


def source_queue(queue: str) -> str:
    """Where ``queue``'s dead letters wait: itself if unrouted or a ``.dlq``, else its ``.dlq``."""
    return queue if is_dead_letter_queue(queue) else dead_letter_queue(queue)


async def dead_letter_queues(rabbitmq_url: str, candidates: Iterable[str]) -> dict[str, int]:
    """Messages ready in each dead-letter queue among ``candidates`` that exists."""
    names = sorted({name for name in candidates if is_dead_letter_queue(name)})
    connection = await aio_pika.connect(rabbitmq_url)
    try:
        depths: dict[str, int] = {}
        for name in names:
            try:
                depths[name] = await queue_depth(connection, name)
            except UnknownQueueError:
                continue
        return depths
    finally:
        await connection.close()


async def list_dead_letters(
    rabbitmq_url: str, queue: str, *, limit: int = 50
) -> list[DeadLetterSummary]:
    """Up to ``limit`` messages of ``queue``'s dead letters, left in place.

    They are fetched unacknowledged and returned (nack, requeue) before this returns. A quorum
    queue counts each return as a delivery; dead-letter queues have no delivery limit.
    """
    name = source_queue(queue)
    connection = await aio_pika.connect(rabbitmq_url)
    try:
        waiting = await queue_depth(connection, name)
        channel = await connection.channel()
        taken, _ = await take_unacked(
            await channel.get_queue(name, ensure=False), min(limit, waiting)
        )
        for message in taken:
            await message.nack(requeue=True)
        await _until_back(connection, name, waiting)
        return [_summary(name, message) for message in taken]
    finally:
        await connection.close()


async def queue_depth(connection: AbstractConnection, queue: str) -> int:
    """Messages ready in ``queue``; a failed passive declaration closes only its own channel."""
    probe = await connection.channel()
    try:
        declared = await probe.declare_queue(queue, passive=True)
    except aio_pika.exceptions.ChannelNotFoundEntity:
        raise UnknownQueueError(f"no queue {queue}") from None
    await probe.close()
    return int(declared.declaration_result.message_count or 0)


async def take_unacked(
    queue: AbstractQueue,
    count: int,
    *,
    stop_at: Callable[[AbstractIncomingMessage], bool] | None = None,
) -> tuple[list[AbstractIncomingMessage], bool]:
    """Up to ``count`` messages, unacknowledged; True if one matched ``stop_at`` (returned)."""
    taken: list[AbstractIncomingMessage] = []
    while len(taken) < count:
        message = await queue.get(no_ack=False, fail=False)
        if message is None:
            break
        if stop_at is not None and stop_at(message):
            await message.nack(requeue=True)
            return taken, True
        taken.append(message)
    return taken, False


async def _until_back(connection: AbstractConnection, queue: str, depth: int) -> None:
    """Waits (briefly) until messages returned unacknowledged are ready again."""
    deadline = time.monotonic() + RETURN_WAIT_SECONDS
    while time.monotonic() < deadline:
        if await queue_depth(connection, queue) >= depth:
            return
        await asyncio.sleep(0.01)


def _summary(queue: str, message: AbstractIncomingMessage) -> DeadLetterSummary:
    headers = message.headers or {}
    attempts = headers.get(ATTEMPT_HEADER)
    return DeadLetterSummary(
        queue=queue,
        message_id=message.message_id,
        event_type=message.type,
        attempts=attempts if isinstance(attempts, int) else 0,
        reason=_reason(headers),
        replayed=bool(headers.get(REPLAYED_HEADER)),
        occurred_at=_occurred_at(message),
        size=len(message.body),
    )


def _reason(headers: Mapping[str, object]) -> str | None:
    """Why the consumer gave up, else why the broker last dead-lettered it (``x-death``)."""
    deaths = headers.get("x-death")
    latest = deaths[0] if isinstance(deaths, list) and deaths else None
    broker = text_of(latest.get("reason")) if isinstance(latest, dict) else None
    return text_of(headers.get(ERROR_HEADER)) or broker


def text_of(value: object) -> str | None:
    if isinstance(value, bytes):
        return value.decode(errors="replace")
    return value if isinstance(value, str) else None


def _occurred_at(message: AbstractIncomingMessage) -> datetime | None:
    when = message.timestamp
    if when is None:
        try:
            envelope = json.loads(message.body)
            text = envelope.get("occurred_at") if isinstance(envelope, dict) else None
            when = datetime.fromisoformat(text) if isinstance(text, str) else None
        except ValueError:
            return None
    if when is None:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
