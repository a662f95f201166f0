"""Erasing a person's (or a client's) messages from the queues where messages wait for people.

Dead letters and events nobody consumed yet are copies of data: an erasure removes them too.
Each queue is read once through; what is not about the person goes back to the queue.
"""

import json
from collections.abc import Sequence
from uuid import UUID

import aio_pika
from aio_pika.abc import AbstractIncomingMessage

from chassis.broker import BrokerLink
from chassis.logs import get_logger

_log = get_logger("soket.dead_letters")


class DeadLetterEraser:
    """Removes messages about someone from ``queues``, over ``broker``."""

    def __init__(self, broker: BrokerLink, queues: Sequence[str]) -> None:
        self.broker = broker
        self.queues = queues

    async def erase(self, *, tenant_id: UUID, subject_ref: str | None) -> int:
        """How many messages about the person (or, without ``subject_ref``, the client) it
        removed. Raises ``ConnectionError`` while the broker is away, so the erasure is retried."""
        connection = self.broker.connection
        if connection is None or connection.is_closed:
            raise ConnectionError("the broker is away: dead letters cannot be erased yet")
        removed = 0
        channel = await connection.channel()
        try:
            for name in self.queues:
                try:
                    queue = await channel.declare_queue(name, passive=True)
                except aio_pika.exceptions.ChannelClosed:
                    # Not declared yet, so nothing waits in it; the broker closed the channel.
                    channel = await connection.channel()
                    continue
                if queue.declaration_result.message_count:
                    removed += await _erase_from(
                        queue, tenant_id=tenant_id, subject_ref=subject_ref
                    )
        finally:
            if not channel.is_closed:
                await channel.close()
        if removed:
            _log.info("erased waiting messages", messages=removed)
        return removed


async def _erase_from(
    queue: aio_pika.abc.AbstractQueue, *, tenant_id: UUID, subject_ref: str | None
) -> int:
    waiting = queue.declaration_result.message_count or 0
    kept: list[AbstractIncomingMessage] = []
    removed = 0
    try:
        for _ in range(waiting):
            message = await queue.get(fail=False)
            if message is None:
                break
            if _is_about(message.body, tenant_id=tenant_id, subject_ref=subject_ref):
                await message.ack()
                removed += 1
            else:
                kept.append(message)
    finally:
        for message in kept:
            await message.nack(requeue=True)
    return removed


def _is_about(body: bytes, *, tenant_id: UUID, subject_ref: str | None) -> bool:
    try:
        envelope = json.loads(body)
    except ValueError:
        return False
    if not isinstance(envelope, dict) or envelope.get("tenant_id") != str(tenant_id):
        return False
    return subject_ref is None or envelope.get("subject_ref") == subject_ref
